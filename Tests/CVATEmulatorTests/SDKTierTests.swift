import CVATEmulator
import EmulatorTestSupport
import Foundation
import Testing

/// The deployment an SDK case runs against: faults and Django settings of the emulator.
enum SDKDeployment: Sendable, CustomStringConvertible {
    /// Plain http with these faults (none: a healthy server).
    case faults([EmulatorFault])
    /// A correct TLS front (Django believes https).
    case correctTLS
    /// A correct TLS front and `SESSION_COOKIE_SECURE`/`CSRF_COOKIE_SECURE` (Django writes `Secure` last).
    case djangoSecureCookies
    /// The probe account has this system role.
    case role(EmulatorRole)
    /// A `user` account that is a `worker` of an organization.
    case userInOrganizationAsWorker
    /// `ACCOUNT_EMAIL_VERIFICATION = 'mandatory'` and an unverified account.
    case unverifiedEmail
    /// Django cookie settings as `NAME=VALUE` (`--django-setting`).
    case djangoSettings([String])
    /// The SDK is given a URL whose path is not CVAT's (`<base>/annotate`): Django's 404 page.
    case notCVATPath

    var description: String {
        switch self {
        case .faults(let faults): faults.isEmpty ? "healthy" : faults.map(\.description).joined(separator: "+")
        case .correctTLS: "correct TLS front"
        case .djangoSecureCookies: "TLS + SESSION/CSRF_COOKIE_SECURE"
        case .role(let role): "role \(role.rawValue)"
        case .userInOrganizationAsWorker: "user, org worker"
        case .unverifiedEmail: "mandatory e-mail verification, unverified"
        case .djangoSettings(let settings): settings.joined(separator: " ")
        case .notCVATPath: "a path that is not CVAT"
        }
    }

    /// The emulator configuration (password and TLS are filled in by `withEmulator`).
    func configuration(version: String) throws -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration(version: version, password: "-")
        switch self {
        case .faults(let faults): configuration.faults = faults
        case .correctTLS: configuration.tls = try TestCertificateAuthority.shared().emulatorTLS
        case .djangoSecureCookies:
            configuration.tls = try TestCertificateAuthority.shared().emulatorTLS
            configuration.cookieSettings = EmulatorCookieSettings(sessionCookieSecure: true, csrfCookieSecure: true)
        case .role(let role): configuration.role = role
        case .userInOrganizationAsWorker:
            configuration.role = .user
            configuration.organization = EmulatorOrganization(slug: "acme", role: .worker)
        case .unverifiedEmail: configuration.emailVerificationMandatory = true
        case .djangoSettings(let settings):
            for setting in settings {
                let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                try configuration.cookieSettings.set(parts[0], to: parts[1])
            }
        case .notCVATPath: break
        }
        return configuration
    }
}

/// One real-client run: SDK release × emulated server × deployment × login mode, with the record row
/// or reference row its expectation comes from.
struct SDKCase: Sendable, CustomTestStringConvertible {
    let sdk: String
    let server: String
    let deployment: SDKDeployment
    let accessToken: Bool
    let expected: SDKExpectation
    /// `server front mode` of the `sdk-outcomes.jsonl` row (with `sdk`) the expectation is copied from;
    /// `nil` when it comes from the reference instead.
    let row: String?

    init(_ sdk: String, _ server: String, _ deployment: SDKDeployment, accessToken: Bool = false, _ expected: SDKExpectation, row: String? = nil) {
        self.sdk = sdk
        self.server = server
        self.deployment = deployment
        self.accessToken = accessToken
        self.expected = expected
        self.row = row
    }

    var testDescription: String {
        "cvat-sdk \(sdk) \(accessToken ? "PAT" : "password") vs \(server) \(deployment) -> \(expected)"
    }

    static let healthy = SDKDeployment.faults([])

    /// The cases; a comment names the reference row where `row` is nil.
    static let all: [SDKCase] = [
        SDKCase("2.24.0", "2.24.0", healthy, .works, row: "2.24.0 direct password"),
        SDKCase("2.24.0", "2.24.0", .faults([.stripSetCookie]), .cookieAssertion),  // C: proxy_hide_header Set-Cookie
        SDKCase("2.24.0", "2.24.0", .faults([.secureCookies]), .cookieAssertion),  // C: proxy_cookie_flags ~ secure
        SDKCase("2.24.0", "2.24.0", .faults([.tlsNoForwardedProto]), .works),  // C: TLS without X-Forwarded-Proto, Token header
        SDKCase("2.24.0", "2.64.0", healthy, .works, row: "2.64.0 direct password"),
        SDKCase("2.41.0", "2.41.0", healthy, .works),  // §4: session + CSRF + Origin
        SDKCase("2.41.0", "2.41.0", .faults([.tlsNoForwardedProto]), .originForbidden(scheme: "https")),  // §4 / C.2
        SDKCase("2.48.0", "2.48.0", healthy, .works),
        SDKCase("2.48.0", "2.48.0", .faults([.stripSetCookie]), .cookieAssertion),  // §4: asserts kept through 2.80
        SDKCase("2.48.0", "2.48.0", .faults([.stripSetCookie]), accessToken: true, .works),  // §4: PAT returns before the asserts
        SDKCase("2.80.0", "2.24.0", healthy, .aboutTypeError, row: "2.24.0 direct password"),
        SDKCase("2.80.0", "2.24.0", .faults([.stripSetCookie]), .aboutTypeError),  // C.3: whatever the proxy does
        SDKCase("2.80.0", "2.48.0", healthy, .works),
        SDKCase("2.80.0", "2.64.0", healthy, .works, row: "2.64.0 direct password"),
        SDKCase("2.80.0", "2.80.0", healthy, .works),
        SDKCase("2.80.0", "2.80.0", .faults([.devVersion]), .works),  // §4: .dev version only warns
        SDKCase("2.80.0", "2.64.0", .faults([.stripSetCookie]), .cookieAssertion, row: "2.64.0 strip-set-cookie password"),
        SDKCase("2.80.0", "2.64.0", .faults([.stripSessionCookie]), .cookieAssertion),  // §5 #9946: only csrftoken arrives
        SDKCase("2.80.0", "2.64.0", .faults([.secureCookies]), .cookieAssertion),  // C: proxy_cookie_flags ~ secure
        SDKCase("2.80.0", "2.48.0", .faults([.stripSetCookie]), accessToken: true, .works),  // C: PAT, any of the above
        SDKCase("2.80.0", "2.64.0", .faults([.stripSetCookie]), accessToken: true, .works, row: "2.64.0 strip-set-cookie pat"),
        SDKCase("2.80.0", "2.64.0", .faults([.secureCookies]), accessToken: true, .works),
        // TLS terminated without X-Forwarded-Proto: ≤2.40 sends a Token and is immune, ≥2.41 sends the https Origin.
        SDKCase("2.24.0", "2.64.0", .faults([.tlsNoForwardedProto]), .works, row: "2.64.0 tls-no-forwarded-proto password"),
        SDKCase(
            "2.41.0", "2.64.0", .faults([.tlsNoForwardedProto]), .originForbidden(scheme: "https"), row: "2.64.0 tls-no-forwarded-proto password"),
        SDKCase(
            "2.48.0", "2.64.0", .faults([.tlsNoForwardedProto]), .originForbidden(scheme: "https"), row: "2.64.0 tls-no-forwarded-proto password"),
        SDKCase(
            "2.80.0", "2.64.0", .faults([.tlsNoForwardedProto]), .originForbidden(scheme: "https"), row: "2.64.0 tls-no-forwarded-proto password"),
        SDKCase("2.48.0", "2.64.0", .faults([.tlsNoForwardedProto]), accessToken: true, .works, row: "2.64.0 tls-no-forwarded-proto pat"),
        SDKCase("2.80.0", "2.64.0", .faults([.tlsNoForwardedProto]), accessToken: true, .works, row: "2.64.0 tls-no-forwarded-proto pat"),
        SDKCase("2.80.0", "2.64.0", .correctTLS, .works),  // C: nginx TLS with X-Forwarded-Proto
        // The http → https redirect front: urllib3 drops Authorization and Cookie on the cross-origin hop.
        SDKCase("2.24.0", "2.64.0", .faults([.httpRedirectsToHTTPS]), .unauthorizedOnRetrieveSelf, row: "2.64.0 http-redirects-to-https password"),
        SDKCase("2.48.0", "2.64.0", .faults([.httpRedirectsToHTTPS]), .unauthorizedOnRetrieveSelf, row: "2.64.0 http-redirects-to-https password"),
        SDKCase("2.80.0", "2.64.0", .faults([.httpRedirectsToHTTPS]), .unauthorizedOnRetrieveSelf, row: "2.64.0 http-redirects-to-https password"),
        SDKCase(
            "2.48.0", "2.64.0", .faults([.httpRedirectsToHTTPS]), accessToken: true, .unauthorizedOnRetrieveSelf,
            row: "2.64.0 http-redirects-to-https pat"),
        SDKCase(
            "2.80.0", "2.64.0", .faults([.httpRedirectsToHTTPS]), accessToken: true, .unauthorizedOnRetrieveSelf,
            row: "2.64.0 http-redirects-to-https pat"),
        // Django's own Secure cookies behind a correct TLS front.
        SDKCase("2.24.0", "2.64.0", .djangoSecureCookies, .cookieAssertion, row: "2.64.0 tls-django-secure-cookies password"),
        SDKCase("2.48.0", "2.64.0", .djangoSecureCookies, .cookieAssertion, row: "2.64.0 tls-django-secure-cookies password"),
        SDKCase("2.80.0", "2.64.0", .djangoSecureCookies, .cookieAssertion, row: "2.64.0 tls-django-secure-cookies password"),
        SDKCase("2.48.0", "2.64.0", .djangoSecureCookies, accessToken: true, .works, row: "2.64.0 tls-django-secure-cookies pat"),
        SDKCase("2.80.0", "2.64.0", .djangoSecureCookies, accessToken: true, .works, row: "2.64.0 tls-django-secure-cookies pat"),
        // Mandatory e-mail verification and an unverified account: login refused, its PAT still works.
        SDKCase("2.24.0", "2.64.0", .unverifiedEmail, .unverifiedEmail, row: "2.64.0 email-verification-unverified-account password"),
        SDKCase("2.48.0", "2.64.0", .unverifiedEmail, .unverifiedEmail, row: "2.64.0 email-verification-unverified-account password"),
        SDKCase("2.80.0", "2.64.0", .unverifiedEmail, .unverifiedEmail, row: "2.64.0 email-verification-unverified-account password"),
        SDKCase("2.48.0", "2.64.0", .unverifiedEmail, accessToken: true, .works, row: "2.64.0 email-verification-unverified-account pat"),
        SDKCase("2.80.0", "2.64.0", .unverifiedEmail, accessToken: true, .works, row: "2.64.0 email-verification-unverified-account pat"),
        // CVAT's permission rules refuse writes to these accounts, but the SDK's own steps all work.
        SDKCase("2.24.0", "2.64.0", .role(.worker), .works, row: "2.64.0 direct-worker-account password"),
        SDKCase("2.80.0", "2.64.0", .role(.worker), .works, row: "2.64.0 direct-worker-account password"),
        SDKCase("2.80.0", "2.64.0", .role(.none), .works),  // records README: no system group, SDK works
        SDKCase("2.80.0", "2.64.0", .userInOrganizationAsWorker, .works),  // records README: user + org worker, SDK works
        // Other cookie settings: SimpleCookie fails only on a valueless flag that is not the last
        // cookie's last attribute (reference C.1); cookies ending in a valued attribute parse.
        SDKCase("2.80.0", "2.64.0", .djangoSettings(["SESSION_COOKIE_AGE=3600"]), .works),
        SDKCase("2.80.0", "2.64.0", .djangoSettings(["SESSION_COOKIE_SAMESITE=Strict", "CSRF_COOKIE_SAMESITE=Strict"]), .works),
        SDKCase("2.80.0", "2.64.0", .djangoSettings(["SESSION_COOKIE_SAMESITE=None", "CSRF_COOKIE_SAMESITE=None"]), .works),
        SDKCase("2.24.0", "2.64.0", .djangoSettings(["SESSION_COOKIE_SAMESITE=unset", "CSRF_COOKIE_SAMESITE=unset"]), .works),
        SDKCase("2.80.0", "2.64.0", .djangoSettings(["SESSION_COOKIE_HTTPONLY=false", "CSRF_COOKIE_HTTPONLY=true"]), .works),
        SDKCase("2.80.0", "2.64.0", .djangoSettings(["CSRF_COOKIE_SECURE=true"]), .cookieAssertion),  // csrftoken (first) ends in Secure
        SDKCase("2.24.0", "2.64.0", .djangoSettings(["SESSION_COOKIE_SECURE=true"]), .cookieAssertion),  // sessionfresh (not last) ends in Secure
        // A proxy's error page: 502/503/504 are retried by the SDK's urllib3 configuration until
        // MaxRetryError escapes the version check; other statuses only warn there (reference §4) and
        // the login raises. A URL that is not CVAT's: the same, with Django's 404.
        SDKCase("2.80.0", "2.64.0", .faults([.htmlErrors]), .retriesExhausted),
        // cvat-sdk 2.24's generated Configuration sets no retries: the 503 reaches the login.
        SDKCase("2.24.0", "2.64.0", .faults([.htmlErrors(status: 503)]), .loginFails(type: "ServiceException", status: 503)),
        SDKCase("2.80.0", "2.64.0", .faults([.htmlErrors(status: 504)]), accessToken: true, .retriesExhausted),
        SDKCase("2.80.0", "2.64.0", .faults([.htmlErrors(status: 500)]), .loginFails(type: "ServiceException", status: 500)),
        SDKCase("2.80.0", "2.64.0", .notCVATPath, .loginFails(type: "NotFoundException", status: 404)),
    ]
}

/// The SDK releases the tier needs; all four venvs are made (once, cached) before it runs.
let tierSDKs = ["2.24.0", "2.41.0", "2.48.0", "2.80.0"]

func sdkVenvsAvailable() async -> Bool {
    for version in tierSDKs where await SDKEnvironment.python(sdk: version) == nil { return false }
    return true
}

@Suite(
    "Real cvat-sdk against the emulator",
    .enabled(
        "needs python3 and cvat-sdk 2.24.0, 2.41.0, 2.48.0 and 2.80.0 from PyPI (scripts/sdk-venv.sh); they could not be prepared", sdkVenvsAvailable)
)
struct SDKTierTests {
    @Test(arguments: SDKCase.all)
    func run(_ sdkCase: SDKCase) async throws {
        let configuration = try sdkCase.deployment.configuration(version: sdkCase.server)
        let ca = configuration.tls != nil || configuration.faults.contains(where: \.needsTLS) ? try TestCertificateAuthority.shared() : nil
        try await withEmulator(configuration) { harness in
            // A PAT made beforehand (by an admin, or before verification became mandatory).
            var token: String?
            if sdkCase.accessToken { token = try #require(harness.server.seedAccessToken(name: "sdk-tier")) as String }
            var host = harness.server.redirectFrontURL ?? harness.server.baseURL
            if case .notCVATPath = sdkCase.deployment { host = host.appendingPathComponent("annotate") }
            let report = try await SDKEnvironment.drive(
                sdk: sdkCase.sdk, host: host, mode: token == nil ? "password" : "access-token",
                password: Harness.password, accessToken: token, caFile: ca?.caPath)
            #expect(report.sdk == sdkCase.sdk)
            sdkCase.expected.verify(report)
        }
    }

    @Test("partitioned-cookie: SimpleCookie drops every cookie (Python before 3.14)")
    func partitioned() async throws {
        try await withEmulator("2.64.0", faults: [.partitionedCookie]) { harness in
            let report = try await SDKEnvironment.drive(sdk: "2.80.0", host: harness.server.baseURL, mode: "password", password: Harness.password)
            // Python 3.14 taught http.cookies the Partitioned attribute; the reference observed 3.8–3.13.
            (report.pythonAtLeast314 ? SDKExpectation.works : .cookieAssertion).verify(report)
        }
    }
}
