import AuthCheckCore
import AuthCheckProbes
import CVATEmulator
import EmulatorTestSupport
import Foundation
import Testing

/// No false alarm: a healthy deployment exits 0 whatever its release line, the probe account's role
/// (admin, `user`, `worker`, none; in an organization or not), http or TLS done right, and the Django
/// cookie settings an operator may change without breaking a client (they are advice). And the
/// problems that do break clients are named: an organization that does not exist, cookies a client
/// cannot use.
@Suite("Healthy deployments and least-privilege accounts", .serialized)
struct HealthyDeploymentTests {
    struct Setup: Sendable, CustomTestStringConvertible {
        var version: String
        var role: EmulatorRole = .admin
        var organization: EmulatorOrganization?
        var tls = false
        var cookies = EmulatorCookieSettings()
        var label: String
        var testDescription: String { "\(version) \(label)" }
    }

    static func run(_ setup: Setup, targetOrganization: String? = nil) async throws -> SuiteRecord {
        let ca = setup.tls ? try TestCertificateAuthority.shared() : nil
        var configuration = EmulatorConfiguration(
            version: setup.version, password: ProbeHarness.password, username: ProbeHarness.username,
            tls: ca?.emulatorTLS)
        configuration.role = setup.role
        configuration.organization = setup.organization
        configuration.cookieSettings = setup.cookies
        let server = try await EmulatedCVATServer.start(configuration)
        let environment = ["AUTHCHECK_TEST_USER": ProbeHarness.username, "AUTHCHECK_TEST_PASSWORD": ProbeHarness.password]
        let target = Target(
            name: "healthy", url: server.baseURL,
            credentials: CredentialReference(userEnv: "AUTHCHECK_TEST_USER", passwordEnv: "AUTHCHECK_TEST_PASSWORD"),
            organization: targetOrganization ?? setup.organization?.slug, tls: TLSOptions(caFile: ca?.caPath))
        let record = await ProbeHarness.check(target, environment: environment)
        await server.stop()
        return record.suites[0]
    }

    static var setups: [Setup] {
        var setups: [Setup] = []
        for version in ["2.24.0", "2.41.0", "2.48.0", "2.64.0", "2.80.0"] {
            setups.append(Setup(version: version, label: "admin, http"))
            setups.append(Setup(version: version, tls: true, label: "admin, TLS"))
            for role in [EmulatorRole.user, .worker, .none] {
                setups.append(Setup(version: version, role: role, label: "\(role.rawValue) account"))
            }
            setups.append(
                Setup(version: version, role: .user, organization: EmulatorOrganization(slug: "qa", role: .worker), label: "org worker in qa"))
        }
        var strict = EmulatorCookieSettings()
        strict.sessionCookieSameSite = "Strict"
        strict.csrfCookieSameSite = "Strict"
        setups.append(Setup(version: "2.64.0", cookies: strict, label: "SameSite=Strict"))
        var shortSessions = EmulatorCookieSettings()
        shortSessions.sessionCookieAge = 3600
        setups.append(Setup(version: "2.64.0", cookies: shortSessions, label: "SESSION_COOKIE_AGE=3600"))
        return setups
    }

    @Test(
        "a healthy deployment exits 0: every release line, role, organization role, http or TLS, harmless cookie settings",
        .enabled(if: TestCertificateAuthority.isAvailable, "openssl is not installed"),
        arguments: setups)
    func healthy(_ setup: Setup) async throws {
        let suite = try await Self.run(setup)
        let failing = suite.outcomes.filter { $0.status == .fail || $0.status == .error }
        #expect(
            failing.isEmpty,
            "\(setup.testDescription): \(failing.map { "\($0.probe)/\($0.name) \($0.status.rawValue) \($0.cause ?? "-"): \($0.message)" })")
        if setup.role != .admin || setup.organization != nil {
            // A least-privilege account still has its CSRF and Origin checked (on login, which any role may call).
            #expect(suite.outcomes.contains { $0.probe == "session.csrf" && $0.name == "with the SDK's Origin" && $0.status == .pass })
        }
        if setup.label.hasPrefix("SameSite") || setup.label.hasPrefix("SESSION_COOKIE_AGE") {
            let advice = suite.outcomes.filter { $0.probe == "cookies.attributes" && $0.isAdvice }
            #expect(!advice.isEmpty, "\(setup.testDescription): the difference is reported as advice")
            #expect(advice.allSatisfy { $0.cause == "cookie-attributes-differ" })
        }
    }

    @Test("SameSite=None without Secure breaks browsers: a fail, named")
    func sameSiteNoneOverHTTP() async throws {
        var cookies = EmulatorCookieSettings()
        cookies.sessionCookieSameSite = "None"
        let suite = try await Self.run(Setup(version: "2.48.0", cookies: cookies, label: "SameSite=None"))
        #expect(suite.outcomes.contains { $0.probe == "cookies.attributes" && $0.status == .fail && $0.cause == "cookie-samesite-none-insecure" })
    }

    @Test("sessionid without HttpOnly loses a security property: a fail, named")
    func sessionWithoutHTTPOnly() async throws {
        var cookies = EmulatorCookieSettings()
        cookies.sessionCookieHTTPOnly = false
        let suite = try await Self.run(Setup(version: "2.64.0", cookies: cookies, label: "SESSION_COOKIE_HTTPONLY=False"))
        #expect(
            suite.outcomes.contains {
                $0.probe == "cookies.attributes" && $0.name == "cookie sessionid" && $0.status == .fail
                    && $0.cause == "session-cookie-not-httponly"
            })
    }

    @Test("an organization that does not exist: named (not header stripping), clients predicted to raise NotFoundException")
    func unknownOrganization() async throws {
        let suite = try await Self.run(Setup(version: "2.64.0", label: "no organization"), targetOrganization: "nosuch")
        let named = suite.outcomes.filter { $0.cause == "organization-unknown" }
        #expect(!named.isEmpty)
        #expect(named.contains { $0.status == .fail })
        #expect(
            !suite.outcomes.contains { $0.cause == "legacy-token-refused" || $0.cause == "access-token-refused" || $0.cause == "session-refused" },
            "\(suite.outcomes.filter { $0.status == .fail }.map { "\($0.probe) \($0.cause ?? "-")" })")
        let password = try #require(suite.outcomes.compactMap(\.prediction).first { $0.line == "cvat-sdk 2.48–2.69" && $0.mode == .password })
        #expect(password.exception == "NotFoundException")
        #expect(password.verdict == .breaks)
    }
}
