import AuthCheckHTTP
import Foundation
import Testing

/// The Python interpreters on PATH that the differential test runs (`python3`, `python3.8` … `python3.13`).
private let pythons: [String] = {
    ["python3", "python3.8", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13"].filter { name in
        guard let output = try? runPython(name, script: "import sys; print(sys.version_info[0])", input: Data()) else { return false }
        return output.trimmingCharacters(in: .whitespacesAndNewlines) == "3"
    }
}()

private func runPython(_ interpreter: String, script: String, input: Data) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [interpreter, "-c", script]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: data, as: UTF8.self)
}

/// Loads every input with the real `http.cookies.SimpleCookie` and prints, per input, the loaded
/// name/value pairs with their non-default attributes, or the CookieError.
private let pythonScript = """
    import json, sys
    from http.cookies import SimpleCookie, CookieError
    out = []
    for s in json.load(sys.stdin):
        c = SimpleCookie()
        try:
            c.load(s)
        except CookieError:
            out.append({"raised": True})
            continue
        out.append({"cookies": [[k, m.value, m.coded_value, {a: (None if v is None else (True if v is True else str(v))) for a, v in m.items() if v != ""}] for k, m in c.items()]})
    print(json.dumps(out))
    """

/// What the Swift model says, in the same shape as the Python output.
private func swiftResult(_ input: String) -> [String: Any] {
    let view = PythonCookieView.load(input)
    if case .raised = view.verdict { return ["raised": true] }
    return [
        "cookies": view.morsels.map { morsel -> [Any] in
            var attributes: [String: Any] = [:]
            for (key, value) in morsel.attributes {
                switch value {
                case .string(let text): if !text.isEmpty { attributes[key] = text }
                case .flag: attributes[key] = true
                case .none: attributes[key] = NSNull()
                }
            }
            return [morsel.name, morsel.value, morsel.codedValue, attributes]
        }
    ]
}

/// Deterministic generator (SplitMix64) so failures reproduce.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum CookieCorpus {
    /// Hand-written corner cases: real CVAT/Django lines, nginx `proxy_cookie_flags`, Partitioned, quoting, `$` keys.
    static let cornerCases: [String] = [
        "",
        "csrftoken=AoErlOhEcOhz8fLRdmbciYPuYnry3ZfI; expires=Sat, 27 Nov 2027 18:30:03 GMT; Max-Age=31449600; Path=/; SameSite=Lax",
        "csrftoken=AoErl; expires=Sat, 27 Nov 2027 18:30:03 GMT; Max-Age=31449600; Path=/; SameSite=Lax, sessionfresh=1; expires=Sun, 29 Nov 2026 18:30:03 GMT; HttpOnly; Max-Age=86400; Path=/; SameSite=Lax, sessionid=uxvtwjvp; expires=Sat, 12 Dec 2026 18:30:03 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
        "csrftoken=abc; expires=Sat, 27 Nov 2027 19:15:18 GMT; Max-Age=31449600; Path=/; SameSite=Lax; Secure, sessionfresh=1; expires=Sun, 29 Nov 2026 19:15:18 GMT; HttpOnly; Max-Age=86400; Path=/; SameSite=Lax; Secure, sessionid=def; expires=Sat, 12 Dec 2026 19:15:18 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure",
        "sessionid=def; HttpOnly; Path=/; SameSite=Lax; Secure",
        "a=1; Secure",
        "a=1; Secure, b=2",
        "a=1; HttpOnly, b=2",
        "a=1; Partitioned",
        "a=1; Path=/; Partitioned; Secure, b=2",
        "a=1; Path=/, b=2; Partitioned",
        "Path=/; a=1",
        "a=1; Path",
        "a=1; Max-Age",
        "a=1; expires",
        "$Version=1; a=1; $Path=/",
        "$Version=1; a=1; $Foo=bar",
        "a=1; $Path",
        "a=\"quoted value\"; Path=/",
        "a=\"esc\\\"aped\\012x\\\\y\"; Path=/",
        "a=\"unterminated; Path=/",
        "a=b c=d",
        "a=1;b=2;c=3",
        "a=1 ; b = 2 ; Path = /x",
        "a=é; b=2",
        "a=1; b=[x]; c=2",
        "a,b=1",
        "a=1, b,c=2",
        "a=1; Domain=.example.com; Comment=hello world; Version=1",
        "a=1; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0, b=2",
        "a=1; expires=Thursday, 01-Jan-70 00:00:00 GMT, b=2",
        "a=1; expires=Thu, 01-Jan-1970 00:00:00 GMT",
        "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax",
        "a=1; SameSite=None; Secure",
        "a=1; SameSite=None; Secure, b=2; SameSite=None; Secure",
        "a=1; secure; httponly, b=2",
        "a=1\n",
        "a=1\nb=2",
        "a=1; Path=/\n, b=2",
        "  a=1  ",
        ";a=1",
        "a=1;;b=2",
        "a==b; c=d",
        "a=1; =2",
        "x=1, x=2; Path=/p",
        "x=1; Path=/a, y=2, x=3",
        "a=1; Secure; HttpOnly",
        "a=1; Secure , b=2",
        "a=1; Secure,b=2",
        "a=\\\"x\\\"",
        "a=\"x\"y\"",
        "na.me=1; n@me=2",
        "a=1; Max-Age=abc; Path=/",
        "a=1; SameSite=Lax; Secure; Partitioned",
        "\u{00e4}=1",
        "a=1\tb=2",
    ]

    /// Generated inputs: Set-Cookie lines built from realistic parts, joined with ", " like urllib3.
    static func generated(count: Int, seed: UInt64 = 0xC0FFEE) -> [String] {
        var rng = SplitMix(state: seed)
        let names = ["csrftoken", "sessionid", "sessionfresh", "a", "x_y", "tok.en", "$Version", "Secure", "na,me", "k$"]
        let values = ["AoErlOhEcOhz8fLRdmbciYPuYnry3ZfI", "1", "", "\"quoted\"", "\"q;uo\\\"te\"", "v,w", "a b", "[x]", "%2F", "é"]
        let attributes = [
            "expires=Sat, 27 Nov 2027 18:30:03 GMT", "expires=Thu, 01-Jan-1970 00:00:00 GMT", "Max-Age=31449600", "Max-Age=0", "Path=/",
            "Path=/api", "SameSite=Lax", "SameSite=None", "SameSite=Strict", "Secure", "HttpOnly", "Partitioned", "Domain=.example.com",
            "Domain=cvat.example.com", "Comment=x", "Version=1", "Priority=High", "Path", "secure", "httponly",
        ]
        var inputs: [String] = []
        for _ in 0..<count {
            let lineCount = Int.random(in: 1...3, using: &rng)
            var lines: [String] = []
            for _ in 0..<lineCount {
                let name = Bool.random(using: &rng) ? names[0...2].randomElement(using: &rng)! : names.randomElement(using: &rng)!
                let value = Int.random(in: 0..<4, using: &rng) > 0 ? values[0...1].randomElement(using: &rng)! : values.randomElement(using: &rng)!
                var line = "\(name)=\(value)"
                let picked = (0..<Int.random(in: 0...5, using: &rng)).map { _ in attributes.randomElement(using: &rng)! }
                for attribute in picked { line += "; " + attribute }
                lines.append(line)
            }
            inputs.append(lines.joined(separator: ", "))
        }
        return inputs
    }
}

@Suite struct PythonCookieViewTests {
    @Test("CVAT's default login cookies all load")
    func defaultCookiesLoad() {
        let lines = [
            "csrftoken=AoErlOhEcOhz8fLRdmbciYPuYnry3ZfI; expires=Sat, 27 Nov 2027 18:30:03 GMT; Max-Age=31449600; Path=/; SameSite=Lax",
            "sessionfresh=1; expires=Sun, 29 Nov 2026 18:30:03 GMT; HttpOnly; Max-Age=86400; Path=/; SameSite=Lax",
            "sessionid=uxvtwjvp3m5fbgyzezj4mvf3uxmuia98; expires=Sat, 12 Dec 2026 18:30:03 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
        ]
        let view = PythonCookieView.sdk(setCookieLines: lines)
        #expect(view.verdict == .loaded)
        #expect(view.cookieNames == ["csrftoken", "sessionfresh", "sessionid"])
        #expect(view.value(of: "sessionid") == "uxvtwjvp3m5fbgyzezj4mvf3uxmuia98")
        #expect(view.lossKind == nil)
    }

    @Test("a Secure flag before the next cookie loads nothing and names the cookie")
    func bareSecureFlag() {
        let view = PythonCookieView.sdk(setCookieLines: [
            "csrftoken=abc; Path=/; SameSite=Lax; Secure",
            "sessionid=def; HttpOnly; Path=/; SameSite=Lax; Secure",
        ])
        #expect(view.cookieNames.isEmpty)
        #expect(view.lossKind == .bareFlag)
        #expect(
            view.sdkSummary
                == "cvat-sdk loads no cookie: cookie 'csrftoken' ends in the bare flag Secure, and urllib3's \", \" join puts \"Secure,\" before the next cookie"
        )
    }

    @Test("the last cookie may end in Secure")
    func lastSecureIsFine() {
        let view = PythonCookieView.sdk(setCookieLines: ["csrftoken=abc; Path=/; SameSite=Lax", "sessionid=def; Path=/; Secure"])
        #expect(view.cookieNames == ["csrftoken", "sessionid"])
    }

    @Test("Partitioned loads nothing")
    func partitioned() {
        let view = PythonCookieView.sdk(setCookieLines: ["csrftoken=abc; Path=/; SameSite=None; Secure; Partitioned", "sessionid=d; Path=/"])
        #expect(view.cookieNames.isEmpty)
        #expect(view.lossKind == .unknownAttribute)
        #expect(view.sdkSummary.contains("cookie 'csrftoken' carries the attribute Partitioned"))
    }

    @Test("no Set-Cookie header means no cookie")
    func noHeader() {
        let view = PythonCookieView.sdk(setCookieLines: [])
        #expect(view.verdict == .noHeader)
        #expect(view.cookieNames.isEmpty)
    }

    @Test("a non-matching token stops parsing but keeps earlier cookies")
    func stops() {
        let view = PythonCookieView.load("a=1; b=é; c=2")
        #expect(view.cookieNames == ["a"])
        if case .stopped = view.verdict {} else { Issue.record("expected stopped, got \(view.verdict)") }
    }

    /// Set-Cookie line pairs Python's parser gives up on, with the token and reason the explanation must name.
    struct Loss: Sendable, CustomTestStringConvertible {
        var lines: [String]
        var reason: PythonCookieView.Explanation.Reason
        var token: String
        var cookie: String?
        var testDescription: String { reason.rawValue }
    }

    static let losses: [Loss] = [
        Loss(
            lines: ["csrftoken=abc; Path=/; SameSite=Lax; Secure", "sessionid=def; Path=/"], reason: .bareFlag, token: "Secure", cookie: "csrftoken"),
        Loss(lines: ["sessionfresh=1; HttpOnly", "sessionid=def; Path=/"], reason: .bareFlag, token: "HttpOnly", cookie: "sessionfresh"),
        Loss(lines: ["csrftoken=ab c; Path=/", "sessionid=def; Path=/"], reason: .spaceInValue, token: "c", cookie: "csrftoken"),
        Loss(lines: ["csrftoken=abc; Path=/;", "sessionid=def; Path=/"], reason: .trailingSemicolon, token: ";", cookie: "csrftoken"),
        Loss(
            lines: ["csrftoken=abc; expires=Saturday, 27-Nov-2027 18:30:03 GMT; Path=/", "sessionid=def; Path=/"], reason: .dateForm,
            token: "Saturday, 27-Nov-2027 18:30:03 GMT", cookie: "csrftoken"),
        Loss(
            lines: ["csrftoken=abc; expires=Sat, 27-Nov-2027 18:30:03 UTC; Path=/", "sessionid=def; Path=/"], reason: .dateForm,
            token: "Sat, 27-Nov-2027 18:30:03 UTC", cookie: "csrftoken"),
        Loss(
            lines: ["csrftoken=abc; Path=/; Partitioned", "sessionid=def; Path=/"], reason: .unknownAttribute, token: "Partitioned",
            cookie: "csrftoken"),
        Loss(lines: ["csrftoken=abc; Path", "sessionid=def; Path=/"], reason: .attributeWithoutValue, token: "Path", cookie: "csrftoken"),
        Loss(lines: ["a/b=1; Path=/", "sessionid=def; Path=/"], reason: .cookieError, token: "a/b", cookie: nil),
        Loss(lines: ["Path=/; csrftoken=abc", "sessionid=def"], reason: .attributeBeforeCookie, token: "Path", cookie: nil),
    ]

    @Test("the explanation names the token Python stopped at and why (and the real http.cookies loses the cookies too)", arguments: losses)
    func explanation(_ loss: Loss) throws {
        let view = PythonCookieView.sdk(setCookieLines: loss.lines)
        let explanation = try #require(view.explanation)
        #expect(explanation.reason == loss.reason, "\(explanation.text)")
        #expect(explanation.token == loss.token, "\(explanation.text)")
        #expect(explanation.cookie == loss.cookie, "\(explanation.text)")
        #expect(explanation.text.contains(loss.token), "\(explanation.text)")
        #expect(view.sdkSummary.contains(explanation.text))
        #expect(!view.sdkSummary.contains("attribute \(loss.token.count)"))
        if loss.reason == .cookieError {
            #expect(view.lossKind == .cookieError)
            #expect(view.sdkSummary.hasPrefix("cvat-sdk's login raises CookieError"))
        }
        for interpreter in pythons {
            let output = try runPython(
                interpreter, script: pythonScript, input: try JSONSerialization.data(withJSONObject: [loss.lines.joined(separator: ", ")]))
            let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]).first
            let cookies = (result?["cookies"] as? [[Any]])?.compactMap { $0.first as? String } ?? []
            #expect(!cookies.contains("sessionid"), "\(interpreter) kept sessionid for \(loss.lines)")
            #expect((result?["raised"] != nil) == (loss.reason == .cookieError), "\(interpreter): \(String(describing: result))")
        }
    }

    @Test(
        "matches the real http.cookies on corner cases and generated headers",
        .enabled(if: !pythons.isEmpty, "python3 is not installed: the differential test against http.cookies cannot run"))
    func differential() throws {
        let inputs = CookieCorpus.cornerCases + CookieCorpus.generated(count: 600)
        let payload = try JSONSerialization.data(withJSONObject: inputs)
        let expected = inputs.map { swiftResult($0) }
        for interpreter in pythons {
            let output = try runPython(interpreter, script: pythonScript, input: payload)
            let actual = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
            try #require(actual.count == inputs.count)
            var mismatches = 0
            for (index, input) in inputs.enumerated() {
                let python = actual[index] as NSDictionary
                let swift = expected[index] as NSDictionary
                if python != swift {
                    mismatches += 1
                    Issue.record("\(interpreter) disagrees on \(String(reflecting: input)):\n python: \(python)\n swift:  \(swift)")
                }
            }
            #expect(mismatches == 0, "\(interpreter): \(mismatches) of \(inputs.count) inputs differ")
        }
    }
}
