import CVATEmulator
import Foundation
import Testing

@Suite struct AboutAndSchemaTests {
    @Test("2.24 about has exactly name, description and version")
    func about224() async throws {
        try await withEmulator("2.24.0") { harness in
            let reply = try await harness.send("GET", "/api/server/about")
            #expect(reply.status == 200)
            #expect(reply.header("content-type") == "application/vnd.cvat+json")
            #expect(reply.header("allow") == "GET, HEAD, OPTIONS")
            #expect(reply.body.hasPrefix(#"{"name":"Computer Vision Annotation Tool","description":"CVAT is completely re-designed"#))
            #expect(reply.body.hasSuffix(#"professional data annotation team.","version":"2.24.0"}"#))
            #expect(reply.json.count == 3)
        }
    }

    @Test("2.30 and later add logo_url and subtitle after version", arguments: ["2.30.0", "2.64.0", "2.80.0"])
    func aboutLogo(version: String) async throws {
        try await withEmulator(version) { harness in
            let reply = try await harness.send("GET", "/api/server/about")
            #expect(
                reply.body.hasSuffix(
                    #""version":"\#(version)","logo_url":"http://\#(harness.hostPort)/static/logo.svg","subtitle":"Open Data Annotation Platform"}"#))
        }
    }

    @Test("bad credentials on about give 401 although about is anonymous")
    func aboutBadCredentials() async throws {
        try await withEmulator("2.48.0") { harness in
            let token = try await harness.send(
                "GET", "/api/server/about", headers: [("Authorization", "Token 0000000000000000000000000000000000000000")])
            #expect(token.status == 401)
            #expect(token.detail == "Invalid token.")
            #expect(token.header("www-authenticate") == "Token")
            let bearer = try await harness.send("GET", "/api/server/about", headers: [("Authorization", "Bearer nope.nope")])
            #expect(bearer.status == 401)
            let basic = try await harness.send("GET", "/api/server/about", headers: [harness.basic("probe", "wrong")])
            #expect(basic.detail == "Invalid username/password.")
        }
        try await withEmulator("2.46.0") { harness in
            let bearer = try await harness.send("GET", "/api/server/about", headers: [("Authorization", "Bearer nope.nope")])
            #expect(bearer.status == 200, "before 2.48 a Bearer header is ignored")
        }
        try await withEmulator("2.24.0") { harness in
            let sign = try await harness.send("GET", "/api/server/about?sign=bad")
            #expect(sign.status == 401)
            #expect(sign.detail == "Invalid signature.")
        }
    }

    @Test(
        "schema security schemes follow the release line",
        arguments: [
            ("2.24.0", ["basicAuth", "csrfAuth", "sessionAuth", "signatureAuth", "tokenAuth"]),
            ("2.41.0", ["basicAuth", "csrfAuth", "csrfHeaderAuth", "sessionAuth", "signatureAuth", "tokenAuth"]),
            ("2.46.0", ["basicAuth", "csrfAuth", "csrfHeaderAuth", "sessionAuth", "tokenAuth"]),
            ("2.48.0", ["accessTokenAuth", "basicAuth", "csrfAuth", "csrfHeaderAuth", "sessionAuth", "tokenAuth"]),
            ("2.80.0", ["accessTokenAuth", "basicAuth", "csrfAuth", "csrfHeaderAuth", "sessionAuth", "tokenAuth"]),
        ])
    func schemes(version: String, expected: [String]) async throws {
        try await withEmulator(version) { harness in
            let reply = try await harness.send("GET", "/api/schema/?format=json")
            #expect(reply.status == 200)
            let components = reply.json["components"] as? [String: Any]
            let schemes = components?["securitySchemes"] as? [String: Any] ?? [:]
            #expect(schemes.keys.sorted() == expected)
            #expect((reply.json["info"] as? [String: Any])?["version"] as? String == version)
            let token = schemes["tokenAuth"] as? [String: Any]
            #expect((token?["description"] as? String == "Deprecated.") == (version != "2.24.0"))
            let yaml = try await harness.send("GET", "/api/schema/")
            #expect(yaml.header("content-type")?.hasPrefix("application/vnd.oai.openapi") == true)
            #expect(yaml.body.contains("  version: \(version)\n"))
            let redirect = try await harness.send("GET", "/api/schema")
            #expect(redirect.status == 301)
            #expect(redirect.header("location") == "/api/schema/")
        }
    }

    @Test("health answers HTML by default and JSON on request; rules ignores credentials")
    func healthAndRules() async throws {
        try await withEmulator("2.48.0") { harness in
            let html = try await harness.send("GET", "/api/server/health/")
            #expect(html.status == 200)
            #expect(html.header("content-type")?.hasPrefix("text/html") == true)
            let json = try await harness.send("GET", "/api/server/health/?format=json")
            #expect(json.json["DatabaseBackend"] as? String == "working")
            let rules = try await harness.send("GET", "/api/auth/rules", headers: [("Authorization", "Token garbage")])
            #expect(rules.status == 200)
            #expect(rules.header("content-type") == "application/x-tar")
            #expect(rules.header("etag") != nil)
        }
    }
}
