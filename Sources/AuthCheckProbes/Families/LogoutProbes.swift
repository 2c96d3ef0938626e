import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `logout.invalidates`: logs the probe session out the way cvat-sdk does (session cookie, X-CSRFToken,
/// Origin), then checks the session and the user's legacy token are dead and a personal access token
/// (the configured one, or a short-lived read-only one made for the check and revoked afterwards) still works.
///
/// Runs in the logout phase, after every probe that needs the login. Logout deletes the user's one
/// legacy token, which every client of the account shares, so the probe runs only on an account shown
/// to be dedicated to the checker (``AccountDedication``), or where the target allows a shared account
/// (``Target/allowSharedAccount``); otherwise it is `skipped` with the reason.
public struct LogoutInvalidatesProbe: Probe {
    public static let id = ProbeID.logoutInvalidates
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "logout kills the session and the legacy token, not personal access tokens (dedicated or allowed accounts only)",
        phase: .logout)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        guard let session = await context.loginSession() else {
            return [Verdict.skipped(Self.id, "logout", "no login session to log out (see login.password)")]
        }
        if let leftOut = await Self.leftOut(context) { return [leftOut] }
        var outcomes: [Outcome] = []
        let selfPath = context.server.endpoint(.usersSelf)

        // A personal access token that must survive the logout.
        var pat: (value: String, minted: MintedToken?, created: ExchangeRecord?)?
        if context.server.state(of: .accessToken).isAccepted {
            if let configured = context.credentials.accessToken {
                pat = (configured, nil, nil)
            } else {
                let hold = MintedTokenName.hold(for: context.options)
                let minted = MintedToken(name: MintedTokenName(runID: context.runID, purpose: .logout, holdSeconds: hold), probe: Self.id)
                // Registered before the request: an answer lost to an interruption does not mean no token was made.
                await minted.registerCleanup(in: context)
                let answer = await context.exchanger.attempt(
                    context.request(
                        "POST", path: context.server.endpoint(.accessTokens), credential: .session(session),
                        json: ["name": minted.name.text, "read_only": true, "expiry_date": MintedTokenName.expiry(hold: hold)]))
                if case .success(let create) = answer {
                    if create.status == 201, let id = create.json?["id"] as? Int, let value = create.json?["value"] as? String {
                        context.redactor.register(value)
                        minted.created(id: id)
                        pat = (value, minted, create.record)
                    } else if create.status != 201 {
                        // Refused: nothing was made, nothing to revoke.
                        await context.state.removeCleanup(id: minted.cleanupID)
                    }
                }
            }
        }

        let logoutPath = context.server.endpoint(.logout)
        let expectation = context.server.response(.logout) ?? ResponseExpectation(status: 200)
        let logout = try await context.exchanger.send(context.request("POST", path: logoutPath, credential: .session(session)))
        let logoutExpected = context.cite("POST \(logoutPath) with the session cookie, X-CSRFToken and the SDK's Origin → \(expectation.status)")
        guard logout.status == expectation.status else {
            let detail = logout.detail ?? ""
            let message = "logout answered \(logout.status)\(detail.isEmpty ? "" : ": \(detail)")"
            if let csrf = context.classifier.csrfCause(logout, https: context.isHTTPS) {
                outcomes.append(
                    context.fail(
                        Self.id, "logout", message, expected: logoutExpected, observed: logout.summary, diagnosis: csrf,
                        evidence: [logout.record]))
            } else {
                outcomes.append(
                    context.deviation(
                        Self.id, "logout", message, expected: logoutExpected, exchange: logout,
                        fallback: DiagnosisCatalog.unexpectedAnswer))
            }
            await revokeLogoutToken(pat?.minted, context: context)
            return outcomes
        }
        await context.state.set(StateKey.loggedOut, true)
        outcomes.append(
            Verdict.pass(
                Self.id, "logout", "logout answered \(logout.status)", expected: logoutExpected, observed: logout.summary, evidence: [logout.record]))

        // The session is dead.
        if let sessionID = session.sessionID {
            let probe = try await context.exchanger.send(
                context.request("GET", path: selfPath, credential: nil, extra: [HeaderField("Cookie", "sessionid=\(sessionID)")]))
            let expected = context.cite("GET \(selfPath) with the logged-out session cookie → 401")
            if probe.status == 401 || probe.status == 403 {
                outcomes.append(
                    Verdict.pass(
                        Self.id, "session dead", "the old session is refused (\(probe.status))", expected: expected, observed: probe.summary,
                        evidence: [probe.record]))
            } else {
                outcomes.append(
                    context.deviation(
                        Self.id, "session dead", "the logged-out session still answers \(probe.status)", expected: expected,
                        exchange: probe, fallback: DiagnosisCatalog.logoutIncomplete))
            }
        }
        // The legacy token is deleted.
        let tokenAlreadyRefused = await context.state.outcomes.contains { $0.probe == TokenLegacyProbe.id && $0.status == .fail }
        if tokenAlreadyRefused {
            outcomes.append(Verdict.skipped(Self.id, "legacy token dead", "the legacy token was already refused before logout (see token.legacy)"))
        } else if context.server.state(of: .token).isAccepted, let key = session.key {
            let probe = try await context.exchanger.send(context.request("GET", path: selfPath, credential: .token(key)))
            let invalid = context.server.response(.invalidToken) ?? ResponseExpectation(status: 401)
            let expected = context.cite(
                "GET \(selfPath) with the legacy key after logout → \(invalid.status)\(invalid.text.map { " \"\($0)\"" } ?? "")")
            if (400..<500).contains(probe.status), probe.status != 429, !probe.isHTML {
                outcomes.append(
                    Verdict.pass(
                        Self.id, "legacy token dead", "the legacy token is refused after logout (\(probe.status))", expected: expected,
                        observed: probe.summary, evidence: [probe.record]))
            } else {
                outcomes.append(
                    context.deviation(
                        Self.id, "legacy token dead", "the legacy token still answers \(probe.status) after logout",
                        expected: expected, exchange: probe, fallback: DiagnosisCatalog.logoutIncomplete))
            }
        }
        // A personal access token survives.
        if let pat {
            let probe = try await context.exchanger.send(context.request("GET", path: selfPath, credential: .bearer(pat.value)))
            let expected = context.cite("GET \(selfPath) with a personal access token after logout → 200 (logout does not revoke PATs)")
            let records = (pat.created.map { [$0] } ?? []) + [probe.record]
            if probe.status == 200 {
                outcomes.append(
                    Verdict.pass(
                        Self.id, "access token unaffected", "the personal access token still works after logout", expected: expected,
                        observed: probe.summary, evidence: records))
            } else {
                outcomes.append(
                    context.deviation(
                        Self.id, "access token unaffected", "the personal access token answers \(probe.status) after logout",
                        expected: expected, exchange: probe, fallback: DiagnosisCatalog.logoutRevokedAccessToken, evidence: records))
            }
            await revokeLogoutToken(pat.minted, context: context)
        }
        return outcomes
    }

    /// Revokes the token made for the check now; on success its cleanup is no longer needed.
    private func revokeLogoutToken(_ minted: MintedToken?, context: ProbeContext) async {
        guard let minted else { return }
        if await TokenRevoker.revoke(minted, context: context).revoked { await context.state.removeCleanup(id: minted.cleanupID) }
    }

    /// The `skipped` outcome when the account is not shown to be dedicated and the target does not allow
    /// a shared one; `nil` when the probe may run.
    static func leftOut(_ context: ProbeContext) async -> Outcome? {
        guard !context.target.allowSharedAccount else { return nil }
        let diagnosis: Diagnosis
        let why: String
        switch await context.accountDedication() {
        case .dedicated: return nil
        case .shared(let seen):
            diagnosis = DiagnosisCatalog.sharedAccount
            why = "the probe account looks shared: \(seen)"
        case .unknown(let reason):
            diagnosis = DiagnosisCatalog.accountDedicationUnknown
            why = "whether anything besides the checker uses the probe account cannot be told: \(reason)"
        }
        return Outcome(
            probe: id, name: "logout", status: .skipped,
            message:
                "not run: \(why); logging out deletes the account's one legacy token, which every client of the account shares (set allow_shared_account: true on the target, or --allow-shared-account, to run it)",
            cause: diagnosis.id, causeText: diagnosis.cause, remedy: diagnosis.remedy, facts: ["account.logout": "left out"])
    }
}
