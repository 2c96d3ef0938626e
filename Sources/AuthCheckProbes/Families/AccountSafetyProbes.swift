import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `account.dedicated`: advice when the probe account looks shared with people or other automation.
///
/// The checker logs in, creates and revokes tokens and logs out — and logout deletes the account's
/// legacy token, which every other client of that account shares. So the account must be dedicated
/// to the checker. On CVAT ≥2.48 the probe lists the account's personal access tokens (with the login
/// session, the legacy token, Basic, or — in a run with only a personal access token — that token as
/// Bearer), keeps those the account itself owns (`owner` is the account, read from `/api/users/self`:
/// an admin's list may hold other users' tokens on 2.48), and calls the account shared when it owns
/// tokens the checker did not create (names not starting with `cvat-authcheck-`). The outcome stays
/// `pass` (nothing about the server is wrong) with the cause `shared-account` as advice, and the run
/// log gets a warning. Read-only: two `GET`s.
public struct AccountDedicatedProbe: Probe {
    public static let id = ProbeID.accountDedicated
    /// Prefix of the token names the checker itself creates.
    public static let ownTokenPrefix = "cvat-authcheck-"
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "advice when the probe account owns access tokens the checker did not create (a shared account)", phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let name = "account is dedicated"
        guard context.server.state(of: .accessToken).isAccepted else {
            return [
                Verdict.skipped(
                    Self.id, name,
                    "personal access tokens do not exist in this release line, so other users of the account cannot be seen (\(context.profileCitation))"
                )
            ]
        }
        var credentials = await context.managementCredentials()
        if let token = context.credentials.accessToken { credentials.append(.bearer(token)) }
        guard let credential = credentials.first else {
            return [Verdict.skipped(Self.id, name, "no working credential to list the account's tokens with (see login.password)")]
        }
        let me = try await context.exchanger.send(context.request("GET", path: context.server.endpoint(.usersSelf), credential: credential))
        guard me.status == 200, let owner = me.json?["id"] as? Int else {
            return [
                context.deviation(
                    Self.id, name, "reading the probe account (\(credential.label)) answered \(me.status)",
                    expected: context.cite("GET \(context.server.endpoint(.usersSelf)) → 200"),
                    exchange: me, fallback: DiagnosisCatalog.unexpectedAnswer, severity: .error)
            ]
        }
        let path = context.server.endpoint(.accessTokens) + "?page_size=100"
        let list = try await context.exchanger.send(context.request("GET", path: path, credential: credential))
        guard list.status == 200, let results = list.json?["results"] as? [[String: Any]] else {
            return [
                context.deviation(
                    Self.id, name, "listing the account's access tokens (\(credential.label)) answered \(list.status)",
                    expected: context.cite("GET \(path) → 200"), exchange: list, fallback: DiagnosisCatalog.unexpectedAnswer, severity: .error,
                    evidence: [me.record, list.record])
            ]
        }
        let owned = results.filter { token in
            guard let tokenOwner = token["owner"] as? [String: Any] else { return true }
            return (tokenOwner["id"] as? Int) == owner
        }
        let names = owned.compactMap { $0["name"] as? String }
        let others = names.filter { !$0.hasPrefix(Self.ownTokenPrefix) }
        let foreign = results.count - owned.count
        let note = foreign > 0 ? "; \(foreign) token(s) of other users in the list were left out" : ""
        if others.isEmpty {
            return [
                Verdict.pass(
                    Self.id, name, "the probe account owns no access tokens besides the checker's own (\(owned.count) of its own)\(note)",
                    observed: list.summary, evidence: [me.record, list.record], facts: ["account.other_tokens": "0"])
            ]
        }
        let shown = others.prefix(5).map { "'\(String($0.prefix(40)))'" }.joined(separator: ", ") + (others.count > 5 ? ", …" : "")
        let message = "the probe account looks shared: it owns \(others.count) access token(s) the checker did not create (\(shown))\(note)"
        context.logger.warning("\(context.target.name): \(message)")
        return [
            context.advice(
                Self.id, name, message, expected: "an account used only by the checker", observed: list.summary,
                diagnosis: DiagnosisCatalog.sharedAccount, evidence: [me.record, list.record],
                facts: ["warning": "shared-account", "account.other_tokens": String(others.count)])
        ]
    }
}
