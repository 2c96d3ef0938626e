import AuthCheckCore
import AuthCheckReport

/// Which outcomes make the process fail (`--fail-on`).
public enum FailPolicy: String, CaseIterable, Sendable {
    /// Any `fail` exits 1, any `error` (without `fail`) exits 2. The default.
    case any
    /// Only regressions against the baseline count (new failures); without a baseline, every failure is new.
    case new
    /// Always exit 0 (the reports still show everything).
    case none
}

/// The process exit status of a run (README, "Exit status"): 0 pass/skipped, 1 at least one fail, 2 errors but no fail.
public enum ExitStatus {
    /// The exit code for `record` under `policy`; `diff` is the comparison with the baseline, if any.
    public static func code(for record: RunRecord, policy: FailPolicy = .any, diff: RecordDiff? = nil) -> Int32 {
        let statuses: [OutcomeStatus]
        switch policy {
        case .none: return 0
        case .any: statuses = record.outcomes.map(\.status)
        case .new:
            guard let diff else { return code(for: record, policy: .any) }
            statuses = diff.newFailures.compactMap(\.newStatus)
        }
        if statuses.contains(.fail) { return 1 }
        if statuses.contains(.error) { return 2 }
        return 0
    }
}
