import CVATEmulator
import Foundation
import Testing

/// Behaviour the shared real-CVAT records show, checked without the records (the conformance tier
/// replays them when they are present). Each test names the record and exchange it comes from.
@Suite struct RecordedBehaviourTests {
    @Test("a read-only PAT's 403 does not vary on Cookie (the view never ran)")
    func patRefusalVary() async throws {
        // 2.64.0-direct-password #15 access-token.lifecycle/read-only enforced: vary "Accept, Origin".
        try await withEmulator("2.64.0") { harness in
            let token = try #require(harness.server.seedAccessToken(name: "ro", readOnly: true))
            let reply = try await harness.send("POST", "/api/projects", headers: [("Authorization", "Bearer \(token)")], json: "{}")
            #expect(reply.status == 403)
            #expect(reply.header("vary") == "Accept, Origin")
            let invalid = try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Bearer nope.nope")])
            #expect(invalid.header("vary") == "Accept, Origin")
            let ok = try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Bearer \(token)")])
            #expect(ok.header("vary") == "Accept, Accept-Encoding, Origin, Cookie")
        }
    }

    @Test("expiry_date is written back as DRF writes it: no fraction when the microseconds are zero")
    func expiryFormat() async throws {
        // 2.64.0-direct-password #13 access-token.lifecycle/create: "expiry_date":"2026-12-02T03:00:21Z".
        try await withEmulator("2.64.0") { harness in
            let created = try await harness.send(
                "POST", "/api/auth/access_tokens", headers: [harness.basic()],
                json: #"{"name":"t","expiry_date":"2099-12-02T03:00:21Z","read_only":true}"#)
            #expect(created.json["expiry_date"] as? String == "2099-12-02T03:00:21Z")
            #expect((created.json["created_date"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z/) != nil)
            let fraction = try await harness.send(
                "POST", "/api/auth/access_tokens", headers: [harness.basic()],
                json: #"{"name":"t","expiry_date":"2099-12-02T03:00:21.5Z"}"#)
            #expect(fraction.json["expiry_date"] as? String == "2099-12-02T03:00:21.500000Z")
        }
    }

    @Test("an empty X-CSRFToken is not missing: Django says 'has incorrect length'")
    func emptyCSRFHeader() async throws {
        try await withEmulator("2.64.0") { harness in
            let (cookies, _) = try await harness.session()
            let reply = try await harness.send("POST", "/api/projects", headers: [("X-CSRFToken", "")], cookies: cookies, json: "{}")
            #expect(reply.detail == "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header has incorrect length.")
            let missing = try await harness.send("POST", "/api/projects", cookies: cookies, json: "{}")
            #expect(missing.detail == "CSRF Failed: CSRF token missing.")
        }
    }

    @Test("logout of a session that carried sessionfresh deletes sessionfresh, then sessionid")
    func logoutDeletesFresh() async throws {
        // 2.64.0-direct-password #19 logout.invalidates/logout and 2.24.0-direct-password #14.
        try await withEmulator("2.64.0") { harness in
            var cookies = try await harness.login().cookies
            cookies["sessionfresh"] = "1"
            let logout = try await harness.send(
                "POST", "/api/auth/logout", headers: [("X-CSRFToken", cookies["csrftoken"]!), ("Origin", "http://\(harness.hostPort)")],
                cookies: cookies)
            #expect(logout.setCookies.map { String($0.prefix { $0 != "=" }) } == ["sessionfresh", "sessionid"])
            #expect(logout.header("vary") == "Accept, Origin, Cookie")
            // #20 session dead: only the sessionid is sent back, only it is deleted.
            let dead = try await harness.send("GET", "/api/users/self", cookies: ["sessionid": cookies["sessionid"]!])
            #expect(dead.setCookies == ["sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"])
        }
    }

    @Test("Vary follows the body size (GZip), the CSRF cookie and session access")
    func vary() async throws {
        try await withEmulator("2.64.0") { harness in
            // #4 anonymous users/self and #12 an empty token list: short bodies, no Accept-Encoding.
            let anonymous = try await harness.send("GET", "/api/users/self")
            #expect(anonymous.header("vary") == "Accept, Origin, Cookie")
            let emptyList = try await harness.send("GET", "/api/auth/access_tokens", headers: [harness.basic()])
            #expect(emptyList.header("vary") == "Accept, Origin, Cookie")
            // #5 login: the CSRF middleware's Cookie comes before CORS's Origin.
            let login = try await harness.login()
            #expect(login.header("vary") == "Accept, Cookie, Origin")
            // 2.24.0-direct-password #7 Basic users/self: a long body.
            let me = try await harness.send("GET", "/api/users/self", headers: [harness.basic()])
            #expect(me.header("vary") == "Accept, Accept-Encoding, Origin, Cookie")
        }
    }

    @Test("a path that is not CVAT answers Django's HTML 404 exactly")
    func notCVAT() async throws {
        try await withEmulator("2.64.0") { harness in
            let reply = try await harness.send("GET", "/annotate/api/server/about")
            #expect(reply.status == 404)
            #expect(reply.header("content-type") == "text/html; charset=utf-8")
            #expect(reply.header("vary") == "Origin")
            #expect(reply.header("server") == "uvicorn")
            #expect(
                reply.body
                    == "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n"
            )
        }
    }
}
