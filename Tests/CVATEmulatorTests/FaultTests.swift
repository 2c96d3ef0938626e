import CVATEmulator
import Foundation
import Testing

@Suite struct FaultTests {
    @Test("strip-set-cookie: login 200 with a key and no Set-Cookie at all")
    func stripSetCookie() async throws {
        try await withEmulator("2.24.0", faults: [.stripSetCookie]) { harness in
            let reply = try await harness.login()
            #expect(reply.status == 200)
            #expect(reply.json["key"] is String)
            #expect(reply.setCookies.isEmpty)
        }
    }

    @Test("strip-session-cookie: only sessionid is dropped")
    func stripSessionCookie() async throws {
        try await withEmulator("2.48.0", faults: [.stripSessionCookie]) { harness in
            let reply = try await harness.login()
            #expect(reply.cookies.keys.sorted() == ["csrftoken", "sessionfresh"])
        }
    }

    @Test("secure-cookies and partitioned-cookie append the attribute last")
    func cookieAttributes() async throws {
        try await withEmulator("2.48.0", faults: [.secureCookies]) { harness in
            let lines = try await harness.login().setCookies
            #expect(lines.count == 3)
            #expect(lines.allSatisfy { $0.hasSuffix("; Path=/; SameSite=Lax; Secure") })
        }
        try await withEmulator("2.48.0", faults: [.partitionedCookie]) { harness in
            let lines = try await harness.login().setCookies
            #expect(lines.count == 3)
            #expect(lines.allSatisfy { $0.hasSuffix("; SameSite=Lax; Partitioned") })
        }
    }

    @Test("origin-mismatch: the http Origin fails, a missing Origin fails the https Referer check")
    func originMismatch() async throws {
        try await withEmulator("2.41.0", faults: [.originMismatch]) { harness in
            let login = try await harness.login()
            #expect(login.status == 200, "login itself is not CSRF-checked")
            let (cookies, _) = try await harness.session()
            let csrf = cookies["csrftoken"]!
            let origin = try await harness.send("POST", "/api/auth/logout", headers: [("X-CSRFToken", csrf), ("Origin", "http://\(harness.hostPort)")], cookies: cookies)
            #expect(origin.status == 403)
            #expect(origin.detail == "CSRF Failed: Origin checking failed - http://\(harness.hostPort) does not match any trusted origins.")
            let noReferer = try await harness.send("POST", "/api/auth/logout", headers: [("X-CSRFToken", csrf)], cookies: cookies)
            #expect(noReferer.detail == "CSRF Failed: Referer checking failed - no Referer.")
            let insecure = try await harness.send("POST", "/api/auth/logout", headers: [("X-CSRFToken", csrf), ("Referer", "http://\(harness.hostPort)/")], cookies: cookies)
            #expect(insecure.detail == "CSRF Failed: Referer checking failed - Referer is insecure while host is secure.")
            let https = try await harness.send("POST", "/api/auth/logout", headers: [("X-CSRFToken", csrf), ("Origin", "https://\(harness.hostPort)")], cookies: cookies)
            #expect(https.status == 200)
            let about = try await harness.send("GET", "/api/server/about")
            #expect((about.json["logo_url"] as? String)?.hasPrefix("https://") == true)
        }
    }

    @Test("sso-redirect: auth endpoints answer 302 to an HTML page")
    func ssoRedirect() async throws {
        try await withEmulator("2.48.0", faults: [.ssoRedirect]) { harness in
            let reply = try await harness.login()
            #expect(reply.status == 302)
            let location = try #require(reply.header("location"))
            #expect(location.hasPrefix("/sso/login?next="))
            let page = try await harness.send("GET", location)
            #expect(page.status == 200)
            #expect(page.header("content-type")?.hasPrefix("text/html") == true)
            #expect(try await harness.send("GET", "/api/server/about").status == 200)
        }
    }

    @Test("html-errors: a 502 HTML page from the proxy")
    func htmlErrors() async throws {
        try await withEmulator("2.48.0", faults: [.htmlErrors]) { harness in
            let reply = try await harness.send("GET", "/api/server/about")
            #expect(reply.status == 502)
            #expect(reply.header("content-type") == "text/html")
            #expect(reply.body.contains("<title>502 Bad Gateway</title>"))
        }
    }

    @Test("slow=MS delays every answer")
    func slow() async throws {
        try await withEmulator("2.48.0", faults: [.slow(milliseconds: 300)]) { harness in
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await harness.send("GET", "/api/server/about")
            #expect(reply.status == 200)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test("rate-limit=N: the N+1st request in a minute is 429, authenticated or not")
    func rateLimit() async throws {
        try await withEmulator("2.48.0", faults: [.rateLimit(perMinute: 3)]) { harness in
            for _ in 0..<3 { #expect(try await harness.send("GET", "/api/users/self", headers: [harness.basic()]).status == 200) }
            let limited = try await harness.send("GET", "/api/users/self", headers: [harness.basic()])
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") != nil)
        }
    }

    @Test("no-about: about is blocked by the proxy with an HTML page")
    func noAbout() async throws {
        try await withEmulator("2.48.0", faults: [.noAbout]) { harness in
            let reply = try await harness.send("GET", "/api/server/about")
            #expect(reply.status == 403)
            #expect(reply.body.contains("nginx"))
            #expect(try await harness.login().status == 200)
        }
    }

    @Test("token-disabled: the legacy key no longer authenticates")
    func tokenDisabled() async throws {
        try await withEmulator("2.48.0", faults: [.tokenDisabled]) { harness in
            let (_, key) = try await harness.session()
            let reply = try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Token \(key)")])
            #expect(reply.status == 401)
            #expect(reply.header("www-authenticate") == "Bearer")
            #expect(reply.detail == "Authentication credentials were not provided.")
        }
    }

    @Test("dev-version: about reports X.Y.Z.dev<timestamp>")
    func devVersion() async throws {
        try await withEmulator("2.80.0", faults: [.devVersion]) { harness in
            let version = try await harness.send("GET", "/api/server/about").json["version"] as? String
            #expect(version?.wholeMatch(of: /2\.80\.0\.dev\d{14}/) != nil)
            #expect(harness.server.releaseLine == "2.80")
        }
    }
}
