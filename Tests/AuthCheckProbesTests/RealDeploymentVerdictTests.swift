import AuthCheckCore
import AuthCheckProbes
import CVATEmulator
import EmulatorTestSupport
import Foundation
import Testing

/// The whole check against each real deployment of `../shared/real-cvat`, re-created on the emulator
/// (which the conformance tier proves answers like the recorded servers): the run's colour and the
/// cause it leads with, and every prediction against what the real cvat-sdk did in that deployment
/// (`sdk-outcomes.jsonl`). Expected values come from the records and their README, never from the code.
@Suite(
    "Verdicts on the real deployments", .serialized, .enabled(if: RealRecords.absence == nil, "\(RealRecords.absence ?? "")"),
    .enabled(if: TestCertificateAuthority.isAvailable, "openssl is not installed (the TLS deployments need a test CA)"))
struct RealDeploymentVerdictTests {
    /// One recorded deployment: how to re-create it, how the check authenticates, what it must conclude.
    struct Deployment: Sendable, CustomTestStringConvertible {
        var run: String
        var server: String
        /// `front` in sdk-outcomes.jsonl.
        var front: String
        var faults: [EmulatorFault] = []
        var tls = false
        var role: EmulatorRole = .admin
        var emailVerification = false
        var secureCookies = false
        /// The check has only a personal access token (no password).
        var accessTokenOnly = false
        /// The exit status: 0 for a healthy deployment.
        var exit: Int32
        /// The cause the run leads with (the most specific failing cause), for a broken deployment.
        var headline: String?
        var testDescription: String { run }
    }

    static let deployments: [Deployment] = [
        Deployment(run: "2.24.0-direct-password", server: "2.24.0", front: "direct", exit: 0),
        Deployment(run: "2.64.0-direct-password", server: "2.64.0", front: "direct", exit: 0),
        Deployment(run: "2.64.0-direct-worker-account-password", server: "2.64.0", front: "direct-worker-account", role: .worker, exit: 0),
        Deployment(
            run: "2.64.0-strip-set-cookie-pat-only", server: "2.64.0", front: "strip-set-cookie", faults: [.stripSetCookie],
            accessTokenOnly: true, exit: 0),
        Deployment(
            run: "2.64.0-strip-set-cookie-password", server: "2.64.0", front: "strip-set-cookie", faults: [.stripSetCookie],
            exit: 1, headline: "set-cookie-stripped"),
        Deployment(
            run: "2.64.0-tls-no-forwarded-proto-password", server: "2.64.0", front: "tls-no-forwarded-proto",
            faults: [.tlsNoForwardedProto], tls: true, exit: 1, headline: "csrf-origin-mismatch"),
        Deployment(
            run: "2.64.0-tls-django-secure-cookies-password", server: "2.64.0", front: "tls-django-secure-cookies", tls: true,
            secureCookies: true, exit: 1, headline: "python-cookie-bare-flag"),
        Deployment(
            run: "2.64.0-http-redirects-to-https-password", server: "2.64.0", front: "http-redirects-to-https",
            faults: [.httpRedirectsToHTTPS], tls: true, exit: 1, headline: "http-redirects-to-https"),
        Deployment(
            run: "2.64.0-email-verification-unverified-account-password", server: "2.64.0", front: "email-verification-unverified-account",
            emailVerification: true, exit: 1, headline: "account-email-unverified"),
    ]

    /// Runs the built-in probes against the re-created deployment, as the CLI does.
    static func check(_ deployment: Deployment) async throws -> SuiteRecord {
        let ca = deployment.tls ? try TestCertificateAuthority.shared() : nil
        var configuration = EmulatorConfiguration(
            version: deployment.server, password: ProbeHarness.password, faults: deployment.faults,
            username: ProbeHarness.username, tls: ca?.emulatorTLS)
        configuration.role = deployment.role
        configuration.emailVerificationMandatory = deployment.emailVerification
        configuration.cookieSettings.sessionCookieSecure = deployment.secureCookies
        configuration.cookieSettings.csrfCookieSecure = deployment.secureCookies
        let server = try await EmulatedCVATServer.start(configuration)
        var environment = ["AUTHCHECK_TEST_USER": ProbeHarness.username, "AUTHCHECK_TEST_PASSWORD": ProbeHarness.password]
        var reference = CredentialReference(userEnv: "AUTHCHECK_TEST_USER", passwordEnv: "AUTHCHECK_TEST_PASSWORD")
        if deployment.accessTokenOnly {
            environment = ["AUTHCHECK_TEST_PAT": try #require(server.seedAccessToken(name: "authcheck"))]
            reference = CredentialReference(accessTokenEnv: "AUTHCHECK_TEST_PAT")
        }
        let url = server.redirectFrontURL ?? server.baseURL
        let target = Target(name: "deployment", url: url, credentials: reference, tls: TLSOptions(caFile: ca?.caPath))
        let record = await ProbeHarness.check(target, environment: environment)
        await server.stop()
        return record.suites[0]
    }

    @Test("the run's colour and the cause it leads with", arguments: deployments)
    func colour(_ deployment: Deployment) async throws {
        let suite = try await Self.check(deployment)
        let failing = suite.outcomes.filter { $0.status == .fail || $0.status == .error }
        let status = failing.contains { $0.status == .fail } ? 1 : failing.isEmpty ? 0 : 2
        #expect(
            Int32(status) == deployment.exit,
            "\(deployment.run): \(failing.map { "\($0.probe)/\($0.name) \($0.status.rawValue) \($0.cause ?? "-"): \($0.message)" })")
        if let headline = deployment.headline {
            let lead = failing.filter { $0.cause != nil }.min { DiagnosisCatalog.rank(of: $0.cause!) < DiagnosisCatalog.rank(of: $1.cause!) }
            #expect(lead?.cause == headline, "\(deployment.run): leads with \(lead?.cause ?? "nothing")")
            #expect(lead?.remedy?.isEmpty == false)
        }
        // The causes the old verdicts wrongly named never appear.
        #expect(!suite.outcomes.contains { $0.cause == "proxy-error-page" || $0.cause == "sso-login-page" }, "\(deployment.run)")
        if deployment.run.hasPrefix("2.24.0") {
            #expect(suite.outcomes.contains { $0.probe == "signing" && $0.facts["known_defect"] == "signing-view-has-no-detail" })
        }
    }

    @Test("every prediction agrees with what the real cvat-sdk did in that deployment", arguments: deployments)
    func predictions(_ deployment: Deployment) async throws {
        let rows = try RealRecords.sdkOutcomes().filter { $0.server == deployment.server && $0.front == deployment.front }
            .filter { !deployment.accessTokenOnly || $0.mode == "pat" }
        try #require(!rows.isEmpty, "no sdk-outcomes rows for \(deployment.front)")
        let suite = try await Self.check(deployment)
        let predictions = suite.outcomes.compactMap(\.prediction)
        for row in rows {
            let release = try #require(CVATVersion(row.sdk))
            let line = try #require(ProbeHarness.catalog.clients.first { $0.profile.client == "cvat-sdk" && $0.profile.versions.contains(release) })
            let mode: ClientPrediction.Mode = row.mode == "pat" ? .accessToken : .password
            let prediction = try #require(
                predictions.first { $0.line == line.profile.label && $0.mode == mode },
                "\(deployment.run): no prediction for \(line.profile.label), \(mode.rawValue)")
            let seen = "real cvat-sdk \(row.sdk) \(row.mode): \(row.outcome) \(row.step ?? "") — predicted \(prediction.phrase)"
            if row.outcome == "ok" {
                #expect(prediction.verdict.isWorking, "\(deployment.run): \(seen)")
                if row.log?.contains("is not compatible") == true { #expect(prediction.verdict == .warns, "\(deployment.run): \(seen)") }
            } else {
                #expect(prediction.verdict == .breaks, "\(deployment.run): \(seen)")
                #expect(prediction.exception == row.outcome, "\(deployment.run): \(seen)")
                #expect(prediction.step == row.step, "\(deployment.run): \(seen)")
            }
        }
    }
}
