import AuthCheckCore

/// The readable table of outcomes printed by `run` and `demo` (already-redacted record data only).
struct OutcomeTable {
    var record: RunRecord

    /// Every outcome (`verbose`), or only what needs attention: fails and errors, plus one count line
    /// per target for the rest. Column widths are capped so long messages do not blow up a terminal.
    func render(verbose: Bool = true, maxMessage: Int = 110) -> String {
        var rows: [[String]] = [["TARGET", "SERVER", "PROFILE", "PROBE", "CASE", "RESULT", "DETAIL"]]
        for suite in record.suites {
            let shown = verbose ? suite.outcomes : suite.outcomes.filter { $0.status == .fail || $0.status == .error || $0.isAdvice }
            if !verbose {
                let counts = suite.counts
                rows.append([
                    suite.label, suite.serverVersion ?? "?", suite.profile?.id ?? "-",
                    "(all)", "\(suite.outcomes.count) cases", counts[.fail] != nil ? "FAIL" : (counts[.error] != nil ? "ERROR" : "PASS"),
                    "\(counts[.pass, default: 0]) pass, \(counts[.fail, default: 0]) fail, \(counts[.error, default: 0]) error, \(counts[.skipped, default: 0]) skipped",
                ])
            }
            for outcome in shown {
                rows.append([
                    suite.label,
                    suite.serverVersion ?? "?", suite.profile?.id ?? "-", outcome.probe, clip(outcome.name, 38),
                    outcome.isAdvice ? "ADVICE" : symbol(outcome.status),
                    outcome.status == .pass && !outcome.isAdvice ? "" : clip(outcome.message, maxMessage),
                ])
            }
        }
        let widths = (0..<7).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { index, cell in index == 6 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        lines.append("")
        lines.append(summaryLine)
        return lines.joined(separator: "\n")
    }

    /// `Summary: 41 pass, 3 fail, 0 error, 5 skipped (2 targets)`.
    var summaryLine: String {
        let counts = record.counts
        let targets = Set(record.suites.map(\.target)).count
        let backends = Set(record.suites.map(\.backend)).count
        let advice = record.outcomes.filter(\.isAdvice).count
        var text =
            "Summary: \(counts[.pass, default: 0]) pass\(advice > 0 ? " (\(advice) with advice)" : ""), \(counts[.fail, default: 0]) fail, "
            + "\(counts[.error, default: 0]) error, \(counts[.skipped, default: 0]) skipped (\(targets) target" + (targets == 1 ? "" : "s")
            + (backends > 1 ? " × \(backends) backends)" : ")")
        if record.interrupted { text += " — interrupted" }
        return text
    }

    private func symbol(_ status: OutcomeStatus) -> String {
        switch status {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .error: "ERROR"
        case .skipped: "SKIP"
        }
    }

    private func clip(_ text: String, _ limit: Int) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: " ")
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit - 1)) + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
