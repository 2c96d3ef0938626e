import AuthCheckReport
import CVATEmulator
import Foundation
import Testing

/// Issue 16, "never leak": a secret given where a variable name or a path belongs is never echoed,
/// and no path of the build machine reaches any output.
@Suite("Never leak what was given as a credential option", .serialized)
struct NeverLeakTests {
    static let secret = "S3cr3t-Pa55word!"
    /// A password that happens to look like a variable name: it must not be echoed either.
    static let nameLikeSecret = "Hunter2CorrectHorse"

    /// Everything a run left for people to read: stdout, stderr and every file under `directory` but
    /// the test's own input (`targets.yaml`).
    static func everything(_ result: CLIProcess.Result, in directory: URL) throws -> [(String, String)] {
        var outputs = [("stdout", result.stdout), ("stderr", result.stderr)]
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard !file.hasDirectoryPath, file.lastPathComponent != "targets.yaml", let data = try? Data(contentsOf: file) else { continue }
            let bytes = [UInt8](data)
            let text =
                Gzip.isGzip(bytes)
                ? String(decoding: try Gzip.decompress(bytes, file: file.path), as: UTF8.self) : String(decoding: bytes, as: UTF8.self)
            outputs.append((file.lastPathComponent, text))
        }
        return outputs
    }

    static func expectAbsent(_ needle: String, in result: CLIProcess.Result, directory: URL, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        for (name, text) in try everything(result, in: directory) {
            #expect(!text.contains(needle), "\(name) contains '\(needle)'", sourceLocation: sourceLocation)
        }
    }

    struct Misplaced: Sendable, CustomTestStringConvertible {
        var option: String
        var value: String
        var testDescription: String { "\(option) <secret>" }
    }

    static let misplaced: [Misplaced] = [
        Misplaced(option: "--password-env", value: secret), Misplaced(option: "--user-env", value: secret),
        Misplaced(option: "--access-token-env", value: secret), Misplaced(option: "--email-env", value: secret),
        Misplaced(option: "--password-env", value: nameLikeSecret), Misplaced(option: "--password-file", value: secret),
        Misplaced(option: "--access-token-env", value: nameLikeSecret),
    ]

    @Test("a secret given to a credential option is refused without being echoed, before any request", arguments: misplaced)
    func commandLine(_ setup: Misplaced) async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.secret))
        let directory = try CLIProcess.temporaryDirectory()
        let result = try CLIProcess.run(
            [
                "run", "--target", server.baseURL.absoluteString, "--json", "reports/run.json", "--markdown", "reports/s.md", "--html",
                "reports/r.html",
                setup.option, setup.value,
            ],
            environment: ["CVAT_USER": "probe"], directory: directory)
        let answered = server.requestsAnswered
        await server.stop()
        #expect(result.status == 64, "\(result.all)")
        #expect(result.stderr.contains(setup.option), "\(result.stderr)")
        #expect(answered == 0, "a request was sent")
        try Self.expectAbsent(setup.value, in: result, directory: directory)
    }

    @Test("a secret written as password_env in a targets file is located by line, never quoted (exit 65)")
    func targetsFile() throws {
        let directory = try CLIProcess.temporaryDirectory()
        try """
        defaults:
          credentials: { user: probe }
        targets:
          - name: staging
            url: http://127.0.0.1:1
            credentials:
              password_env: '\(Self.secret)'
        """.write(to: directory.appendingPathComponent("targets.yaml"), atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(["run", "--targets", "targets.yaml", "--json", "reports/run.json"], directory: directory)
        #expect(result.status == 65, "\(result.all)")
        #expect(result.stderr.contains("targets.yaml:7:"), "\(result.stderr)")
        #expect(result.stderr.contains("password_env"))
        try Self.expectAbsent(Self.secret, in: result, directory: directory)
        try Self.expectAbsent(String(Self.secret.prefix(8)), in: result, directory: directory)
    }

    @Test("an https URL on a plain-HTTP port says so, in every report, with no path of the build machine")
    func plainHTTPPort() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.secret))
        defer { Task { await server.stop() } }
        var https = URLComponents(url: server.baseURL, resolvingAgainstBaseURL: false)!
        https.scheme = "https"
        let directory = try CLIProcess.temporaryDirectory()
        let result = try CLIProcess.run(
            [
                "run", "--target", https.url!.absoluteString, "--retries", "0", "--json", "reports/run.json", "--markdown", "reports/s.md",
                "--html", "reports/r.html",
            ],
            environment: ["CVAT_USER": "probe", "CVAT_PASSWORD": Self.secret], directory: directory)
        #expect(result.status == 2, "\(result.all)")
        #expect(result.stdout.contains("plain HTTP"), "\(result.stdout)")
        #expect(result.stdout.contains("use http://"))
        let record = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path)
        let about = try #require(record.outcomes.first { $0.probe == "about.version" })
        #expect(about.cause == "plain-http")
        #expect(!about.message.contains("WRONG_VERSION_NUMBER"))
        for needle in [Self.secret, ".build/", "/checkouts/", CLIProcess.packageRoot.path, "OPENSSL_internal"] {
            try Self.expectAbsent(needle, in: result, directory: directory)
        }
    }
}
