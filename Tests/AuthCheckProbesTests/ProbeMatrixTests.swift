import AuthCheckCore
import AuthCheckProbes
import CVATEmulator
import Foundation
import Testing

/// The faults the table covers, by their CLI spelling.
enum MatrixFault: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case none
    case stripSetCookie = "strip-set-cookie"
    case stripSessionCookie = "strip-session-cookie"
    case secureCookies = "secure-cookies"
    case partitionedCookie = "partitioned-cookie"
    case tlsNoForwardedProto = "tls-no-forwarded-proto"
    case ssoRedirect = "sso-redirect"
    case htmlErrors = "html-errors"
    case noAbout = "no-about"
    case tokenDisabled = "token-disabled"
    case devVersion = "dev-version"

    var faults: [EmulatorFault] { self == .none ? [] : [EmulatorFault(parsing: rawValue)!] }
    var testDescription: String { rawValue }
}

/// For every emulator release line × fault: the exact set of (probe, status, cause) among the fail and
/// error outcomes of a full run. The expectations are written from the reference (what a real CVAT of
/// that line does behind that fault), not read back from the probes.
@Suite(.serialized) struct ProbeMatrixTests {
    /// Real CVAT up to 2.45 answers every authenticated POST /api/auth/signing with Django's HTML 500
    /// page (record 2.24.0-direct-password): the profiles' known defect, an expected failure (skipped),
    /// so it appears in none of these sets.
    static func expected(line: String, fault: MatrixFault) -> Set<String> {
        let minor = Int(line.split(separator: ".")[1])!
        let hasAccessTokens = minor >= 48
        switch fault {
        case .none, .devVersion:
            return []
        case .stripSetCookie:
            return ["login.password fail set-cookie-stripped", "proxy.diagnosis fail set-cookie-stripped", "sdk.compat fail sdk-cookie-assert"]
        case .stripSessionCookie:
            return ["login.password fail set-cookie-filtered", "proxy.diagnosis fail set-cookie-filtered", "sdk.compat fail sdk-cookie-assert"]
        case .secureCookies:
            // Secure over http, and Django/nginx put Secure last: Python's http.cookies loads nothing.
            return [
                "cookies.attributes fail cookie-secure-over-http", "cookies.attributes fail python-cookie-bare-flag",
                "proxy.diagnosis fail cookie-secure-over-http", "proxy.diagnosis fail python-cookie-bare-flag", "sdk.compat fail sdk-cookie-assert",
            ]
        case .partitionedCookie:
            return [
                "cookies.attributes fail python-cookie-unknown-attribute", "proxy.diagnosis fail python-cookie-unknown-attribute",
                "sdk.compat fail sdk-cookie-assert",
            ]
        case .tlsNoForwardedProto:
            // Session + Origin refused; Token/Basic-authenticated work (signing, PAT creation) is immune.
            var set: Set<String> = ["session.csrf fail csrf-origin-mismatch", "proxy.diagnosis fail csrf-origin-mismatch"]
            // Logout runs only on an account shown to be dedicated: the token list shows it from 2.48; before,
            // nothing can (the shared legacy token is invisible), so logout is left out (skipped) by default.
            if hasAccessTokens { set.insert("logout.invalidates fail csrf-origin-mismatch") }
            // SDK lines ≥2.41 send Origin; on a 2.24 server they are already skipped for the About skew.
            // Only lines at or below the server's release are selected by default; SDK lines ≥2.41 send Origin.
            if minor >= 41 { set.insert("sdk.compat fail sdk-origin-refused") }
            // Signing's session attempt is refused for its https Origin, then Token and Basic meet the 500
            // defect: the known defect decides (skipped); no client signs URLs.
            return set
        case .ssoRedirect:
            // Every /api/auth/ request meets the gateway: login, the unknown-user login, signing (or its removal
            // check), the access-token endpoints (or their absence check) and the shared-account listing.
            var set: Set<String> = [
                "credentials.bad fail sso-login-page", "login.password fail sso-login-page", "proxy.diagnosis fail sso-login-page",
                "signing fail sso-login-page", "access-token.lifecycle fail sso-login-page",
            ]
            if hasAccessTokens { set.insert("account.dedicated fail sso-login-page") }
            return set
        case .htmlErrors:
            // Nothing answers as CVAT: the version is unknown, so no probe runs.
            return Set(BuiltInProbes.all.map { "\($0.descriptor.id) error -" }).union(["about.version error proxy-error-page"])
        case .noAbout:
            // cvat-sdk only warns when about fails and goes on: advice, no failure.
            return []
        case .tokenDisabled:
            // The anonymous refusal changes from 401 to 403 (advice); clients that send Token break.
            return ["token.legacy fail legacy-token-refused", "sdk.compat fail sdk-token-refused"]
        }
    }

    @Test(
        "each release line × fault yields exactly the expected failures and causes",
        arguments: EmulatedCVATServer.releaseLines, MatrixFault.allCases)
    func matrix(line: String, fault: MatrixFault) async throws {
        let run = try await ProbeHarness.run(version: line + ".0", faults: fault.faults)
        let observed = Set(
            run.suite.outcomes.filter { $0.status == .fail || $0.status == .error }.map { "\($0.probe) \($0.status.rawValue) \($0.cause ?? "-")" })
        let expected = Self.expected(line: line, fault: fault)
        #expect(
            observed == expected,
            """
            \(line) \(fault.rawValue)
            unexpected: \(observed.subtracting(expected).sorted())
            missing: \(expected.subtracting(observed).sorted())
            """)
        #expect(!run.json.contains(ProbeHarness.password))
        // Every failing outcome carries a catalogued cause and a remedy, and cites the profile it expected.
        for outcome in run.suite.outcomes where outcome.status == .fail {
            #expect(outcome.cause.flatMap(DiagnosisCatalog.diagnosis(id:)) != nil, "\(outcome.probe)/\(outcome.name) cause \(outcome.cause ?? "-")")
            #expect(outcome.remedy?.isEmpty == false)
            if outcome.probe != "proxy.diagnosis" { #expect(outcome.expected?.contains("profile") == true, "\(outcome.probe)/\(outcome.name)") }
        }
    }
}

@Suite struct SigningBehindTLSProxyTests {
    @Test(
        "behind a TLS proxy without X-Forwarded-Proto, signing with the session is refused for its https Origin; Token and Basic meet CVAT's 500 defect"
    )
    func signedURLRefused() async throws {
        let run = try await ProbeHarness.run(version: "2.41.0", faults: [.tlsNoForwardedProto], probes: ["login", "signing"])
        let signing = try #require(run.outcome("signing", "signed URL"))
        #expect(signing.status == .skipped)
        #expect(signing.facts["known_defect"] == "signing-view-has-no-detail")
        #expect(signing.message.contains("signing a URL failed: session + CSRF → 403, legacy Token → 500, HTTP Basic → 500"), "\(signing.message)")
        #expect(signing.evidence.contains { ($0.responseBody ?? "").contains("Origin checking failed - https://") })
    }
}
