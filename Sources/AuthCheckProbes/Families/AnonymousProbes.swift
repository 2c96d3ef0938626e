import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `anonymous.denied`: `GET /api/users/self` without credentials is refused with the profile's status,
/// text and `WWW-Authenticate` challenge.
public struct AnonymousDeniedProbe: Probe {
    public static let id = ProbeID.anonymousDenied
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "an anonymous GET of /api/users/self is refused (401, CVAT's text and challenge)",
        phase: .anonymous, needsCredentials: false)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let expectation = context.server.response(.anonymous) ?? ResponseExpectation(status: 401)
        var expectedText = "GET \(context.server.endpoint(.usersSelf)) without credentials → \(expectation.status)"
        if let text = expectation.text { expectedText += " \"\(text)\"" }
        if let challenge = expectation.wwwAuthenticate { expectedText += ", WWW-Authenticate: \(challenge)" }
        let expected = context.cite(expectedText)
        let exchange = try await context.exchanger.send(context.apiRequest("GET", .usersSelf))
        if (200..<300).contains(exchange.status) && !exchange.isHTML {
            return [
                context.fail(
                    Self.id, "users/self refused", "an anonymous request was answered \(exchange.status)",
                    expected: expected, observed: exchange.summary, diagnosis: DiagnosisCatalog.anonymousAllowed, evidence: [exchange.record])
            ]
        }
        guard exchange.matches(expectation) else {
            // Refused differently than documented: advice, unless the answer is a foreign one with its own severity.
            return [
                context.deviation(
                    Self.id, "users/self refused", "anonymous request answered \(exchange.status), expected \(expectation.status)",
                    expected: expected, exchange: exchange, fallback: DiagnosisCatalog.unexpectedAnswer, severity: .pass)
            ]
        }
        if let challenge = expectation.wwwAuthenticate, exchange.response.header("WWW-Authenticate")?.lowercased() != challenge.lowercased() {
            return [
                context.advice(
                    Self.id, "users/self refused",
                    "anonymous request refused, but WWW-Authenticate is \(exchange.response.header("WWW-Authenticate").map { "'\($0)'" } ?? "missing")",
                    expected: expected, observed: exchange.summary, diagnosis: DiagnosisCatalog.unexpectedAnswer, evidence: [exchange.record])
            ]
        }
        return [
            Verdict.pass(
                Self.id, "users/self refused", "anonymous request refused with \(exchange.status)",
                expected: expected, observed: exchange.summary, evidence: [exchange.record])
        ]
    }
}
