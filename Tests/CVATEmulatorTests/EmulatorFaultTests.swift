import CVATEmulator
import Testing

@Suite struct EmulatorFaultTests {
    @Test("every listed name parses and prints back", arguments: EmulatorFault.allNames)
    func roundTrip(name: String) throws {
        let text = name.replacingOccurrences(of: "=MS", with: "=250").replacingOccurrences(of: "=N", with: "=7")
            .replacingOccurrences(of: "[=STATUS]", with: "=503")
        let fault = try #require(EmulatorFault(parsing: text))
        #expect(fault.description == text)
    }

    @Test("values are parsed into the associated numbers")
    func values() {
        #expect(EmulatorFault(parsing: "slow=200") == .slow(milliseconds: 200))
        #expect(EmulatorFault(parsing: "rate-limit=5") == .rateLimit(perMinute: 5))
        #expect(EmulatorFault(parsing: "Strip-Set-Cookie") == .stripSetCookie)
        #expect(EmulatorFault(parsing: "html-errors") == .htmlErrors(status: 502))
        #expect(EmulatorFault(parsing: "html-errors=502")?.description == "html-errors")
        #expect(EmulatorFault(parsing: "tls-no-forwarded-proto") == .tlsNoForwardedProto)
        #expect(EmulatorFault(parsing: "http-redirects-to-https") == .httpRedirectsToHTTPS)
    }

    @Test(
        "bad spellings are rejected",
        arguments: [
            "", "slow", "slow=", "slow=-1", "slow=0", "rate-limit=x", "strip-set-cookie=1", "no-such-fault", "origin-mismatch", "html-errors=200",
            "html-errors=418",
        ])
    func rejects(text: String) {
        #expect(EmulatorFault(parsing: text) == nil)
    }
}
