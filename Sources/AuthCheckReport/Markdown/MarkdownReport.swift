import AuthCheckCore

/// A Markdown summary sized for a CI job summary (GitHub `$GITHUB_STEP_SUMMARY`, GitLab MR notes):
/// totals; what broke and how to fix it, grouped by cause (one cause and remedy, then the targets,
/// clients and probes it explains, the cases in a collapsed table); the compatibility matrix; changes
/// since the baseline; advice, grouped the same way. It stays within GitHub's step-summary limit by
/// leaving out whole tables, never part of one (``MarkdownDocument``).
public enum MarkdownReport {
    /// Entries listed in full in each list of the changes since the baseline before the list is cut.
    public static let failureLimit = 200

    /// GitHub's limit for one step's job summary: 1 MiB ("each step is restricted to a maximum size of
    /// 1MiB"; a larger upload fails with an error annotation and no summary is shown).
    public static let stepSummaryLimit = 1_048_576

    /// The size a summary keeps to by default: under ``stepSummaryLimit``, with room for a few lines the
    /// CI step may add to the same file.
    public static let defaultByteLimit = 1_000_000

    /// Renders `record` (and the diff against a baseline, if any) as Markdown of at most `byteLimit`
    /// UTF-8 bytes (as long as the title and totals fit); larger summaries lose their case tables first.
    public static func render(_ record: RunRecord, diff: RecordDiff? = nil, byteLimit: Int = defaultByteLimit) -> String {
        var document = MarkdownDocument()
        let counts = record.counts
        var head = ["## cvat-authcheck", ""]
        head.append(
            "\(record.suites.count) suite(s) · \(record.outcomes.count) case(s) · ✅ \(counts[.pass, default: 0]) passed · "
                + "❌ \(counts[.fail, default: 0]) failed · ⚠️ \(counts[.error, default: 0]) errors · ➖ \(counts[.skipped, default: 0]) skipped")
        if record.interrupted {
            head += ["", "> ⚠️ The run was interrupted; unfinished probes are reported as errors."]
        }
        head.append("")
        document.add(head)
        document.addNotes()

        let knownLines = CauseGroup.knownLines(in: record)
        let failures = CauseGroup.failures(in: record)
        document.add(MarkdownCauses.intro(failures, record: record))
        for group in failures {
            document.add(MarkdownCauses.head(group, knownLines: knownLines), drop: .cause)
            document.add(MarkdownCauses.table(group, diff: diff), drop: .caseTable)
        }

        document.add(matrix(CompatibilityMatrix(record: record), record: record), drop: .matrix)
        if let diff { document.add(changes(diff), drop: .changes) }

        let advice = CauseGroup.advice(in: record)
        if !advice.isEmpty {
            let count = advice.reduce(0) { $0 + $1.members.count }
            document.add(["### Advice (\(count), none fails the run)", ""], drop: .advice)
            for group in advice {
                document.add(MarkdownCauses.head(group, knownLines: knownLines, advice: true), drop: .advice)
                document.add(MarkdownCauses.table(group, diff: nil, advice: true), drop: .adviceTable)
            }
        }
        return document.render(byteLimit: byteLimit)
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

    /// Text safe inside a table cell or list item: one line, pipes and backslashes escaped, HTML neutralised.
    static func cell(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "\\": result += "\\\\"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\r\n", "\t": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// ``cell(_:)`` of `text` cut to at most `limit` characters (before escaping), with `…` where cut.
    static func cell(_ text: String, limit: Int) -> String {
        text.count > limit ? cell(String(text.prefix(limit - 1)) + "…") : cell(text)
    }
}
