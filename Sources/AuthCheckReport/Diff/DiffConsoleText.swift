/// The diff as plain text for a terminal: a counts line, the suites whose server was upgraded, then
/// one line per listed case, tagged by kind (`NEW`, `CAUSE`, `FIXED`, `LOST`, `STILL`, `REMOVED`).
///
/// `run --baseline` prints the short form (changes only, capped per kind); `report diff` the full one.
///
/// ```text
/// Changes since the baseline: 1 new failure · 1 failing for a different cause · 1 fixed · 1 coverage lost · 4 still failing
///   server upgraded: staging 2.41.0 → 2.48.0
///   NEW     staging — login.password: username form: pass → fail
///   CAUSE   staging — sdk.compat: cvat-sdk 2.41–2.47, password: fail set-cookie-stripped → fail csrf-origin-refused
///   … and 3 more (new failures)
/// ```
public enum DiffConsoleText {
    /// The cases listed per kind by `run --baseline` before "… and N more".
    public static let runLimit = 10

    /// The kinds `run --baseline` lists case by case (still-failing cases are in the table already).
    public static let changeKinds: [RecordDiff.Kind] = [.newFailure, .causeChanged, .fixed, .lostCoverage]

    /// Every kind `report diff` lists.
    public static let allListedKinds: [RecordDiff.Kind] = changeKinds + [.stillFailing, .removed]

    /// Renders `diff`, listing the cases of `kinds`, at most `limit` per kind (`nil`: all of them).
    /// Ends with a line feed.
    public static func render(_ diff: RecordDiff, kinds: [RecordDiff.Kind] = changeKinds, limit: Int? = runLimit) -> String {
        var lines = ["Changes since the baseline: " + counts(diff)]
        for (label, upgrade) in diff.upgrades.sorted(by: { $0.key < $1.key }) {
            lines.append("  server upgraded: \(oneLine(label)) \(oneLine(upgrade.from)) → \(oneLine(upgrade.to))")
        }
        for kind in kinds {
            let entries = diff.entries(kind)
            let shown = limit.map { Array(entries.prefix($0)) } ?? entries
            for entry in shown {
                let tag = self.tag(kind).padding(toLength: 8)
                lines.append("  \(tag)\(oneLine(entry.key.label)): \(oneLine(DiffText.change(entry)))")
            }
            if entries.count > shown.count {
                lines.append("  … and \(entries.count - shown.count) more (\(DiffText.title(kind).lowercased()))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1 new failure · 0 failing for a different cause · 2 fixed · 0 coverage lost · 3 still failing`
    /// (and `· N removed` when there are any).
    public static func counts(_ diff: RecordDiff) -> String {
        var parts = [RecordDiff.Kind.newFailure, .causeChanged, .fixed, .lostCoverage, .stillFailing].map { kind in
            let count = diff.entries(kind).count
            return "\(count) \(noun(kind, count: count))"
        }
        let removed = diff.removed.count
        if removed > 0 { parts.append("\(removed) removed") }
        return parts.joined(separator: " · ")
    }

    /// The line tag of a kind.
    public static func tag(_ kind: RecordDiff.Kind) -> String {
        switch kind {
        case .newFailure: "NEW"
        case .causeChanged: "CAUSE"
        case .fixed: "FIXED"
        case .lostCoverage: "LOST"
        case .stillFailing: "STILL"
        case .removed: "REMOVED"
        case .unchanged: "SAME"
        }
    }

    static func noun(_ kind: RecordDiff.Kind, count: Int) -> String {
        switch kind {
        case .newFailure: count == 1 ? "new failure" : "new failures"
        case .causeChanged: "failing for a different cause"
        case .fixed: "fixed"
        case .lostCoverage: "coverage lost"
        case .stillFailing: "still failing"
        case .removed: "removed"
        case .unchanged: "unchanged"
        }
    }

    /// Server-sent text on one line: line breaks and other control characters become spaces, so a
    /// name cannot forge a line of its own.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}
