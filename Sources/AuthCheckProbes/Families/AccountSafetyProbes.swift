import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// `account.dedicated`: warns when the probe account looks shared with people or other automation.
///
/// The checker logs in, creates and revokes tokens and logs out — and logout deletes the account's
/// legacy token, which every other client of that account shares. So the account must be dedicated
/// to the checker. On CVAT ≥2.48 the probe lists the account's personal access tokens: tokens the
/// checker did not create (names not starting with `cvat-authcheck-`) mean someone else uses the
/// account. The outcome stays `pass` (nothing about the server is wrong) but its message starts with
/// `warning:`, it carries the fact `warning: shared-account`, and the run log gets a warning.
/// Read-only: one `GET`, authenticated by the login session or Basic.
public struct AccountDedicatedProbe: Probe {
    public static let id = "account.dedicated"
    /// Prefix of the token names the checker itself creates.
    public static let ownTokenPrefix = "cvat-authcheck-"
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "warn when the probe account owns access tokens the checker did not create (a shared account)", phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        guard context.server.state(of: .accessToken).isAccepted else {
            return [Verdict.skipped(Self.id, "account is dedicated", "personal access tokens do not exist in this release line, so other users of the account cannot be seen (\(context.profileCitation))")]
        }
        guard let credential = await context.managementCredentials().first else {
            return [Verdict.skipped(Self.id, "account is dedicated", "no working login credential to list the account's tokens with (see login.password)")]
        }
        let path = context.server.endpoint(.accessTokens) + "?page_size=100"
        let list = try await context.exchanger.send(context.request("GET", path: path, credential: credential))
        guard list.status == 200, let results = list.json?["results"] as? [[String: Any]] else {
            return [Verdict.error(Self.id, "account is dedicated", "listing the account's access tokens answered \(list.status)",
                                  observed: list.summary, diagnosis: AnswerClassifier.foreignCause(list), evidence: [list.record])]
        }
        let names = results.compactMap { $0["name"] as? String }
        let others = names.filter { !$0.hasPrefix(Self.ownTokenPrefix) }
        let total = (list.json?["count"] as? Int) ?? results.count
        if others.isEmpty {
            return [Verdict.pass(Self.id, "account is dedicated", "the probe account owns no access tokens besides the checker's own (\(total) in total)",
                                 observed: list.summary, evidence: [list.record], facts: ["account.other_tokens": "0"])]
        }
        let shown = others.prefix(5).map { "'\(String($0.prefix(40)))'" }.joined(separator: ", ") + (others.count > 5 ? ", …" : "")
        let message = "warning: the probe account looks shared: it owns \(others.count) access token(s) the checker did not create (\(shown)); "
            + "logout.invalidates deletes the account's legacy token and would sign out other clients — use an account dedicated to the checker"
        context.logger.warning("\(context.target.name): \(message)")
        return [Verdict.pass(Self.id, "account is dedicated", message, observed: list.summary, evidence: [list.record],
                             facts: ["warning": "shared-account", "account.other_tokens": String(others.count)])]
    }
}
