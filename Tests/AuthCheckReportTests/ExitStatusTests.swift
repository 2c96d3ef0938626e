import AuthCheckCore
import AuthCheckReport
import Testing

@Suite struct ExitStatusTests {
    func record(_ statuses: [OutcomeStatus], version: String = "2.48.0") -> RunRecord {
        RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: [
            Samples.suite("a", version: version, statuses.enumerated().map { ("p\($0.offset).x", "c", $0.element) }),
        ])
    }

    static let cases: [([OutcomeStatus], Int32)] = [([.pass, .skipped], 0), ([.pass, .fail, .error], 1), ([.pass, .error], 2), ([], 0)]

    @Test("--fail-on any follows DESIGN §6", arguments: cases)
    func any(statuses: [OutcomeStatus], code: Int32) {
        #expect(ExitStatus.code(for: record(statuses)) == code)
        #expect(ExitStatus.code(for: record(statuses), policy: .none) == 0)
    }

    @Test("--fail-on new fails only for regressions")
    func new() {
        let baseline = record([.fail, .error, .pass])
        let same = record([.fail, .error, .pass])
        #expect(ExitStatus.code(for: same, policy: .new, diff: RecordDiff(baseline: baseline, current: same)) == 0)
        let regressed = record([.fail, .error, .fail])
        #expect(ExitStatus.code(for: regressed, policy: .new, diff: RecordDiff(baseline: baseline, current: regressed)) == 1)
        let newError = record([.pass, .pass, .error])
        #expect(ExitStatus.code(for: newError, policy: .new, diff: RecordDiff(baseline: baseline, current: newError)) == 2)
        #expect(ExitStatus.code(for: same, policy: .new, diff: nil) == 1)
    }
}
