import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `session.cookie`: a GET of `/api/users/self` carrying only the login's `sessionid` cookie.
public struct SessionCookieProbe: Probe {
    public static let id = ProbeID.sessionCookie
    public let descriptor = ProbeDescriptor(id: Self.id, summary: "a GET of /api/users/self with the session cookie alone", phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let name = "session cookie on users/self"
        guard context.server.state(of: .session) != .absent else {
            return [Verdict.skipped(Self.id, name, "the profile does not describe session auth")]
        }
        guard let session = await context.loginSession(), let sessionID = session.sessionID else {
            return [Verdict.skipped(Self.id, name, "password login produced no sessionid cookie (see login.password)")]
        }
        let expected = context.cite("GET \(context.server.endpoint(.usersSelf)) with `Cookie: sessionid=…` only → 200")
        let exchange = try await context.exchanger.send(
            context.request(
                "GET", path: context.server.endpoint(.usersSelf), credential: nil,
                extra: [HeaderField("Cookie", "sessionid=\(sessionID)")]))
        if exchange.status == 200, exchange.json?["username"] != nil {
            return [
                Verdict.pass(
                    Self.id, name, "the session cookie alone authenticates a GET", expected: expected, observed: exchange.summary,
                    evidence: [exchange.record])
            ]
        }
        return [
            context.deviation(
                Self.id, name, "the session cookie was refused with \(exchange.status)", expected: expected, exchange: exchange,
                fallback: DiagnosisCatalog.sessionRefused)
        ]
    }
}

/// What `session.csrf` saw, for `proxy.diagnosis` and `sdk.compat`.
struct CSRFEvidence: Sendable {
    /// Status and detail of the unsafe request carrying the SDK's `Origin`.
    var withOriginStatus: Int?
    var withOriginDetail: String?
    var originRefused: Bool
}

/// `session.csrf`: Django's CSRF check on unsafe requests authenticated by the session cookie, on a
/// request every authenticated user may make whatever their role: `POST /api/auth/login` with an empty
/// body while holding the session (login is `AllowAny`, so CVAT's permission rules never answer; the
/// session authenticator still enforces CSRF; a request past CSRF ends in a 400 validation error and
/// changes nothing). Refused without `X-CSRFToken`, with a wrong one and without the `csrftoken`
/// cookie; past CSRF with it, and with the `Origin` cvat-sdk ≥2.41 sends.
public struct SessionCSRFProbe: Probe {
    public static let id = ProbeID.sessionCSRF
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "unsafe session requests: refused without (or with a wrong) X-CSRFToken, accepted with it and with the SDK's Origin",
        phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        guard context.server.state(of: .session) != .absent else {
            return [Verdict.skipped(Self.id, "without X-CSRFToken", "the profile does not describe session auth")]
        }
        guard let session = await context.loginSession(), let cookie = session.cookieHeader, let sessionID = session.sessionID else {
            return [Verdict.skipped(Self.id, "without X-CSRFToken", "password login produced no session cookies (see login.password)")]
        }
        let path = context.server.endpoint(.login)
        var outcomes: [Outcome] = []

        // Refusals: no token, a wrong token, a token without the cookie.
        let refusals: [(name: String, situation: ResponseSituation, headers: [HeaderField], what: String)] = [
            ("without X-CSRFToken", .csrfMissing, [cookie], "the session cookie and no X-CSRFToken"),
            (
                "with a wrong X-CSRFToken", .csrfIncorrect, [cookie, HeaderField("X-CSRFToken", Self.wrongToken(than: session.csrfToken))],
                "the session cookie and a wrong X-CSRFToken"
            ),
            (
                "X-CSRFToken without the csrftoken cookie", .csrfCookieNotSet,
                [HeaderField("Cookie", "sessionid=\(sessionID)"), HeaderField("X-CSRFToken", session.csrfToken ?? Self.wrongToken(than: nil))],
                "only the sessionid cookie and an X-CSRFToken"
            ),
        ]
        for refusal in refusals {
            if refusal.situation == .csrfMissing || session.csrfToken != nil {
                outcomes.append(
                    try await refused(refusal.name, refusal.situation, headers: refusal.headers, what: refusal.what, path: path, context: context))
            }
        }
        guard let csrf = session.csrfToken else {
            outcomes.append(Verdict.skipped(Self.id, "with X-CSRFToken", "login set no csrftoken cookie to send as X-CSRFToken"))
            outcomes.append(Verdict.skipped(Self.id, "with the SDK's Origin", "login set no csrftoken cookie"))
            return outcomes
        }
        // With X-CSRFToken (and a same-origin Referer, as browsers send): must pass CSRF.
        let token = HeaderField("X-CSRFToken", csrf)
        var tokenHeaders = context.apiHeaders + [cookie, token]
        if context.isHTTPS { tokenHeaders.append(HeaderField("Referer", context.sdkOrigin + "/")) }
        let withToken = try await context.exchanger.send(.json("POST", path, [String: Any](), headers: tokenHeaders))
        outcomes.append(
            judgePassed(
                withToken, name: "with X-CSRFToken", context: context,
                expected: context.cite(
                    "POST \(path) {} with the session cookie and X-CSRFToken → past CSRF (400 for the empty body, nothing changes)")))

        // With the Origin cvat-sdk ≥2.41 sends.
        let withOrigin = try await context.exchanger.send(
            .json("POST", path, [String: Any](), headers: context.apiHeaders + [cookie, token, HeaderField("Origin", context.sdkOrigin)]))
        let originOutcome = judgePassed(
            withOrigin, name: "with the SDK's Origin", context: context,
            expected: context.cite("POST \(path) {} with the session cookie, X-CSRFToken and `Origin: \(context.sdkOrigin)` → past CSRF"))
        outcomes.append(originOutcome)
        await context.state.set(
            StateKey.csrf,
            CSRFEvidence(
                withOriginStatus: withOrigin.status, withOriginDetail: withOrigin.detail,
                originRefused: originOutcome.cause == DiagnosisCatalog.originMismatch.id
                    || originOutcome.cause == DiagnosisCatalog.refererMissing.id))
        return outcomes
    }

    /// One request CSRF must refuse with the profile's answer for `situation`.
    private func refused(
        _ name: String, _ situation: ResponseSituation, headers: [HeaderField], what: String, path: String,
        context: ProbeContext
    ) async throws -> Outcome {
        let expectation = context.server.response(situation) ?? ResponseExpectation(status: 403, text: "CSRF Failed")
        let exchange = try await context.exchanger.send(.json("POST", path, [String: Any](), headers: context.apiHeaders + headers))
        let expected = context.cite("POST \(path) {} with \(what) → \(expectation.status)\(expectation.text.map { " \"\($0)\"" } ?? "")")
        if exchange.matches(expectation) {
            return Verdict.pass(
                Self.id, name, "refused with \(exchange.status)", expected: expected, observed: exchange.summary, evidence: [exchange.record])
        }
        if exchange.status == 400 || (200..<300).contains(exchange.status) {
            return context.fail(
                Self.id, name, "an unsafe session request with \(what) got past CSRF (\(exchange.status))",
                expected: expected, observed: exchange.summary, diagnosis: DiagnosisCatalog.csrfNotEnforced, evidence: [exchange.record])
        }
        // Refused, but with another answer than documented: advice, unless the answer names a cause of its own.
        return context.deviation(
            Self.id, name, "answered \(exchange.status), expected \(expectation.status)", expected: expected, exchange: exchange,
            fallback: DiagnosisCatalog.unexpectedAnswer, severity: exchange.status == 403 ? .pass : .fail)
    }

    /// A well-formed CSRF token (32 characters of Django's alphabet) that differs from `token`.
    static func wrongToken(than token: String?) -> String {
        var candidate = String(repeating: "a", count: 32)
        if candidate == token { candidate = String(repeating: "b", count: 32) }
        return candidate
    }

    private func judgePassed(_ exchange: Exchange, name: String, context: ProbeContext, expected: String) -> Outcome {
        let detail = exchange.detail ?? ""
        if let csrf = context.classifier.csrfCause(exchange, https: context.isHTTPS) {
            return context.fail(
                Self.id, name, "refused with \(exchange.status): \(detail)", expected: expected, observed: exchange.summary,
                diagnosis: csrf, evidence: [exchange.record])
        }
        if exchange.status != 403, exchange.status != 401, exchange.status < 500, exchange.status != 429, !exchange.isHTML,
            !(300..<400).contains(exchange.status)
        {
            return Verdict.pass(
                Self.id, name, "got past CSRF (\(exchange.status))", expected: expected, observed: exchange.summary, evidence: [exchange.record])
        }
        return context.deviation(
            Self.id, name, "refused with \(exchange.status)\(detail.isEmpty ? "" : ": \(detail)")", expected: expected,
            exchange: exchange, fallback: DiagnosisCatalog.csrfTokenRefused)
    }
}
