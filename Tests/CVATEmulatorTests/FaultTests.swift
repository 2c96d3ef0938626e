import CVATEmulator
import EmulatorTestSupport
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

    @Test("tls-no-forwarded-proto: served over TLS, Django believes http: the SDK's https Origin fails, no Origin passes")
    func tlsNoForwardedProto() async throws {
        // Record 2.64.0-tls-no-forwarded-proto-password; reference Part C row "nginx TLS without X-Forwarded-Proto".
        try await withEmulator("2.64.0", faults: [.tlsNoForwardedProto]) { harness in
            #expect(harness.server.baseURL.scheme == "https")
            let (cookies, _) = try await harness.session()
            let csrf = cookies["csrftoken"]!
            let https = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", csrf), ("Origin", "https://\(harness.hostPort)")], cookies: cookies, json: "{}")
            #expect(https.status == 403)
            #expect(https.detail == "CSRF Failed: Origin checking failed - https://\(harness.hostPort) does not match any trusted origins.")
            // No Origin: Django checks the Referer only for https requests, and it believes this one is http.
            let noOrigin = try await harness.send("POST", "/api/projects", headers: [("X-CSRFToken", csrf)], cookies: cookies, json: "{}")
            #expect(noOrigin.status == 400)
            #expect(noOrigin.body == #"{"name":["This field is required."]}"#)
            let referer = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", csrf), ("Referer", "https://\(harness.hostPort)/")], cookies: cookies, json: "{}")
            #expect(referer.status == 400)
            // A client that sends X-Forwarded-Proto itself gets it through (nginx passes client headers on).
            let forwarded = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", csrf), ("Origin", "https://\(harness.hostPort)"), ("X-Forwarded-Proto", "https")],
                cookies: cookies, json: "{}")
            #expect(forwarded.status == 400)
            let me = try await harness.send("GET", "/api/users/self", cookies: cookies)
            #expect((me.json["url"] as? String) == "http://\(harness.hostPort)/api/users/1")
            let about = try await harness.send("GET", "/api/server/about")
            #expect((about.json["logo_url"] as? String) == "http://\(harness.hostPort)/static/logo.svg")
        }
    }

    @Test("a correct TLS front: Django believes https, the https Origin passes, no Origin fails the Referer check")
    func correctTLSFront() async throws {
        // Record 2.64.0-tls-django-secure-cookies-password (its front forwards X-Forwarded-Proto).
        let ca = try TestCertificateAuthority.shared()
        try await withEmulator(EmulatorConfiguration(version: "2.64.0", password: "-", tls: ca.emulatorTLS)) { harness in
            let (cookies, _) = try await harness.session()
            let csrf = cookies["csrftoken"]!
            let https = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", csrf), ("Origin", "https://\(harness.hostPort)")], cookies: cookies, json: "{}")
            #expect(https.status == 400)
            let none = try await harness.send("POST", "/api/projects", cookies: cookies, json: "{}")
            #expect(none.detail == "CSRF Failed: Referer checking failed - no Referer.")
            let insecure = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", csrf), ("Referer", "http://\(harness.hostPort)/")], cookies: cookies, json: "{}")
            #expect(insecure.detail == "CSRF Failed: Referer checking failed - Referer is insecure while host is secure.")
            let about = try await harness.send("GET", "/api/server/about")
            #expect((about.json["logo_url"] as? String) == "https://\(harness.hostPort)/static/logo.svg")
        }
    }

    @Test("the faults that need TLS refuse to start without it", arguments: [EmulatorFault.tlsNoForwardedProto, .httpRedirectsToHTTPS])
    func needsTLS(_ fault: EmulatorFault) async throws {
        await #expect(throws: EmulatorError.self) {
            _ = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.64.0", password: "x", faults: [fault]))
        }
    }

    @Test("http-redirects-to-https: a second plain-http port answers nginx's exact 301 to the TLS port")
    func httpRedirectsToHTTPS() async throws {
        try await withEmulator("2.64.0", faults: [.httpRedirectsToHTTPS]) { harness in
            let front = try #require(harness.server.redirectFrontURL)
            #expect(front.scheme == "http")
            #expect(front.port != harness.server.port)
            for (method, path) in [("GET", "/api/server/about"), ("GET", "/api/schema/?format=json"), ("POST", "/api/auth/login")] {
                let reply = try await harness.send(method, path, base: front)
                #expect(reply.status == 301)
                #expect(reply.header("location") == "https://127.0.0.1:\(harness.server.port)\(path)")
                // Byte for byte as in the record 2.64.0-http-redirects-to-https-password.
                #expect(
                    reply.body
                        == "<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n"
                )
                #expect(reply.header("server") == "nginx/1.22.1")
                #expect(reply.header("content-type") == "text/html")
                #expect(reply.header("connection") == "keep-alive")
                #expect(reply.header("content-length") == "169")
                #expect(reply.setCookies.isEmpty)
            }
            #expect(try await harness.send("GET", "/api/server/about").status == 200)
        }
        try await withEmulator("2.64.0") { harness in #expect(harness.server.redirectFrontURL == nil) }
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

    @Test("html-errors: nginx 1.22's own 502 page and headers")
    func htmlErrors() async throws {
        try await withEmulator("2.48.0", faults: [.htmlErrors]) { harness in
            let reply = try await harness.send("GET", "/api/server/about")
            #expect(reply.status == 502)
            #expect(reply.header("content-type") == "text/html")
            #expect(reply.header("server") == "nginx/1.22.1")
            #expect(reply.header("connection") == "keep-alive")
            #expect(
                reply.body
                    == "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n"
            )
        }
    }

    @Test("html-errors=503: nginx's own status text on the status line and in the page")
    func htmlErrorsStatus() async throws {
        try await withEmulator("2.48.0", faults: [EmulatorFault(parsing: "html-errors=503")!]) { harness in
            let reply = try await harness.send("POST", "/api/auth/login", json: "{}")
            #expect(reply.status == 503)
            #expect(reply.body.contains("<title>503 Service Temporarily Unavailable</title>"))
            #expect(reply.body.hasSuffix("<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n"))
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
