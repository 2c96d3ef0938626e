import AuthCheckCore
import AuthCheckReport
import EmulatorTestSupport
import Foundation

/// One run of the built binary with every report format written, and everything it wrote: stdout,
/// stderr, the JUnit report, the JSON record, the Markdown summary and the HTML page.
struct ReportedRun {
    /// The report options every run here is given (JUnit goes to `reports/junit.xml` by default).
    static let reportArguments = ["--json", "reports/run.json", "--markdown", "reports/summary.md", "--html", "reports/report.html"]

    var result: CLIProcess.Result
    var directory: URL
    var junit: String
    var json: String
    var markdown: String
    var html: String
    /// The JSON record, read back.
    var record: RunRecord

    /// Runs `cvat-authcheck run` with `arguments` and the report options in a fresh directory.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> ReportedRun {
        let directory = try CLIProcess.temporaryDirectory()
        let result = try await CLIProcess.running(["run"] + arguments + reportArguments, environment: environment, directory: directory)
        return try collect(result, in: directory)
    }

    /// Reads what a finished run wrote in `directory`.
    static func collect(_ result: CLIProcess.Result, in directory: URL) throws -> ReportedRun {
        func read(_ file: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) }
        return ReportedRun(
            result: result, directory: directory, junit: try read("reports/junit.xml"), json: try read("reports/run.json"),
            markdown: try read("reports/summary.md"), html: try read("reports/report.html"),
            record: try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path))
    }

    /// Every output by name.
    var outputs: [(name: String, text: String)] {
        [
            ("stdout", result.stdout), ("stderr", result.stderr), ("junit.xml", junit), ("run.json", json), ("summary.md", markdown),
            ("report.html", html),
        ]
    }

    /// Where any of `secrets` (or a recognisable piece or encoding of one) appears: "file: which secret".
    func leaks(of secrets: [String]) -> [String] {
        let scanner = SecretScanner(secrets: secrets.filter { $0.count >= 8 })
        return outputs.flatMap { output in scanner.leaks(in: output.text).map { "\(output.name): \($0)" } }
    }

    /// Checks the JUnit report against the project's schema (and Jenkins' when it is at hand).
    func validateJUnit() throws { try CLITests.validate(directory.appendingPathComponent("reports/junit.xml")) }

    /// The outcome `probe`/`name` in the JSON record.
    func outcome(_ probe: String, _ name: String? = nil) -> Outcome? {
        record.outcomes.first { $0.probe == probe && (name == nil || $0.name == name) }
    }
}
