import AuthCheckCore
import AuthCheckHTTP
import Foundation

extension ProbeContext {
    /// The recording HTTP helper for this target.
    var exchanger: Exchanger { Exchanger(transport: transport, redactor: redactor, baseURL: target.url) }

    /// The resolved server profile.
    var server: ServerProfile { profile.profile }

    /// Headers every cvat-sdk request carries (`Accept: application/vnd.cvat+json`) plus `X-Organization`.
    var apiHeaders: [HeaderField] {
        var headers = [HeaderField("Accept", "application/vnd.cvat+json")]
        if let organization = target.organization { headers.append(HeaderField("X-Organization", organization)) }
        return headers
    }

    /// `Origin: <scheme>://<host>[:port]` as cvat-sdk ≥2.41 builds it from the host URL.
    var sdkOrigin: String { Self.origin(of: target.url) }

    static func origin(of url: URL) -> String {
        let scheme = url.scheme ?? "https"
        var origin = "\(scheme)://\(url.host ?? "")"
        if let port = url.port { origin += ":\(port)" }
        return origin
    }

    /// `true` when the target URL is https.
    var isHTTPS: Bool { target.url.scheme?.lowercased() == "https" }

    /// A GET/POST with the SDK's headers plus `extra`.
    func apiRequest(_ method: String, _ role: EndpointRole, headers extra: [HeaderField] = [], json: [String: Any]? = nil) -> HTTPRequestSpec {
        let path = server.endpoint(role)
        if let json { return .json(method, path, json, headers: apiHeaders + extra) }
        return HTTPRequestSpec(method: method, path: path, headers: apiHeaders + extra)
    }

    /// "the profile cvat-2.48 (matrices/servers/cvat-2.48.yaml)" appended to an expectation.
    func cite(_ expectation: String) -> String { "\(expectation) (\(profileCitation))" }
}

/// Keys under which probes share values through ``TargetState``.
enum StateKey {
    /// The ``LoginSession`` from `login.password`.
    static let login = "probes.login.session"
    /// `true` once `credentials.bad` made its one attempt.
    static let badCredentialsAttempted = "probes.credentials.bad.attempted"
    /// The ``AccessTokenEvidence`` from `access-token.lifecycle`.
    static let accessToken = "probes.access-token.evidence"
    /// The ``CSRFEvidence`` from `session.csrf`.
    static let csrf = "probes.session.csrf"
    /// The about response from `about.shape`.
    static let about = "probes.about.response"
    /// `true` once logout ran.
    static let loggedOut = "probes.logout.done"
    /// `true` when `login.password` found the probe account's own password refused.
    static let credentialsRejected = "probes.login.credentials-rejected"
    /// The ``AccountSurveyResult``: the account's personal access tokens, listed once.
    static let accountSurvey = "probes.account.survey"
    /// The ``AccountDedication`` decided from the survey.
    static let accountDedication = "probes.account.dedication"
}

/// The password login shared with later probes: the legacy key, the cookies (RFC 6265 view), and the evidence.
struct LoginSession: Sendable {
    var status: Int
    var key: String?
    /// The login response's cookies, RFC 6265 view (last line for a name wins).
    var setCookies: [SetCookie]
    var response: HTTPResponseData
    var record: ExchangeRecord
    /// What cvat-sdk would load from the same response.
    var python: PythonCookieView

    var cookies: [String: String] {
        var jar: [String: String] = [:]
        for cookie in setCookies where cookie.isValid { jar[cookie.name] = cookie.value }
        return jar
    }

    var sessionID: String? { cookies["sessionid"] }
    var csrfToken: String? { cookies["csrftoken"] }
    var succeeded: Bool { (200..<300).contains(status) }

    /// `Cookie:` header with every login cookie, as a browser or the SDK would send it.
    var cookieHeader: HeaderField? {
        let pairs = setCookies.filter { $0.isValid && !$0.value.isEmpty }.map { "\($0.name)=\($0.value)" }
        return pairs.isEmpty ? nil : HeaderField("Cookie", pairs.joined(separator: "; "))
    }
}

/// Helpers that build outcomes without a cause; outcomes that name one are built by
/// `ProbeContext.fail`/`advice`/`deviation` (cause and remedy always from ``DiagnosisCatalog``).
enum Verdict {
    static func pass(
        _ probe: String, _ name: String, _ message: String, expected: String? = nil, observed: String? = nil,
        evidence: [ExchangeRecord] = [], facts: [String: String] = [:]
    ) -> Outcome {
        Outcome(
            probe: probe, name: name, status: .pass, message: message, expected: expected, observed: observed,
            evidence: evidence, facts: facts)
    }

    static func skipped(_ probe: String, _ name: String, _ reason: String) -> Outcome {
        Outcome(probe: probe, name: name, status: .skipped, message: reason)
    }
}

extension Exchange {
    /// A one-line redacted summary: `POST /api/auth/login → 400 {"non_field_errors":[…]}`.
    var summary: String {
        var text = "\(record.method) \(request.path.split(separator: "?").first.map(String.init) ?? request.path) → \(status)"
        if let location = response.header("Location") { text += " (Location: \(location))" }
        if let media = response.mediaType { text += " \(media)" }
        let body = String(String.UnicodeScalarView((record.responseBody ?? "").unicodeScalars.map { $0 == "\n" ? " " : $0 })).trimmedSpaces
        if !body.isEmpty { text += " " + (body.count > 160 ? String(body.prefix(160)) + "…" : body) }
        return text
    }

    /// `true` when the body is HTML.
    var isHTML: Bool {
        if response.mediaType == "text/html" { return true }
        let start = response.text.prefix(200).lowercased()
        return start.contains("<html") || start.contains("<!doctype html")
    }

    /// `true` when the status and (if given) CVAT's text match an expectation.
    func matches(_ expectation: ResponseExpectation) -> Bool {
        guard status == expectation.status else { return false }
        if let text = expectation.text, !(response.text.contains(text) || (detail ?? "").contains(text)) { return false }
        return true
    }
}
