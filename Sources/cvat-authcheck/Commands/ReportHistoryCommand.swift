import ArgumentParser
import AuthCheckReport
import Foundation

extension ReportCommand {
    /// `report history RUN.json… --html PATH --markdown PATH [--last N]`.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the last N runs as a trend: totals per night and a status strip per target and probe.",
            discussion: """
                RUN files are JSON run records (JUnit files and gzip accepted), in any order: they are \
                ordered by the time each run started. A run found in two files (run.json and run.json.gz \
                of one night) is shown once and the second file named on stderr. Merge the shards of one \
                night with report merge first.
                """)

        @Argument(help: ArgumentHelp("Run records of earlier nights (gzip accepted).", valueName: "RUN.json"))
        var files: [String]

        @Option(help: ArgumentHelp("How many of the newest runs to show.", valueName: "N"))
        var last: Int = 14

        @Option(help: ArgumentHelp("Write the history as one self-contained HTML page.", valueName: "PATH"))
        var html: String?

        @Option(help: ArgumentHelp("Write the history as Markdown (a CI job summary).", valueName: "PATH"))
        var markdown: String?

        func validate() throws {
            guard !DeferredValidation.isDeferred else { return }
            if files.isEmpty { throw ValidationError("report history: give at least one RUN.json") }
            if last < 1 { throw ValidationError("--last \(last): give at least 1") }
            if html == nil, markdown == nil { throw ValidationError("report history: give --html PATH, --markdown PATH or both") }
            var seen: Set<String> = []
            for file in files where !seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
                throw ValidationError("report history: \(file) is given twice; give each run once")
            }
        }

        func run() throws {
            do {
                let loaded = try HistoryLoader.load(files: files, last: last)
                for note in loaded.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
                if let html {
                    let page = HistoryHTML.render(loaded.history, given: loaded.runs)
                    print("wrote \(try ReportFile.write(Array(page.utf8), to: html, gzip: false))")
                }
                if let markdown {
                    let text = HistoryMarkdown.render(loaded.history, given: loaded.runs)
                    print("wrote \(try ReportFile.write(Array(text.utf8), to: markdown, gzip: false))")
                }
            } catch {
                throw CLIError.reporting(error)
            }
        }
    }
}
