import AuthCheckCore
import AuthCheckHTTP
import Foundation
import Testing

@Suite struct SetCookieTests {
    @Test("parses name, value and attributes in order, flags and unknown attributes")
    func parses() {
        let cookie = SetCookie(
            parsing:
                "sessionid=abc123; expires=Sat, 12 Dec 2026 18:30:03 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure; Partitioned; Domain=.Example.com"
        )
        #expect(cookie.isValid)
        #expect(cookie.name == "sessionid")
        #expect(cookie.value == "abc123")
        #expect(cookie.attributes.map(\.name) == ["expires", "HttpOnly", "Max-Age", "Path", "SameSite", "Secure", "Partitioned", "Domain"])
        #expect(cookie.httpOnly && cookie.secure && cookie.partitioned)
        #expect(cookie.maxAge == 1_209_600)
        #expect(cookie.sameSite == "Lax")
        #expect(cookie.domain == "example.com")
        #expect(cookie.expires == "Sat, 12 Dec 2026 18:30:03 GMT")
    }

    @Test("a line without '=' is invalid; masking keeps attributes")
    func edges() {
        #expect(!SetCookie(parsing: "garbage; Path=/").isValid)
        #expect(SetCookie(parsing: "csrftoken=SECRETVALUE; Path=/; SameSite=Lax").masked() == "csrftoken=[REDACTED]; Path=/; SameSite=Lax")
    }
}

/// A transport that answers every request with one canned response and remembers the requests.
private struct CannedTransport: HTTPTransport {
    let response: HTTPResponseData
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData { response }
    func shutdown() async {}
}

@Suite struct ExchangerTests {
    @Test("registers minted secrets at once and masks Authorization, cookies, CSRF and passwords in records")
    func redacts() async throws {
        let response = HTTPResponseData(
            status: 200,
            headers: [HeaderField("Set-Cookie", "sessionid=sess-secret-123456; HttpOnly; Path=/"), HeaderField("Content-Type", "application/json")],
            body: Array(#"{"key":"legacy-key-abcdef123456","nested":{"value":"pat.value-xyz987"}}"#.utf8))
        let redactor = Redactor()
        let exchanger = Exchanger(
            transport: CannedTransport(response: response), redactor: redactor, baseURL: URL(string: "https://cvat.example.com/")!)
        let request = HTTPRequestSpec.json(
            "POST", "/api/auth/login?sign=sig-value-777777", ["username": "u", "password": "not-registered-pw"],
            headers: [
                HeaderField("Authorization", "Token tok-value-555555"), HeaderField("Cookie", "csrftoken=csrf-cookie-444444"),
                HeaderField("X-CSRFToken", "csrf-cookie-444444"),
            ])
        let exchange = try await exchanger.send(request)
        let secrets = Set(redactor.registeredSecrets)
        for secret in ["sess-secret-123456", "legacy-key-abcdef123456", "pat.value-xyz987", "tok-value-555555", "csrf-cookie-444444"] {
            #expect(secrets.contains(secret), "\(secret) registered")
        }
        let text = exchange.record.transcript
        for secret in [
            "sess-secret-123456", "legacy-key-abcdef123456", "pat.value-xyz987", "tok-value-555555", "csrf-cookie-444444", "not-registered-pw",
            "sig-value-777777",
        ] {
            #expect(!text.contains(secret), "\(secret) absent from the record")
        }
        #expect(exchange.record.requestHeaders.contains(HeaderField("Authorization", "Token [REDACTED]")))
        #expect(exchange.record.responseHeaders.contains(HeaderField("Set-Cookie", "sessionid=[REDACTED]; HttpOnly; Path=/")))
        #expect(exchange.record.url == "https://cvat.example.com/api/auth/login?sign=[REDACTED]")
        // The raw response stays intact for decisions.
        #expect(exchange.json?["key"] as? String == "legacy-key-abcdef123456")
    }
}
