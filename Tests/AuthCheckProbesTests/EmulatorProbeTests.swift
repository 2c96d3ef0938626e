import AuthCheckCore
import AuthCheckProbes
import CVATEmulator
import Foundation
import Testing

@Suite struct EmulatorProbeTests {
    @Test("a healthy 2.24 server passes every applicable probe", arguments: ["2.24.0", "2.48.0"])
    func healthy(version: String) async throws {
        let run = try await ProbeHarness.run(version: version, email: true)
        // Real 2.24 answers URL signing with Django's 500 page (record 2.24.0-direct-password); today's
        // probe code calls that a proxy error page.
        let signingDefect = version.hasPrefix("2.24")
        let bad = run.suite.outcomes.filter { $0.status == .fail || $0.status == .error }
            .filter { !(signingDefect && ($0.probe == "signing" || ($0.probe == "proxy.diagnosis" && $0.cause == "proxy-error-page"))) }
        if signingDefect { #expect(run.outcome("signing", "signed URL")?.message.contains("→ 500") == true) }
        #expect(bad.isEmpty, "unexpected: \(bad.map { "\($0.probe)/\($0.name): \($0.message) [\($0.cause ?? "-")]" })")
        #expect(run.outcome("login.password", "username form")?.status == .pass)
        #expect(run.outcome("login.password", "email form")?.status == .pass)
        #expect(run.outcome("about.version", "server version")?.message.contains(version) == true)
        #expect(!run.json.contains(ProbeHarness.password))
    }

    @Test("stripped Set-Cookie fails login naming the missing cookies and the proxy cause; PAT login still predicted to work")
    func strippedCookies() async throws {
        let run = try await ProbeHarness.run(version: "2.48.0", faults: [.stripSetCookie])
        let login = try #require(run.outcome("login.password", "username form"))
        #expect(login.status == .fail)
        #expect(login.cause == "set-cookie-stripped")
        for cookie in ["csrftoken", "sessionid", "sessionfresh"] { #expect(login.observed?.contains(cookie) == true, "observed names \(cookie)") }
        #expect(login.causeText?.contains("proxy") == true)
        #expect(login.remedy?.contains("proxy_pass_header Set-Cookie") == true)
        #expect(login.diagnosis.hasPrefix("Expected: "))
        let sdk = run.outcomes("sdk.compat")
        let password = try #require(sdk.first { $0.facts["client"] == "cvat-sdk 2.48–2.69" && $0.facts["mode"] == "password" })
        #expect(password.status == .fail)
        #expect(password.message.contains("AssertionError (the sessionid cookie is missing from the login response)"))
        let pat = try #require(sdk.first { $0.facts["client"] == "cvat-sdk 2.48–2.69" && $0.facts["mode"] == "access-token" })
        #expect(pat.status == .pass, "\(pat.message)")
        #expect(run.outcomes("proxy.diagnosis").contains { $0.cause == "set-cookie-stripped" && $0.observed?.contains("sessionid") == true })
        #expect(!run.json.contains(ProbeHarness.password))
    }

    @Test("Secure cookies over http: cookies.attributes names the bare flag cvat-sdk cannot parse")
    func secureCookies() async throws {
        let run = try await ProbeHarness.run(version: "2.48.0", faults: [.secureCookies])
        let python = try #require(run.outcome("cookies.attributes", "cvat-sdk cookie parsing"))
        #expect(python.status == .fail)
        #expect(python.cause == "python-cookie-bare-flag")
        #expect(python.message.contains("cvat-sdk loads no cookie: cookie '"))
        #expect(python.message.contains("ends in the bare flag Secure, and urllib3's \", \" join puts \"Secure,\" before the next cookie"))
        #expect(run.outcome("cookies.attributes", "cookie sessionid")?.cause == "cookie-secure-over-http")
    }

    @Test("an unverified account under mandatory verification: the account state is named, password clients break with ApiException, PATs work")
    func unverifiedAccount() async throws {
        let run = try await ProbeHarness.run(version: "2.64.0") { $0.emailVerificationMandatory = true }
        let login = try #require(run.outcome("login.password", "username form"))
        #expect(login.status == .fail)
        #expect(login.cause == "account-email-unverified")
        #expect(login.causeText?.contains("proxy") == false)
        #expect(run.outcome("basic", "Basic on users/self")?.cause == "account-email-unverified")
        #expect(!run.suite.outcomes.contains { $0.cause == "proxy-error-page" || $0.cause == "sso-login-page" })
        let password = try #require(
            run.outcomes("sdk.compat").first { $0.prediction?.line == "cvat-sdk 2.48–2.69" && $0.prediction?.mode == .password })
        #expect(password.prediction?.exception == "ApiException")
        #expect(password.prediction?.step == "make_client")
        let pat = try #require(
            run.outcomes("sdk.compat").first { $0.prediction?.line == "cvat-sdk 2.48–2.69" && $0.prediction?.mode == .accessToken })
        #expect(pat.prediction?.verdict.isWorking == true, "\(pat.message)")
        #expect(!run.json.contains(ProbeHarness.password))
    }

    @Test("no secret minted during the run appears in the record")
    func noMintedSecrets() async throws {
        let run = try await ProbeHarness.run(version: "2.48.0")
        let secrets = run.redactor.registeredSecrets
        #expect(secrets.count >= 4, "login key, sessionid, csrftoken, PAT, password registered")
        for secret in secrets { #expect(!run.json.contains(secret)) }
    }
}
