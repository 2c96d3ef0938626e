import CVATEmulator
import Foundation
import Testing

@Suite struct AccessTokenTests {
    @Test("lifecycle: create (value once, read-only default), use, list, self, revoke")
    func lifecycle() async throws {
        try await withEmulator("2.64.0") { harness in
            let basic = harness.basic()
            let created = try await harness.send("POST", "/api/auth/access_tokens", headers: [basic], json: #"{"name":"t-default"}"#)
            #expect(created.status == 201)
            #expect(created.json["read_only"] as? Bool == true)
            let value = try #require(created.json["value"] as? String)
            #expect(value.wholeMatch(of: /[A-Za-z0-9]{8}\.[A-Za-z0-9]{32}/) != nil)
            let id = try #require(created.json["id"] as? Int)
            let rw = try await harness.send("POST", "/api/auth/access_tokens", headers: [basic], json: #"{"name":"t-rw","read_only":false}"#)
            let rwValue = try #require(rw.json["value"] as? String)

            let me = try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Bearer \(value)")])
            #expect(me.status == 200)
            #expect(me.setCookies.isEmpty)
            let asToken = try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Token \(value)")])
            #expect(asToken.status == 401)
            #expect(asToken.detail == "Invalid token.")
            let readOnlyWrite = try await harness.send(
                "POST", "/api/projects", headers: [("Authorization", "Bearer \(value)")], json: #"{"name":"ro"}"#)
            #expect(readOnlyWrite.status == 403)
            #expect(readOnlyWrite.detail == "You do not have permission to perform this action.")
            let rwWrite = try await harness.send("POST", "/api/projects", headers: [("Authorization", "Bearer \(rwValue)")], json: #"{"name":"rw"}"#)
            #expect(rwWrite.status == 201)
            let manage = try await harness.send(
                "POST", "/api/auth/access_tokens", headers: [("Authorization", "Bearer \(rwValue)")], json: #"{"name":"x"}"#)
            #expect(manage.status == 403)

            let list = try await harness.send("GET", "/api/auth/access_tokens", headers: [basic])
            #expect(list.json["count"] as? Int == 2)
            #expect(!list.body.contains(value), "the value is shown only once")
            let selfReply = try await harness.send("GET", "/api/auth/access_tokens/self", headers: [("Authorization", "Bearer \(value)")])
            #expect(selfReply.json["id"] as? Int == id)
            #expect(selfReply.json["last_used_date"] is String)
            let (cookies, _) = try await harness.session()
            let selfBySession = try await harness.send("GET", "/api/auth/access_tokens/self", cookies: cookies)
            #expect(selfBySession.status == 401)
            #expect(selfBySession.header("www-authenticate") == "Bearer")

            let logout = try await harness.send("POST", "/api/auth/logout", headers: [("Authorization", "Bearer \(value)")])
            #expect(logout.status == 200)
            #expect(
                try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Bearer \(value)")]).status == 200,
                "logout does not revoke a PAT")

            let revoke = try await harness.send("DELETE", "/api/auth/access_tokens/\(id)", headers: [basic])
            #expect(revoke.status == 204)
            let revoked = try await harness.send("GET", "/api/users/self", headers: [("Authorization", "Bearer \(value)")])
            #expect(revoked.status == 401)
            #expect(revoked.detail == "Invalid token.")
            #expect(revoked.header("www-authenticate") == "Token")
        }
    }

    @Test("a PAT cannot change the password (401 from 2.48)")
    func passwordChange() async throws {
        try await withEmulator("2.48.0") { harness in
            let created = try await harness.send(
                "POST", "/api/auth/access_tokens", headers: [harness.basic()], json: #"{"name":"rw","read_only":false}"#)
            let value = try #require(created.json["value"] as? String)
            let reply = try await harness.send(
                "POST", "/api/auth/password/change", headers: [("Authorization", "Bearer \(value)")],
                json: #"{"old_password":"\#(Harness.password)","new_password1":"another-pass","new_password2":"another-pass"}"#)
            #expect(reply.status == 401)
            #expect(reply.detail == "Authentication credentials were not provided.")
        }
    }

    @Test("at most 50 live tokens per user")
    func cap() async throws {
        try await withEmulator("2.49.0") { harness in
            for index in 0..<50 {
                let reply = try await harness.send("POST", "/api/auth/access_tokens", headers: [harness.basic()], json: #"{"name":"t\#(index)"}"#)
                try #require(reply.status == 201)
            }
            let over = try await harness.send("POST", "/api/auth/access_tokens", headers: [harness.basic()], json: #"{"name":"one-too-many"}"#)
            #expect(over.status == 400)
            #expect(over.body.contains("maximum allowed number of Personal Access Tokens"))
        }
    }

    @Test("access tokens do not exist before 2.48", arguments: ["2.24.0", "2.46.0"])
    func absent(version: String) async throws {
        try await withEmulator(version) { harness in
            let reply = try await harness.send("GET", "/api/auth/access_tokens", headers: [harness.basic()])
            #expect(reply.status == 404)
            #expect(reply.header("content-type")?.hasPrefix("text/html") == true)
        }
    }
}
