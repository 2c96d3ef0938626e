import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation
import Synchronization

/// A personal access token the checker mints: its name is chosen (and its revocation registered)
/// before the create request is sent; its id is known once the server's answer arrives — which it may
/// never do (the run interrupted or the deadline passed while the request was on its way).
final class MintedToken: Sendable {
    let name: MintedTokenName
    /// The probe that mints it.
    let probe: String
    private let knownID = Mutex<Int?>(nil)

    init(name: MintedTokenName, probe: String) {
        self.name = name
        self.probe = probe
    }

    /// The server's id, once the create answer arrived.
    var id: Int? { knownID.withLock { $0 } }

    /// Records the server's id from the create answer.
    func created(id: Int) { knownID.withLock { $0 = id } }

    /// The id of its cleanup in ``TargetState``.
    var cleanupID: String { "\(probe)#\(name.text)" }

    /// Registers the revocation of this token as a cleanup of the target, before it is created; a
    /// revocation that fails is reported as an `error` naming the token.
    func registerCleanup(in context: ProbeContext) async {
        let captured = context
        await context.state.addCleanup(id: cleanupID) { [self] in
            let result = await TokenRevoker.revoke(self, context: captured)
            guard !result.revoked else { return [] }
            return [
                captured.outcomeWith(
                    DiagnosisCatalog.checkerTokenLeftBehind, status: .error, probe, "cleanup",
                    "could not revoke the checker's personal access token '\(name.text)'\(id.map { " (#\($0))" } ?? "") at the end of the target",
                    expected: captured.cite("DELETE \(captured.server.endpoint(.accessTokens))/<id> → 204"),
                    observed: result.evidence.last.map { "\($0.method) \($0.url) → \($0.status.map(String.init) ?? "no answer")" },
                    evidence: result.evidence)
            ]
        }
    }
}

/// Revokes the checker's own personal access tokens with whatever credential still works: the session
/// (until logout), the legacy token, HTTP Basic, and as a last resort a fresh login (logged out again
/// only where logging out may delete the account's legacy token). A token whose id is unknown (its
/// create answer never arrived) is looked up by its name.
enum TokenRevoker {
    /// What a revocation came to: whether the token is gone (revoked now, already gone, or never
    /// created), and the exchanges it took.
    struct Revocation {
        var revoked: Bool
        var evidence: [ExchangeRecord]
    }

    /// Revokes `token`.
    static func revoke(_ token: MintedToken, context: ProbeContext) async -> Revocation {
        await revoke(id: token.id, name: token.name.text, context: context)
    }

    /// Revokes the token `id`, or — when the id is unknown — the token named `name`.
    static func revoke(id: Int?, name: String?, context: ProbeContext) async -> Revocation {
        var evidence: [ExchangeRecord] = []
        for credential in await context.managementCredentials() {
            if await attempt(id: id, name: name, credential: credential, context: context, evidence: &evidence) {
                return Revocation(revoked: true, evidence: evidence)
            }
        }
        // Last resort: a fresh session of our own.
        guard let user = context.credentials.username, let password = context.credentials.password,
            case .success(let login) = await context.exchanger.attempt(
                context.apiRequest("POST", .login, json: ["username": user, "password": password])),
            login.status == 200
        else { return Revocation(revoked: false, evidence: evidence) }
        evidence.append(login.record)
        let session = LoginSession(
            status: login.status, key: login.json?["key"] as? String, setCookies: login.setCookies,
            response: login.response, record: login.record, python: PythonCookieView.sdk(response: login.response))
        let credential: Credential =
            session.sessionID != nil && session.csrfToken != nil ? .session(session) : (session.key.map { .token($0) } ?? .session(session))
        let revoked = await attempt(id: id, name: name, credential: credential, context: context, evidence: &evidence)
        // Logging out deletes the account's one legacy token: only where that harms nobody. Otherwise the
        // fresh session is left to expire, like the probes' own session on a shared account.
        if await context.mayDeleteLegacyToken(),
            case .success(let logout) = await context.exchanger.attempt(
                context.request("POST", path: context.server.endpoint(.logout), credential: credential))
        {
            evidence.append(logout.record)
        }
        return Revocation(revoked: revoked, evidence: evidence)
    }

    /// One try with one credential: find the id by name if needed, then `DELETE`. `true` when the token
    /// is gone (204, or 404: already gone; or no token of that name exists).
    private static func attempt(
        id: Int?, name: String?, credential: Credential, context: ProbeContext, evidence: inout [ExchangeRecord]
    ) async -> Bool {
        var target = id
        if target == nil {
            guard let name else { return false }
            let path = context.server.endpoint(.accessTokens) + "?page_size=100"
            let list: Exchange
            switch await context.exchanger.attempt(context.request("GET", path: path, credential: credential)) {
            case .success(let exchange): list = exchange
            case .failure(let failure):
                evidence.append(failure.record)
                return false
            }
            evidence.append(list.record)
            guard list.status == 200, let results = list.json?["results"] as? [[String: Any]] else { return false }
            guard let found = results.first(where: { $0["name"] as? String == name })?["id"] as? Int else { return true }
            target = found
        }
        guard let target else { return false }
        let path = context.server.endpoint(.accessTokens) + "/\(target)"
        switch await context.exchanger.attempt(context.request("DELETE", path: path, credential: credential)) {
        case .success(let exchange):
            evidence.append(exchange.record)
            return exchange.status == 204 || exchange.status == 404
        case .failure(let failure):
            evidence.append(failure.record)
            return false
        }
    }
}
