import ArgumentParser
import AuthCheckCore
import AuthCheckReport
import AuthCheckRun

/// The report options shared by `run`, `demo` and `report render`: which files to write, gzip, the
/// baseline to diff against (`--fail-on`, which only `run` offers, is declared there).
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

    /// The library request these options describe; the baseline is read by ``loadBaseline()`` instead.
    var request: ReportRequest {
        ReportRequest(
            junit: noJUnit ? nil : junit, json: json, markdown: markdown, html: html, openMetrics: openMetrics, gzip: gzip, baseline: nil)
    }

    /// What the reports of one run say and where they went.
    struct Written {
        /// The paths written, in the order JUnit, JSON, Markdown, HTML, OpenMetrics.
        var paths: [String]
        /// The exit status (README, "Exit status") under `--fail-on`; `new` compares with `--baseline`.
        var exitCode: Int32
        /// The diff against `--baseline`, when one was read.
        var diff: RecordDiff?

        /// The console section after the table: the changes since the baseline, capped per kind
        /// (docs/REPORTS.md, "Diff"); `nil` without a baseline.
        var changesSection: String? {
            diff.map { DiffConsoleText.render($0, kinds: DiffConsoleText.changeKinds, limit: DiffConsoleText.runLimit) }
        }
    }

    /// The `--baseline` run record, read before the first request so that a bad file stops the run
    /// early; `nil` without `--baseline`, or when the file does not exist yet (normal on the first
    /// night), which is said on standard error.
    /// - Throws: ``CLIError`` for a baseline that exists but cannot be read (exit 65 or 74).
    func loadBaseline(notice: (String) -> Void = RunPipeline.standardErrorNotice) throws -> RunRecord? {
        guard let baseline else { return nil }
        do {
            return try RunRecordJSON.read(file: baseline)
        } catch .noInput {
            notice(
                "no baseline at \(baseline) yet (normal on the first night): no new/fixed comparison this time, and --fail-on new counts every failure as new"
            )
            return nil
        } catch {
            throw CLIError(error)
        }
    }

    /// Writes every requested format atomically (complete suites read from `suites`, default the
    /// record itself), with the diff against `baseline`, and decides the exit status under `failOn`
    /// from the same diff.
    func write(_ record: RunRecord, suites: SuiteStore? = nil, failOn: FailPolicy = .any, baseline: RunRecord? = nil) throws -> Written {
        let diff = baseline.map { RecordDiff(baseline: $0, current: record) }
        do {
            let paths = try request.write(record, suites: suites, diff: diff)
            return Written(paths: paths, exitCode: ExitStatus.code(for: record, policy: failOn, diff: diff), diff: diff)
        } catch {
            throw CLIError(error)
        }
    }
}
