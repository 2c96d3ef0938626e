import AuthCheckCore
import AuthCheckHTTP
import Foundation
import NIOCore
import Testing

/// One misbehaving server and what the run must say about it.
struct HostileCase: Sendable, CustomTestStringConvertible {
    var name: String
    var action: @Sendable (SeenRequest) -> HostileAction
    /// The `about.version` error's cause (the transport category, or the detector's diagnosis).
    var category: String
    /// Words the error message must contain.
    var words: [String]
    /// When set, the server may have written at most this many bytes (the client stopped reading).
    var maxBytesWritten: Int?

    var testDescription: String { name }

    static let about = #"{"name":"Computer Vision Annotation Tool","description":"CVAT","version":"2.48.0","logo_url":"/logo.svg","subtitle":"x"}"#

    static func head(_ status: Int, _ headers: [(String, String)]) -> [UInt8] {
        Array(("HTTP/1.1 \(status) X\r\n" + headers.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n").utf8)
    }

    static var all: [HostileCase] {
        let megabyte = 1 << 20
        let bomb = FileManager.default.contents(atPath: Harness.fixture("hostile/bomb-200MB-zeros.json.gz")).map(Array.init) ?? []
        let invalidJSON =
            Array(#"{"name":"Computer Vision Annotation Tool","version":"2.4"#.utf8)
            + [0, 0xFF, 0xFE, 0xC3, 0x28, 0, 0x1B] + Array(#"8.0","description":""#.utf8) + [0xED, 0xA0, 0x80, 0] + Array("\"}".utf8)
        return [
            HostileCase(
                name: "closes mid-headers", action: { _ in .bytes(Array("HTTP/1.1 200 OK\r\nContent-Type: applic".utf8)) },
                category: "closed", words: ["closed the connection"]),
            HostileCase(
                name: "garbage instead of HTTP", action: { _ in .bytes(Array("SSH-2.0-OpenSSH_9.2p1\r\n\u{1}\u{2}garbage\r\n\r\n".utf8)) },
                category: "protocol", words: ["not an HTTP response"]),
            HostileCase(name: "never answers", action: { _ in .silence }, category: "timeout", words: ["no complete answer within 1.5 s"]),
            HostileCase(
                name: "trickles one byte per second",
                action: { _ in
                    .trickle(
                        HostileServer.encode(200, headers: [("Content-Type", "application/json")], body: Array(about.utf8)), interval: .seconds(1))
                },
                category: "timeout", words: ["no complete answer within 1.5 s"]),
            HostileCase(
                name: "50 MB body with Content-Length",
                action: { _ in
                    .stream(
                        head: head(200, [("Content-Type", "application/json"), ("Content-Length", "\(50 * megabyte)"), ("Connection", "close")]),
                        chunk: [UInt8](repeating: 0x20, count: 64 * 1024), count: 800)
                },
                category: "too-large", words: ["50 MiB", "exceeds the 1 MiB cap"], maxBytesWritten: 12 * megabyte),
            HostileCase(
                name: "50 MB chunked body",
                action: { _ in
                    .stream(
                        head: head(200, [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked"), ("Connection", "close")]),
                        chunk: Array("10000\r\n".utf8) + [UInt8](repeating: 0x20, count: 0x10000) + Array("\r\n".utf8), count: 800)
                },
                category: "too-large", words: ["larger than the 1 MiB cap"], maxBytesWritten: 12 * megabyte),
            HostileCase(
                name: "gzip bomb",
                action: { _ in .response(200, headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: bomb) },
                category: "protocol", words: ["Content-Encoding: gzip", "never decompresses"]),
            HostileCase(
                name: "10,000 Set-Cookie headers",
                action: { _ in
                    .bytes(
                        Array(
                            ("HTTP/1.1 200 OK\r\n" + (0..<10_000).map { "Set-Cookie: c\($0)=v\($0); Path=/\r\n" }.joined()
                                + "Content-Length: 2\r\n\r\n{}").utf8))
                },
                category: "too-large", words: ["response headers too large"], maxBytesWritten: 2 * megabyte),
            HostileCase(
                name: "300 small headers",
                action: { _ in
                    .response(200, headers: (0..<300).map { ("X-\($0)", "1") } + [("Content-Type", "application/json")], body: Array(about.utf8))
                },
                category: "too-large", words: ["response header lines, more than the cap of 256"]),
            HostileCase(
                name: "1 MB header line",
                action: { _ in
                    .bytes(Array("HTTP/1.1 200 OK\r\nX-Big: \(String(repeating: "a", count: megabyte))\r\nContent-Length: 2\r\n\r\n{}".utf8))
                },
                category: "too-large", words: ["response headers too large", "80 KiB"], maxBytesWritten: 2 * megabyte),
            HostileCase(
                name: "invalid UTF-8 and NUL bytes in JSON",
                action: { _ in .response(200, headers: [("Content-Type", "application/json")], body: invalidJSON) },
                category: "about-blocked", words: ["cannot determine the CVAT version", "answered 200"]),
            HostileCase(
                name: "redirect loop",
                action: { request in .response(302, headers: [("Location", request.path)]) },
                category: "sso-login-page", words: ["cannot determine the CVAT version", "answered 302"]),
            HostileCase(
                name: "1xx storm",
                action: { _ in .endless(head: Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), repeating: Array("HTTP/1.1 102 Processing\r\n\r\n".utf8))
                },
                category: "timeout", words: ["no complete answer within 1.5 s"]),
        ]
    }
}

/// Every hostile server: the run ends within its deadline with an `error` outcome that names the
/// category and says what happened in words, memory stays bounded, and the JUnit report is valid.
@Suite("Hostile servers", .timeLimit(.minutes(1)))
struct HostileServerTests {
    @Test(arguments: HostileCase.all)
    func hostileServer(_ hostile: HostileCase) async throws {
        let server = try await HostileServer.start(hostile.action)
        defer { Task { await server.stop() } }
        // Request timeout 1.5 s, one retry (the CLI default); the deadline leaves room for a loaded CI machine.
        let options = Harness.options(timeout: 1.5, deadline: 12)
        let target = Target(name: "hostile", url: server.url())
        let (record, seconds) = await measure { await Harness.run([target], options: options) }

        #expect(seconds < options.targetDeadline + 2, "the run took \(seconds) s, deadline \(options.targetDeadline) s")
        #expect(record.suites.count == 1)
        let about = try #require(Harness.outcome("about.version", in: record))
        #expect(about.status == .error)
        #expect(about.cause == hostile.category, "cause \(about.cause ?? "nil"): \(about.message)")
        for word in hostile.words {
            #expect(about.message.contains(word), "message lacks \"\(word)\": \(about.message)")
        }
        // Nothing passes behind a hostile server: every probe outcome is an error or a skip.
        for outcome in record.outcomes where outcome.probe != "about.version" {
            #expect(outcome.status == .error || outcome.status == .skipped, "\(outcome.probe): \(outcome.status) \(outcome.message)")
        }
        if let limit = hostile.maxBytesWritten {
            #expect(server.bytesWritten <= limit, "the client read \(server.bytesWritten) bytes; cap \(limit)")
        }
        let xml = try Harness.junit(record)
        #expect(String(decoding: xml, as: UTF8.self).contains("<testsuite"))
        #expect(!xml.contains(0), "NUL byte in the JUnit report")
    }
}
