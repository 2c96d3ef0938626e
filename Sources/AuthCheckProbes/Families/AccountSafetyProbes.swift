import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `account.dedicated`: whether anything besides the checker uses the probe account — which decides
/// whether `logout.invalidates` may run.
///
/// The checker logs in, creates and revokes tokens and logs out — and logout deletes the account's one
/// legacy token, which every other client of that account shares. On CVAT ≥2.48 the probe lists the
/// account's personal access tokens (with the login session, the legacy token, Basic, or — in a run
/// with only a personal access token — that token as Bearer; two or three `GET`s), keeps those the
/// account owns, and calls the account shared when it owns tokens neither the checker nor the user for
/// the checker made, or when another run of the checker is using it right now (``AccountSurvey``).
/// Before 2.48 nothing the API shows tells (the shared legacy token is invisible), so dedication is
/// unknown. A shared or unknown account is advice, never a failure: `shared-account` or
/// `account-dedication-unknown`, and `logout.invalidates` is left out unless the target allows a
/// shared account (``Target/allowSharedAccount``).
public struct AccountDedicatedProbe: Probe {
    public static let id = ProbeID.accountDedicated
    /// The name of the probe's one case.
    public static let caseName = "other clients of the account"
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "whether anything besides the checker uses the probe account; logout is left out unless it is dedicated or allowed",
        phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let name = Self.caseName
        if context.credentials.accessToken == nil, await context.probeCredentialsRejected() {
            // Nothing can be learnt with a refused password, and nothing needs to be held back: logout needs the login.
            return [Verdict.skipped(Self.id, name, "the probe account's password was refused (see login.password)")]
        }
        let allowed = context.target.allowSharedAccount
        let survey = try await context.accountSurvey()
        let dedication = await context.accountDedication()
        let logoutNote =
            allowed
            ? "allow_shared_account is set, so logout.invalidates runs and deletes the account's legacy token"
            : "so logout.invalidates is left out (it would delete the account's one legacy token, which every client of the account shares)"
        switch (dedication, survey) {
        case (.dedicated, .surveyed(let found)):
            let census = found.census(runID: context.runID)
            let own = census.forChecker.count + census.thisRun.count + census.leftovers.count
            let note = found.othersInList > 0 ? "; \(found.othersInList) token(s) of other users in the list were left out" : ""
            return [
                Verdict.pass(
                    Self.id, name,
                    "nothing besides the checker uses the probe account: it owns no personal access tokens but the checker's (\(own))\(note)",
                    observed: found.observed, evidence: found.evidence, facts: ["account.other_tokens": "0"])
            ]
        case (.shared(let seen), _):
            let message = "the probe account looks shared, \(allowed ? "but " : "")\(logoutNote): \(seen)"
            context.logger.warning("\(context.target.name): \(message)")
            var facts = ["warning": "shared-account", "account.logout": allowed ? "allowed" : "left out"]
            var evidence: [ExchangeRecord] = []
            var observed: String?
            if case .surveyed(let found) = survey {
                facts["account.other_tokens"] = String(found.census(runID: context.runID).others.count)
                evidence = found.evidence
                observed = found.observed
            }
            return [
                context.advice(
                    Self.id, name, message, expected: "an account used only by the checker", observed: observed,
                    diagnosis: DiagnosisCatalog.sharedAccount, evidence: evidence, facts: facts)
            ]
        case (.unknown(let why), .unavailable(_, let reported?)):
            // The listing itself went wrong: report the answer; a mere refusal (a role that may not list
            // tokens) becomes the advice that says what was left out.
            guard reported.status == .skipped, !allowed else {
                var outcome = reported
                outcome.message += "; whether anything else uses the account is unknown, \(logoutNote)"
                return [outcome]
            }
            return [unknown(why, context: context, evidence: reported.evidence, observed: reported.observed)]
        case (.unknown(let why), _):
            if allowed {
                return [
                    Verdict.skipped(
                        Self.id, name, "whether anything besides the checker uses the probe account cannot be told, but \(logoutNote) (\(why))")
                ]
            }
            return [unknown(why, context: context, evidence: [], observed: nil)]
        case (.dedicated, .unavailable):
            return [Verdict.skipped(Self.id, name, "the account's tokens could not be listed")]
        }
    }

    private func unknown(_ why: String, context: ProbeContext, evidence: [ExchangeRecord], observed: String?) -> Outcome {
        context.advice(
            Self.id, Self.caseName,
            "logout.invalidates is left out (it would delete the account's one legacy token, which every client of the account shares): whether anything besides the checker uses the probe account cannot be told (\(why))",
            expected: "an account shown to be used only by the checker", observed: observed,
            diagnosis: DiagnosisCatalog.accountDedicationUnknown, evidence: evidence,
            facts: ["warning": "account-dedication-unknown", "account.logout": "left out"])
    }
}

/// `account.leftovers` (≥2.48): revokes the personal access tokens earlier runs of the checker left on
/// the probe account, and reports them.
///
/// A token is a leftover when its name is one the checker mints (``MintedTokenName``), it is not this
/// run's, and its hold has passed by the server's clock (`created_date` + hold ≤ the list answer's
/// `Date`): no run can be using it any more. Tokens of another run still within their hold are left
/// alone (two CI pipelines on one account), and so is every token the user made, also for the checker
/// (`cvat-authcheck-nightly`, the configured token). Revoked leftovers are advice
/// (`checker-leftovers-revoked`); leftovers this run cannot revoke (a run with only a personal access
/// token may not manage tokens) are advice too (`checker-leftovers-remain`).
public struct AccountLeftoversProbe: Probe {
    public static let id = ProbeID.accountLeftovers
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "revoke and report the personal access tokens earlier runs of the checker left on the account (≥2.48)",
        phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let name = "tokens left by earlier runs"
        let found: AccountSurvey
        switch try await context.accountSurvey() {
        case .surveyed(let survey): found = survey
        case .unavailable(let reason, _):
            return [Verdict.skipped(Self.id, name, "the account's personal access tokens could not be listed: \(reason)")]
        }
        let census = found.census(runID: context.runID)
        var facts = ["leftovers.found": String(census.leftovers.count)]
        let concurrentNote =
            census.concurrent.isEmpty
            ? ""
            : "; left alone: \(census.concurrent.count) token(s) of another run still within their hold (\(ProbeContext.quoted(census.concurrent.map(\.name.text))))"
        if !census.concurrent.isEmpty { facts["leftovers.concurrent"] = String(census.concurrent.count) }
        guard !census.leftovers.isEmpty else {
            return [
                Verdict.pass(
                    Self.id, name, "no personal access tokens of earlier runs of the checker on the account\(concurrentNote)",
                    observed: found.observed, evidence: found.evidence, facts: facts)
            ]
        }
        var evidence = found.evidence
        var revoked: [String] = []
        var remaining: [String] = []
        for (token, minted) in census.leftovers {
            let result = await TokenRevoker.revoke(id: token.id, name: minted.text, context: context)
            evidence += result.evidence
            if result.revoked { revoked.append(minted.text) } else { remaining.append(minted.text) }
        }
        facts["leftovers.revoked"] = String(revoked.count)
        let ages = census.leftovers.compactMap { $0.token.created }.map { Int(found.now.timeIntervalSince($0) / 60) }
        let age = ages.max().map { " (the oldest made \($0) min ago)" } ?? ""
        let expected = context.cite("DELETE \(context.server.endpoint(.accessTokens))/<id> → 204 for each leftover")
        if remaining.isEmpty {
            return [
                context.advice(
                    Self.id, name,
                    "revoked \(revoked.count) personal access token(s) that earlier runs of the checker left on the account\(age): \(ProbeContext.quoted(revoked))\(concurrentNote)",
                    expected: expected, observed: found.observed, diagnosis: DiagnosisCatalog.checkerLeftoversRevoked, evidence: evidence,
                    facts: facts)
            ]
        }
        facts["leftovers.remaining"] = String(remaining.count)
        return [
            context.advice(
                Self.id, name,
                "found \(census.leftovers.count) personal access token(s) that earlier runs of the checker left on the account\(age) and could not revoke \(remaining.count): \(ProbeContext.quoted(remaining))\(concurrentNote)",
                expected: expected, observed: found.observed, diagnosis: DiagnosisCatalog.checkerLeftoversRemain, evidence: evidence,
                facts: facts)
        ]
    }
}
