import AuthCheckReport
import CVATEmulator
import Foundation
import Testing

/// Issue 16, "exit codes that mean what README says": input problems are usage-class codes (64 wrong
/// arguments, 65 bad data, 66 a missing input file), never "fail" (1); a wrong probe password is one
/// `error`; connection failures speak plainly.
@Suite("Exit codes that mean what README says", .serialized)
struct ExitCodeMeaningTests {
    static let password = "Exit-Codes-Pa55word-8Lm"
    static let credentials = ["CVAT_USER": "probe", "CVAT_PASSWORD": password]

    static func write(_ text: String, to name: String, in directory: URL) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test("a --baseline that does not exist yet is the first night: said on stderr, the run goes on and exits 0")
    func firstNight() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
        defer { Task { await server.stop() } }
        let directory = try CLIProcess.temporaryDirectory()
        let result = try CLIProcess.run(
            [
                "run", "--target", server.baseURL.absoluteString, "--baseline", "reports/previous.json", "--fail-on", "new", "--json",
                "reports/run.json",
            ],
            environment: Self.credentials, directory: directory)
        #expect(result.status == 0, "\(result.all)")
        #expect(result.stderr.contains("no baseline at reports/previous.json yet"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("reports/run.json").path))
        // The second night diffs against the first.
        let second = try CLIProcess.run(
            ["run", "--target", server.baseURL.absoluteString, "--baseline", "reports/run.json", "--fail-on", "new"],
            environment: Self.credentials, directory: directory)
        #expect(second.status == 0, "\(second.all)")
        #expect(!second.stderr.contains("no baseline"))
    }

    @Test("a --baseline that is not a run record stops the run before any request (exit 65)")
    func badBaseline() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
        defer { Task { await server.stop() } }
        let directory = try CLIProcess.temporaryDirectory()
        try Self.write("{ not json", to: "previous.json", in: directory)
        let result = try CLIProcess.run(
            ["run", "--target", server.baseURL.absoluteString, "--baseline", "previous.json"], environment: Self.credentials, directory: directory)
        #expect(result.status == 65, "\(result.all)")
        #expect(result.stderr.contains("previous.json"))
        #expect(server.requestsAnswered == 0)
    }

    struct ReportCase: Sendable, CustomTestStringConvertible {
        var label: String
        var arguments: [String]
        var status: Int32
        var message: String
        var testDescription: String { label }
    }

    static let reportCases: [ReportCase] = [
        ReportCase(
            label: "merge of a missing file", arguments: ["report", "merge", "missing.xml", "-o", "m.xml"], status: 66,
            message: "missing.xml: no such file"),
        ReportCase(
            label: "merge of the same file twice", arguments: ["report", "merge", "a.xml", "./a.xml", "-o", "m.xml"], status: 64,
            message: "given twice"),
        ReportCase(
            label: "merge of shards that overlap", arguments: ["report", "merge", "a.xml", "b.xml", "-o", "m.xml"], status: 65, message: "duplicate"),
        ReportCase(label: "merge of a broken file", arguments: ["report", "merge", "broken.xml", "-o", "m.xml"], status: 65, message: "broken.xml"),
        ReportCase(
            label: "render of a missing file", arguments: ["report", "render", "missing.json", "--junit", "j.xml"], status: 66,
            message: "missing.json: no such file"),
        ReportCase(
            label: "diff with a missing file", arguments: ["report", "diff", "missing.json", "a.xml"], status: 66,
            message: "missing.json: no such file"),
    ]

    @Test("report commands: a missing input is 66, wrong arguments 64, bad data 65 — never 1", arguments: reportCases)
    func reportInputs(_ setup: ReportCase) throws {
        let directory = try CLIProcess.temporaryDirectory()
        let suite = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites><testsuite name="staging" tests="1" failures="0" errors="0" skipped="0"><testcase classname="staging.login" name="login"/></testsuite></testsuites>
            """
        try Self.write(suite, to: "a.xml", in: directory)
        try Self.write(suite, to: "b.xml", in: directory)
        try Self.write("<testsuites><testsuite", to: "broken.xml", in: directory)
        let result = try CLIProcess.run(setup.arguments, directory: directory)
        #expect(result.status == setup.status, "\(result.all)")
        #expect(result.stderr.contains(setup.message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("m.xml").path))
    }

    @Test("emulate on a port in use is a usage error naming the address (exit 64)")
    func emulatePortInUse() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
        defer { Task { await server.stop() } }
        let result = try CLIProcess.run(
            ["emulate", "--cvat-version", "2.48.0", "--port", String(server.port)], environment: ["CVAT_PASSWORD": Self.password],
            directory: try CLIProcess.temporaryDirectory())
        #expect(result.status == 64, "\(result.all)")
        #expect(result.stderr.contains("127.0.0.1:\(server.port) is already in use"), "\(result.stderr)")
    }

    @Test("demo does not offer --fail-on (its exit status says only whether the tool worked)")
    func demoFailOn() throws {
        let result = try CLIProcess.run(["demo", "--fail-on", "any"], directory: try CLIProcess.temporaryDirectory())
        #expect(result.status == 64, "\(result.all)")
        #expect(result.stderr.contains("Unknown option '--fail-on'"))
        let help = try CLIProcess.run(["demo", "--help"], directory: try CLIProcess.temporaryDirectory())
        #expect(!help.stdout.contains("--fail-on"))
    }

    @Test("a wrong probe password is one error naming it (exit 2); the probes that need the account are skipped, none fails")
    func wrongPassword() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
        defer { Task { await server.stop() } }
        let directory = try CLIProcess.temporaryDirectory()
        let result = try CLIProcess.run(
            ["run", "--target", server.baseURL.absoluteString, "--json", "reports/run.json"],
            environment: ["CVAT_USER": "probe", "CVAT_PASSWORD": "Wrong-Pa55word-zz"], directory: directory)
        #expect(result.status == 2, "\(result.all)")
        let record = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path)
        let errors = record.outcomes.filter { $0.status == .error }
        #expect(errors.count == 1, "\(errors.map { "\($0.probe): \($0.message)" })")
        #expect(errors.first?.probe == "login.password")
        #expect(errors.first?.cause == "login-rejected")
        #expect(errors.first?.message.contains("password was refused") == true)
        #expect(record.outcomes.filter { $0.status == .fail }.isEmpty, "\(record.outcomes.filter { $0.status == .fail }.map(\.probe))")
        for probe in ["basic", "account.dedicated", "access-token.lifecycle", "logout.invalidates", "token.legacy"] {
            let outcomes = record.outcomes.filter { $0.probe == probe }
            #expect(!outcomes.isEmpty && outcomes.allSatisfy { $0.status == .skipped }, "\(probe): \(outcomes.map { "\($0.status) \($0.message)" })")
        }
        #expect(!result.stdout.contains("Wrong-Pa55word-zz"))
    }

    @Test("connection failures speak plainly: a refused port, and a path that answers 404 names the URL tried and --server-version")
    func plainConnectionMessages() async throws {
        // A port nothing listens on: bind one, note it, close it.
        let closed = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
        let port = closed.port
        await closed.stop()
        let directory = try CLIProcess.temporaryDirectory()
        let refused = try CLIProcess.run(
            ["run", "--target", "http://127.0.0.1:\(port)", "--retries", "0", "--json", "reports/run.json"], environment: Self.credentials,
            directory: directory)
        #expect(refused.status == 2, "\(refused.all)")
        let record = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path)
        let about = try #require(record.outcomes.first { $0.probe == "about.version" })
        #expect(about.message.contains("connection refused"), "\(about.message)")
        #expect(!about.message.contains("errno"))

        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
        defer { Task { await server.stop() } }
        let prefixed = server.baseURL.appendingPathComponent("cvat").absoluteString
        let other = try CLIProcess.temporaryDirectory()
        let wrongPath = try CLIProcess.run(
            ["run", "--target", prefixed, "--json", "reports/run.json"], environment: Self.credentials, directory: other)
        #expect(wrongPath.status == 2, "\(wrongPath.all)")
        let wrongRecord = try RunRecordJSON.read(file: other.appendingPathComponent("reports/run.json").path)
        let detected = try #require(wrongRecord.outcomes.first { $0.probe == "about.version" })
        #expect(detected.message.contains("\(prefixed)/api/server/about"), "\(detected.message)")
        #expect(detected.remedy?.contains("--server-version") == true, "\(detected.remedy ?? "")")
    }
}
