import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `login.password`: password login in the user-name form (and the e-mail form when an e-mail is
/// configured): status, the legacy `key`, and the cookies the profile says login sets.
///
/// The user-name session is stored for later probes (token, session, CSRF, logout).
public struct LoginPasswordProbe: Probe {
    public static let id = ProbeID.loginPassword
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "password login (user name and e-mail forms): status, legacy key, session cookies", phase: .login)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        guard let username = context.credentials.username, let password = context.credentials.password else {
            return [Verdict.skipped(Self.id, "username form", "no user name and password configured (only an access token)")]
        }
        var outcomes: [Outcome] = []
        let exchange = try await context.exchanger.send(context.apiRequest("POST", .login, json: ["username": username, "password": password]))
        let session = LoginSession(
            status: exchange.status, key: exchange.json?["key"] as? String, setCookies: exchange.setCookies,
            response: exchange.response, record: exchange.record, python: PythonCookieView.sdk(response: exchange.response))
        await context.state.set(StateKey.login, session)
        let judged = Self.judge(exchange, session: session, form: "username", context: context)
        if judged.cause == DiagnosisCatalog.loginRejected.id {
            // A probe-configuration problem: later probes skip instead of failing on the same wrong password.
            await context.state.set(StateKey.credentialsRejected, true)
        }
        outcomes.append(judged)

        if let email = context.credentials.email {
            let identifiers = context.server.login?.identifiers ?? ["username", "email"]
            if identifiers.contains("email") {
                let byEmail = try await context.exchanger.send(context.apiRequest("POST", .login, json: ["email": email, "password": password]))
                var outcome = Self.judge(byEmail, session: nil, form: "email", context: context)
                if outcome.status != .pass, outcome.cause == DiagnosisCatalog.loginRejected.id, session.succeeded {
                    outcome = context.advice(
                        Self.id, "email form", "login with the e-mail form was refused although the user-name form works",
                        expected: outcome.expected, observed: outcome.observed, diagnosis: DiagnosisCatalog.emailLoginRefused,
                        evidence: outcome.evidence)
                }
                outcomes.append(outcome)
            } else {
                outcomes.append(
                    Verdict.skipped(
                        Self.id, "email form",
                        "the profile lists only \(identifiers.joined(separator: ", ")) as login identifiers (\(context.profileCitation))"))
            }
        } else {
            outcomes.append(Verdict.skipped(Self.id, "email form", "no e-mail configured for the probe account (email_env in the targets file)"))
        }
        return outcomes
    }

    /// The cookies the profile says a successful login sets (CVAT's sessionid and csrftoken when it names none).
    static func expectedCookies(_ profile: ServerProfile) -> [String] {
        let listed = profile.login?.setsCookies ?? []
        if !listed.isEmpty { return listed }
        let required = profile.cookies.filter { $0.value.requiredBySDK == true }.map(\.key).sorted()
        return required.isEmpty ? ["csrftoken", "sessionid"] : required
    }

    static func judge(_ exchange: Exchange, session: LoginSession?, form: String, context: ProbeContext) -> Outcome {
        let name = "\(form) form"
        let login = context.server.login ?? LoginExpectation()
        let cookies = expectedCookies(context.server)
        let expected = context.cite(
            "POST \(context.server.endpoint(.login)) with the \(form) → \(login.status)"
                + (login.returnsKey ? " with a legacy token `key`" : "") + ", Set-Cookie for \(cookies.joined(separator: ", "))")
        guard exchange.status == login.status else {
            let message = "login (\(form)) answered \(exchange.status), expected \(login.status)"
            if exchange.status == 400, let bad = context.server.response(.badCredentials), exchange.matches(bad) {
                // The probe account's own credentials are wrong: nothing about the deployment can be decided.
                return context.outcomeWith(
                    DiagnosisCatalog.loginRejected, status: .error, LoginPasswordProbe.id, name,
                    "the probe account's \(form == "email" ? "e-mail address" : "user name") or password was refused (\(exchange.status)): "
                        + "a problem of the checker's configuration, not of the server; the probes that need the account are skipped",
                    expected: expected, observed: exchange.summary, evidence: [exchange.record])
            }
            return context.deviation(
                LoginPasswordProbe.id, name, message, expected: expected, exchange: exchange,
                fallback: DiagnosisCatalog.unexpectedAnswer)
        }
        if exchange.isHTML {
            return context.deviation(
                LoginPasswordProbe.id, name, "login (\(form)) answered \(exchange.status) with an HTML page, not CVAT's JSON",
                expected: expected, exchange: exchange, fallback: DiagnosisCatalog.ssoLoginPage)
        }
        let present = Set(exchange.setCookies.filter { $0.isValid && !$0.value.isEmpty }.map(\.name))
        let missing = cookies.filter { !present.contains($0) }
        let lines = exchange.setCookies.map(\.description)
        let observedCookies = lines.isEmpty ? "no Set-Cookie header at all" : "Set-Cookie: " + lines.joined(separator: " | ")
        if !missing.isEmpty {
            let stripped = cookies.allSatisfy { !present.contains($0) }
            let diagnosis = stripped ? DiagnosisCatalog.setCookieStripped : DiagnosisCatalog.setCookieFiltered
            let keyNote = (exchange.json?["key"] as? String) != nil ? " and a key" : ""
            return context.fail(
                LoginPasswordProbe.id, name,
                "login (\(form)) answered \(exchange.status)\(keyNote) but cookie\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing from the response",
                expected: expected,
                observed:
                    "\(exchange.record.method) \(context.server.endpoint(.login)) → \(exchange.status); \(observedCookies); missing: \(missing.joined(separator: ", "))",
                diagnosis: diagnosis, evidence: [exchange.record], facts: ["missing_cookies": missing.joined(separator: ",")])
        }
        if login.returnsKey, (exchange.json?["key"] as? String)?.isEmpty ?? true {
            return context.fail(
                LoginPasswordProbe.id, name, "login (\(form)) answered \(exchange.status) without a legacy token `key`",
                expected: expected, observed: exchange.summary, diagnosis: DiagnosisCatalog.loginKeyMissing, evidence: [exchange.record])
        }
        return Verdict.pass(
            LoginPasswordProbe.id, name,
            "login (\(form)) answered \(exchange.status)\(login.returnsKey ? " with a key" : "") and set \(cookies.joined(separator: ", "))",
            expected: expected, observed: observedCookies, evidence: [exchange.record])
    }
}
