import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// `session.cookie`: a GET of `/api/users/self` carrying only the login's `sessionid` cookie.
public struct SessionCookieProbe: Probe {
    public static let id = "session.cookie"
    public let descriptor = ProbeDescriptor(id: Self.id, summary: "a GET of /api/users/self with the session cookie alone", phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let name = "session cookie on users/self"
        guard context.server.state(of: .session) != .absent else { return [Verdict.skipped(Self.id, name, "the profile does not describe session auth")] }
        guard let session = await context.loginSession(), let sessionID = session.sessionID else {
            return [Verdict.skipped(Self.id, name, "password login produced no sessionid cookie (see login.password)")]
        }
        let expected = context.cite("GET \(context.server.endpoint(.usersSelf)) with `Cookie: sessionid=…` only → 200")
        let exchange = try await context.exchanger.send(context.request("GET", path: context.server.endpoint(.usersSelf), credential: nil,
                                                                        extra: [HeaderField("Cookie", "sessionid=\(sessionID)")]))
        if exchange.status == 200, exchange.json?["username"] != nil {
            return [Verdict.pass(Self.id, name, "the session cookie alone authenticates a GET", expected: expected, observed: exchange.summary, evidence: [exchange.record])]
        }
        return [Verdict.fail(Self.id, name, "the session cookie was refused with \(exchange.status)", expected: expected, observed: exchange.summary,
                             diagnosis: AnswerClassifier.cause(exchange, fallback: DiagnosisCatalog.sessionRefused), evidence: [exchange.record])]
    }
}

/// What `session.csrf` saw, for `proxy.diagnosis` and `sdk.compat`.
struct CSRFEvidence: Sendable {
    /// Status and detail of the unsafe request carrying the SDK's `Origin`.
    var withOriginStatus: Int?
    var withOriginDetail: String?
    var originRefused: Bool
}

/// `session.csrf`: an unsafe request (`POST /api/projects` with an empty body, so nothing is ever created:
/// CSRF is checked before validation and a passing request ends in 400) authenticated by the session
/// cookie — refused without `X-CSRFToken`, accepted past CSRF with it, and with the `Origin` the SDK sends.
public struct SessionCSRFProbe: Probe {
    public static let id = "session.csrf"
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "unsafe session requests: refused without X-CSRFToken, accepted with it and with the SDK's Origin", phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        guard context.server.state(of: .session) != .absent else { return [Verdict.skipped(Self.id, "without X-CSRFToken", "the profile does not describe session auth")] }
        guard let session = await context.loginSession(), let cookie = session.cookieHeader else {
            return [Verdict.skipped(Self.id, "without X-CSRFToken", "password login produced no session cookies (see login.password)")]
        }
        let path = context.server.endpoint(.writeProbe)
        var outcomes: [Outcome] = []

        // 1. Without X-CSRFToken: must be refused.
        let missing = context.server.response(.csrfMissing) ?? ResponseExpectation(status: 403, text: "CSRF Failed")
        let bare = try await context.exchanger.send(.json("POST", path, [String: Any](), headers: context.apiHeaders + [cookie]))
        let missingExpected = context.cite("POST \(path) with the session cookie and no X-CSRFToken → \(missing.status)\(missing.text.map { " \"\($0)\"" } ?? "")")
        if bare.status == missing.status {
            outcomes.append(Verdict.pass(Self.id, "without X-CSRFToken", "refused with \(bare.status)", expected: missingExpected, observed: bare.summary, evidence: [bare.record]))
        } else if bare.status == 400 || (200..<300).contains(bare.status) {
            outcomes.append(Verdict.fail(Self.id, "without X-CSRFToken", "an unsafe session request without X-CSRFToken got past CSRF (\(bare.status))",
                                         expected: missingExpected, observed: bare.summary, diagnosis: DiagnosisCatalog.csrfNotEnforced, evidence: [bare.record]))
        } else {
            outcomes.append(Verdict.fail(Self.id, "without X-CSRFToken", "answered \(bare.status), expected \(missing.status)", expected: missingExpected,
                                         observed: bare.summary, diagnosis: AnswerClassifier.cause(bare, fallback: DiagnosisCatalog.unexpectedAnswer), evidence: [bare.record]))
        }

        guard let csrf = session.csrfToken else {
            outcomes.append(Verdict.skipped(Self.id, "with X-CSRFToken", "login set no csrftoken cookie to send as X-CSRFToken"))
            outcomes.append(Verdict.skipped(Self.id, "with the SDK's Origin", "login set no csrftoken cookie"))
            return outcomes
        }
        // 2. With X-CSRFToken (and a same-origin Referer, as browsers send): must pass CSRF.
        let token = HeaderField("X-CSRFToken", csrf)
        var tokenHeaders = context.apiHeaders + [cookie, token]
        if context.isHTTPS { tokenHeaders.append(HeaderField("Referer", context.sdkOrigin + "/")) }
        let withToken = try await context.exchanger.send(.json("POST", path, [String: Any](), headers: tokenHeaders))
        outcomes.append(judgePassed(withToken, name: "with X-CSRFToken", context: context,
                                    expected: context.cite("POST \(path) with the session cookie and X-CSRFToken → past CSRF (400 for the empty body, nothing created)")))

        // 3. With the Origin cvat-sdk ≥2.41 sends.
        let withOrigin = try await context.exchanger.send(.json("POST", path, [String: Any](), headers: context.apiHeaders + [cookie, token, HeaderField("Origin", context.sdkOrigin)]))
        let originOutcome = judgePassed(withOrigin, name: "with the SDK's Origin", context: context,
                                        expected: context.cite("POST \(path) with the session cookie, X-CSRFToken and `Origin: \(context.sdkOrigin)` → past CSRF"))
        outcomes.append(originOutcome)
        await context.state.set(StateKey.csrf, CSRFEvidence(withOriginStatus: withOrigin.status, withOriginDetail: withOrigin.detail,
                                                            originRefused: originOutcome.status == .fail && withOrigin.status == 403))
        return outcomes
    }

    private func judgePassed(_ exchange: Exchange, name: String, context: ProbeContext, expected: String) -> Outcome {
        let detail = exchange.detail ?? ""
        if exchange.status != 403, exchange.status < 500, !exchange.isHTML, exchange.status != 401, exchange.status != 429 {
            return Verdict.pass(Self.id, name, "got past CSRF (\(exchange.status))", expected: expected, observed: exchange.summary, evidence: [exchange.record])
        }
        let diagnosis = AnswerClassifier.csrfCause(exchange, https: context.isHTTPS)
            ?? AnswerClassifier.cause(exchange, fallback: DiagnosisCatalog.unexpectedAnswer)
        return Verdict.fail(Self.id, name, "refused with \(exchange.status)\(detail.isEmpty ? "" : ": \(detail)")", expected: expected,
                            observed: exchange.summary, diagnosis: diagnosis, evidence: [exchange.record])
    }
}
