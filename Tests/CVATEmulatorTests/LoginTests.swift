import CVATEmulator
import Foundation
import Testing

/// Matches `expires=<RFC 1123 date>; ` as Django writes it.
private let expires = #"expires=(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT; "#

@Suite struct LoginTests {
    @Test(
        "login sets csrftoken, sessionfresh, sessionid in order with Django's attributes",
        arguments: ["2.24.0", "2.41.0", "2.48.0", "2.64.0", "2.80.0"])
    func cookies(version: String) async throws {
        try await withEmulator(version) { harness in
            let reply = try await harness.login()
            #expect(reply.status == 200)
            #expect(reply.header("content-type") == "application/vnd.cvat+json")
            let key = try #require(reply.json["key"] as? String)
            #expect(key.count == 40 && key.allSatisfy(\.isHexDigit))
            let lines = reply.setCookies
            try #require(lines.count == 3)
            #expect(
                lines[0].wholeMatch(of: try Regex(#"csrftoken=[A-Za-z0-9]{32}; "# + expires + "Max-Age=31449600; Path=/; SameSite=Lax")) != nil,
                "\(lines[0])")
            #expect(
                lines[1].wholeMatch(of: try Regex("sessionfresh=1; " + expires + "HttpOnly; Max-Age=86400; Path=/; SameSite=Lax")) != nil,
                "\(lines[1])")
            #expect(
                lines[2].wholeMatch(of: try Regex("sessionid=[a-z0-9]{32}; " + expires + "HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax")) != nil,
                "\(lines[2])")
            let again = try await harness.login()
            #expect(again.json["key"] as? String == key, "the legacy key is reused until logout")
            #expect(again.cookies["sessionid"] != reply.cookies["sessionid"])
        }
    }

    @Test("the cookie expiry is Max-Age seconds from now")
    func expiryDate() async throws {
        try await withEmulator("2.48.0") { harness in
            let before = Date()
            let line = try #require(try await harness.login().setCookies.first)
            let text = try #require(line.firstMatch(of: /expires=([^;]+);/)?.output.1)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = try #require(formatter.date(from: String(text)))
            #expect(abs(date.timeIntervalSince(before) - 31_449_600) < 5)
        }
    }

    @Test("login accepts the e-mail address; errors use DRF's texts")
    func variants() async throws {
        try await withEmulator("2.48.0") { harness in
            let email = try await harness.send("POST", "/api/auth/login", json: #"{"email":"probe@example.com","password":"\#(Harness.password)"}"#)
            #expect(email.status == 200)
            for body in [#"{"username":"probe","password":"wrong"}"#, #"{"username":"nosuchuser","password":"whatever"}"#] {
                let bad = try await harness.send("POST", "/api/auth/login", json: body)
                #expect(bad.status == 400)
                #expect(bad.body == #"{"non_field_errors":["Unable to log in with provided credentials."]}"#)
                #expect(bad.setCookies.isEmpty)
            }
            let form = try await harness.send(
                "POST", "/api/auth/login", body: "username=probe&password=x", contentType: "application/x-www-form-urlencoded")
            #expect(form.status == 415)
            #expect(form.body == #"{"detail":"Unsupported media type \"application/x-www-form-urlencoded\" in request."}"#)
            let get = try await harness.send("GET", "/api/auth/login")
            #expect(get.status == 405)
            #expect(get.body == #"{"detail":"Method \"GET\" not allowed."}"#)
            #expect(get.header("allow") == "POST, OPTIONS")
            let missing = try await harness.send("POST", "/api/auth/login", json: #"{"username":"probe"}"#)
            #expect(missing.body == #"{"password":["This field is required."]}"#)
        }
    }

    @Test("a stale Token header fails login before the credentials are checked")
    func staleToken() async throws {
        try await withEmulator("2.48.0") { harness in
            let reply = try await harness.send(
                "POST", "/api/auth/login", headers: [("Authorization", "Token 0000000000000000000000000000000000000000")],
                json: #"{"username":"probe","password":"\#(Harness.password)"}"#)
            #expect(reply.status == 401)
            #expect(reply.detail == "Invalid token.")
        }
    }

    @Test("mandatory e-mail verification: login 400 HTML; Basic refused from 2.42")
    func unverified() async throws {
        try await withEmulator("2.42.0", emailVerificationMandatory: true) { harness in
            let login = try await harness.login()
            #expect(login.status == 400)
            #expect(login.body == "Unverified email")
            #expect(login.header("content-type")?.hasPrefix("text/html") == true)
            let basic = try await harness.send("GET", "/api/users/self", headers: [harness.basic()])
            #expect(basic.status == 401)
            #expect(basic.detail == "E-mail is not verified.")
        }
        try await withEmulator("2.41.0", emailVerificationMandatory: true) { harness in
            let basic = try await harness.send("GET", "/api/users/self", headers: [harness.basic()])
            #expect(basic.status == 200)
        }
    }
}
