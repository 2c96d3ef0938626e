import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `credentials.bad`: credentials that cannot be valid (an unknown user name and a random password, so
/// no real account collects a failed attempt) are refused: one login attempt — CVAT must answer 400
/// with its "Unable to log in" text, never 200 and never 5xx — and the same unknown user with HTTP
/// Basic on `/api/users/self` (401 "Invalid username/password."). Once per target per run, never retried.
public struct CredentialsBadProbe: Probe {
    public static let id = ProbeID.credentialsBad
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "an unknown user is refused: login 400 with CVAT's text, Basic 401 (never 200 or 5xx)",
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
        var outcomes = [try await login(user: user, password: password, context: context)]
        if context.server.state(of: .basic).isAccepted {
            outcomes.append(try await basic(user: user, password: password, context: context))
        }
        return outcomes
    }

    private func login(user: String, password: String, context: ProbeContext) async throws -> Outcome {
        let name = "unknown user refused"
        let expectation = context.server.response(.badCredentials) ?? ResponseExpectation(status: 400)
        let expected = context.cite(
            "POST \(context.server.endpoint(.login)) with an unknown user → \(expectation.status)"
                + (expectation.text.map { " \"\($0)\"" } ?? ""))
        let exchange = try await context.exchanger.send(context.apiRequest("POST", .login, json: ["username": user, "password": password]))
        // Refused, but not with CVAT's documented answer: advice for a 400, unless a foreign answer names its own cause.
        return judge(
            name, exchange: exchange, expectation: expectation, expected: expected, refused: "bad credentials refused",
            answered: "bad credentials answered", deviation: exchange.status == 400 ? .pass : .fail, context: context)
    }

    private func basic(user: String, password: String, context: ProbeContext) async throws -> Outcome {
        let name = "unknown user refused by Basic"
        let expectation = context.server.response(.invalidBasic) ?? ResponseExpectation(status: 401)
        let path = context.server.endpoint(.usersSelf)
        let expected = context.cite(
            "GET \(path) with HTTP Basic for an unknown user → \(expectation.status)" + (expectation.text.map { " \"\($0)\"" } ?? ""))
        let exchange = try await context.exchanger.send(context.request("GET", path: path, credential: .basic(user: user, password: password)))
        return judge(
            name, exchange: exchange, expectation: expectation, expected: expected, refused: "HTTP Basic with an unknown user refused",
            answered: "HTTP Basic with an unknown user answered", deviation: .pass, context: context)
    }

    /// Pass when CVAT's documented refusal came back; fail when the unknown user got in (a 2xx that is
    /// not an HTML page); otherwise a deviation of `deviation` severity, placed by the answer classifier.
    private func judge(
        _ name: String, exchange: Exchange, expectation: ResponseExpectation, expected: String, refused: String, answered: String,
        deviation: OutcomeStatus, context: ProbeContext
    ) -> Outcome {
        if exchange.matches(expectation) {
            return Verdict.pass(
                Self.id, name, "\(refused) with \(exchange.status)", expected: expected, observed: exchange.summary, evidence: [exchange.record])
        }
        let message = "\(answered) \(exchange.status), expected \(expectation.status)"
        if (200..<300).contains(exchange.status) && !exchange.isHTML {
            return context.fail(
                Self.id, name, message, expected: expected, observed: exchange.summary,
                diagnosis: DiagnosisCatalog.badCredentialsAccepted, evidence: [exchange.record])
        }
        return context.deviation(
            Self.id, name, message, expected: expected, exchange: exchange, fallback: DiagnosisCatalog.unexpectedAnswer, severity: deviation)
    }
}
