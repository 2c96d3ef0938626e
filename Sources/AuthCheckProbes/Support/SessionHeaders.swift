import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// How a probe authenticates a follow-up request with the login's credentials.
enum Credential: Sendable {
    /// The session cookie (+ `X-CSRFToken`, `Origin`, `Referer` on unsafe requests, as cvat-sdk ≥2.41 and browsers do).
    case session(LoginSession)
    /// `Authorization: Token <key>`.
    case token(String)
    /// `Authorization: Basic …`.
    case basic(user: String, password: String)
    /// `Authorization: Bearer <personal access token>`.
    case bearer(String)

    var label: String {
        switch self {
        case .session: "session + CSRF"
        case .token: "legacy Token"
        case .basic: "HTTP Basic"
        case .bearer: "Bearer access token"
        }
    }

    /// Headers for a request with `method` to a target whose SDK origin is `origin`.
    func headers(method: String, origin: String) -> [HeaderField] {
        switch self {
        case .session(let session):
            var headers: [HeaderField] = []
            if let cookie = session.cookieHeader { headers.append(cookie) }
            if !["GET", "HEAD", "OPTIONS"].contains(method.uppercased()) {
                if let csrf = session.csrfToken { headers.append(HeaderField("X-CSRFToken", csrf)) }
                headers.append(HeaderField("Origin", origin))
                headers.append(HeaderField("Referer", origin + "/"))
            }
            return headers
        case .token(let key): return [HeaderField("Authorization", "Token \(key)")]
        case .basic(let user, let password):
            return [HeaderField("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())]
        case .bearer(let value): return [HeaderField("Authorization", "Bearer \(value)")]
        }
    }
}

extension ProbeContext {
    /// The login session, if password login succeeded with both session cookies.
    func loginSession() async -> LoginSession? {
        guard let session = await state.get(StateKey.login, as: LoginSession.self), session.succeeded, session.sessionID != nil else { return nil }
        return session
    }

    /// Credentials able to manage the probe account's own tokens, best first: the session, the legacy
    /// token (where the profile accepts it), HTTP Basic (where accepted).
    func managementCredentials() async -> [Credential] {
        var options: [Credential] = []
        if await state.get(StateKey.loggedOut, as: Bool.self) != true {
            if let session = await loginSession(), session.csrfToken != nil { options.append(.session(session)) }
            if server.state(of: .token).isAccepted, let key = await state.get(StateKey.login, as: LoginSession.self)?.key {
                options.append(.token(key))
            }
        }
        if server.state(of: .basic).isAccepted, await !probeCredentialsRejected(), let user = credentials.username,
            let password = credentials.password
        {
            options.append(.basic(user: user, password: password))
        }
        return options
    }

    /// `true` when `login.password` found the probe account's password refused: the probes that need
    /// the account skip with that reason rather than report the same wrong password as server faults.
    func probeCredentialsRejected() async -> Bool { await state.get(StateKey.credentialsRejected, as: Bool.self) == true }

    /// A request to `path` authenticated with `credential`.
    func request(_ method: String, path: String, credential: Credential?, json: [String: Any]? = nil, extra: [HeaderField] = []) -> HTTPRequestSpec {
        let auth = credential?.headers(method: method, origin: sdkOrigin) ?? []
        if let json { return .json(method, path, json, headers: apiHeaders + auth + extra) }
        return HTTPRequestSpec(method: method, path: path, headers: apiHeaders + auth + extra)
    }
}
