import AuthCheckCore
import Foundation
import Testing

@Suite("Redactor")
struct RedactorTests {
    @Test(
        "a secret is masked in plain, URL-encoded, base64 and JSON-escaped forms",
        arguments: ["p@ss word/with+chars", "Ω-unicode-sécret", "quote\"and\\slash"])
    func forms(secret: String) {
        let redactor = Redactor(secrets: [secret])
        let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let base64 = Data(secret.utf8).base64EncodedString()
        let json = String(decoding: try! JSONEncoder().encode(secret), as: UTF8.self).dropFirst().dropLast()
        for text in ["x \(secret) y", "q=\(encoded)", "Basic \(base64)", "{\"password\":\"\(json)\"}"] {
            let output = redactor.redact(text)
            #expect(!output.contains(secret))
            #expect(!output.contains(encoded))
            #expect(!output.contains(base64))
            #expect(output.contains(Redactor.mask))
        }
    }

    @Test("Basic credentials are masked as the base64 of user:password")
    func basic() {
        let redactor = Redactor()
        redactor.registerBasic(user: "probe", password: "hunter2-long")
        let header = "Basic " + Data("probe:hunter2-long".utf8).base64EncodedString()
        #expect(redactor.redact(header) == "Basic \(Redactor.mask)")
    }

    @Test("short values are not registered, so reports stay readable")
    func shortValues() {
        let redactor = Redactor(secrets: ["1", "abc"])
        #expect(redactor.redact("sessionfresh=1; abc") == "sessionfresh=1; abc")
        #expect(redactor.registeredSecrets.isEmpty)
    }

    @Test("a longer secret containing a shorter one is masked whole")
    func overlapping() {
        let redactor = Redactor(secrets: ["token-abcdef", "token-abcdef-123456"])
        #expect(redactor.redact("v=token-abcdef-123456") == "v=\(Redactor.mask)")
    }
}
