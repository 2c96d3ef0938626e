import ArgumentParser
import AuthCheckCore
import AuthCheckReport
import AuthCheckRun

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

    @Option(
        name: .customLong("openmetrics"),
        help: ArgumentHelp("Also write the run as OpenMetrics text for node_exporter's textfile collector or a Pushgateway.", valueName: "PATH"))
    var openMetrics: String?

    @Flag(help: "Compress the JUnit and JSON files with gzip (adds .gz).")
    var gzip = false

    @Option(help: ArgumentHelp("A previous JSON run record to diff against: new failures, fixed, still failing.", valueName: "PATH"))
    var baseline: String?

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp("Which outcomes fail the process: any, new (regressions against --baseline only) or none.", valueName: "policy"))
    var failOn: FailPolicy = .any

    /// The library request these options describe.
    var request: ReportRequest {
        ReportRequest(
            junit: noJUnit ? nil : junit, json: json, markdown: markdown, html: html, openMetrics: openMetrics, gzip: gzip, baseline: baseline)
    }

    /// What the reports of one run say and where they went.
    struct Written {
        /// The paths written, in the order JUnit, JSON, Markdown, HTML, OpenMetrics.
        var paths: [String]
        /// The exit status (README, "Exit status") under `--fail-on`; `new` compares with `--baseline`.
        var exitCode: Int32
    }

    /// Reads and diffs the baseline once, writes every requested format atomically (complete suites
    /// read from `suites`, default the record itself) and decides the exit status from the same diff.
    func write(_ record: RunRecord, suites: SuiteStore? = nil) throws -> Written {
        let request = request
        let diff = try request.diff(for: record)
        let paths = try request.write(record, suites: suites, diff: diff)
        return Written(paths: paths, exitCode: ExitStatus.code(for: record, policy: failOn, diff: diff))
    }
}
