import AuthCheckReport
import Foundation
import Testing

/// Issue 17, points 1 and 2, as a person sees them: `demo` run in a terminal window of a set size
/// (pseudo-terminals), and the same run written to a pipe.
@Suite("Console: progress, colour and width", .serialized)
struct ConsoleTests {
    static let escape = "\u{1B}["
    /// Text only the progress display writes.
    static let progressText = "targets done"

    static func demo(
        _ extra: [String] = [], stdout: PseudoTerminal.Stream, stderr: PseudoTerminal.Stream, environment: [String: String] = [:]
    )
        throws -> PseudoTerminal.Result
    {
        let result = try PseudoTerminal.run(
            ["demo"] + extra, stdout: stdout, stderr: stderr, environment: environment, directory: try CLIProcess.temporaryDirectory())
        #expect(result.status == 0, "\(result.all)")
        return result
    }

    /// The text of a line as the terminal shows it: colour sequences removed.
    static func visible(_ line: String) -> String {
        line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*[A-Za-z]", with: "", options: .regularExpression)
    }

    @Test("progress is drawn on a terminal's standard error, redrawn in place and cleared at the end; never on standard output")
    func progressOnTerminal() throws {
        let result = try Self.demo(stdout: .terminal(columns: 100), stderr: .terminal(columns: 100))
        #expect(result.stderr.contains("cvat-authcheck: 3/3 targets done"), "\(result.stderr)")
        #expect(result.stderr.contains("\r\u{1B}[K"), "the line is redrawn with a carriage return")
        #expect(result.stderr.hasSuffix("\r\u{1B}[K"), "the progress line is cleared at the end: \(result.stderr.debugDescription)")
        #expect(!result.stderr.contains("\n"), "progress is one line redrawn, not a scroll of lines: \(result.stderr.debugDescription)")
        #expect(!result.stdout.contains(Self.progressText))
        // Every state of the line fits the window, so a redraw never wraps.
        for state in result.stderr.components(separatedBy: "\r") {
            #expect(Self.visible(state).count <= 100, "\(state)")
        }
    }

    @Test("no progress when standard error is a pipe, or with --progress never; --progress always writes one line per target to a pipe")
    func progressElsewhere() throws {
        let piped = try Self.demo(stdout: .terminal(columns: 100), stderr: .pipe)
        #expect(!piped.stderr.contains(Self.progressText), "\(piped.stderr)")
        #expect(!piped.stderr.contains("\r"))
        let never = try Self.demo(["--progress", "never"], stdout: .terminal(columns: 100), stderr: .terminal(columns: 100))
        #expect(!never.stderr.contains(Self.progressText), "\(never.stderr)")
        let always = try Self.demo(["--progress", "always"], stdout: .pipe, stderr: .pipe)
        let lines = always.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("cvat-authcheck: [3/3] ") }, "\(always.stderr)")
        #expect(lines.filter { $0.hasPrefix("cvat-authcheck: [") }.count == 3, "\(always.stderr)")
        #expect(lines.contains { $0.contains("cvat-2.48-behind-cookie-stripping-proxy: FAIL") }, "\(always.stderr)")
        #expect(!always.stderr.contains("\r"), "a log gets whole lines, not redraws")
        #expect(!always.stdout.contains("[3/3]"))
    }

    @Test("colour on a terminal; none with NO_COLOR, with --color never, or in a pipe; --color always colours a pipe")
    func colour() throws {
        let terminal = try Self.demo(stdout: .terminal(columns: 120), stderr: .pipe)
        #expect(terminal.stdout.contains(Self.escape + "1;31mFAIL"), "FAIL in red on a terminal")
        #expect(terminal.stdout.contains(Self.escape + "32mPASS"))
        let emptyNoColor = try Self.demo(stdout: .terminal(columns: 120), stderr: .pipe, environment: ["NO_COLOR": ""])
        #expect(emptyNoColor.stdout.contains(Self.escape), "an empty NO_COLOR does not disable colour (no-color.org)")
        for (label, arguments, environment) in [
            ("NO_COLOR=1", [String](), ["NO_COLOR": "1"]), ("--color never", ["--color", "never"], [:]),
        ] {
            let plain = try Self.demo(arguments, stdout: .terminal(columns: 120), stderr: .pipe, environment: environment)
            #expect(!plain.stdout.contains("\u{1B}"), "\(label): \(plain.stdout)")
            #expect(plain.stdout.contains("FAIL"), "\(label)")
        }
        let piped = try Self.demo(stdout: .pipe, stderr: .pipe)
        #expect(!piped.stdout.contains("\u{1B}"))
        let forced = try Self.demo(["--color", "always"], stdout: .pipe, stderr: .pipe, environment: ["NO_COLOR": "1"])
        #expect(forced.stdout.contains(Self.escape + "1;31mFAIL"), "--color always wins over NO_COLOR")
    }

    @Test("on a terminal every line fits the window, at 80 and 120 columns, with and without --verbose", arguments: [80, 120])
    func fitsTheWindow(columns: Int) throws {
        for extra in [[], ["--verbose"]] {
            let result = try Self.demo(extra, stdout: .terminal(columns: columns), stderr: .terminal(columns: columns))
            let lines = result.stdoutLines.map(Self.visible)
            #expect(lines.count > 20)
            #expect(lines.contains { $0.hasPrefix("cvat-2.48-behind-cookie-") }, "the table is there, colour removed")
            for line in lines {
                #expect(line.count <= columns, "\(extra) \(line.count) > \(columns): \(line)")
            }
            // Wrapping loses nothing: the words of the cause and remedy are all there.
            let words = Set(lines.joined(separator: " ").split(separator: " ").map(String.init))
            for word in ["proxy_pass_header", "CVAT_ACCESS_TOKEN`)", "AssertionError"] {
                #expect(words.contains { $0.contains(word) }, "\(word)")
            }
        }
    }

    @Test("a terminal that reports no width: COLUMNS, else 80")
    func widthFallbacks() throws {
        let withColumns = try Self.demo(["--verbose"], stdout: .terminal(columns: 0), stderr: .pipe, environment: ["COLUMNS": "100"])
        #expect(withColumns.stdoutLines.map(Self.visible).allSatisfy { $0.count <= 100 })
        #expect(withColumns.stdoutLines.map(Self.visible).contains { $0.count > 80 }, "COLUMNS=100 is used, not 80")
        let without = try Self.demo(["--verbose"], stdout: .terminal(columns: 0), stderr: .pipe)
        #expect(without.stdoutLines.map(Self.visible).allSatisfy { $0.count <= 80 })
    }

    @Test("written to a pipe nothing is wrapped or cut, whatever COLUMNS says: every outcome's full detail appears")
    func pipeKeepsEverything() throws {
        let directory = try CLIProcess.temporaryDirectory()
        let result = try PseudoTerminal.run(
            ["demo", "--verbose", "--json", "reports/run.json"], stdout: .pipe, stderr: .pipe, environment: ["COLUMNS": "60"],
            directory: directory)
        #expect(result.status == 0, "\(result.all)")
        let record = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path)
        let shown = record.outcomes.filter { $0.status != .pass || $0.isAdvice }
        #expect(shown.count > 40)
        for outcome in shown {
            #expect(result.stdout.contains(outcome.message.replacingOccurrences(of: "\n", with: " ")), "\(outcome.probe): \(outcome.message)")
        }
        #expect(result.stdout.split(separator: "\n").contains { $0.count > 200 }, "rows are whole lines, not wrapped to COLUMNS")
    }

    @Test("failures are grouped by cause: the cause and remedy once, then the probes and the target they explain")
    func groupedByCause() throws {
        let result = try Self.demo(stdout: .pipe, stderr: .pipe)
        let out = result.stdout
        let cause = "a reverse proxy, CDN or ingress between the client and CVAT removes the Set-Cookie headers"
        let remedy = "let Set-Cookie through: remove `proxy_hide_header Set-Cookie`"
        #expect(out.components(separatedBy: cause).count == 2, "the cause is written once:\n\(out)")
        #expect(out.components(separatedBy: remedy).count == 2, "the remedy is written once:\n\(out)")
        let section = try #require(out.components(separatedBy: "What broke, by cause").last)
        #expect(section.contains("[1] FAIL  set-cookie-stripped — 13 outcomes on 1 target"), "\(section)")
        #expect(section.contains("target:  cvat-2.48-behind-cookie-stripping-proxy"))
        #expect(section.contains("FAIL  login.password (username form): login (username) answered 200"))
        #expect(section.contains("FAIL  proxy.diagnosis:"))
        // Ten predicted client breaks are one line naming the client lines.
        #expect(
            section.contains("FAIL  sdk.compat (password login of cvat-cli 2.24–2.69, cvat-sdk 2.24–2.69): make_client will raise AssertionError"))
        #expect(!section.contains("[2]"), "one fault, one group")
        // The client summary refers to the group instead of repeating it, and the table has one row per target.
        #expect(out.contains("cause:  [1] set-cookie-stripped (see \"What broke\" below)"))
        let tableRows = out.split(separator: "\n").filter { $0.hasPrefix("cvat-2.48-behind-cookie-stripping-proxy ") }
        #expect(tableRows.count == 2, "the server list and one table row: \(tableRows)")
    }

    @Test("README shows a real run: its console block is demo's output in a 100-column terminal, ports aside")
    func readmeShowsARealRun() throws {
        let readme = try String(contentsOf: CLIProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let opening = try #require(readme.range(of: "<!-- demo-output: generated, see above -->\n```text\n"))
        let closing = try #require(readme.range(of: "\n```", range: opening.upperBound..<readme.endIndex))
        let shown = String(readme[opening.upperBound..<closing.lowerBound])
        let result = try Self.demo(["--color", "never", "--progress", "never"], stdout: .terminal(columns: 100), stderr: .pipe)
        let actual = result.stdoutLines.joined(separator: "\n").trimmingCharacters(in: .newlines)
        func ports(_ text: String) -> String {
            text.replacingOccurrences(of: #"127\.0\.0\.1:\d+"#, with: "127.0.0.1:PORT", options: .regularExpression)
        }
        #expect(
            ports(shown) == ports(actual),
            "README.md's demo block is out of date; regenerate it as README says. Today's output:\n\(actual)")
    }
}
