import CVATEmulator
import Foundation
import Testing

/// Django's cookie settings as an operator changes them; attribute order as Django's `set_cookie`
/// writes it (record 2.64.0-tls-django-secure-cookies-password shows `Secure` last).
@Suite struct CookieSettingsTests {
    static func login(_ settings: EmulatorCookieSettings) async throws -> [String] {
        try await withEmulator(EmulatorConfiguration(version: "2.64.0", password: "-", cookieSettings: settings)) { harness in
            try await harness.login().setCookies.map { $0.replacing(/=[^;]*; expires=[^;]*;/, with: "=V; expires=E;") }
        }
    }

    @Test("SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE: Secure last, as in the record")
    func secure() async throws {
        let lines = try await Self.login(EmulatorCookieSettings(sessionCookieSecure: true, csrfCookieSecure: true))
        #expect(
            lines == [
                "csrftoken=V; expires=E; Max-Age=31449600; Path=/; SameSite=Lax; Secure",
                "sessionfresh=V; expires=E; HttpOnly; Max-Age=86400; Path=/; SameSite=Lax; Secure",
                "sessionid=V; expires=E; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure",
            ])
        #expect(try await Self.login(EmulatorCookieSettings(csrfCookieSecure: true)).map { $0.hasSuffix("; Secure") } == [true, false, false])
    }

    @Test("logout deletes sessionfresh and sessionid without Secure (Django's delete_cookie ignores the setting)")
    func deletion() async throws {
        try await withEmulator(
            EmulatorConfiguration(version: "2.64.0", password: "-", cookieSettings: EmulatorCookieSettings(sessionCookieSecure: true))
        ) { harness in
            let login = try await harness.login()
            var cookies = login.cookies
            cookies["sessionfresh"] = "1"
            let logout = try await harness.send("POST", "/api/auth/logout", headers: [("X-CSRFToken", cookies["csrftoken"]!)], cookies: cookies)
            #expect(
                logout.setCookies == [
                    "sessionfresh=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax",
                    "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax",
                ])
        }
    }

    @Test(
        "SESSION_COOKIE_AGE: sessionid's Max-Age, sessionfresh min(1 day, half of it)",
        arguments: [(3600, 1800), (172_800, 86_400), (1_209_600, 86_400)])
    func age(seconds: Int, fresh: Int) async throws {
        let lines = try await Self.login(EmulatorCookieSettings(sessionCookieAge: seconds))
        #expect(lines[1] == "sessionfresh=V; expires=E; HttpOnly; Max-Age=\(fresh); Path=/; SameSite=Lax")
        #expect(lines[2] == "sessionid=V; expires=E; HttpOnly; Max-Age=\(seconds); Path=/; SameSite=Lax")
    }

    @Test("SameSite values: Strict, None (deletions then carry Secure), or no attribute")
    func sameSite() async throws {
        let strict = try await Self.login(EmulatorCookieSettings(sessionCookieSameSite: "Strict", csrfCookieSameSite: "Strict"))
        #expect(strict.allSatisfy { $0.hasSuffix("; Path=/; SameSite=Strict") })
        let unset = try await Self.login(EmulatorCookieSettings(sessionCookieSameSite: nil, csrfCookieSameSite: nil))
        #expect(unset.allSatisfy { $0.hasSuffix("; Path=/") })
        try await withEmulator(
            EmulatorConfiguration(version: "2.64.0", password: "-", cookieSettings: EmulatorCookieSettings(sessionCookieSameSite: "None"))
        ) { harness in
            let cookies = try await harness.login().cookies
            let logout = try await harness.send(
                "POST", "/api/auth/logout", headers: [("X-CSRFToken", cookies["csrftoken"]!)],
                cookies: ["sessionid": cookies["sessionid"]!, "csrftoken": cookies["csrftoken"]!])
            #expect(logout.setCookies == ["sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=None; Secure"])
        }
    }

    @Test("HttpOnly settings: sessionid follows SESSION_COOKIE_HTTPONLY, sessionfresh is always HttpOnly")
    func httpOnly() async throws {
        let lines = try await Self.login(EmulatorCookieSettings(sessionCookieHTTPOnly: false, csrfCookieHTTPOnly: true))
        #expect(
            lines == [
                "csrftoken=V; expires=E; HttpOnly; Max-Age=31449600; Path=/; SameSite=Lax",
                "sessionfresh=V; expires=E; HttpOnly; Max-Age=86400; Path=/; SameSite=Lax",
                "sessionid=V; expires=E; Max-Age=1209600; Path=/; SameSite=Lax",
            ])
    }

    @Test("settings parse from their Django names; bad names and values are refused")
    func parsing() throws {
        var settings = EmulatorCookieSettings()
        try settings.set("SESSION_COOKIE_SECURE", to: "True")
        try settings.set("csrf_cookie_samesite", to: "strict")
        try settings.set("SESSION_COOKIE_SAMESITE", to: "unset")
        try settings.set("SESSION_COOKIE_AGE", to: "60")
        #expect(
            settings
                == EmulatorCookieSettings(sessionCookieSecure: true, sessionCookieAge: 60, sessionCookieSameSite: nil, csrfCookieSameSite: "Strict"))
        for (name, value) in [("SESSION_COOKIE_SECURE", "maybe"), ("SESSION_COOKIE_AGE", "0"), ("CSRF_COOKIE_SAMESITE", "Loose"), ("NO_SUCH", "1")] {
            #expect(throws: EmulatorError.self, "\(name)=\(value)") { try settings.set(name, to: value) }
        }
    }

    @Test("an invalid SameSite value stops the server from starting, as Django's set_cookie raises")
    func invalidSameSite() async {
        await #expect(throws: EmulatorError.self) {
            _ = try await EmulatedCVATServer.start(
                EmulatorConfiguration(
                    version: "2.64.0", password: "x", cookieSettings: EmulatorCookieSettings(sessionCookieSameSite: "Sometimes")))
        }
    }
}
