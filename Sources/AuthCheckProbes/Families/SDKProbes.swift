import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// `sdk.compat`: one prediction per client line (`matrices/clients/`) and auth mode (password,
/// access token), derived from this run's evidence: the about fields, the cookies Python's
/// `http.cookies` keeps from the login response, the auth method the line uses afterwards (legacy
/// Token, or session + CSRF + Origin), and whether a personal access token worked as Bearer. Each
/// outcome states the evidence it rests on; `facts["client"]` and `facts["mode"]` identify the case.
public struct SDKCompatProbe: Probe {
    public static let id = "sdk.compat"
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "predicts make_client per cvat-sdk/cvat-cli line and auth mode from the evidence", phase: .analysis, needsCredentials: false)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        guard !context.clients.isEmpty else { return [Verdict.skipped(Self.id, "clients", "no client profiles loaded (matrices/clients/)")] }
        let earlier = await context.state.outcomes
        let about = await context.state.get(StateKey.about, as: HTTPResponseData.self)
        let session = await context.state.get(StateKey.login, as: LoginSession.self)
        let csrf = await context.state.get(StateKey.csrf, as: CSRFEvidence.self)
        let token = await context.state.get(StateKey.accessToken, as: AccessTokenEvidence.self)
        var outcomes: [Outcome] = []
        for client in context.clients {
            let profile = client.profile
            let label = profile.label
            let aboutProblem = Self.aboutProblem(profile, about: about, profile: context.server)
            outcomes.append(passwordPrediction(profile, label: label, aboutProblem: aboutProblem, session: session, csrf: csrf, earlier: earlier, context: context)
                .with(facts: ["client": label, "mode": "password"], citation: client.reference.file))
            outcomes.append(accessTokenPrediction(profile, label: label, aboutProblem: aboutProblem, token: token, context: context)
                .with(facts: ["client": label, "mode": "access-token"], citation: client.reference.file))
        }
        return outcomes
    }

    /// The TypeError `make_client` raises when the client's About model needs fields the server lacks.
    /// `inherent` is `true` when the profile itself says the server line lacks those fields (the client
    /// line is simply newer than the server: a skew, not a deployment fault).
    static func aboutProblem(_ client: ClientProfile, about: HTTPResponseData?, profile: ServerProfile) -> (message: String, evidence: String, inherent: Bool)? {
        guard let about, about.status == 200, let json = about.jsonObject else { return nil }
        let missing = client.aboutFields.filter { json[$0] == nil }
        guard !missing.isEmpty else { return nil }
        let names = missing.map { "'\($0)'" }.joined(separator: " and ")
        let documented = Set(profile.about?.fields ?? [])
        return ("make_client will raise TypeError: About._from_openapi_data() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(names)",
                "/api/server/about has \(json.keys.sorted().joined(separator: ", ")); the client's About model requires \(client.aboutFields.joined(separator: ", "))",
                missing.allSatisfy { !documented.contains($0) })
    }

    /// The outcome for an about TypeError: `skipped` for an inherent version skew, `fail` when the server should have the fields.
    static func aboutOutcome(_ problem: (message: String, evidence: String, inherent: Bool), name: String, label: String, mode: String, context: ProbeContext) -> Outcome {
        if problem.inherent {
            return Verdict.skipped(Self.id, name, "\(label), \(mode): \(problem.message) — this client line is newer than CVAT \(context.serverVersion.map(\.line) ?? "?") (\(context.profileCitation)); use a client of the server's line")
        }
        return Verdict.fail(Self.id, name, "\(label), \(mode): \(problem.message)", expected: "make_client works", observed: problem.evidence,
                            diagnosis: DiagnosisCatalog.sdkAboutTypeError)
    }

    private func passwordPrediction(_ client: ClientProfile, label: String, aboutProblem: (message: String, evidence: String, inherent: Bool)?, session: LoginSession?,
                                    csrf: CSRFEvidence?, earlier: [Outcome], context: ProbeContext) -> Outcome {
        let name = "\(label), password"
        let expected = "make_client(host, credentials=(user, password)) works"
        if let aboutProblem { return Self.aboutOutcome(aboutProblem, name: name, label: label, mode: "password", context: context) }
        guard let session else { return Verdict.skipped(Self.id, name, "no password login was observed (see login.password)") }
        guard session.succeeded else {
            return Verdict.skipped(Self.id, name, "the probe's own password login failed (\(session.status)); see login.password")
        }
        // The cookie asserts.
        let jar: [String] = client.password.cookieParser == "python-simplecookie"
            ? session.python.cookieNames : Array(session.cookies.keys)
        let rfc = Set(session.cookies.filter { !$0.value.isEmpty }.keys)
        if let missing = client.password.assertsCookies.first(where: { !jar.contains($0) }) {
            let why = rfc.contains(missing) ? session.python.sdkSummary : "\(missing) cookie missing from the login response"
            return Verdict.fail(Self.id, name, "\(label), password: make_client will raise AssertionError (\(why))", expected: expected,
                                observed: "login answered \(session.status); Set-Cookie names: \(rfc.sorted().joined(separator: ", ").ifEmpty("none")); \(session.python.sdkSummary)",
                                diagnosis: DiagnosisCatalog.sdkCookieAssert)
        }
        // What authenticates later requests.
        let window = Self.windowNote(client, server: context.serverVersion)
        switch client.password.authenticatesWith {
        case "token":
            if let failed = earlier.first(where: { $0.probe == TokenLegacyProbe.id && $0.status == .fail }) {
                return Verdict.fail(Self.id, name, "\(label), password: requests with `Authorization: Token` will fail (\(failed.message))", expected: expected,
                                    observed: "token.legacy: \(failed.message)", diagnosis: DiagnosisCatalog.sdkTokenRefused)
            }
            return Verdict.pass(Self.id, name, "\(label), password: make_client will work (cookies \(client.password.assertsCookies.joined(separator: ", ")) load; then Authorization: Token)\(window)",
                                expected: expected, observed: "\(session.python.sdkSummary); token.legacy did not fail")
        default:
            if client.password.sendsOrigin, let csrf, csrf.originRefused {
                return Verdict.fail(Self.id, name, "\(label), password: make_client works, but unsafe requests (e.g. logout) will raise ForbiddenException 403 (\(csrf.withOriginDetail ?? "CSRF Origin checking failed"))",
                                    expected: expected, observed: "session.csrf with `Origin: \(context.sdkOrigin)` answered \(csrf.withOriginStatus.map(String.init) ?? "?")",
                                    diagnosis: DiagnosisCatalog.sdkOriginRefused)
            }
            if let failed = earlier.first(where: { $0.probe == SessionCookieProbe.id && $0.status == .fail }) {
                return Verdict.fail(Self.id, name, "\(label), password: requests with the session cookie will fail (\(failed.message))", expected: expected,
                                    observed: "session.cookie: \(failed.message)", diagnosis: DiagnosisCatalog.sdkTokenRefused)
            }
            let csrfNote = csrf == nil ? "; session.csrf gave no evidence about Origin" : ""
            return Verdict.pass(Self.id, name, "\(label), password: make_client will work (cookies load; then session + X-CSRFToken\(client.password.sendsOrigin ? " + Origin" : ""))\(window)",
                                expected: expected, observed: "\(session.python.sdkSummary)\(csrfNote)")
        }
    }

    private func accessTokenPrediction(_ client: ClientProfile, label: String, aboutProblem: (message: String, evidence: String, inherent: Bool)?,
                                       token: AccessTokenEvidence?, context: ProbeContext) -> Outcome {
        let name = "\(label), access-token"
        guard client.accessToken.supported else {
            return Verdict.skipped(Self.id, name, "\(label) has no access_token login (from cvat-sdk 2.48)")
        }
        let serverState = context.server.state(of: .accessToken)
        guard serverState.isAccepted else {
            return Verdict.skipped(Self.id, name, "the server has no personal access tokens (\(serverState.rawValue) in \(context.profile.profile.id))")
        }
        let expected = "make_client(host, access_token=…) works"
        if let aboutProblem { return Self.aboutOutcome(aboutProblem, name: name, label: label, mode: "access-token", context: context) }
        switch token?.bearerAccepted {
        case true?:
            return Verdict.pass(Self.id, name, "\(label), access-token: make_client will work (Authorization: \(client.accessToken.scheme ?? "Bearer"); no cookies involved)\(Self.windowNote(client, server: context.serverVersion))",
                                expected: expected, observed: "access-token.lifecycle: a personal access token authenticated as Bearer")
        case false?:
            return Verdict.fail(Self.id, name, "\(label), access-token: requests will fail with 401 (the server refused a valid personal access token)", expected: expected,
                                observed: "access-token.lifecycle: a personal access token was refused as Bearer", diagnosis: DiagnosisCatalog.accessTokenRefused)
        case nil:
            return Verdict.skipped(Self.id, name, "no personal access token was tried (see access-token.lifecycle)")
        }
    }

    /// "; the SDK will warn that server X is outside its version window" when it applies.
    static func windowNote(_ client: ClientProfile, server: CVATVersion?) -> String {
        guard let server, let lower = client.versions.lowerBound?.version else { return "" }
        let highestLine = client.versions.upperBound.map { bound -> CVATVersion in
            bound.inclusive ? bound.version : CVATVersion(bound.version.major, max(0, bound.version.minor - 1))
        }
        let newest = (highestLine ?? lower).minor + client.versionWindow
        if server.major != lower.major || server.minor < lower.minor || server.minor > newest {
            return "; the SDK will log a warning that server \(server) is outside its version window"
        }
        return ""
    }
}

extension Outcome {
    /// Adds facts and the client profile file to an SDK prediction.
    func with(facts extra: [String: String], citation: String) -> Outcome {
        var outcome = self
        outcome.facts.merge(extra) { _, new in new }
        outcome.facts["client_profile"] = citation
        if outcome.status != .skipped, let expected = outcome.expected { outcome.expected = "\(expected) (client profile \(citation))" }
        return outcome
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
