import ArgumentParser
import AuthCheckCore
import AuthCheckReport

/// The report options shared by `run`, `demo` and `report render`: which files to write, gzip, the
/// baseline to diff against and the `--fail-on` policy.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("JUnit XML output.", valueName: "PATH"))
    var junit: String = "reports/junit.xml"

    @Flag(name: .customLong("no-junit"), help: "Do not write JUnit XML.")
    var noJUnit = false

    @Option(help: ArgumentHelp("Also write the JSON run record (the data behind every view; docs/REPORTS.md).", valueName: "PATH"))
    var json: String?

    @Option(help: ArgumentHelp("Also write a Markdown summary for a CI job summary.", valueName: "PATH"))
    var markdown: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML page with the matrix and filters.", valueName: "PATH"))
    var html: String?

    @Flag(help: "Compress the JUnit and JSON files with gzip (adds .gz).")
    var gzip = false

    @Option(help: ArgumentHelp("A previous JSON run record to diff against: new failures, fixed, still failing.", valueName: "PATH"))
    var baseline: String?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Which outcomes fail the process: any, new (regressions against --baseline only) or none.", valueName: "any|new|none"))
    var failOn: String = FailPolicy.any.rawValue

    func validate() throws {
        guard FailPolicy(rawValue: failOn) != nil else {
            throw ValidationError("--fail-on \(failOn): expected one of \(FailPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The library request these options describe.
    var request: ReportRequest {
        ReportRequest(junit: noJUnit ? nil : junit, json: json, markdown: markdown, html: html, gzip: gzip, baseline: baseline)
    }

    /// The parsed `--fail-on` policy.
    var failPolicy: FailPolicy { FailPolicy(rawValue: failOn) ?? .any }

    /// Writes every requested format atomically and returns the paths written; complete suites are
    /// read from `suites` (default: the record itself).
    func write(_ record: RunRecord, suites: SuiteStore? = nil) throws -> [String] {
        try request.write(record, suites: suites)
    }

    /// The exit status for `record` (README, "Exit status"), under `--fail-on`; `new` compares with `--baseline`.
    func exitCode(for record: RunRecord) throws -> Int32 {
        let diff = failPolicy == .new ? try request.diff(for: record) : nil
        return ExitStatus.code(for: record, policy: failPolicy, diff: diff)
    }
}
