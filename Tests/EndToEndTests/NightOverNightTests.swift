import AuthCheckCore
import AuthCheckReport
import CVATEmulator
import Foundation
import FoundationXML
import Testing

/// Issue 17, point 6, through the built binary: `run --baseline` prints what changed since last night
/// after the table, and `report history` renders several nights as a trend.
@Suite("Night over night", .serialized)
struct NightOverNightTests {
    static let password = "Night-Over-Night-Pa55word-4Qz"
    static let credentials = ["CVAT_USER": "probe", "CVAT_PASSWORD": password]

    static func statuses(_ record: RunRecord) -> [String: OutcomeStatus] {
        Dictionary(record.suites.flatMap { suite in suite.outcomes.map { ("\(suite.label)|\($0.probe)|\($0.name)", $0.status) } }) { first, _ in first
        }
    }

    @Test("run --baseline prints the changes after the table: counts, upgrade, one line per new failure, cause change, fix and lost case")
    func consoleDiff() async throws {
        let server = try await EmulatedCVATServer.start(
            EmulatorConfiguration(version: "2.48.0", password: Self.password, faults: [.stripSetCookie]))
        defer { Task { await server.stop() } }
        let directory = try CLIProcess.temporaryDirectory()
        let url = server.baseURL.absoluteString
        let first = try CLIProcess.run(
            ["run", "--target", url, "--json", "reports/night-1.json", "--no-junit"], environment: Self.credentials, directory: directory)
        #expect(first.status == 1, "\(first.all)")
        #expect(!first.stdout.contains("Changes since the baseline"))
        let night1 = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/night-1.json").path)
        var suite = try #require(night1.suites.first)
        let target = suite.target
        func index(_ probe: String, _ name: String, _ status: OutcomeStatus) throws -> Int {
            try #require(suite.outcomes.firstIndex { $0.probe == probe && $0.name == name && $0.status == status }, "\(probe): \(name) \(status)")
        }
        // The baseline: night 1 as it would have been on 2.41.0, with four cases changed on purpose.
        let newFailure = try index("login.password", "username form", .fail)
        let causeChange = try index("proxy.diagnosis", "set-cookie-stripped", .fail)
        let fixed = try index("about.version", "server version", .pass)
        let stale = try index("matrix.stale", "profile covers the server", .pass)
        let nowCause = try #require(suite.outcomes[causeChange].cause)
        suite.serverVersion = "2.41.0"
        suite.outcomes[newFailure].status = .pass
        suite.outcomes[newFailure].cause = nil
        suite.outcomes[causeChange].cause = "csrf-origin-refused"
        suite.outcomes[fixed].status = .fail
        suite.outcomes[fixed].cause = "about-blocked"
        suite.outcomes[stale].name = "profile covers server 2.41.0"  // as records written before the name was made stable
        suite.outcomes.append(Outcome(probe: "plugin.gone", name: "old case", status: .pass, message: "passed"))
        var baseline = night1
        baseline.suites = [suite]
        try ReportFile.write(RunRecordJSON.encode(baseline), to: directory.appendingPathComponent("reports/baseline.json").path, gzip: false)

        let second = try CLIProcess.run(
            ["run", "--target", url, "--baseline", "reports/baseline.json", "--fail-on", "new", "--json", "reports/night-2.json", "--no-junit"],
            environment: Self.credentials, directory: directory)
        // --fail-on new: the one new failure fails the night.
        #expect(second.status == 1, "\(second.all)")
        let night2 = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/night-2.json").path)
        try #require(Self.statuses(night2) == Self.statuses(night1), "the emulated server answered night 2 as night 1")
        let failing = night1.outcomes.filter { $0.status == .fail || $0.status == .error }.count
        let stdout = second.stdout
        let section = try #require(stdout.range(of: "Changes since the baseline: "))
        let summary = try #require(stdout.range(of: "Summary: "))
        let wrote = try #require(stdout.range(of: "wrote reports/night-2.json"))
        #expect(summary.lowerBound < section.lowerBound && section.lowerBound < wrote.lowerBound, "after the table, before the files: \(stdout)")
        let lines = stdout[section.lowerBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.map(String.init)
        #expect(
            lines == [
                "Changes since the baseline: 1 new failure · 1 failing for a different cause · 1 fixed · 1 coverage lost · \(failing - 2) still failing",
                "  server upgraded: \(target) 2.41.0 → 2.48.0",
                "  NEW     \(target) — login.password: username form: pass → fail",
                "  CAUSE   \(target) — proxy.diagnosis: set-cookie-stripped: fail csrf-origin-refused → fail \(nowCause)",
                "  FIXED   \(target) — about.version: server version: fail → pass",
                "  LOST    \(target) — plugin.gone: old case: pass → absent",
            ], "\(stdout)")
        #expect(!second.all.contains(Self.password))

        // report diff says the same, every case listed.
        let diff = try CLIProcess.run(["report", "diff", "reports/baseline.json", "reports/night-2.json"], directory: directory)
        #expect(diff.status == 0, "\(diff.all)")
        let diffLines = diff.stdout.split(separator: "\n").map(String.init)
        #expect(Array(diffLines.prefix(6)) == lines)
        #expect(diffLines.filter { $0.hasPrefix("  STILL   ") }.count == failing - 2)
    }

    /// Four nights of two targets; alpha upgraded 2.41.0 → 2.48.1 on the third night.
    static func nights() -> [RunRecord] {
        let start = Date(timeIntervalSince1970: 1_764_300_000)
        let plan: [(version: String, login: OutcomeStatus, csrf: OutcomeStatus, beta: OutcomeStatus?)] = [
            ("2.41.0", .pass, .fail, nil), ("2.41.0", .fail, .fail, .pass), ("2.48.1", .pass, .fail, .pass), ("2.48.1", .pass, .pass, .error),
        ]
        return plan.enumerated().map { index, night in
            let begin = start.addingTimeInterval(Double(index) * 86_400)
            var suites = [
                SuiteRecord(
                    target: "alpha", url: "https://alpha.example", hostname: "alpha.example", serverVersion: night.version, startedAt: begin,
                    outcomes: [
                        Outcome(probe: "login.password", name: "username form", status: night.login, message: ""),
                        Outcome(probe: "session.csrf", name: "origin", status: night.csrf, message: "", cause: night.csrf == .fail ? "a-cause" : nil),
                    ])
            ]
            if let beta = night.beta {
                suites.append(
                    SuiteRecord(
                        target: "beta <b>", url: "https://beta.example", hostname: "beta.example", serverVersion: "2.24.0", startedAt: begin,
                        outcomes: [Outcome(probe: "anonymous.denied", name: "users/self", status: beta, message: "")]))
            }
            return RunRecord(toolVersion: "t", startedAt: begin, finishedAt: begin.addingTimeInterval(60), suites: suites)
        }
    }

    /// Writes the nights as night-1.json.gz, night-2.json, … and returns the file names.
    static func writeNights(in directory: URL) throws -> [String] {
        try nights().enumerated().map { index, record in
            let path = try ReportFile.write(
                RunRecordJSON.encode(record), to: directory.appendingPathComponent("night-\(index + 1).json").path, gzip: index % 2 == 0)
            return URL(fileURLWithPath: path).lastPathComponent
        }
    }

    @Test("report history orders runs by start time, keeps the last N and writes a self-contained HTML page and a Markdown trend")
    func history() throws {
        let directory = try CLIProcess.temporaryDirectory()
        let files = try Self.writeNights(in: directory)
        #expect(files == ["night-1.json.gz", "night-2.json", "night-3.json.gz", "night-4.json"])
        let result = try CLIProcess.run(
            [
                "report", "history", files[3], files[1], files[0], files[2], "--last", "3", "--html", "out/history.html", "--markdown",
                "out/history.md",
            ],
            directory: directory)
        #expect(result.status == 0, "\(result.all)")
        #expect(result.stdout == "wrote out/history.html\nwrote out/history.md\n")
        #expect(result.stderr.isEmpty, "\(result.stderr)")

        let html = try Data(contentsOf: directory.appendingPathComponent("out/history.html"))
        let document = try XMLDocument(data: html, options: [])
        func count(_ path: String) throws -> Int { try document.nodes(forXPath: path).count }
        #expect(try count("//script") == 0)
        #expect(try count("//*[@src or @href]") == 0)
        #expect(try count("//link") == 0)
        #expect(try count("//svg[@id='trend']/rect") >= 3)
        let totals = try document.nodes(forXPath: "//table[@id='totals']/tbody/tr")
        #expect(totals.count == 3)
        // Nights 2–4 of the files, oldest first; night 3 (alpha's upgrade) is the second shown.
        #expect(totals.map { $0.children?.last?.stringValue } == [files[1], files[2], files[3]])
        #expect(totals[1].stringValue?.contains("⬆ alpha 2.41.0 → 2.48.1") == true)
        #expect(try count("//table[contains(@class,'history')]") == 2)
        #expect(try document.nodes(forXPath: "//table[@data-suite='beta <b>']").count == 1)
        #expect(try count("//b") == 0)
        let login = try #require(try document.nodes(forXPath: "//table[@id='history-1']/tbody/tr[@data-probe='login.password']").first)
        #expect(try login.nodes(forXPath: "td[contains(@class,'cell')]").map { $0.stringValue ?? "" } == ["✗", "✓", "✓"])
        #expect(try login.nodes(forXPath: "td[@class='flakiness']").first?.stringValue == "1")
        let upgradeHeader = try document.nodes(forXPath: "//table[@id='history-1']/thead/tr/th[contains(@class,'upgrade')]")
        #expect(upgradeHeader.map { $0.stringValue ?? "" } == ["2 ⬆"])

        let markdown = try String(contentsOf: directory.appendingPathComponent("out/history.md"), encoding: .utf8)
        let tables = markdown.components(separatedBy: "\n\n").filter { $0.hasPrefix("|") }.map { $0.split(separator: "\n").map(String.init) }
        #expect(tables.count == 3)
        for table in tables {
            let widths = table.map { $0.split(separator: "|", omittingEmptySubsequences: false).count }
            #expect(Set(widths).count == 1, "\(table)")
        }
        #expect(tables[0].count == 2 + 3)
        #expect(tables[1][0] == "| Probe | Case | 1 | 2 ⬆️ | 3 | Flakiness |")
        #expect(tables[1].contains("| login.password | username form | ❌ | ✅ | ✅ | 1 |"))
        #expect(tables[1].contains("| session.csrf | origin | ❌ | ❌ | ✅ | 1 |"))
        #expect(tables[2].contains("| anonymous.denied | users/self | ✅ | ✅ | ⚠️ | 1 |"))
        #expect(markdown.contains("### beta &lt;b&gt;"))
    }

    struct BadCall: Sendable, CustomTestStringConvertible {
        var label: String
        var arguments: [String]
        var status: Int32
        var message: String
        var testDescription: String { label }
    }

    static let badCalls: [BadCall] = [
        BadCall(
            label: "a missing run", arguments: ["night-2.json", "missing.json", "--html", "h.html"], status: 66, message: "missing.json: no such file"
        ),
        BadCall(
            label: "a file that is not a run record", arguments: ["night-2.json", "broken.json", "--markdown", "h.md"], status: 65,
            message: "broken.json"),
        BadCall(label: "the same file twice", arguments: ["night-2.json", "./night-2.json", "--html", "h.html"], status: 64, message: "given twice"),
        BadCall(label: "no output asked for", arguments: ["night-2.json"], status: 64, message: "--html PATH, --markdown PATH or both"),
        BadCall(label: "--last 0", arguments: ["night-2.json", "--last", "0", "--html", "h.html"], status: 64, message: "--last 0"),
    ]

    @Test("report history: a missing run is 66, a bad one 65, wrong arguments 64, and nothing is written", arguments: badCalls)
    func historyErrors(_ call: BadCall) throws {
        let directory = try CLIProcess.temporaryDirectory()
        _ = try Self.writeNights(in: directory)
        try "{\"schema\": \"cvat-authcheck/run-record@1\", \"suites\": 3}".write(
            to: directory.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(["report", "history"] + call.arguments, directory: directory)
        #expect(result.status == call.status, "\(result.all)")
        #expect(result.stderr.contains(call.message), "\(result.stderr)")
        for output in ["h.html", "h.md"] { #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(output).path)) }
    }

    @Test("report history: the same run in two files (json and json.gz) is shown once, the second file named in a note")
    func historyDuplicateRun() throws {
        let directory = try CLIProcess.temporaryDirectory()
        let files = try Self.writeNights(in: directory)
        try ReportFile.write(
            RunRecordJSON.encode(Self.nights()[1]), to: directory.appendingPathComponent("night-2.json").path, gzip: true)
        let result = try CLIProcess.run(["report", "history"] + files + ["night-2.json.gz", "--markdown", "h.md"], directory: directory)
        #expect(result.status == 0, "\(result.all)")
        #expect(result.stderr == "note: night-2.json.gz: the same run as night-2.json (started 2025-11-29T03:20:00Z); left out\n")
        let markdown = try String(contentsOf: directory.appendingPathComponent("h.md"), encoding: .utf8)
        #expect(markdown.contains("4 night(s), 2025-11-28 03:20 → 2025-12-01 03:20 UTC. "))
    }
}
