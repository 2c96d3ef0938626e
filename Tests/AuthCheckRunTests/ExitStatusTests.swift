import AuthCheckCore
import AuthCheckReport
import AuthCheckRun
import Foundation
import Testing

@Suite struct ExitStatusTests {
    func record(_ statuses: [OutcomeStatus], version: String = "2.48.0") -> RunRecord {
        let start = Date(timeIntervalSince1970: 1_764_300_000)
        let outcomes = statuses.enumerated().map { Outcome(probe: "p\($0.offset).x", name: "c", status: $0.element, message: $0.element.rawValue) }
        return RunRecord(
            toolVersion: "t", startedAt: start, finishedAt: start,
            suites: [
                SuiteRecord(
                    target: "a", url: "https://a.example", hostname: "a.example", backend: .native, serverVersion: version,
                    startedAt: start, outcomes: outcomes)
            ])
    }

    static let cases: [([OutcomeStatus], Int32)] = [([.pass, .skipped], 0), ([.pass, .fail, .error], 1), ([.pass, .error], 2), ([], 0)]

    @Test("--fail-on any: 0 pass/skipped, 1 any fail, 2 errors and no fail (README, Exit status)", arguments: cases)
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
