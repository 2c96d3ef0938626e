import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// One personal access token of the probe account, as the token list shows it.
struct AccountToken: Hashable, Sendable {
    var id: Int
    var name: String
    /// `created_date`; `nil` when absent or unreadable.
    var created: Date?
}

/// The probe account's personal access tokens (CVAT ≥2.48), listed once per target and shared by
/// `account.dedicated`, `account.leftovers` and `logout.invalidates`.
struct AccountSurvey: Sendable {
    /// The tokens the account owns (an admin's list on 2.48 holds other users' tokens too; they are left out).
    var owned: [AccountToken]
    /// How many tokens of other users the list held.
    var othersInList: Int
    /// The id of the configured personal access token (the user's token for the checker), if there is one.
    var configuredTokenID: Int?
    /// The server's time when it answered the list: its `Date` header; without one, the checker's clock
    /// less five minutes, so a checker whose clock runs ahead never takes a live token for a leftover.
    var now: Date
    /// The requests the survey made.
    var evidence: [ExchangeRecord]
    /// The list answer in one line.
    var observed: String

    /// The account's tokens sorted by who made them, for this run (`runID`).
    func census(runID: String) -> AccountTokenCensus {
        var census = AccountTokenCensus()
        for token in owned {
            if token.id == configuredTokenID {
                census.forChecker.append(token)
            } else if let minted = MintedTokenName.parse(token.name) {
                if minted.runID == runID {
                    census.thisRun.append(token)
                } else if let created = token.created, minted.isLeftover(created: created, now: now) {
                    census.leftovers.append((token, minted))
                } else {
                    census.concurrent.append((token, minted))
                }
            } else if token.name.hasPrefix(MintedTokenName.prefix) {
                census.forChecker.append(token)
            } else {
                census.others.append(token)
            }
        }
        return census
    }
}

/// The probe account's tokens sorted by who made them.
struct AccountTokenCensus: Sendable {
    /// Tokens the checker did not make and that are not for it: someone else uses the account.
    var others: [AccountToken] = []
    /// Tokens made for the checker: the configured one, and names starting with `cvat-authcheck-` that
    /// the checker did not mint (e.g. `cvat-authcheck-nightly`). Never revoked.
    var forChecker: [AccountToken] = []
    /// Tokens this run minted.
    var thisRun: [AccountToken] = []
    /// Tokens earlier runs minted whose hold has passed: no run uses them any more.
    var leftovers: [(token: AccountToken, name: MintedTokenName)] = []
    /// Tokens other runs minted that are still within their hold (or whose age cannot be read): a run
    /// of the checker may be using them right now.
    var concurrent: [(token: AccountToken, name: MintedTokenName)] = []
}

/// Whether the probe account is used by the checker alone, as far as the server lets one see.
enum AccountDedication: Sendable {
    /// Nothing but the checker uses the account.
    case dedicated
    /// Something else uses it; the text says what was seen.
    case shared(String)
    /// It cannot be told; the text says why.
    case unknown(String)

    var isDedicated: Bool {
        if case .dedicated = self { return true }
        return false
    }
}

/// What the survey of the account's tokens came to.
enum AccountSurveyResult: Sendable {
    case surveyed(AccountSurvey)
    /// The tokens could not be listed: why (one phrase), and the outcome that says so when the answer
    /// itself is worth reporting (an error page, a refusal), `nil` when nothing was asked.
    case unavailable(reason: String, outcome: Outcome?)
}

extension ProbeContext {
    /// The survey of the account's tokens, made on first use and kept for the target.
    func accountSurvey() async throws -> AccountSurveyResult {
        if let cached = await state.get(StateKey.accountSurvey, as: AccountSurveyResult.self) { return cached }
        let result = try await takeAccountSurvey()
        await state.set(StateKey.accountSurvey, result)
        return result
    }

    /// Whether the account is dedicated to the checker (from the survey), kept for the target so every
    /// probe and cleanup decides alike.
    func accountDedication() async -> AccountDedication {
        if let cached = await state.get(StateKey.accountDedication, as: AccountDedication.self) { return cached }
        let dedication: AccountDedication
        do {
            switch try await accountSurvey() {
            case .unavailable(let reason, _): dedication = .unknown(reason)
            case .surveyed(let survey): dedication = Self.dedication(of: survey.census(runID: runID), now: survey.now)
            }
        } catch {
            dedication = .unknown("listing the account's personal access tokens failed (\(redactor.redact("\(error)")))")
        }
        await state.set(StateKey.accountDedication, dedication)
        return dedication
    }

    /// Whether this target's probes may log a session out, which deletes the account's one legacy token:
    /// on a dedicated account, or when the target allows a shared one. Only what is already known counts
    /// (nothing is asked), so a cleanup never logs out on an account that was not shown to be dedicated.
    func mayDeleteLegacyToken() async -> Bool {
        if target.allowSharedAccount { return true }
        return await state.get(StateKey.accountDedication, as: AccountDedication.self)?.isDedicated == true
    }

    static func dedication(of census: AccountTokenCensus, now: Date) -> AccountDedication {
        if !census.others.isEmpty {
            return .shared(
                "it owns \(census.others.count) personal access token(s) the checker did not create (\(quoted(census.others.map(\.name))))")
        }
        if let live = census.concurrent.first {
            let age = live.token.created.map { " created \(Int(now.timeIntervalSince($0).rounded())) s ago" } ?? ""
            return .shared(
                "another run of the checker is using it right now (its token '\(live.name.text)'\(age) is within its hold of \(live.name.holdSeconds) s)"
            )
        }
        return .dedicated
    }

    /// Up to five names in quotes, cut to 50 characters each (the longest name CVAT keeps).
    static func quoted(_ names: [String]) -> String {
        names.prefix(5).map { "'\(String($0.prefix(50)))'" }.joined(separator: ", ") + (names.count > 5 ? ", …" : "")
    }

    private func takeAccountSurvey() async throws -> AccountSurveyResult {
        guard server.state(of: .accessToken).isAccepted else {
            return .unavailable(
                reason:
                    "CVAT before 2.48 has no personal access tokens to list, and the legacy token every client of the account shares cannot be seen (login returns the existing key whether or not another client holds it)",
                outcome: nil)
        }
        var credentials = await managementCredentials()
        if let token = self.credentials.accessToken { credentials.append(.bearer(token)) }
        guard let credential = credentials.first else {
            return .unavailable(reason: "there was no working credential to list the account's tokens with (see login.password)", outcome: nil)
        }
        let probe = AccountDedicatedProbe.id
        let name = AccountDedicatedProbe.caseName
        let me = try await exchanger.send(request("GET", path: server.endpoint(.usersSelf), credential: credential))
        guard me.status == 200, let owner = me.json?["id"] as? Int else {
            return .unavailable(
                reason: "reading the probe account (\(credential.label)) answered \(me.status)",
                outcome: deviation(
                    probe, name, "reading the probe account (\(credential.label)) answered \(me.status)",
                    expected: cite("GET \(server.endpoint(.usersSelf)) → 200"), exchange: me, fallback: DiagnosisCatalog.unexpectedAnswer,
                    severity: .error))
        }
        let path = server.endpoint(.accessTokens) + "?page_size=100"
        let list = try await exchanger.send(request("GET", path: path, credential: credential))
        guard list.status == 200, let results = list.json?["results"] as? [[String: Any]] else {
            return .unavailable(
                reason: "listing the account's personal access tokens (\(credential.label)) answered \(list.status)",
                outcome: deviation(
                    probe, name, "listing the account's access tokens (\(credential.label)) answered \(list.status)",
                    expected: cite("GET \(path) → 200"), exchange: list, fallback: DiagnosisCatalog.unexpectedAnswer, severity: .error,
                    evidence: [me.record, list.record]))
        }
        var evidence = [me.record, list.record]
        var configuredTokenID: Int?
        if let configured = self.credentials.accessToken,
            case .success(let own) = await exchanger.attempt(request("GET", path: server.endpoint(.accessTokenSelf), credential: .bearer(configured)))
        {
            evidence.append(own.record)
            if own.status == 200 { configuredTokenID = own.json?["id"] as? Int }
        }
        let owned = results.filter { token in
            guard let tokenOwner = token["owner"] as? [String: Any] else { return true }
            return (tokenOwner["id"] as? Int) == owner
        }
        let tokens = owned.compactMap { item -> AccountToken? in
            guard let id = item["id"] as? Int else { return nil }
            return AccountToken(id: id, name: item["name"] as? String ?? "", created: ServerTime.iso(item["created_date"] as? String))
        }
        return .surveyed(
            AccountSurvey(
                owned: tokens, othersInList: results.count - owned.count, configuredTokenID: configuredTokenID,
                now: ServerTime.httpDate(list.response.header("Date")) ?? Date().addingTimeInterval(-300), evidence: evidence, observed: list.summary)
        )
    }
}
