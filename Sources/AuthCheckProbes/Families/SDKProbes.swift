import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `sdk.compat`: one typed prediction (``ClientPrediction``) per client line (`matrices/clients/`) and
/// auth mode (password, access token), derived from this run's evidence: the about fields, the cookies
/// Python's `http.cookies` keeps from the login response, the auth method the line uses afterwards
/// (legacy Token, or session + CSRF + Origin), whether a personal access token worked as Bearer, and
/// what stops every client on this URL (an http → https redirect, an unverified account, an unknown
/// organization). Each outcome states the evidence it rests on.
///
/// A predicted break fails the run only for a client the user cares about (``Target/clients``, by
/// default the lines at or below the server's release); other breaks are shown (`skipped`, with the
/// exception) and never fail. A working line whose releases log cvat-sdk's server-version warning is
/// predicted to warn, naming the releases that stay silent.
public struct SDKCompatProbe: Probe {
    public static let id = ProbeID.sdkCompat
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "predicts make_client per cvat-sdk/cvat-cli line and auth mode from the evidence", phase: .analysis,
        needsCredentials: false)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        guard !context.clients.isEmpty else { return [Verdict.skipped(Self.id, "clients", "no client profiles loaded (matrices/clients/)")] }
        let evidence = SDKEvidence(
            earlier: await context.state.outcomes,
            about: await context.state.get(StateKey.about, as: HTTPResponseData.self),
            session: await context.state.get(StateKey.login, as: LoginSession.self),
            csrf: await context.state.get(StateKey.csrf, as: CSRFEvidence.self),
            token: await context.state.get(StateKey.accessToken, as: AccessTokenEvidence.self))
        var outcomes: [Outcome] = []
        for client in context.clients {
            let line = SDKLinePrediction(client: client, context: context, evidence: evidence)
            outcomes.append(line.outcome(for: .password))
            outcomes.append(line.outcome(for: .accessToken))
        }
        return outcomes
    }

    /// The TypeError `make_client` raises when the client's About model needs fields the server lacks.
    static func aboutProblem(_ client: ClientProfile, about: HTTPResponseData?) -> (text: String, evidence: String)? {
        guard let about, about.status == 200, let json = about.jsonObject else { return nil }
        let missing = client.aboutFields.filter { json[$0] == nil }
        guard !missing.isEmpty else { return nil }
        let names = missing.map { "'\($0)'" }.joined(separator: " and ")
        return (
            "About._from_openapi_data() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(names)",
            "/api/server/about has \(json.keys.sorted().joined(separator: ", ")); the client's About model requires \(client.aboutFields.joined(separator: ", "))"
        )
    }
}

/// What `sdk.compat` reads from the probes that ran before it.
struct SDKEvidence: Sendable {
    var earlier: [Outcome]
    var about: HTTPResponseData?
    var session: LoginSession?
    var csrf: CSRFEvidence?
    var token: AccessTokenEvidence?

    /// The first earlier outcome with this cause.
    func first(cause: Diagnosis) -> Outcome? { earlier.first { $0.cause == cause.id && $0.probe != SDKCompatProbe.id } }

    /// `true` when the about request was redirected to https and the run stayed on the http URL.
    var redirectedToHTTPS: Outcome? {
        earlier.first { $0.probe == AboutVersionDetector.probeID && $0.cause == DiagnosisCatalog.httpRedirectsToHTTPS.id && $0.status != .pass }
    }
}

/// One client line's predictions in one target.
struct SDKLinePrediction {
    var client: ResolvedProfile<ClientProfile>
    var context: ProbeContext
    var evidence: SDKEvidence

    private var profile: ClientProfile { client.profile }
    private var label: String { profile.label }
    private var selected: Bool { context.target.selects(client: profile.client, versions: profile.versions, server: context.serverVersion) }

    /// A decided prediction (a break, or a working client) with its evidence.
    private struct Decision {
        var verdict: ClientPrediction.Verdict
        var exception: String?
        var exceptionText: String?
        var step: String?
        var diagnosis: Diagnosis?
        /// What the prediction says, after "<line>, <mode>: ".
        var text: String
        var observed: String
    }

    func outcome(for mode: ClientPrediction.Mode) -> Outcome {
        let name = "\(label), \(mode.rawValue)"
        var facts = ["client": label, "mode": mode.rawValue, "client_profile": client.reference.file]
        if mode == .accessToken {
            guard profile.accessToken.supported else {
                return Verdict.skipped(SDKCompatProbe.id, name, "\(label) has no access_token login (from cvat-sdk 2.48)").adding(facts)
            }
            let state = context.server.state(of: .accessToken)
            guard state.isAccepted else {
                return Verdict.skipped(
                    SDKCompatProbe.id, name, "the server has no personal access tokens (\(state.rawValue) in \(context.profile.profile.id))"
                ).adding(facts)
            }
        }
        let decision = common(mode) ?? (mode == .password ? password() : accessToken())
        var prediction = ClientPrediction(
            client: profile.client, line: label, mode: mode, verdict: decision.verdict, exception: decision.exception,
            exceptionText: decision.exceptionText, step: decision.step, cause: decision.diagnosis?.id, selected: selected)
        var text = decision.text
        if decision.verdict == .works, let server = context.serverVersion, let warning = ClientVersionWindow(profile).warning(server: server) {
            prediction.verdict = .warns
            prediction.warning = warning
            text += "; \(warning)"
        }
        let expected =
            (mode == .password
                ? "make_client(host, credentials=(user, password)), retrieve_self and logout work"
                : "make_client(host, access_token=…), retrieve_self and logout work") + " (client profile \(client.reference.file))"
        facts["prediction"] = prediction.verdict == .breaks ? "breaks" : prediction.verdict.isWorking ? "works" : "unknown"
        if let exception = prediction.exception { facts["exception"] = exception }
        var message = "\(label), \(mode.rawValue): \(text)"
        if prediction.verdict == .breaks, !selected {
            message +=
                " — not a client selected for this target (by default the lines at or below the server's release; select more with `clients:`), so it does not fail the run"
        }
        var outcome = Outcome(
            probe: SDKCompatProbe.id, name: name, status: prediction.status, message: message, expected: expected,
            observed: decision.observed, facts: facts, prediction: prediction)
        if let diagnosis = decision.diagnosis, prediction.verdict == .breaks {
            outcome.cause = diagnosis.id
            outcome.causeText = diagnosis.cause
            outcome.remedy = diagnosis.remedy(serverHasAccessTokens: context.server.state(of: .accessToken).isAccepted && mode == .password)
        }
        return outcome
    }

    /// What stops both modes alike: the client newer than the server, a redirect to https, an unknown organization.
    private func common(_ mode: ClientPrediction.Mode) -> Decision? {
        if let about = SDKCompatProbe.aboutProblem(profile, about: evidence.about) {
            return Decision(
                verdict: .breaks, exception: "TypeError", exceptionText: about.text, step: "make_client",
                diagnosis: DiagnosisCatalog.sdkAboutTypeError, text: "make_client will raise TypeError: \(about.text)", observed: about.evidence)
        }
        if let redirect = evidence.redirectedToHTTPS {
            return Decision(
                verdict: .breaks, exception: "UnauthorizedException", exceptionText: "Status Code: 401", step: "retrieve_self",
                diagnosis: DiagnosisCatalog.httpRedirectsToHTTPS,
                text:
                    "on the http URL every request is redirected to https and urllib3 drops \(mode == .password ? "Cookie" : "Authorization") on the change of scheme: the first authenticated call raises UnauthorizedException (401)\(mode == .password ? ", after the password was sent over plain http" : "")",
                observed: "about.version: \(redirect.message)")
        }
        if let unknown = evidence.first(cause: DiagnosisCatalog.organizationUnknown) {
            let slug = context.target.organization.map { " '\($0)'" } ?? ""
            return Decision(
                verdict: .breaks, exception: "NotFoundException", exceptionText: "Status Code: 404", step: "retrieve_self",
                diagnosis: DiagnosisCatalog.organizationUnknown,
                text: "calls made with organization_slug\(slug) raise NotFoundException (404 \"… organization does not exist.\")",
                observed: "\(unknown.probe): \(unknown.message)")
        }
        return nil
    }

    private func password() -> Decision {
        guard context.credentials.hasPassword else {
            return Decision(
                verdict: .unknown, text: "not predicted: no user name and password configured, so password login was not tried",
                observed: "only a personal access token is configured")
        }
        guard let session = evidence.session else {
            return Decision(
                verdict: .unknown, text: "not predicted: no password login was observed (see login.password)", observed: "login.password did not run")
        }
        guard session.succeeded else {
            if let unverified = evidence.first(cause: DiagnosisCatalog.accountEmailUnverified), unverified.probe == LoginPasswordProbe.id {
                return Decision(
                    verdict: .breaks, exception: "ApiException", exceptionText: "Status Code: 400", step: "make_client",
                    diagnosis: DiagnosisCatalog.accountEmailUnverified,
                    text:
                        "make_client will raise ApiException (400 \"Unverified email\"): this account's password login is refused until its e-mail is verified",
                    observed: "login.password: \(unverified.message)")
            }
            return Decision(
                verdict: .unknown, text: "not predicted: the probe's own password login failed (\(session.status)); see login.password",
                observed: "login answered \(session.status)")
        }
        let jar: [String] = profile.password.cookieParser == "python-simplecookie" ? session.python.cookieNames : Array(session.cookies.keys)
        let rfc = Set(session.cookies.filter { !$0.value.isEmpty }.keys)
        let cookiesObserved =
            "login answered \(session.status); Set-Cookie names: \(rfc.sorted().joined(separator: ", ").ifEmpty("none")); \(session.python.sdkSummary)"
        if profile.password.cookieParser == "python-simplecookie", case .raised = session.python.verdict {
            return Decision(
                verdict: .breaks, exception: "CookieError", exceptionText: session.python.explanation?.token, step: "make_client",
                diagnosis: DiagnosisCatalog.pythonCookieError,
                text:
                    "make_client will raise CookieError (\(session.python.explanation?.text ?? "Python's http.cookies refuses the Set-Cookie header"))",
                observed: cookiesObserved)
        }
        if let missing = profile.password.assertsCookies.first(where: { !jar.contains($0) }) {
            let why =
                rfc.contains(missing)
                ? (session.python.explanation?.text ?? session.python.sdkSummary) : "the \(missing) cookie is missing from the login response"
            return Decision(
                verdict: .breaks, exception: "AssertionError", exceptionText: "assert \"\(missing)\" in self.api_client.cookies", step: "make_client",
                diagnosis: DiagnosisCatalog.sdkCookieAssert, text: "make_client will raise AssertionError (\(why))", observed: cookiesObserved)
        }
        switch profile.password.authenticatesWith {
        case "token":
            let tokenState = context.server.state(of: .token)
            if !tokenState.isAccepted {
                // The SDK also sends the login's session cookie: reads work through it, but the first
                // unsafe request (logout) carries no X-CSRFToken (seen with the real cvat-sdk 2.24.0).
                return Decision(
                    verdict: .breaks, exception: "ForbiddenException", exceptionText: "Status Code: 403", step: "logout",
                    diagnosis: DiagnosisCatalog.sdkLegacyTokenGone,
                    text:
                        "reads work through the session cookie, but unsafe requests (logout first) will raise ForbiddenException 403 "
                        + "\"CSRF Failed: CSRF token missing.\": legacy Token auth is \(tokenState.rawValue) in this release",
                    observed: "\(context.profileCitation): auth.token is \(tokenState.rawValue)")
            }
            if let failed = evidence.earlier.first(where: { $0.probe == TokenLegacyProbe.id && $0.status == .fail }) {
                return Decision(
                    verdict: .breaks, exception: "UnauthorizedException", exceptionText: "Status Code: 401", step: "retrieve_self",
                    diagnosis: DiagnosisCatalog.sdkTokenRefused,
                    text: "requests with `Authorization: Token` will fail (\(failed.message))", observed: "token.legacy: \(failed.message)")
            }
            return Decision(
                verdict: .works,
                text: "make_client will work (cookies \(profile.password.assertsCookies.joined(separator: ", ")) load; then Authorization: Token)",
                observed: "\(session.python.sdkSummary); token.legacy did not fail")
        default:
            if profile.password.sendsOrigin, let csrf = evidence.csrf, csrf.originRefused {
                return Decision(
                    verdict: .breaks, exception: "ForbiddenException", exceptionText: "Status Code: 403", step: "logout",
                    diagnosis: DiagnosisCatalog.sdkOriginRefused,
                    text:
                        "make_client works, but unsafe requests (logout first) will raise ForbiddenException 403 (\(csrf.withOriginDetail ?? "CSRF Origin checking failed"))",
                    observed: "session.csrf with `Origin: \(context.sdkOrigin)` answered \(csrf.withOriginStatus.map(String.init) ?? "?")")
            }
            if let failed = evidence.earlier.first(where: { $0.probe == SessionCookieProbe.id && $0.status == .fail }) {
                return Decision(
                    verdict: .breaks, exception: "UnauthorizedException", exceptionText: "Status Code: 401", step: "retrieve_self",
                    diagnosis: DiagnosisCatalog.sdkTokenRefused,
                    text: "requests with the session cookie will fail (\(failed.message))", observed: "session.cookie: \(failed.message)")
            }
            let csrfNote = evidence.csrf == nil ? "; session.csrf gave no evidence about Origin" : ""
            return Decision(
                verdict: .works,
                text: "make_client will work (cookies load; then session + X-CSRFToken\(profile.password.sendsOrigin ? " + Origin" : ""))",
                observed: "\(session.python.sdkSummary)\(csrfNote)")
        }
    }

    private func accessToken() -> Decision {
        let scheme = profile.accessToken.scheme ?? "Bearer"
        switch evidence.token?.bearerAccepted {
        case true?:
            return Decision(
                verdict: .works, text: "make_client will work (Authorization: \(scheme); no cookies involved)",
                observed: "access-token.lifecycle: a personal access token authenticated as \(scheme)")
        case false?:
            return Decision(
                verdict: .breaks, exception: "UnauthorizedException", exceptionText: "Status Code: 401", step: "retrieve_self",
                diagnosis: DiagnosisCatalog.accessTokenRefused,
                text: "requests will raise UnauthorizedException (401): the server refused a valid personal access token",
                observed: "access-token.lifecycle: a personal access token was refused as \(scheme)")
        case nil:
            if evidence.first(cause: DiagnosisCatalog.accountEmailUnverified) != nil {
                return Decision(
                    verdict: .works,
                    text:
                        "make_client will work with a personal access token the account already has: CVAT does not check e-mail verification for them (seen on real CVAT 2.64)",
                    observed: "no token could be created or tried: the account's e-mail is unverified (see login.password)")
            }
            return Decision(
                verdict: .unknown, text: "not predicted: no personal access token was tried (see access-token.lifecycle)",
                observed: "access-token.lifecycle made no Bearer request")
        }
    }
}

extension Outcome {
    /// The outcome with `extra` facts added.
    func adding(_ extra: [String: String]) -> Outcome {
        var outcome = self
        outcome.facts.merge(extra) { _, new in new }
        return outcome
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
