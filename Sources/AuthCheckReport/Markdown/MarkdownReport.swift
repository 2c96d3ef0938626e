import AuthCheckCore

/// A Markdown summary sized for a CI job summary (GitHub `$GITHUB_STEP_SUMMARY`, GitLab MR notes):
/// totals, the compatibility matrix, changes since the baseline and the failures with their causes.
public enum MarkdownReport {
    /// Failures listed in full before the list is cut (GitHub caps a step summary at 1 MiB).
    public static let failureLimit = 200

    /// Renders `record` (and the diff against a baseline, if any) as Markdown.
    public static func render(_ record: RunRecord, diff: RecordDiff? = nil) -> String {
        var lines: [String] = []
        let counts = record.counts
        lines.append("## cvat-authcheck")
        lines.append("")
        lines.append(
            "\(record.suites.count) suite(s) · \(record.outcomes.count) case(s) · ✅ \(counts[.pass, default: 0]) passed · "
                + "❌ \(counts[.fail, default: 0]) failed · ⚠️ \(counts[.error, default: 0]) errors · ➖ \(counts[.skipped, default: 0]) skipped")
        if record.interrupted {
            lines.append("")
            lines.append("> ⚠️ The run was interrupted; unfinished probes are reported as errors.")
        }
        lines.append("")
        lines += matrix(CompatibilityMatrix(record: record), record: record)
        if let diff { lines += changes(diff) }
        lines += failures(record, diff: diff)
        lines += advice(record)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per target; one column per client line; in the client matrix each cell lists the
    /// auth modes in the order of the legend, so the table stays narrow enough for a job summary.
    static func matrix(_ matrix: CompatibilityMatrix, record: RunRecord) -> [String] {
        var lines = [matrix.isClientMatrix ? "### Compatibility matrix (targets × client lines × auth modes)" : "### Results (targets × probes)", ""]
        guard !matrix.rows.isEmpty, !matrix.columns.isEmpty else { return lines + ["No cases were run.", ""] }
        let versions = Dictionary(record.suites.map { ($0.target, $0.serverVersion ?? "unknown") }, uniquingKeysWith: { first, _ in first })
        let clients = matrix.clients
        let modes: [String?] = matrix.isClientMatrix ? matrix.modes : [nil]
        if matrix.isClientMatrix {
            lines += [
                "Each cell shows the auth modes in this order: " + modes.compactMap { $0.map { "**\(cell($0))**" } }.joined(separator: " · "), "",
            ]
        }
        lines.append("| Target | Server | " + clients.map(cell).joined(separator: " | ") + " |")
        lines.append("|---|---|" + String(repeating: ":---:|", count: clients.count))
        for row in matrix.rows {
            let cells = clients.map { client in
                modes.map { mode in
                    let column = CompatibilityMatrix.Column(client: client, mode: mode)
                    return matrix.isClientMatrix ? PredictionSymbol.of(matrix.cell(row, column)) : StatusSymbol.of(matrix.status(row, column))
                }.joined(separator: " ")
            }
            lines.append("| \(cell(row)) | \(cell(versions[row] ?? "unknown")) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(matrix.isClientMatrix ? PredictionSymbol.legend : "✅ pass · ❌ fail · ⚠️ error · ➖ skipped · · not checked")
        lines.append("")
        return lines
    }

    /// Each case once, under its kind; a server upgrade is said once per suite, above the lists.
    static func changes(_ diff: RecordDiff) -> [String] {
        var lines = ["### Changes since the baseline", ""]
        lines.append(
            "🆕 \(diff.newFailures.count) new failure(s) · 🔀 \(diff.causeChanged.count) failing for a different cause · "
                + "🔧 \(diff.fixed.count) fixed · 🕳️ \(diff.lostCoverage.count) coverage lost · 🔁 \(diff.stillFailing.count) still failing")
        lines.append("")
        for (label, upgrade) in diff.upgrades.sorted(by: { $0.key < $1.key }) {
            lines.append("- Server upgraded: **\(cell(label))** \(cell(upgrade.from)) → \(cell(upgrade.to))")
        }
        for kind in DiffConsoleText.changeKinds {
            let entries = diff.entries(kind)
            guard !entries.isEmpty else { continue }
            lines.append("")
            lines.append("**\(DiffText.title(kind))**")
            lines.append("")
            for entry in entries.prefix(failureLimit) {
                lines.append("- \(cell(entry.key.label)): \(cell(DiffText.change(entry)))")
            }
            if entries.count > failureLimit { lines.append("- … and \(entries.count - failureLimit) more") }
        }
        lines.append("")
        return lines
    }

    static func failures(_ record: RunRecord, diff: RecordDiff?) -> [String] {
        let failing = record.suites.flatMap { suite in suite.outcomes.filter { $0.status == .fail || $0.status == .error }.map { (suite, $0) } }
        guard !failing.isEmpty else { return ["### Failures", "", "None. 🎉", ""] }
        var lines = ["### Failures (\(failing.count))", ""]
        for (suite, outcome) in failing.prefix(failureLimit) {
            let key = RecordDiff.CaseKey(target: suite.target, backend: suite.backend.description, probe: outcome.probe, name: outcome.name)
            let isNew = diff?.entry(for: key)?.kind == .newFailure
            lines.append("- \(StatusSymbol.of(outcome.status)) **\(cell(key.label))**\(isNew ? " 🆕" : ""): \(cell(outcome.message))")
            if let causeText = outcome.causeText { lines.append("  - Likely cause: \(cell(causeText))\(outcome.cause.map { " (`\($0)`)" } ?? "")") }
            if let remedy = outcome.remedy { lines.append("  - Remedy: \(cell(remedy))") }
        }
        if failing.count > failureLimit { lines.append("- … and \(failing.count - failureLimit) more (see the JUnit or HTML report)") }
        lines.append("")
        return lines
    }

    /// Passing outcomes that still name a cause: nothing breaks, but something differs or could be better.
    static func advice(_ record: RunRecord) -> [String] {
        let advised = record.suites.flatMap { suite in suite.outcomes.filter(\.isAdvice).map { (suite, $0) } }
        guard !advised.isEmpty else { return [] }
        var lines = ["### Advice (\(advised.count), none fails the run)", ""]
        for (suite, outcome) in advised.prefix(failureLimit) {
            let key = RecordDiff.CaseKey(target: suite.target, backend: suite.backend.description, probe: outcome.probe, name: outcome.name)
            lines.append("- 💡 **\(cell(key.label))**: \(cell(outcome.message))")
            if let remedy = outcome.remedy { lines.append("  - Remedy: \(cell(remedy))") }
        }
        if advised.count > failureLimit { lines.append("- … and \(advised.count - failureLimit) more") }
        lines.append("")
        return lines
    }

    /// Text safe inside a table cell or list item: one line, pipes escaped, HTML neutralised.
    static func cell(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\r\n", "\t": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
