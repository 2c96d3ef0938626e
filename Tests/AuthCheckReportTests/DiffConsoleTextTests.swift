import AuthCheckCore
import AuthCheckReport
import Testing

/// The diff section `run --baseline` prints after the table, and the full form of `report diff`.
@Suite struct DiffConsoleTextTests {
    static func run(_ outcomes: [Outcome], target: String = "staging") -> RunRecord {
        let suite = SuiteRecord(
            target: target, url: "https://s.example", hostname: "s.example", serverVersion: "2.48.0", startedAt: Samples.start,
            outcomes: outcomes)
        return RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: [suite])
    }

    static func outcome(_ name: String, _ status: OutcomeStatus, cause: String? = nil) -> Outcome {
        Outcome(probe: "login.password", name: name, status: status, message: "", cause: cause)
    }

    @Test("counts, then one line per change; at most 10 per kind, then '… and N more'")
    func capped() {
        let names = (1...13).map { "case \($0 < 10 ? "0" : "")\($0)" }
        let old = Self.run(names.map { Self.outcome($0, .pass) } + [Self.outcome("kept", .fail, cause: "a"), Self.outcome("gone", .pass)])
        let new = Self.run(names.map { Self.outcome($0, .fail) } + [Self.outcome("kept", .fail, cause: "a")])
        let text = DiffConsoleText.render(RecordDiff(baseline: old, current: new))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines[0] == "Changes since the baseline: 13 new failures · 0 failing for a different cause · 0 fixed · 1 coverage lost · 1 still failing")
        #expect(Array(lines[1...10]) == names.prefix(10).map { "  NEW     staging — login.password: \($0): pass → fail" })
        #expect(lines[11] == "  … and 3 more (new failures)")
        #expect(lines[12] == "  LOST    staging — login.password: gone: pass → absent")
        #expect(lines[13] == "")
        #expect(lines.count == 14)
    }

    @Test("report diff's form lists every case, still-failing and removed ones too, under the same counts line")
    func full() {
        let names = (1...13).map { "case \($0 < 10 ? "0" : "")\($0)" }
        let old = Self.run(names.map { Self.outcome($0, .pass) } + [Self.outcome("kept", .fail, cause: "a"), Self.outcome("off", .skipped)])
        let new = Self.run(names.map { Self.outcome($0, .fail) } + [Self.outcome("kept", .fail, cause: "a")])
        let diff = RecordDiff(baseline: old, current: new)
        let text = DiffConsoleText.render(diff, kinds: DiffConsoleText.allListedKinds, limit: nil)
        #expect(text.hasPrefix(DiffConsoleText.render(diff).split(separator: "\n")[0] + "\n"))
        #expect(text.components(separatedBy: "\n  NEW ").count == 14)
        #expect(text.contains("\n  STILL   staging — login.password: kept: fail a → fail a\n") == false)
        #expect(text.contains("\n  STILL   staging — login.password: kept: fail → fail\n"))
        #expect(text.contains("\n  REMOVED staging — login.password: off: skipped → absent\n"))
        #expect(!text.contains("more"))
    }

    @Test("a line break in a server-sent name cannot start a line of its own")
    func oneLinePerCase() {
        let old = Self.run([Self.outcome("x", .pass)], target: "evil\nNEW     forged")
        let new = Self.run([Self.outcome("x", .fail)], target: "evil\nNEW     forged")
        let text = DiffConsoleText.render(RecordDiff(baseline: old, current: new))
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.contains("  NEW     evil NEW     forged — login.password: x: pass → fail\n"))
    }
}
