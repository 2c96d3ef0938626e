import AuthCheckCore

/// The Markdown of "what broke and how to fix it": per ``CauseGroup`` a heading with the cause, a short
/// list (fix, targets, clients, cases) and a collapsed table with one row per target.
enum MarkdownCauses {
    /// Targets named in a group's list before "and N more".
    static let targetLimit = 30
    /// Characters of one observation in a table cell.
    static let observedLimit = 240

    /// The section heading and one sentence on how many causes explain how many cases.
    static func intro(_ groups: [CauseGroup], record: RunRecord) -> [String] {
        guard !groups.isEmpty else { return ["### What broke and how to fix it", "", "Nothing broke: every case passed or was skipped. 🎉", ""] }
        let cases = groups.reduce(0) { $0 + $1.members.count }
        let targets = Set(groups.flatMap(\.targets)).count
        let allTargets = Set(record.suites.map(\.target)).count
        return [
            "### What broke and how to fix it", "",
            "\(groups.count) cause(s) explain \(cases) failing case(s) on \(targets) of \(allTargets) target(s).", "",
        ]
    }

    /// The heading and list of one group.
    static func head(_ group: CauseGroup, knownLines: [String], advice: Bool = false) -> [String] {
        let symbol = advice ? "💡" : StatusSymbol.of(group.status)
        var title = MarkdownReport.cell(group.title)
        if let cause = group.cause, group.causeText != nil { title += " (`\(MarkdownReport.cell(cause))`)" }
        var lines = ["#### \(symbol) \(group.isDiagnosed ? "" : "No diagnosed cause: ")\(title)"]
        let label = advice ? "Advice" : "Fix"
        for remedy in group.remedies {
            let scope =
                group.remedies.count > 1 ? " for \(remedy.targets.prefix(targetLimit).map(MarkdownReport.cell).joined(separator: ", "))" : ""
            lines.append("- **\(label)\(scope):** \(MarkdownReport.cell(remedy.text))")
        }
        if group.remedies.isEmpty, !group.isDiagnosed {
            lines.append("- **Fix:** not known; the transcripts are in the HTML and JUnit reports")
        }
        let targets = group.targets
        var named = targets.prefix(targetLimit).map(MarkdownReport.cell).joined(separator: ", ")
        if targets.count > targetLimit { named += " and \(targets.count - targetLimit) more" }
        lines.append("- **Targets (\(targets.count)):** \(named)")
        let clients = group.clients(knownLines: knownLines)
        if !clients.isEmpty {
            lines.append(
                "- **Clients:** "
                    + clients.map { "\(MarkdownReport.cell($0.mode)): \($0.lines.map(MarkdownReport.cell).joined(separator: ", "))" }
                    .joined(separator: "; "))
        }
        let counts = group.counts
        let statuses = [OutcomeStatus.fail, .error, .pass].compactMap { status in
            counts[status].map { "\($0) \(status == .fail ? "failed" : status == .error ? "error(s)" : "advice")" }
        }
        let probes = group.probes.map { "\(MarkdownReport.cell($0.probe)) (\($0.count))" }.joined(separator: ", ")
        lines.append("- **Cases (\(group.members.count)):** \(statuses.joined(separator: ", ")) — \(probes)")
        lines.append("")
        return lines
    }

    /// The collapsed table of a group's cases: one row per target (and backend), the cases by probe,
    /// and what was observed — for advice, what the outcome says (what was left out and why).
    static func table(_ group: CauseGroup, diff: RecordDiff?, advice: Bool = false) -> [String] {
        let labels = CauseGroup.unique(group.members.map(\.suiteLabel))
        var lines = [
            "<details><summary>The cases on \(labels.count) target(s)</summary>", "",
            "| Target | Cases | \(advice ? "Said" : "Observed") |", "|---|---|---|",
        ]
        for label in labels {
            let members = group.members.filter { $0.suiteLabel == label }
            let cases = CauseGroup.unique(members.map(\.outcome.probe)).map { probe in
                let names = members.filter { $0.outcome.probe == probe }.compactMap { member -> String? in
                    let key = RecordDiff.CaseKey(
                        target: member.target, backend: member.backend.description, probe: probe, name: member.outcome.name)
                    let isNew = diff?.entry(for: key)?.kind == .newFailure
                    let name = member.outcome.name
                    if name.isEmpty || name == probe { return isNew ? "🆕" : nil }
                    return MarkdownReport.cell(name) + (isNew ? " 🆕" : "")
                }
                return names.isEmpty ? MarkdownReport.cell(probe) : "\(MarkdownReport.cell(probe)): \(names.joined(separator: " · "))"
            }
            let observed = CauseGroup.unique(members.map { advice ? $0.outcome.message : $0.outcome.observed ?? $0.outcome.message })
            var seen = MarkdownReport.cell(observed.first ?? "", limit: observedLimit)
            if observed.count > 1 { seen += " (and \(observed.count - 1) other observation(s))" }
            lines.append("| \(MarkdownReport.cell(label)) | \(cases.joined(separator: "; ")) | \(seen) |")
        }
        lines += ["", "</details>", ""]
        return lines
    }
}
