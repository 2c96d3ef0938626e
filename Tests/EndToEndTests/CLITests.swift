import AuthCheckReport
import CVATEmulator
import Foundation
import Testing

/// The tool as users run it: the built binary, real loopback servers, real files.
@Suite("CLI end to end", .serialized)
struct CLITests {
    static let password = "Recognisable-Pa55word-Q7xZ"

    static func validate(_ path: URL) throws {
        let bytes = Array(try Data(contentsOf: path))
        try JUnitReport.validate(bytes, file: path.lastPathComponent)
        let jenkins = CLIProcess.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/jenkins-junit-10.xsd")
        if FileManager.default.fileExists(atPath: jenkins.path) {
            try JUnitReport.validate(bytes, file: path.lastPathComponent, xsd: try XSD.file(jenkins.path))
        }
    }

    @Test("demo checks the emulated servers, explains the seed case and writes a valid reports/junit.xml")
    func demo() throws {
        let directory = try CLIProcess.temporaryDirectory()
        let result = try CLIProcess.run(["demo"], directory: directory)
        #expect(result.status == 0, "\(result.all)")
        #expect(result.stdout.contains("cvat-2.48-behind-cookie-stripping-proxy"))
        #expect(result.stdout.contains("password login      BREAKS"))
        #expect(result.stdout.contains("AssertionError"))
        #expect(result.stdout.contains("access-token login  works"))
        #expect(result.stdout.contains("proxy_pass_header Set-Cookie"))
        let report = directory.appendingPathComponent("reports/junit.xml")
        #expect(FileManager.default.fileExists(atPath: report.path))
        try Self.validate(report)
        let xml = try String(contentsOf: report, encoding: .utf8)
        #expect(xml.contains("<testsuite name=\"cvat-2.24\""))
        #expect(xml.contains("sessionid"))
    }

    @Test("run against a cookie-stripping proxy fails with the cause, and never prints the password")
    func strippedCookies() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.password, faults: [.stripSetCookie]))
        defer { Task { await server.stop() } }
        let directory = try CLIProcess.temporaryDirectory()
        let scratch = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let result = try CLIProcess.run(
            [
                "run", "--target", server.baseURL.absoluteString, "--user", "probe", "--json", "reports/run.json",
                "--markdown", "reports/summary.md", "--html", "reports/report.html", "--verbose",
            ],
            environment: ["CVAT_PASSWORD": Self.password, "TMPDIR": scratch.path], directory: directory)
        #expect(result.status == 1, "\(result.all)")
        #expect(result.stdout.contains("login.password"))
        let junit = try String(contentsOf: directory.appendingPathComponent("reports/junit.xml"), encoding: .utf8)
        #expect(junit.contains("sessionid"))
        #expect(junit.contains("proxy"))
        // The exchanges were spooled during the run and streamed back into every report that shows them;
        // the spool is anonymous, so nothing is left in the temporary folder.
        let json = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path)
        let login = try #require(json.outcomes.first { $0.probe == "login.password" && !$0.evidence.isEmpty })
        #expect(login.evidence.contains { $0.url.hasSuffix("/api/auth/login") && $0.method == "POST" })
        #expect(junit.contains("&gt; POST http") || junit.contains("> POST http"))
        #expect(junit.contains("/api/auth/login"))
        let html = try String(contentsOf: directory.appendingPathComponent("reports/report.html"), encoding: .utf8)
        #expect(html.contains("/api/auth/login"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("reports").path).sorted()
                == ["junit.xml", "report.html", "run.json", "summary.md"])
        try Self.validate(directory.appendingPathComponent("reports/junit.xml"))
        var outputs = [result.stdout, result.stderr, junit]
        for file in ["reports/run.json", "reports/summary.md", "reports/report.html"] {
            outputs.append(try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
        }
        for output in outputs {
            #expect(!output.contains(Self.password))
            #expect(!output.contains(String(Self.password.prefix(12))))
            #expect(!output.contains(Data("probe:\(Self.password)".utf8).base64EncodedString()))
        }
    }

    @Test("a healthy server passes: exit 0")
    func healthy() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
        defer { Task { await server.stop() } }
        let directory = try CLIProcess.temporaryDirectory()
        let result = try CLIProcess.run(
            ["run", "--target", server.baseURL.absoluteString, "--user", "probe"],
            environment: ["CVAT_PASSWORD": Self.password], directory: directory)
        #expect(result.status == 0, "\(result.all)")
        #expect(result.stdout.contains("cvat-2.63") || result.stdout.contains("2.64.0"))
    }

    @Test("an unreachable server is an error: exit 2, and the report is still valid")
    func unreachable() throws {
        let directory = try CLIProcess.temporaryDirectory()
        let result = try CLIProcess.run(
            ["run", "--target", "http://127.0.0.1:9", "--timeout", "2"], environment: ["CVAT_USER": "probe", "CVAT_PASSWORD": Self.password],
            directory: directory)
        #expect(result.status == 2, "\(result.all)")
        try Self.validate(directory.appendingPathComponent("reports/junit.xml"))
        // "What this means" is never empty: it names the cause and the fix even when nothing could run.
        let meaning = try #require(result.stdout.components(separatedBy: "What this means for cvat-sdk / cvat-cli clients:").last)
        #expect(meaning.contains("cause:  nothing accepts connections at the target's host and port"), "\(meaning)")
        #expect(meaning.contains("remedy: check the port in the target URL"), "\(meaning)")
        #expect(!result.stdout.contains("errno"), "\(result.stdout)")
    }

    @Test(
        "usage errors exit 64",
        arguments: [
            ["run"],
            ["run", "--target", "ftp://example.com"],
            ["run", "--target", "http://user:secret@example.com"],
            ["run", "--target", "http://a", "--insecure", "--ca-file", "x.pem"],
            ["run", "--target", "http://a", "--concurrency", "0"],
            ["run", "--target", "http://a", "--password", "inline-secret"],
        ])
    func usage(arguments: [String]) throws {
        let result = try CLIProcess.run(arguments, directory: try CLIProcess.temporaryDirectory())
        #expect(result.status == 64, "\(result.all)")
        #expect(!result.all.contains("inline-secret"), "a mistaken secret argument must not be echoed")
    }

    @Test("an invalid targets file exits 65 naming file, line and column")
    func invalidTargets() throws {
        let directory = try CLIProcess.temporaryDirectory()
        try "targets:\n  - url: http://a\n    credentails: {}\n".write(
            to: directory.appendingPathComponent("targets.yaml"), atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(["run", "--targets", "targets.yaml"], directory: directory)
        #expect(result.status == 65, "\(result.all)")
        #expect(result.stderr.contains("targets.yaml:3:5"))
        #expect(result.stderr.contains("did you mean 'credentials'?"))
    }

    @Test("an invalid overlay profile exits 65 naming file and line")
    func invalidOverlay() throws {
        let directory = try CLIProcess.temporaryDirectory()
        let overlay = directory.appendingPathComponent("my-matrices/servers")
        try FileManager.default.createDirectory(at: overlay, withIntermediateDirectories: true)
        try "id: cvat-2.81\nextends: cvat-2.80\nversions: \">=2.81.0 <2.82.0\"\nauth:\n  token: {state: gone}\n"
            .write(to: overlay.appendingPathComponent("cvat-2.81.yaml"), atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(["run", "--target", "http://127.0.0.1:9", "--matrices", "my-matrices"], directory: directory)
        #expect(result.status == 65, "\(result.all)")
        #expect(result.stderr.contains("cvat-2.81.yaml:5:"))
    }

    @Test("SIGINT mid-run still writes a valid report with interrupted outcomes")
    func interrupted() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let directory = try CLIProcess.temporaryDirectory()
        let started = try CLIProcess.start(
            ["run", "--target", "http://127.0.0.1:\(listener.port)", "--timeout", "600", "--deadline", "600", "--json", "reports/run.json"],
            environment: ["CVAT_USER": "probe", "CVAT_PASSWORD": Self.password], directory: directory)
        await listener.waitForConnection()
        kill(started.0.processIdentifier, SIGINT)
        let result = CLIProcess.finish(started)
        #expect(result.status == 2, "\(result.all)")
        let report = directory.appendingPathComponent("reports/junit.xml")
        try Self.validate(report)
        #expect(try String(contentsOf: report, encoding: .utf8).contains("interrupted"))
        let json = try String(contentsOf: directory.appendingPathComponent("reports/run.json"), encoding: .utf8)
        #expect(json.contains("\"interrupted\" : true") || json.contains("\"interrupted\":true"))
    }
}
