/// Sentences describing a diff entry, shared by every report format.
public enum DiffText {
    /// A one-line note for the case (`nil` for unchanged cases without an upgrade).
    public static func note(_ entry: RecordDiff.Entry) -> String? {
        var text: String
        switch entry.kind {
        case .newFailure:
            text = "Regression: new since the baseline run (was \(entry.oldStatus?.rawValue ?? "absent"))."
        case .fixed: text = "Fixed since the baseline run (was \(entry.oldStatus?.rawValue ?? "absent"))."
        case .stillFailing: text = "Still failing since the baseline run (was \(entry.oldStatus?.rawValue ?? "absent"))."
        case .removed: text = "Removed since the baseline run."
        case .unchanged:
            guard entry.changedAfterUpgrade else { return nil }
            text = "Changed since the baseline run (was \(entry.oldStatus?.rawValue ?? "absent"))."
        }
        if let upgrade = entry.upgrade, entry.changedAfterUpgrade {
            text += " Behaviour changed after a server upgrade (\(upgrade.from) → \(upgrade.to))."
        }
        return text
    }

    /// A label for a diff kind.
    public static func title(_ kind: RecordDiff.Kind) -> String {
        switch kind {
        case .newFailure: "New failures"
        case .fixed: "Fixed"
        case .stillFailing: "Still failing"
        case .unchanged: "Unchanged"
        case .removed: "Removed"
        }
    }
}
