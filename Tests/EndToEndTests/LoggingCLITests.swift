import CVATEmulator
import Foundation
import Testing

/// Issue 17, point 1, logs: `--log-level` shows what the run does on standard error through
/// swift-log, redacted — request lines with status and time at debug, headers at trace, each target's
/// start and result at info, a target that could not be checked as a warning.
@Suite("Logging on standard error", .serialized)
struct LoggingCLITests {
    static let password = "Logged-Never-Pa55word-Zq9"
    static let credentials = ["CVAT_USER": "probe", "CVAT_PASSWORD": password]

    /// Runs `run` against a fresh emulated 2.48.0 server with `extra` arguments.
    static func runAgainstEmulator(_ extra: [String]) async throws -> (CLIProcess.Result, EmulatedCVATServer) {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: password))
        let result = try CLIProcess.run(
            ["run", "--target", server.baseURL.absoluteString, "--no-junit"] + extra, environment: credentials,
            directory: try CLIProcess.temporaryDirectory())
        await server.stop()
        return (result, server)
    }

    /// No form of the password, and no value of a cookie, token or CSRF header, in `text`.
    static func expectNoSecret(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for needle in [
            password, String(password.prefix(10)), Data("probe:\(password)".utf8).base64EncodedString(),
            password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password,
        ] {
            #expect(!text.contains(needle), "leaked '\(needle)'", sourceLocation: sourceLocation)
        }
        for pattern in [
            #"(sessionid|csrftoken|sessionfresh)=(?!\[REDACTED\]|""(;|$| ))[^;| ]+"#, #"Authorization: (Token|Bearer|Basic) (?!\[REDACTED\])"#,
            #"X-CSRFToken: (?!\[REDACTED\])"#,
        ] {
            let match = text.range(of: pattern, options: .regularExpression)
            #expect(match == nil, "unmasked secret: \(match.map { String(text[$0]) } ?? "")", sourceLocation: sourceLocation)
        }
    }

    @Test("--log-level debug shows every request line with its status and time, and each target at info; never a secret")
    func debug() async throws {
        let (result, server) = try await Self.runAgainstEmulator(["--log-level", "debug"])
        #expect(result.status == 0, "\(result.all)")
        let base = server.baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let requests = lines.filter { $0.hasPrefix("cvat-authcheck: debug: ") }
        #expect(requests.count >= 20, "\(result.stderr)")
        let line =
            #"^cvat-authcheck: debug: \[[^\]]+\] (GET|POST|DELETE|PATCH|PUT|HEAD|OPTIONS) http://\S+ → (\d{3} in \d+ ms|\S+: .+ after \d+ ms)$"#
        for request in requests {
            #expect(request.range(of: line, options: .regularExpression) != nil, "\(request)")
        }
        #expect(requests.contains { $0.contains("GET \(base)/api/server/about → 200 in ") }, "\(requests)")
        #expect(requests.contains { $0.contains("POST \(base)/api/auth/login → 200 in ") }, "\(requests)")
        #expect(lines.contains { $0.hasPrefix("cvat-authcheck: info: ") && $0.hasSuffix("checking \(base)") }, "\(lines.prefix(3))")
        #expect(lines.contains { $0.contains("info: ") && $0.contains("CVAT 2.48.0 (from about), profile cvat-2.48: PASS") })
        Self.expectNoSecret(result.stdout + result.stderr)
    }

    @Test("--log-level trace adds the headers of each request and response, with every credential masked")
    func trace() async throws {
        let (result, _) = try await Self.runAgainstEmulator(["--log-level", "trace"])
        #expect(result.status == 0, "\(result.all)")
        let traces = result.stderr.split(separator: "\n").filter { $0.hasPrefix("cvat-authcheck: trace: ") }
        #expect(traces.contains { $0.contains("response headers:") && $0.contains("Set-Cookie: sessionid=[REDACTED]") }, "\(result.stderr)")
        #expect(traces.contains { $0.contains("request headers:") && $0.contains("Cookie: csrftoken=[REDACTED]") })
        #expect(traces.contains { $0.contains("Authorization: Bearer [REDACTED]") || $0.contains("Authorization: Token [REDACTED]") })
        Self.expectNoSecret(result.stdout + result.stderr)
    }

    @Test("the default level logs nothing about a healthy run; a refused port is a warning, and info says what was tried")
    func levels() async throws {
        let (quiet, _) = try await Self.runAgainstEmulator([])
        #expect(quiet.status == 0, "\(quiet.all)")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")

        let closed = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
        let url = closed.baseURL.absoluteString
        await closed.stop()
        for (level, expectsInfo) in [("warning", false), ("info", true)] {
            let refused = try CLIProcess.run(
                ["run", "--target", url, "--retries", "0", "--no-junit", "--log-level", level], environment: Self.credentials,
                directory: try CLIProcess.temporaryDirectory())
            #expect(refused.status == 2, "\(refused.all)")
            let warnings = refused.stderr.split(separator: "\n").filter { $0.hasPrefix("cvat-authcheck: warning: ") }
            #expect(warnings.count == 1, "\(refused.stderr)")
            #expect(warnings.first?.contains("not checked") == true && warnings.first?.contains("connection refused") == true, "\(warnings)")
            #expect(refused.stderr.contains("info: ") == expectsInfo, "\(level): \(refused.stderr)")
            Self.expectNoSecret(refused.all)
        }
    }

    @Test("--quiet prints only the summary line on standard output")
    func quiet() async throws {
        let (result, _) = try await Self.runAgainstEmulator(["--quiet", "--json", "run.json"])
        #expect(result.status == 0, "\(result.all)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("Summary: ") == true, "\(result.stdout)")
        #expect(!result.stdout.contains("wrote"))
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}
