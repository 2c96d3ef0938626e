import ArgumentParser
import AuthCheckCore
import AuthCheckReport
import Foundation

/// `cvat-authcheck report`: work with written reports — merge shards, diff two runs, render a record.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Merge shard reports, diff two runs, render a run record in other formats, or show the history of several runs.",
        subcommands: [Merge.self, Diff.self, Render.self, History.self])

    /// `report merge FILE… -o OUT`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine shard JUnit or JSON files into one (counts recomputed, duplicates refused).",
            discussion: """
                Inputs may be JUnit XML or JSON run records, gzip-compressed or not. The output is JSON \
                when OUT ends in .json or .json.gz, JUnit XML otherwise; .gz or --gzip compresses it.
                """)

        @Argument(help: ArgumentHelp("Shard reports to combine.", valueName: "FILE"))
        var files: [String]

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The merged report.", valueName: "OUT"))
        var output: String

        @Flag(help: "Compress the output with gzip.")
        var gzip = false

        func validate() throws {
            guard !DeferredValidation.isDeferred else { return }
            if files.isEmpty { throw ValidationError("report merge: give at least one input FILE") }
            var seen: Set<String> = []
            for file in files where !seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
                throw ValidationError("report merge: \(file) is given twice; give each shard's report once")
            }
        }

        func run() throws {
            do {
                let path = try ReportMerger.merge(files: files).write(to: output, gzip: gzip)
                print("wrote \(path)")
            } catch {
                throw CLIError.reporting(error)
            }
        }
    }

    /// `report diff OLD NEW`.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show new failures, cause changes, fixes, lost coverage and still-failing cases between two runs.",
            discussion: """
                OLD and NEW are JSON run records or JUnit files (gzip accepted). Prints the same section as \
                run --baseline, every case listed (no cap), still-failing and removed cases too. Exit 1 with \
                --fail-on new when NEW has regressions.
                """)

        @Argument(help: ArgumentHelp("The earlier run.", valueName: "OLD")) var old: String
        @Argument(help: ArgumentHelp("The later run.", valueName: "NEW")) var new: String

        @Option(help: ArgumentHelp("Also write the diff as a Markdown summary.", valueName: "PATH"))
        var markdown: String?

        @Option(name: .customLong("fail-on"), help: ArgumentHelp("new: exit 1 when there are new failures; none: always 0.", valueName: "new|none"))
        var failOn: String = "none"

        func validate() throws {
            guard !DeferredValidation.isDeferred else { return }
            guard ["new", "none"].contains(failOn) else { throw ValidationError("--fail-on \(failOn): expected new or none") }
        }

        func run() throws {
            let diff: RecordDiff
            let current: RunRecord
            do {
                current = try ReportInput.load(new).record
                diff = RecordDiff(baseline: try ReportInput.load(old).record, current: current)
                if let markdown {
                    print("wrote \(try ReportFile.write(Array(MarkdownReport.render(current, diff: diff).utf8), to: markdown, gzip: false))")
                }
            } catch {
                throw CLIError.reporting(error)
            }
            print(DiffConsoleText.render(diff, kinds: DiffConsoleText.allListedKinds, limit: nil), terminator: "")
            if failOn == "new", diff.hasRegressions { throw ExitCode(1) }
        }
    }

    /// `report render RECORD.json --junit/--json/--markdown/--html/--openmetrics`.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a JSON run record (or a JUnit file) as JUnit, JSON, Markdown, HTML or OpenMetrics.")

        @Argument(help: ArgumentHelp("A JSON run record (gzip accepted).", valueName: "RECORD"))
        var record: String

        @Option(help: ArgumentHelp("JUnit XML output.", valueName: "PATH")) var junit: String?
        @Option(help: ArgumentHelp("JSON run record output.", valueName: "PATH")) var json: String?
        @Option(help: ArgumentHelp("Markdown summary output.", valueName: "PATH")) var markdown: String?
        @Option(help: ArgumentHelp("HTML page output.", valueName: "PATH")) var html: String?
        @Option(name: .customLong("openmetrics"), help: ArgumentHelp("OpenMetrics text output.", valueName: "PATH")) var openMetrics: String?
        @Flag(help: "Compress the JUnit and JSON outputs with gzip.") var gzip = false
        @Option(help: ArgumentHelp("A previous JSON run record to diff against.", valueName: "PATH")) var baseline: String?

        func validate() throws {
            guard !DeferredValidation.isDeferred else { return }
            if junit == nil, json == nil, markdown == nil, html == nil, openMetrics == nil {
                throw ValidationError("report render: give at least one of --junit, --json, --markdown, --html, --openmetrics")
            }
        }

        func run() throws {
            do {
                let input = try ReportInput.load(record).record
                let request = ReportRequest(
                    junit: junit, json: json, markdown: markdown, html: html, openMetrics: openMetrics, gzip: gzip, baseline: baseline)
                for path in try request.write(input) { print("wrote \(path)") }
            } catch {
                throw CLIError.reporting(error)
            }
        }
    }
}
