import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// What `access-token.lifecycle` established, for `logout.invalidates` and `sdk.compat`.
struct AccessTokenEvidence: Sendable {
    /// Whether a personal access token worked as `Authorization: Bearer` (created or configured).
    var bearerAccepted: Bool?
    var readOnlyEnforced: Bool?
    var revoked: Bool?
}

/// `access-token.lifecycle` (≥2.48): create a read-only personal access token, use it as Bearer, check
/// that read-only is enforced on an unsafe request (an empty `POST /api/projects`, so nothing is ever
/// created), revoke it, and check it is dead. The revocation is registered as a cleanup before the
/// token is used, so it happens even when the probe fails midway or the run is interrupted.
public struct AccessTokenLifecycleProbe: Probe {
    public static let id = ProbeID.accessTokenLifecycle
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "create a read-only PAT, use it as Bearer, read-only enforced, revoke it, dead afterwards (≥2.48)", phase: .accessTokens
    )

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let state = context.server.state(of: .accessToken)
        guard state.isAccepted else { return [try await absent(state, context: context)] }
        var outcomes: [Outcome] = []
        var evidence = AccessTokenEvidence()
        let scheme = context.server.auth[AuthMethod.accessToken.rawValue]?.scheme ?? "Bearer"
        let selfPath = context.server.endpoint(.usersSelf)

        // A token the user configured (--access-token-env) is checked as well: the seed case "PAT still works".
        if let configured = context.credentials.accessToken {
            let use = try await context.exchanger.send(context.request("GET", path: selfPath, credential: .bearer(configured)))
            let expected = context.cite("GET \(selfPath) with `Authorization: \(scheme) <configured token>` → 200")
            if use.status == 200, use.json?["username"] != nil {
                evidence.bearerAccepted = true
                outcomes.append(
                    Verdict.pass(
                        Self.id, "configured token", "the configured access token works as \(scheme)", expected: expected, observed: use.summary,
                        evidence: [use.record]))
            } else {
                evidence.bearerAccepted = false
                outcomes.append(
                    context.deviation(
                        Self.id, "configured token", "the configured access token was refused with \(use.status)",
                        expected: expected, exchange: use, fallback: DiagnosisCatalog.accessTokenRefused))
            }
        }
        let candidates = await context.managementCredentials()
        guard !candidates.isEmpty else {
            await context.state.set(StateKey.accessToken, evidence)
            outcomes.append(Verdict.skipped(Self.id, "create", "no working login credential to create a token with (see login.password)"))
            return outcomes
        }
        let listPath = context.server.endpoint(.accessTokens)
        let hold = MintedTokenName.hold(for: context.options)
        let minted = MintedToken(name: MintedTokenName(runID: context.runID, purpose: .lifecycle, holdSeconds: hold), probe: Self.id)
        let expiry = MintedTokenName.expiry(hold: hold)
        let createExpected = context.cite("POST \(listPath) {name, read_only: true} → 201 with id and value")
        // The revocation is registered before the first create request: an answer lost to an interruption
        // or the deadline does not mean no token was made (the cleanup then finds it by its name).
        await minted.registerCleanup(in: context)
        // The session (as the web UI does) first; the legacy token or Basic when the session is refused (e.g. CSRF behind a proxy).
        var refusals: [(Credential, Exchange)] = []
        var created: (exchange: Exchange, id: Int, value: String, credential: Credential)?
        for candidate in candidates {
            let attempt = try await context.exchanger.send(
                context.request(
                    "POST", path: listPath, credential: candidate,
                    json: ["name": minted.name.text, "read_only": true, "expiry_date": expiry]))
            if attempt.status == 201, let id = attempt.json?["id"] as? Int, let value = attempt.json?["value"] as? String {
                created = (attempt, id, value, candidate)
                break
            }
            refusals.append((candidate, attempt))
        }
        guard let created else {
            // Every attempt was answered with a refusal: nothing was made, nothing to revoke.
            if refusals.allSatisfy({ $0.1.status != 201 }) { await context.state.removeCleanup(id: minted.cleanupID) }
            await context.state.set(StateKey.accessToken, evidence)
            let first = refusals[0].1
            let message = "creating a personal access token failed: " + refusals.map { "\($0.0.label) → \($0.1.status)" }.joined(separator: ", ")
            if let csrf = context.classifier.csrfCause(first, https: context.isHTTPS), refusals.count == 1 {
                outcomes.append(
                    context.fail(
                        Self.id, "create", message, expected: createExpected, observed: first.summary, diagnosis: csrf,
                        evidence: refusals.map(\.1.record)))
            } else {
                let decisive = refusals.first { context.classifier.finding($0.1) != nil }?.1 ?? first
                outcomes.append(
                    context.deviation(
                        Self.id, "create", message, expected: createExpected, exchange: decisive,
                        fallback: DiagnosisCatalog.accessTokenCreateFailed, evidence: refusals.map(\.1.record)))
            }
            return outcomes
        }
        let (create, id, value) = (created.exchange, created.id, created.value)
        let fallbackNote =
            refusals.isEmpty
            ? "" : " with \(created.credential.label) after " + refusals.map { "\($0.0.label) → \($0.1.status)" }.joined(separator: ", ")
        context.redactor.register(value)
        minted.created(id: id)
        outcomes.append(
            Verdict.pass(
                Self.id, "create", "created read-only token #\(id) '\(minted.name.text)' (expires in \(hold / 60 + 60) min)\(fallbackNote)",
                expected: createExpected,
                observed: create.summary, evidence: [create.record]))

        // Use it.
        let use = try await context.exchanger.send(context.request("GET", path: selfPath, credential: .bearer(value)))
        let useExpected = context.cite("GET \(selfPath) with `Authorization: \(scheme) <token>` → 200")
        if use.status == 200, use.json?["username"] != nil {
            evidence.bearerAccepted = true
            outcomes.append(
                Verdict.pass(
                    Self.id, "use as \(scheme)", "the new token authenticates as \(scheme)", expected: useExpected, observed: use.summary,
                    evidence: [use.record]))
        } else {
            evidence.bearerAccepted = evidence.bearerAccepted ?? false
            outcomes.append(
                context.deviation(
                    Self.id, "use as \(scheme)", "the new token was refused with \(use.status)", expected: useExpected,
                    exchange: use, fallback: DiagnosisCatalog.accessTokenRefused))
        }

        // Read-only enforced: an empty POST is refused by permission before validation; if it were not enforced, validation answers 400 and nothing is created.
        let writePath = context.server.endpoint(.writeProbe)
        let denied = context.server.response(.permissionDenied) ?? ResponseExpectation(status: 403)
        let write = try await context.exchanger.send(context.request("POST", path: writePath, credential: .bearer(value), json: [:]))
        let writeExpected = context.cite(
            "POST \(writePath) (empty body) with the read-only token → \(denied.status)\(denied.text.map { " \"\($0)\"" } ?? "")")
        if write.status == denied.status {
            evidence.readOnlyEnforced = true
            outcomes.append(
                Verdict.pass(
                    Self.id, "read-only enforced", "the read-only token was refused an unsafe request (\(write.status))", expected: writeExpected,
                    observed: write.summary, evidence: [write.record]))
        } else if write.status == 400 || (200..<300).contains(write.status) {
            evidence.readOnlyEnforced = false
            outcomes.append(
                context.fail(
                    Self.id, "read-only enforced", "the read-only token got past permissions (\(write.status))", expected: writeExpected,
                    observed: write.summary, diagnosis: DiagnosisCatalog.accessTokenNotReadOnly, evidence: [write.record]))
        } else {
            outcomes.append(
                context.deviation(
                    Self.id, "read-only enforced", "answered \(write.status), expected \(denied.status)", expected: writeExpected,
                    exchange: write, fallback: DiagnosisCatalog.unexpectedAnswer))
        }

        // Revoke, then check it is dead.
        let revocation = await TokenRevoker.revoke(minted, context: context)
        let (revoked, revokeEvidence) = (revocation.revoked, revocation.evidence)
        if revoked { await context.state.removeCleanup(id: minted.cleanupID) }
        let dead = try await context.exchanger.send(context.request("GET", path: selfPath, credential: .bearer(value)))
        let invalid = context.server.response(.invalidToken) ?? ResponseExpectation(status: 401)
        let revokeExpected = context.cite(
            "DELETE \(listPath)/<id> → 204; the token then answers \(invalid.status)\(invalid.text.map { " \"\($0)\"" } ?? "")")
        if revoked, dead.status == invalid.status {
            evidence.revoked = true
            outcomes.append(
                Verdict.pass(
                    Self.id, "revoke", "token #\(id) revoked and refused afterwards (\(dead.status))", expected: revokeExpected,
                    observed: dead.summary, evidence: revokeEvidence + [dead.record]))
        } else {
            evidence.revoked = false
            let message =
                revoked ? "the revoked token still answers \(dead.status)" : "revoking token #\(id) failed; it is retried at the end of the run"
            outcomes.append(
                context.fail(
                    Self.id, "revoke", message, expected: revokeExpected, observed: dead.summary,
                    diagnosis: DiagnosisCatalog.accessTokenRevokeFailed, evidence: revokeEvidence + [dead.record]))
        }
        await context.state.set(StateKey.accessToken, evidence)
        return outcomes
    }

    /// Where the profile says the line has no personal access tokens: the endpoint must not exist.
    private func absent(_ state: AuthMethodState, context: ProbeContext) async throws -> Outcome {
        let name = "endpoint absent"
        let path = context.server.endpoint(.accessTokens)
        guard let expectation = context.server.response(.accessTokensAbsent) else {
            return Verdict.skipped(Self.id, name, "personal access tokens are \(state.rawValue) in this release line (\(context.profileCitation))")
        }
        let expected = context.cite("GET \(path) → \(expectation.status) (personal access tokens arrive in CVAT 2.48)")
        let exchange = try await context.exchanger.send(context.apiRequest("GET", .accessTokens))
        if exchange.matches(expectation) {
            return Verdict.pass(
                Self.id, name, "\(path) answered \(exchange.status): no personal access tokens on this release line",
                expected: expected, observed: exchange.summary, evidence: [exchange.record])
        }
        return context.deviation(
            Self.id, name, "\(path) answered \(exchange.status) although the profile says this release line has no personal access tokens",
            expected: expected, exchange: exchange, fallback: DiagnosisCatalog.accessTokensPresent, severity: .pass)
    }
}
