import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// Names the cause of an answer that is not the one a probe expected, and how severe it is — from the
/// answer itself (status, headers, body) and the profile's documented texts. Only causes with evidence:
/// anything it cannot place is left to the probe's own fallback.
///
/// Severity follows docs/PROBES.md ("Severity"): a 5xx or 429 decides nothing about auth (`error`);
/// a refusal by CVAT's permission rules is the probe account's limit, not the deployment's (`skipped`);
/// an answer that breaks every client on this URL (a redirect to https, a proxy page, an unknown
/// organization, an unverified account) is a `fail`.
struct AnswerClassifier {
    /// A placed answer: the cause and the status it gives the outcome.
    struct Finding {
        var diagnosis: Diagnosis
        var status: OutcomeStatus
    }

    /// The target's profile, for its documented texts; `nil` before a profile is chosen (version
    /// detection), when CVAT's own texts are assumed.
    var profile: ServerProfile?
    /// The target URL the request was made for (to tell an https upgrade from another redirect).
    var targetURL: URL

    /// The finding for `exchange`, or `nil` when the answer looks like CVAT's own, documented kind of answer.
    func finding(_ exchange: Exchange) -> Finding? {
        let status = exchange.status
        let body = exchange.response.text
        if status == 429 { return Finding(diagnosis: DiagnosisCatalog.rateLimited, status: .error) }
        if status >= 500 {
            return Finding(diagnosis: Self.isProxyPage(exchange) ? DiagnosisCatalog.proxyErrorPage : DiagnosisCatalog.serverError, status: .error)
        }
        if (300..<400).contains(status), let location = exchange.response.header("Location") {
            if Self.upgradesToHTTPS(from: requestURL(exchange), location: location) {
                return Finding(diagnosis: DiagnosisCatalog.httpRedirectsToHTTPS, status: .fail)
            }
            return Finding(diagnosis: DiagnosisCatalog.ssoLoginPage, status: .fail)
        }
        if status == 400, body.contains("The plain HTTP request was sent to HTTPS port") {
            return Finding(diagnosis: DiagnosisCatalog.httpToHTTPSPort, status: .fail)
        }
        if status == 404, let detail = exchange.detail, detail.hasSuffix("organization does not exist.") {
            return Finding(diagnosis: DiagnosisCatalog.organizationUnknown, status: .fail)
        }
        if isUnverifiedAccount(exchange) { return Finding(diagnosis: DiagnosisCatalog.accountEmailUnverified, status: .fail) }
        if isPermissionDenied(exchange) { return Finding(diagnosis: DiagnosisCatalog.accountLacksPermission, status: .skipped) }
        if exchange.isHTML {
            if Self.looksLikeLoginPage(exchange) { return Finding(diagnosis: DiagnosisCatalog.ssoLoginPage, status: .fail) }
            if Self.isProxyPage(exchange) { return Finding(diagnosis: DiagnosisCatalog.proxyBlocked, status: .fail) }
        }
        return nil
    }

    /// The cause of a 403 from Django's CSRF check, if the answer is one.
    func csrfCause(_ exchange: Exchange, https: Bool) -> Diagnosis? {
        guard exchange.status == 403, let detail = exchange.detail, detail.hasPrefix("CSRF Failed") else { return nil }
        let origin = profile?.response(.originMismatch)?.text ?? "CSRF Failed: Origin checking failed"
        let referer = profile?.response(.refererMissing)?.text ?? "CSRF Failed: Referer checking failed - no Referer."
        if detail.hasPrefix(origin) { return DiagnosisCatalog.originMismatch }
        if detail.hasPrefix(referer) { return https ? DiagnosisCatalog.refererMissing : DiagnosisCatalog.originMismatch }
        if detail.contains("Referer checking failed") { return DiagnosisCatalog.originMismatch }
        return DiagnosisCatalog.csrfTokenRefused
    }

    /// `true` for CVAT's "You do not have permission to perform this action." (the policy refused).
    func isPermissionDenied(_ exchange: Exchange) -> Bool {
        let text = profile?.response(.permissionDenied)?.text ?? "You do not have permission to perform this action."
        return exchange.status == 403 && exchange.detail == text
    }

    /// `true` for the answers CVAT gives an account whose e-mail is unverified under mandatory verification:
    /// login's 400 `text/html` "Unverified email", Basic's 401 "E-mail is not verified." (≥2.42).
    func isUnverifiedAccount(_ exchange: Exchange) -> Bool {
        let login = profile?.response(.emailUnverified) ?? ResponseExpectation(status: 400, text: "Unverified email")
        if exchange.status == login.status, let text = login.text, exchange.response.text.trimmedWhitespace == text { return true }
        let basic = profile?.response(.basicEmailUnverified) ?? ResponseExpectation(status: 401, text: "E-mail is not verified.")
        if exchange.status == basic.status, let text = basic.text, exchange.detail == text {
            return true
        }
        return false
    }

    private func requestURL(_ exchange: Exchange) -> URL {
        URL(string: exchange.record.url) ?? targetURL
    }

    // MARK: - Shapes of foreign answers

    /// `true` when the answer is a proxy's own page rather than CVAT's: nginx's signature, or an HTML
    /// (or plain-text) gateway error without the marks CVAT's application server leaves (`x-request-id`,
    /// `server: uvicorn`/`gunicorn`, Django's error page, JSON).
    static func isProxyPage(_ exchange: Exchange) -> Bool {
        let text = exchange.response.text.prefix(4096).lowercased()
        if text.contains("<center>nginx") || text.contains("<hr><center>") { return true }
        if exchange.response.header("x-request-id") != nil { return false }
        let server = (exchange.response.header("Server") ?? "").lowercased()
        if ["uvicorn", "gunicorn", "daphne", "wsgiserver"].contains(where: server.hasPrefix) { return false }
        if text.contains("<title>server error (500)</title>") || exchange.json != nil { return false }
        if exchange.isHTML { return true }
        return [502, 503, 504].contains(exchange.status)
    }

    /// `true` when `location` sends an http request to the same host over https.
    static func upgradesToHTTPS(from request: URL, location: String) -> Bool {
        guard request.scheme?.lowercased() == "http",
            let resolved = URL(string: location.trimmedSpaces, relativeTo: request)?.absoluteURL,
            resolved.scheme?.lowercased() == "https"
        else { return false }
        return resolved.host?.lowercased() == request.host?.lowercased()
    }

    /// The https URL a target's http URL redirects to (the target's path kept), if the answer is that redirect.
    static func httpsUpgrade(of target: URL, answer exchange: Exchange) -> URL? {
        guard (300..<400).contains(exchange.status), let location = exchange.response.header("Location"),
            let request = URL(string: exchange.record.url), upgradesToHTTPS(from: request, location: location),
            let resolved = URL(string: location.trimmedSpaces, relativeTo: request)?.absoluteURL,
            var components = URLComponents(url: target, resolvingAgainstBaseURL: false)
        else { return nil }
        components.scheme = "https"
        components.host = resolved.host
        components.port = resolved.port
        return components.url
    }

    static func looksLikeLoginPage(_ exchange: Exchange) -> Bool {
        let text = exchange.response.text.prefix(20_000).lowercased()
        return ["<form", "password", "sign in", "log in", "login", "oauth", "saml", "sso"].contains { text.contains($0) }
    }
}

extension ProbeContext {
    /// The classifier for this target's profile.
    var classifier: AnswerClassifier { AnswerClassifier(profile: server, targetURL: target.url) }

    /// The profile's known defect this answer is, if any (same method, endpoint, status and text, and the
    /// server inside the defect's releases).
    func knownDefect(_ exchange: Exchange) -> (id: String, defect: KnownDefect)? {
        let path = URL(string: exchange.record.url)?.path ?? exchange.request.path
        for (id, defect) in server.defects.sorted(by: { $0.key < $1.key })
        where defect.matches(
            method: exchange.record.method, path: path, status: exchange.status, body: exchange.response.text,
            server: serverVersion, profile: server)
        {
            return (id, defect)
        }
        return nil
    }

    /// The outcome for an answer that is not the one `expected`: a known defect of the release is an
    /// expected failure (`skipped`, named); an answer the classifier places gets its cause and severity;
    /// anything else gets `fallback` with `severity` (`fail` for a break, `pass` for advice).
    func deviation(
        _ probe: String, _ name: String, _ message: String, expected: String, exchange: Exchange,
        fallback: Diagnosis, severity: OutcomeStatus = .fail, evidence: [ExchangeRecord]? = nil,
        facts: [String: String] = [:]
    ) -> Outcome {
        let records = evidence ?? [exchange.record]
        if let (id, defect) = knownDefect(exchange) {
            var outcome = Outcome(
                probe: probe, name: name, status: .skipped,
                message: "expected failure: known CVAT defect '\(id)' (CVAT \(defect.versions)): \(message)",
                expected: expected, observed: exchange.summary, cause: DiagnosisCatalog.knownDefect.id,
                causeText: defect.summary, remedy: "\(DiagnosisCatalog.knownDefect.remedy) (\(defect.source))",
                evidence: records, facts: facts)
            outcome.facts["known_defect"] = id
            return outcome
        }
        if let finding = classifier.finding(exchange) {
            return outcomeWith(
                finding.diagnosis, status: finding.status, probe, name, message, expected: expected,
                observed: exchange.summary, evidence: records, facts: facts)
        }
        return outcomeWith(
            fallback, status: severity, probe, name, message, expected: expected, observed: exchange.summary,
            evidence: records, facts: facts)
    }

    /// A `fail` naming `diagnosis`.
    func fail(
        _ probe: String, _ name: String, _ message: String, expected: String?, observed: String?, diagnosis: Diagnosis,
        evidence: [ExchangeRecord] = [], facts: [String: String] = [:]
    ) -> Outcome {
        outcomeWith(diagnosis, status: .fail, probe, name, message, expected: expected, observed: observed, evidence: evidence, facts: facts)
    }

    /// Advice: a `pass` that names a cause (nothing breaks, but something differs or could be better).
    func advice(
        _ probe: String, _ name: String, _ message: String, expected: String?, observed: String?, diagnosis: Diagnosis,
        evidence: [ExchangeRecord] = [], facts: [String: String] = [:]
    ) -> Outcome {
        outcomeWith(diagnosis, status: .pass, probe, name, message, expected: expected, observed: observed, evidence: evidence, facts: facts)
    }

    /// An outcome with a diagnosis and a status; the remedy offers a personal access token where it
    /// helps and the server has them.
    func outcomeWith(
        _ diagnosis: Diagnosis, status: OutcomeStatus, _ probe: String, _ name: String, _ message: String,
        expected: String?, observed: String?, evidence: [ExchangeRecord], facts: [String: String] = [:]
    ) -> Outcome {
        let text = status == .pass && !message.hasPrefix("advice:") ? "advice: " + message : message
        return Outcome(
            probe: probe, name: name, status: status, message: text, expected: expected, observed: observed,
            cause: diagnosis.id, causeText: diagnosis.cause,
            remedy: diagnosis.remedy(serverHasAccessTokens: server.state(of: .accessToken).isAccepted),
            evidence: evidence, facts: facts)
    }
}
