import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// `credentials.bad`: one login attempt with credentials that cannot be valid (an unknown user name
/// and a random password, so no real account collects a failed attempt). CVAT must answer 400 with
/// its "Unable to log in" text — never 200 and never 5xx. One attempt per target per run, never retried.
public struct CredentialsBadProbe: Probe {
    public static let id = "credentials.bad"
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "one login with an unknown user is refused with 400 and CVAT's text (never 200 or 5xx)",
        phase: .anonymous, needsCredentials: false)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        if await context.state.get(StateKey.badCredentialsAttempted, as: Bool.self) == true {
            return [Verdict.skipped(Self.id, "unknown user refused", "the one bad-credentials attempt for this target was already made")]
        }
        await context.state.set(StateKey.badCredentialsAttempted, true)
        let user = "cvat-authcheck-no-such-user-\(UUID().uuidString.prefix(8).lowercased())"
        let password = "not-a-password-\(UUID().uuidString)"
        context.redactor.register(password)
        let expectation = context.server.response(.badCredentials) ?? ResponseExpectation(status: 400)
        let expected = context.cite("POST \(context.server.endpoint(.login)) with an unknown user → \(expectation.status)"
            + (expectation.text.map { " \"\($0)\"" } ?? ""))
        let exchange = try await context.exchanger.send(context.apiRequest("POST", .login, json: ["username": user, "password": password]))
        if exchange.matches(expectation) {
            return [Verdict.pass(Self.id, "unknown user refused", "bad credentials refused with \(exchange.status)",
                                 expected: expected, observed: exchange.summary, evidence: [exchange.record])]
        }
        let diagnosis: Diagnosis
        if (200..<300).contains(exchange.status) && !exchange.isHTML {
            diagnosis = DiagnosisCatalog.badCredentialsAccepted
        } else {
            diagnosis = AnswerClassifier.cause(exchange, fallback: DiagnosisCatalog.unexpectedAnswer)
        }
        return [Verdict.fail(Self.id, "unknown user refused", "bad credentials answered \(exchange.status), expected \(expectation.status)",
                             expected: expected, observed: exchange.summary, diagnosis: diagnosis, evidence: [exchange.record])]
    }
}
