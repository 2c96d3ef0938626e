import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// Revokes the probe's own personal access tokens with whatever credential still works: the session
/// (until logout), the legacy token, HTTP Basic, and as a last resort a fresh login whose session is
/// logged out again afterwards.
enum TokenRevoker {
    /// Revokes token `id`; returns the exchanges tried and whether it is gone (204, or 404: already gone).
    static func revoke(id: Int, context: ProbeContext) async -> (revoked: Bool, evidence: [ExchangeRecord]) {
        let path = context.server.endpoint(.accessTokens) + "/\(id)"
        var evidence: [ExchangeRecord] = []
        for credential in await context.managementCredentials() {
            if case .success(let exchange) = await context.exchanger.attempt(context.request("DELETE", path: path, credential: credential)) {
                evidence.append(exchange.record)
                if exchange.status == 204 || exchange.status == 404 { return (true, evidence) }
            }
        }
        // Last resort: a fresh session of our own, logged out again afterwards.
        guard let user = context.credentials.username, let password = context.credentials.password,
            case .success(let login) = await context.exchanger.attempt(
                context.apiRequest("POST", .login, json: ["username": user, "password": password])),
            login.status == 200
        else { return (false, evidence) }
        evidence.append(login.record)
        let session = LoginSession(
            status: login.status, key: login.json?["key"] as? String, setCookies: login.setCookies,
            response: login.response, record: login.record, python: PythonCookieView.sdk(response: login.response))
        var revoked = false
        let credential: Credential =
            session.sessionID != nil && session.csrfToken != nil ? .session(session) : (session.key.map { .token($0) } ?? .session(session))
        if case .success(let exchange) = await context.exchanger.attempt(context.request("DELETE", path: path, credential: credential)) {
            evidence.append(exchange.record)
            revoked = exchange.status == 204 || exchange.status == 404
        }
        if case .success(let logout) = await context.exchanger.attempt(
            context.request("POST", path: context.server.endpoint(.logout), credential: credential))
        {
            evidence.append(logout.record)
        }
        return (revoked, evidence)
    }
}
