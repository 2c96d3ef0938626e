import CVATEmulator
import Foundation
import Testing

/// What the reference (part C and §4) says the real cvat-sdk does in each situation.
enum SDKExpectation: Sendable, CustomStringConvertible {
    /// make_client + retrieve_self + logout all succeed.
    case works
    /// The bare `AssertionError` from `assert "sessionid" in self.api_client.cookies` in `Client.login`.
    case cookieAssertion
    /// `TypeError: About._from_openapi_data() missing 2 required positional arguments: 'logo_url' and 'subtitle'`.
    case aboutTypeError
    /// The unsafe request (logout) gets 403 "CSRF Failed: Origin checking failed - … does not match any trusted origins."
    case originForbidden

    var description: String {
        switch self {
        case .works: "works"
        case .cookieAssertion: "AssertionError"
        case .aboutTypeError: "TypeError(logo_url, subtitle)"
        case .originForbidden: "403 Origin checking failed"
        }
    }

    /// Checks a driver report against the expectation.
    func verify(_ report: SDKEnvironment.Report, sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .works:
            #expect(report.outcome == "ok", "\(report)", sourceLocation: sourceLocation)
            #expect(report.user == "probe", sourceLocation: sourceLocation)
        case .cookieAssertion:
            #expect(report.type == "AssertionError", "\(report)", sourceLocation: sourceLocation)
            #expect(report.message == "", sourceLocation: sourceLocation)
            #expect(report.line == "assert \"sessionid\" in self.api_client.cookies", sourceLocation: sourceLocation)
        case .aboutTypeError:
            #expect(report.type == "TypeError", "\(report)", sourceLocation: sourceLocation)
            #expect(report.message?.contains("missing 2 required positional arguments: 'logo_url' and 'subtitle'") == true, sourceLocation: sourceLocation)
        case .originForbidden:
            #expect(report.type == "ForbiddenException", "\(report)", sourceLocation: sourceLocation)
            #expect(report.status == 403, sourceLocation: sourceLocation)
            let body = report.body ?? ""
            #expect(body.contains("CSRF Failed: Origin checking failed - http://127.0.0.1:"), "\(body)", sourceLocation: sourceLocation)
            #expect(body.contains("does not match any trusted origins."), sourceLocation: sourceLocation)
        }
    }
}

/// One real-client run: SDK release × emulated server × faults × login mode.
struct SDKCase: Sendable, CustomTestStringConvertible {
    let sdk: String
    let server: String
    let faults: [EmulatorFault]
    let accessToken: Bool
    let expected: SDKExpectation

    init(_ sdk: String, _ server: String, _ faults: [EmulatorFault], accessToken: Bool = false, _ expected: SDKExpectation) {
        self.sdk = sdk
        self.server = server
        self.faults = faults
        self.accessToken = accessToken
        self.expected = expected
    }

    var testDescription: String {
        let faultText = faults.isEmpty ? "healthy" : faults.map(\.description).joined(separator: "+")
        return "cvat-sdk \(sdk) \(accessToken ? "PAT" : "password") vs \(server) \(faultText) -> \(expected)"
    }

    /// The cases, each with the reference row it reproduces.
    static let all: [SDKCase] = [
        SDKCase("2.24.0", "2.24.0", [], .works),                                            // C: 2.24/2.24 nothing
        SDKCase("2.24.0", "2.24.0", [.stripSetCookie], .cookieAssertion),               // C: proxy_hide_header Set-Cookie
        SDKCase("2.24.0", "2.24.0", [.secureCookies], .cookieAssertion),                // C: proxy_cookie_flags ~ secure
        SDKCase("2.24.0", "2.24.0", [.originMismatch], .works),                         // C: TLS without X-Forwarded-Proto, Token header
        SDKCase("2.24.0", "2.64.0", [], .works),                                            // B: 2.24 SDK vs 2.64 (warning only)
        SDKCase("2.41.0", "2.41.0", [], .works),                                            // §4: session + CSRF + Origin
        SDKCase("2.41.0", "2.41.0", [.originMismatch], .originForbidden),               // §4: ≥2.41 behind TLS without X-Forwarded-Proto
        SDKCase("2.48.0", "2.48.0", [], .works),
        SDKCase("2.48.0", "2.48.0", [.stripSetCookie], .cookieAssertion),               // §4: asserts kept through 2.80
        SDKCase("2.48.0", "2.48.0", [.stripSetCookie], accessToken: true, .works),      // §4: PAT returns before the asserts
        SDKCase("2.80.0", "2.24.0", [], .aboutTypeError),                                   // C.3 / §4 version-skew crash
        SDKCase("2.80.0", "2.24.0", [.stripSetCookie], .aboutTypeError),                // C.3: whatever the proxy does
        SDKCase("2.80.0", "2.48.0", [], .works),
        SDKCase("2.80.0", "2.64.0", [], .works),                                            // C: 2.80/2.64 nothing
        SDKCase("2.80.0", "2.80.0", [], .works),
        SDKCase("2.80.0", "2.80.0", [.devVersion], .works),                             // §4: .dev version only warns
        SDKCase("2.80.0", "2.64.0", [.stripSetCookie], .cookieAssertion),               // B: 2.80 through the stripping proxy
        SDKCase("2.80.0", "2.64.0", [.stripSessionCookie], .cookieAssertion),           // §5 #9946: only csrftoken arrives
        SDKCase("2.80.0", "2.64.0", [.secureCookies], .cookieAssertion),                // C: proxy_cookie_flags ~ secure
        SDKCase("2.80.0", "2.64.0", [.originMismatch], .originForbidden),               // C: TLS without X-Forwarded-Proto
        SDKCase("2.80.0", "2.48.0", [.stripSetCookie], accessToken: true, .works),      // C: PAT, any of the above
        SDKCase("2.80.0", "2.64.0", [.secureCookies], accessToken: true, .works),
        SDKCase("2.80.0", "2.64.0", [.originMismatch], accessToken: true, .works),
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
    .enabled("needs python3 and cvat-sdk 2.24.0, 2.41.0, 2.48.0 and 2.80.0 from PyPI (scripts/sdk-venv.sh); they could not be prepared", sdkVenvsAvailable)
)
struct SDKTierTests {
    @Test(arguments: SDKCase.all)
    func run(_ sdkCase: SDKCase) async throws {
        try await withEmulator(sdkCase.server, faults: sdkCase.faults) { harness in
            var token: String?
            if sdkCase.accessToken {
                let created = try await harness.send("POST", "/api/auth/access_tokens", headers: [harness.basic()], json: #"{"name":"sdk-tier"}"#)
                token = try #require(created.json["value"] as? String)
            }
            let report = try await SDKEnvironment.drive(
                sdk: sdkCase.sdk, host: harness.server.baseURL, mode: token == nil ? "password" : "access-token",
                password: Harness.password, accessToken: token)
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
