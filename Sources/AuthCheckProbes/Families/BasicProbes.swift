import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `basic`: `Authorization: Basic` with the probe account on `/api/users/self` — accepted where the
/// profile says supported, refused where removed.
public struct BasicProbe: Probe {
    public static let id = ProbeID.basic
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "HTTP Basic with the probe account on /api/users/self (per profile)", phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let name = "Basic on users/self"
        let state = context.server.state(of: .basic)
        guard state != .absent else {
            return [Verdict.skipped(Self.id, name, "the profile does not describe HTTP Basic (\(context.profileCitation))")]
        }
        guard let user = context.credentials.username, let password = context.credentials.password else {
            return [Verdict.skipped(Self.id, name, "no user name and password configured")]
        }
        if await context.probeCredentialsRejected() {
            return [Verdict.skipped(Self.id, name, "the probe account's password was refused (see login.password)")]
        }
        let exchange = try await context.exchanger.send(
            context.request("GET", path: context.server.endpoint(.usersSelf), credential: .basic(user: user, password: password)))
        let accepted = exchange.status == 200 && exchange.json?["username"] != nil
        if state.isAccepted {
            let expected = context.cite("GET \(context.server.endpoint(.usersSelf)) with `Authorization: Basic` → 200")
            if accepted {
                return [
                    Verdict.pass(Self.id, name, "HTTP Basic accepted", expected: expected, observed: exchange.summary, evidence: [exchange.record])
                ]
            }
            // No cvat-sdk/cvat-cli release authenticates with Basic: a refusal is advice unless the answer names a cause that breaks clients.
            return [
                context.deviation(
                    Self.id, name, "HTTP Basic refused with \(exchange.status)", expected: expected, exchange: exchange,
                    fallback: DiagnosisCatalog.basicRefused, severity: .pass)
            ]
        }
        let expected = context.cite("GET \(context.server.endpoint(.usersSelf)) with `Authorization: Basic` → refused (Basic \(state.rawValue))")
        if accepted {
            return [
                context.advice(
                    Self.id, name, "HTTP Basic accepted although the profile says it is \(state.rawValue)", expected: expected,
                    observed: exchange.summary, diagnosis: DiagnosisCatalog.methodStillAccepted, evidence: [exchange.record])
            ]
        }
        return [
            Verdict.pass(
                Self.id, name, "HTTP Basic refused with \(exchange.status)", expected: expected, observed: exchange.summary,
                evidence: [exchange.record])
        ]
    }
}
