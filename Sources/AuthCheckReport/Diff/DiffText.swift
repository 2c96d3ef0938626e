/// Sentences describing a diff entry, shared by every report format.
public enum DiffText {
    /// A one-line note for the case (`nil` for unchanged cases without an upgrade).
    public static func note(_ entry: RecordDiff.Entry) -> String? {
        let was = entry.oldStatus?.rawValue ?? "absent"
        var text: String
        switch entry.kind {
        case .newFailure: text = "Regression: new since the baseline run (was \(was))."
        case .fixed: text = "Fixed since the baseline run (was \(was))."
        case .causeChanged:
            text =
                "Still failing, but for a different cause since the baseline run (was \(cause(entry, old: true)), now \(cause(entry, old: false)))."
        case .stillFailing: text = "Still failing since the baseline run (was \(was))."
        case .lostCoverage: text = "Coverage lost since the baseline run (was \(was), now \(entry.newStatus?.rawValue ?? "absent"))."
        case .removed: text = "Removed since the baseline run."
        case .unchanged:
            guard entry.changedAfterUpgrade else { return nil }
            text = "Changed since the baseline run (was \(was))."
        }
        if let upgrade = entry.upgrade, entry.changedAfterUpgrade || entry.kind == .causeChanged {
            text += " Behaviour changed after a server upgrade (\(upgrade.from) → \(upgrade.to))."
        }
        return text
    }

    /// `fail set-cookie-stripped`, or just the status when the case named no cause id.
    public static func cause(_ entry: RecordDiff.Entry, old: Bool) -> String {
        let status = (old ? entry.oldStatus : entry.newStatus)?.rawValue ?? "absent"
        return (old ? entry.oldCause : entry.newCause).map { "\(status) \($0)" } ?? status
    }

    /// `pass → fail`, or `fail set-cookie-stripped → fail csrf-origin-refused` for a cause change:
    /// what one line of a diff says happened to the case.
    public static func change(_ entry: RecordDiff.Entry) -> String {
        if entry.kind == .causeChanged { return "\(cause(entry, old: true)) → \(cause(entry, old: false))" }
        return "\(entry.oldStatus?.rawValue ?? "absent") → \(entry.newStatus?.rawValue ?? "absent")"
    }

    /// A label for a diff kind.
    public static func title(_ kind: RecordDiff.Kind) -> String {
        switch kind {
        case .newFailure: "New failures"
        case .causeChanged: "Failing for a different cause"
        case .fixed: "Fixed"
        case .lostCoverage: "Coverage lost"
        case .stillFailing: "Still failing"
        case .unchanged: "Unchanged"
        case .removed: "Removed"
        }
    }
}
