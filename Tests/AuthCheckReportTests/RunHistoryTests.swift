import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

/// `report history`: nights ordered by start time, strips per target × probe (and case), flakiness,
/// server upgrades, on constructed runs.
@Suite struct RunHistoryTests {
    static let day = 86_400.0

    static func outcome(_ probe: String, _ name: String, _ status: OutcomeStatus, cause: String? = nil) -> Outcome {
        Outcome(probe: probe, name: name, status: status, message: status.rawValue, cause: cause)
    }

    static func suite(_ target: String, _ version: String, _ outcomes: [Outcome]) -> SuiteRecord {
        SuiteRecord(
            target: target, url: "https://\(target).example", hostname: "\(target).example", serverVersion: version,
            startedAt: Samples.start, outcomes: outcomes)
    }

    static func night(_ index: Int, _ suites: [SuiteRecord]) -> RunRecord {
        let start = Samples.start.addingTimeInterval(Double(index) * day)
        return RunRecord(toolVersion: "t", startedAt: start, finishedAt: start.addingTimeInterval(60), suites: suites)
    }

    /// Four nights: alpha upgraded 2.41.0 → 2.48.1 on the third (matrix.stale's name with the version
    /// in the first two, as older records have it), beta from the second night on.
    static let nights: [RunRecord] = [
        night(
            0,
            [
                suite(
                    "alpha", "2.41.0",
                    [
                        outcome("matrix.stale", "profile covers server 2.41.0", .pass), outcome("login.password", "username form", .pass),
                        outcome("login.password", "email form", .pass), outcome("session.csrf", "origin", .fail, cause: "a-cause"),
                    ])
            ]),
        night(
            1,
            [
                suite(
                    "alpha", "2.41.0",
                    [
                        outcome("matrix.stale", "profile covers server 2.41.0", .pass), outcome("login.password", "username form", .pass),
                        outcome("login.password", "email form", .fail), outcome("session.csrf", "origin", .fail, cause: "a-cause"),
                    ]),
                suite("beta", "2.24.0", [outcome("anonymous.denied", "users/self", .pass)]),
            ]),
        night(
            2,
            [
                suite(
                    "alpha", "2.48.1",
                    [
                        outcome("matrix.stale", "profile covers the server", .pass), outcome("login.password", "username form", .pass),
                        outcome("login.password", "email form", .pass), outcome("session.csrf", "origin", .fail, cause: "b-cause"),
                    ]),
                suite("beta", "2.24.0", [outcome("anonymous.denied", "users/self", .pass)]),
            ]),
        night(
            3,
            [
                suite(
                    "alpha", "2.48.1",
                    [
                        outcome("matrix.stale", "profile covers the server", .pass), outcome("login.password", "username form", .skipped),
                        outcome("login.password", "email form", .pass), outcome("session.csrf", "origin", .pass),
                    ]),
                suite("beta", "2.24.0", [outcome("anonymous.denied", "users/self", .error)]),
            ]),
    ]

    /// The nights given out of order, as a shell glob or a user might.
    static func history(last: Int = 14) -> RunHistory {
        RunHistory(runs: [2, 0, 3, 1].map { (nights[$0], "night-\($0 + 1).json") }, last: last)
    }

    @Test("nights are ordered by start time, not by argument order, with their totals and upgrades")
    func nightsInOrder() throws {
        let history = Self.history()
        #expect(history.nights.map(\.file) == ["night-1.json", "night-2.json", "night-3.json", "night-4.json"])
        #expect(history.nights.map(\.number) == [1, 2, 3, 4])
        #expect(history.nights.map { $0.counts[.pass, default: 0] } == [3, 3, 4, 3])
        #expect(history.nights.map { $0.counts[.fail, default: 0] } == [1, 2, 1, 0])
        #expect(history.nights.map { $0.counts[.error, default: 0] } == [0, 0, 0, 1])
        #expect(history.nights.map { $0.counts[.skipped, default: 0] } == [0, 0, 0, 1])
        #expect(history.nights.map(\.versionChanges.count) == [0, 0, 1, 0])
        #expect(history.nights[2].versionChanges == [RunHistory.VersionChange(suite: "alpha", from: "2.41.0", to: "2.48.1")])
        #expect(history.suites.map(\.label) == ["alpha", "beta"])
        let alpha = history.suites[0]
        #expect(alpha.versions == ["2.41.0", "2.41.0", "2.48.1", "2.48.1"])
        #expect(alpha.upgradeNights == [2])
        // Beta's first night is not an upgrade.
        #expect(history.suites[1].upgradeNights.isEmpty)
        #expect(history.suites[1].versions == [nil, "2.24.0", "2.24.0", "2.24.0"])
    }

    @Test("one strip per probe, case strips where cases moved differently, flakiness = status changes")
    func strips() throws {
        let alpha = Self.history().suites[0]
        #expect(alpha.probes.map(\.probe) == ["matrix.stale", "login.password", "session.csrf"])
        // The strip continues across the upgrade although older records named the case with the version.
        let stale = alpha.probes[0]
        #expect(stale.name == "profile covers the server")
        #expect(stale.cells.map(\.status) == [.pass, .pass, .pass, .pass])
        #expect(stale.flakiness == 0)
        let login = alpha.probes[1]
        #expect(login.name == nil && login.caseCount == 2)
        #expect(login.cells.map(\.status) == [.pass, .fail, .pass, .pass])
        #expect(login.flakiness == 2)
        #expect(login.cases.map { $0.name ?? "" } == ["username form", "email form"])
        #expect(login.cases.map(\.flakiness) == [1, 2])
        #expect(login.cases[0].cells.map(\.status) == [.pass, .pass, .pass, .skipped])
        let csrf = alpha.probes[2]
        #expect(csrf.cells.map(\.status) == [.fail, .fail, .fail, .pass])
        #expect(csrf.cells.map(\.cause) == ["a-cause", "a-cause", "b-cause", nil])
        #expect(csrf.flakiness == 1)
        let beta = Self.history().suites[1].probes[0]
        #expect(beta.cells.map(\.status) == [nil, .pass, .pass, .error])
        #expect(beta.flakiness == 1)
    }

    @Test("--last N keeps the newest N nights, numbered from 1, and a probe whose cases moved together shows no case strips")
    func lastNights() {
        let history = Self.history(last: 2)
        #expect(history.nights.map(\.file) == ["night-3.json", "night-4.json"])
        #expect(history.nights.map(\.number) == [1, 2])
        #expect(history.suites[0].upgradeNights.isEmpty)
        let login = history.suites[0].probes[1]
        #expect(login.cells.map(\.status) == [.pass, .pass])
        // username form moved (pass → skipped), email form did not: only the one that moved is shown.
        #expect(login.cases.map { $0.name ?? "" } == ["username form"])
    }

    @Test("Markdown: the totals table and one table per target, every row as wide as its header")
    func markdown() throws {
        let text = HistoryMarkdown.render(Self.history(), given: 4)
        #expect(text.hasPrefix("## cvat-authcheck history\n"))
        let tables = text.components(separatedBy: "\n\n").filter { $0.hasPrefix("|") }
        #expect(tables.count == 3)
        for table in tables {
            let rows = table.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).count }
            #expect(Set(rows).count == 1, "\(table)")
            #expect(table.split(separator: "\n")[1].allSatisfy { "|-:".contains($0) })
        }
        let totals = tables[0].split(separator: "\n")
        #expect(totals.count == 2 + 4)
        #expect(totals[4].hasSuffix("| 4 | 1 | 0 | 0 | ⬆️ alpha 2.41.0 → 2.48.1 |"))
        let alpha = tables[1].split(separator: "\n").map(String.init)
        #expect(alpha[0] == "| Probe | Case | 1 | 2 | 3 ⬆️ | 4 | Flakiness |")
        #expect(alpha.contains("| login.password | 2 cases | ✅ | ❌ | ✅ | ✅ | 2 |"))
        #expect(alpha.contains("| ↳ | email form | ✅ | ❌ | ✅ | ✅ | 2 |"))
        #expect(alpha.contains("| session.csrf | origin | ❌ | ❌ | ❌ | ✅ | 1 |"))
        #expect(text.contains("Server: 2.41.0 (nights 1–2) → ⬆️ 2.48.1 (nights 3–4)"))
        #expect(tables[2].contains("| anonymous.denied | users/self | · | ✅ | ✅ | ⚠️ | 1 |"))
    }

    @Test("HTML: one page with no script and no external reference; server-sent names are escaped")
    func html() throws {
        let hostile = "<script>alert(1)</script>&\"'"
        let runs = [
            Self.night(0, [Self.suite(hostile, "2.48.0", [Self.outcome("login.password", hostile, .fail, cause: hostile)])]),
            Self.night(1, [Self.suite(hostile, "<b>2.49</b>", [Self.outcome("login.password", hostile, .pass)])]),
        ]
        let page = HistoryHTML.render(RunHistory(runs: runs.map { ($0, "x<y>.json") }, last: 14), given: 2)
        #expect(!page.contains("<script"))
        #expect(!page.contains("<b>2.49"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"))
        for external in ["src=", "href=", "url(", "@import", "http://", "https://"] { #expect(!page.contains(external), "\(external)") }
        #expect(page.contains("<svg id=\"trend\""))
        #expect(page.contains("data-flakiness=\"1\""))
    }

    @Test("the loader reads JSON and gzip, leaves out a run given twice with a note, and classifies bad inputs")
    func loader() throws {
        let folder = try TestFiles.temporaryFolder()
        var files: [String] = []
        for (index, run) in Self.nights.enumerated() {
            files.append(try ReportFile.write(RunRecordJSON.encode(run), to: folder + "/night-\(index + 1).json", gzip: index == 0))
        }
        let copy = try ReportFile.write(RunRecordJSON.encode(Self.nights[1]), to: folder + "/copy.json", gzip: true)
        let loaded = try HistoryLoader.load(files: files + [copy], last: 14)
        #expect(loaded.runs == 4)
        #expect(loaded.history.nights.map(\.file) == files)
        #expect(loaded.notes == ["\(copy): the same run as \(files[1]) (started \(Timestamp.junit(Self.nights[1].startedAt))Z); left out"])
        #expect(throws: ReportError.noInput(path: folder + "/missing.json")) {
            try HistoryLoader.load(files: [files[0], folder + "/missing.json"], last: 14)
        }
        try Array("{\"schema\": \"cvat-authcheck/run-record@1\"}".utf8).write(to: folder + "/broken.json")
        let error = #expect(throws: ReportError.self) { try HistoryLoader.load(files: [folder + "/broken.json"], last: 14) }
        guard case .malformedRecord(let file, _)? = error else {
            Issue.record("expected a malformed record, got \(String(describing: error))")
            return
        }
        #expect(file == folder + "/broken.json")
    }
}

extension [UInt8] {
    fileprivate func write(to path: String) throws {
        try Data(self).write(to: URL(fileURLWithPath: path))
    }
}
