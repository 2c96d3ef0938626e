import CVATEmulator
import Foundation
import Testing

@Suite struct SessionAndCSRFTests {
    @Test("users/self: no credentials, Token, Basic, session")
    func usersSelf() async throws {
        try await withEmulator("2.24.0") { harness in
            let anonymous = try await harness.send("GET", "/api/users/self")
            #expect(anonymous.status == 401)
            #expect(anonymous.header("www-authenticate") == "Token")
            #expect(anonymous.detail == "Authentication credentials were not provided.")
            let (cookies, key) = try await harness.session()
            let token = try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Token \(key)")])
            #expect(token.status == 200)
            #expect(token.json["username"] as? String == "probe")
            #expect(token.json["url"] as? String == "http://\(harness.hostPort)/api/users/1")
            #expect(token.setCookies.isEmpty)
            let basic = try await harness.send("GET", "/api/users/self", headers: [harness.basic()])
            #expect(basic.status == 200)
            let byEmail = try await harness.send("GET", "/api/users/self", headers: [harness.basic("probe@example.com")])
            #expect(byEmail.status == 200)
            let session = try await harness.send("GET", "/api/users/self", cookies: ["sessionid": cookies["sessionid"]!])
            #expect(session.status == 200)
            #expect(session.setCookies.count == 2, "sessionfresh and sessionid are refreshed")
            #expect(session.setCookies.first?.hasPrefix("sessionfresh=1; ") == true)
            #expect(session.setCookies.last?.hasPrefix("sessionid=\(cookies["sessionid"]!); ") == true)
            var withFresh = cookies
            withFresh["sessionfresh"] = "1"
            let fresh = try await harness.send("GET", "/api/users/self", cookies: withFresh)
            #expect(fresh.status == 200)
            #expect(fresh.setCookies.isEmpty, "no refresh while sessionfresh is present")
        }
    }

    @Test("a bad Token header beats a valid session")
    func tokenFirst() async throws {
        try await withEmulator("2.64.0") { harness in
            let (cookies, _) = try await harness.session()
            let reply = try await harness.send(
                "POST", "/api/projects",
                headers: [("Authorization", "Token 0000000000000000000000000000000000000000"), ("X-CSRFToken", cookies["csrftoken"]!)],
                cookies: cookies, json: #"{"name":"p"}"#)
            #expect(reply.status == 401)
            #expect(reply.detail == "Invalid token.")
        }
    }

    @Test("CSRF failures have Django's texts", arguments: ["2.24.0", "2.64.0"])
    func csrf(version: String) async throws {
        try await withEmulator(version) { harness in
            let (cookies, _) = try await harness.session()
            let csrf = cookies["csrftoken"]!
            let missing = try await harness.send("POST", "/api/projects", cookies: cookies, json: #"{"name":"p"}"#)
            #expect(missing.status == 403)
            #expect(missing.body == #"{"detail":"CSRF Failed: CSRF token missing."}"#)
            #expect(missing.setCookies.count == 2, "the session is still refreshed on the 403")
            let wrong = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", String(csrf.reversed()))], cookies: cookies, json: #"{"name":"p"}"#)
            #expect(wrong.detail == "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect.")
            let noCookie = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", csrf)], cookies: ["sessionid": cookies["sessionid"]!], json: #"{"name":"p"}"#)
            #expect(noCookie.detail == "CSRF Failed: CSRF cookie not set.")
            let origin = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", csrf), ("Origin", "https://\(harness.hostPort)")], cookies: cookies,
                json: #"{"name":"p"}"#)
            #expect(origin.detail == "CSRF Failed: Origin checking failed - https://\(harness.hostPort) does not match any trusted origins.")
            let good = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", csrf), ("Origin", "http://\(harness.hostPort)")], cookies: cookies,
                json: #"{"name":"ok"}"#)
            #expect(good.status == 201)
            #expect(good.header("location") == "http://\(harness.hostPort)/api/projects/1")
            #expect(good.json["name"] as? String == "ok")
            #expect((good.json["organization_id"] != nil) == (version == "2.64.0"))
            let relogin = try await harness.send(
                "POST", "/api/auth/login", cookies: cookies, json: #"{"username":"probe","password":"\#(Harness.password)"}"#)
            #expect(relogin.status == 403)
            #expect(relogin.detail == "CSRF Failed: CSRF token missing.")
        }
    }

    @Test("logout deletes the legacy token, clears only sessionid; GET is 405; anonymous is 200")
    func logout() async throws {
        try await withEmulator("2.24.0") { harness in
            let (cookies, key) = try await harness.session()
            let noCSRF = try await harness.send("POST", "/api/auth/logout", cookies: cookies)
            #expect(noCSRF.status == 403)
            let out = try await harness.send("POST", "/api/auth/logout", headers: [("X-CSRFToken", cookies["csrftoken"]!)], cookies: cookies)
            #expect(out.status == 200)
            #expect(out.body == #"{"detail":"Successfully logged out."}"#)
            #expect(out.setCookies == [#"sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"#])
            let oldSession = try await harness.send("GET", "/api/users/self", cookies: cookies)
            #expect(oldSession.status == 401)
            #expect(oldSession.detail == "Authentication credentials were not provided.")
            #expect(oldSession.setCookies.first?.hasPrefix("sessionid=\"\";") == true)
            let oldToken = try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Token \(key)")])
            #expect(oldToken.detail == "Invalid token.")
            let get = try await harness.send("GET", "/api/auth/logout")
            #expect(get.status == 405)
            #expect(get.header("allow") == "GET, POST, HEAD, OPTIONS")
            let anonymous = try await harness.send("POST", "/api/auth/logout")
            #expect(anonymous.status == 200)
            #expect(anonymous.setCookies.isEmpty)
        }
    }

    @Test("password change: wrong old password, success keeps this session and ends the others")
    func passwordChange() async throws {
        try await withEmulator("2.64.0") { harness in
            let (first, _) = try await harness.session()
            let (second, _) = try await harness.session()
            let headers = [("X-CSRFToken", second["csrftoken"]!)]
            let wrong = try await harness.send(
                "POST", "/api/auth/password/change", headers: headers, cookies: second,
                json: #"{"old_password":"x","new_password1":"new-password-1","new_password2":"new-password-1"}"#)
            #expect(wrong.status == 400)
            #expect(wrong.json["old_password"] != nil)
            let short = try await harness.send(
                "POST", "/api/auth/password/change", headers: headers, cookies: second,
                json: #"{"old_password":"\#(Harness.password)","new_password1":"short","new_password2":"short"}"#)
            #expect(short.body == #"{"new_password1":["Ensure this field has at least 8 characters."]}"#)
            let ok = try await harness.send(
                "POST", "/api/auth/password/change", headers: headers, cookies: second,
                json: #"{"old_password":"\#(Harness.password)","new_password1":"new-password-1","new_password2":"new-password-1"}"#)
            #expect(ok.body == #"{"detail":"New password has been saved."}"#)
            #expect(try await harness.send("GET", "/api/users/self", cookies: second).status == 200)
            #expect(try await harness.send("GET", "/api/users/self", cookies: first).status == 401)
            #expect(try await harness.send("GET", "/api/users/self", headers: [harness.basic("probe", "new-password-1")]).status == 200)
        }
    }

    @Test("URL signing answers Django's 500 page up to 2.45 (the view.detail defect); gone from 2.46", arguments: ["2.24.0", "2.42.0", "2.45.9"])
    func signing(version: String) async throws {
        // Record 2.24.0-direct-password (signing/signed URL): 500 text/html for session, Token and Basic;
        // research: the defect is in every release from 2.0 until the endpoint's removal (PR #9867).
        try await withEmulator(version) { harness in
            let json = #"{"url":"http://\#(harness.hostPort)/api/users/self"}"#
            let page =
                "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n"
            let basic = try await harness.send("POST", "/api/auth/signing", headers: [harness.basic()], json: json)
            #expect(basic.status == 500)
            #expect(basic.body == page)
            #expect(basic.header("content-type") == "text/html; charset=utf-8")
            #expect(basic.header("vary") == "Origin, Cookie")
            #expect(basic.header("allow") == nil)
            let (cookies, key) = try await harness.session()
            let token = try await harness.send("POST", "/api/auth/signing", headers: [("Authorization", "Token \(key)")], json: json)
            #expect(token.status == 500)
            #expect(token.header("vary") == "Origin")
            let session = try await harness.send(
                "POST", "/api/auth/signing", headers: [("X-CSRFToken", cookies["csrftoken"]!)], cookies: cookies, json: json)
            #expect(session.status == 500)
            #expect(session.setCookies.isEmpty, "no session refresh on a 5xx answer")
            let anonymous = try await harness.send("POST", "/api/auth/signing", json: json)
            #expect(anonymous.status == 401)
            #expect(anonymous.detail == "Authentication credentials were not provided.")
            #expect(try await harness.send("GET", "/api/users/self?sign=bad").detail == "Invalid signature.")
        }
    }

    @Test("URL signing is gone from 2.46: 404, and sign is ignored")
    func signingRemoved() async throws {
        try await withEmulator("2.46.0") { harness in
            let reply = try await harness.send("POST", "/api/auth/signing", headers: [harness.basic()], json: #"{"url":"x"}"#)
            #expect(reply.status == 404)
            #expect(try await harness.send("GET", "/api/users/self?sign=bad").status == 401)
            #expect(try await harness.send("GET", "/api/users/self?sign=bad").detail == "Authentication credentials were not provided.")
        }
    }

    @Test("the anonymous throttle allows 100 requests a minute, then 429 with Retry-After")
    func throttle() async throws {
        try await withEmulator("2.48.0") { harness in
            for index in 0..<100 {
                let reply = try await harness.send("GET", "/api/server/about")
                try #require(reply.status == 200, "request \(index)")
            }
            let limited = try await harness.send("GET", "/api/server/about")
            #expect(limited.status == 429)
            let wait = try #require(limited.header("retry-after").flatMap(Int.init))
            #expect((1...60).contains(wait))
            #expect(limited.detail == "Request was throttled. Expected available in \(wait) second\(wait == 1 ? "" : "s").")
            #expect(
                try await harness.send("GET", "/api/users/self", headers: [harness.basic()]).status == 200, "authenticated requests are not throttled"
            )
            #expect(try await harness.send("GET", "/api/server/health/").status == 200, "plain Django views are not throttled")
        }
    }
}
