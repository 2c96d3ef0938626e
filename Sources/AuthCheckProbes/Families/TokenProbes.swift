import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `token.legacy`: the legacy key from password login sent as `Authorization: Token <key>` on
/// `/api/users/self` — accepted where the profile says supported or deprecated, refused where removed.
public struct TokenLegacyProbe: Probe {
    public static let id = ProbeID.tokenLegacy
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "the login's legacy key works as `Authorization: Token` (or is refused, per profile)", phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let name = "Token on users/self"
        let state = context.server.state(of: .token)
        guard state != .absent else {
            return [Verdict.skipped(Self.id, name, "the profile does not describe legacy token auth (\(context.profileCitation))")]
        }
        guard let session = await context.state.get(StateKey.login, as: LoginSession.self), let key = session.key, !key.isEmpty else {
            return [Verdict.skipped(Self.id, name, "password login produced no legacy key to test (see login.password)")]
        }
        let scheme = context.server.auth[AuthMethod.token.rawValue]?.scheme ?? "Token"
        let exchange = try await context.exchanger.send(
            context.apiRequest("GET", .usersSelf, headers: [HeaderField("Authorization", "\(scheme) \(key)")]))
        let accepted = exchange.status == 200 && exchange.json?["username"] != nil
        let note = context.server.auth[AuthMethod.token.rawValue]?.note.map { " — \($0)" } ?? ""
        if state.isAccepted {
            let expected = context.cite(
                "GET \(context.server.endpoint(.usersSelf)) with `Authorization: \(scheme) <key>` → 200 (legacy token \(state.rawValue)\(note))")
            if accepted {
                return [
                    Verdict.pass(
                        Self.id, name, "legacy token accepted (\(state.rawValue) in this release line)", expected: expected,
                        observed: exchange.summary, evidence: [exchange.record], facts: ["state": state.rawValue])
                ]
            }
            return [
                context.deviation(
                    Self.id, name, "legacy token refused with \(exchange.status)", expected: expected, exchange: exchange,
                    fallback: DiagnosisCatalog.tokenRefused)
            ]
        }
        let expected = context.cite(
            "GET \(context.server.endpoint(.usersSelf)) with `Authorization: \(scheme) <key>` → refused (legacy token removed\(note))")
        if accepted {
            return [
                context.advice(
                    Self.id, name, "legacy token still accepted although the profile says it is removed", expected: expected,
                    observed: exchange.summary, diagnosis: DiagnosisCatalog.methodStillAccepted, evidence: [exchange.record])
            ]
        }
        return [
            Verdict.pass(
                Self.id, name, "legacy token refused with \(exchange.status), as the profile says", expected: expected,
                observed: exchange.summary, evidence: [exchange.record], facts: ["state": state.rawValue])
        ]
    }
}
