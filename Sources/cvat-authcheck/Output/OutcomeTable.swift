import AuthCheckCore

/// The tables of `run` and `demo` (already-redacted record data only): one row per target and
/// backend with its counts, or, verbose, every outcome of each target under its heading. On a
/// terminal they fit its width (cells wrap, nothing is cut); written to a file or a pipe every row
/// is one whole line.
struct OutcomeTable {
    var record: RunRecord

    /// One row per suite: target, server version, profile, result and counts.
    func suiteLines(width: Int?, style: ConsoleStyle) -> [String] {
        var table = TextTable(columns: [
            .init(title: "TARGET", flexible: true), .init(title: "CVAT"), .init(title: "PROFILE"), .init(title: "RESULT"),
            .init(title: "PASS", alignRight: true), .init(title: "FAIL", alignRight: true), .init(title: "ERROR", alignRight: true),
            .init(title: "SKIPPED", alignRight: true),
        ])
        for suite in record.suites {
            let counts = suite.counts
            let result = Self.result(of: suite)
            table.rows.append([
                .init(suite.label), .init(suite.serverVersion ?? "?"), .init(suite.profile?.id ?? "-"), .init(result.text, result.role),
                .init("\(counts[.pass, default: 0])"), .init("\(counts[.fail, default: 0])", counts[.fail] == nil ? nil : .fail),
                .init("\(counts[.error, default: 0])", counts[.error] == nil ? nil : .error), .init("\(counts[.skipped, default: 0])"),
            ])
        }
        return table.render(width: width, style: style)
    }

    /// Every outcome, target by target: a heading line, then result, probe, case and detail (the
    /// message of everything but a plain pass).
    func outcomeLines(width: Int?, style: ConsoleStyle) -> [String] {
        var lines: [String] = []
        for suite in record.suites {
            if !lines.isEmpty { lines.append("") }
            let result = Self.result(of: suite)
            let heading =
                "\(style.paint(suite.label, .heading)) — CVAT \(suite.serverVersion ?? "?"), profile \(suite.profile?.id ?? "-"): "
                + style.paint(result.text, result.role)
            lines += VisibleText.wrap(heading, width: width, hangingIndent: 2)
            var table = TextTable(columns: [
                .init(title: "RESULT"), .init(title: "PROBE"), .init(title: "CASE", flexible: true, minimum: 20),
                .init(title: "DETAIL", flexible: true, weight: 2, minimum: 20),
            ])
            for outcome in suite.outcomes {
                let label = Self.label(outcome)
                table.rows.append([
                    .init(label.text, label.role), .init(outcome.probe), .init(outcome.name),
                    .init(outcome.status == .pass && !outcome.isAdvice ? "" : outcome.message),
                ])
            }
            lines += table.render(width: width.map { $0 - 2 }, style: style).map { "  " + $0 }
        }
        return lines
    }

    /// `Summary: 41 pass, 3 fail, 0 error, 5 skipped (2 targets)`.
    var summaryLine: String { summary(style: .plain) }

    /// The summary line, the counts that need attention painted.
    func summary(style: ConsoleStyle) -> String {
        let counts = record.counts
        let targets = Set(record.suites.map(\.target)).count
        let backends = Set(record.suites.map(\.backend)).count
        let advice = record.outcomes.filter(\.isAdvice).count
        let fails = counts[.fail, default: 0]
        let errors = counts[.error, default: 0]
        var text =
            "Summary: \(counts[.pass, default: 0]) pass\(advice > 0 ? " (\(advice) with advice)" : ""), "
            + (fails > 0 ? style.paint("\(fails) fail", .fail) : "0 fail") + ", "
            + (errors > 0 ? style.paint("\(errors) error", .error) : "0 error")
            + ", \(counts[.skipped, default: 0]) skipped (\(targets) target" + (targets == 1 ? "" : "s")
            + (backends > 1 ? " × \(backends) backends)" : ")")
        if record.interrupted { text += " — interrupted" }
        return text
    }

    /// A suite's verdict: FAIL when anything failed, else ERROR when anything erred, else PASS.
    static func result(of suite: SuiteRecord) -> (text: String, role: ConsoleStyle.Role) {
        let counts = suite.counts
        if counts[.fail] != nil { return ("FAIL", .fail) }
        if counts[.error] != nil { return ("ERROR", .error) }
        return ("PASS", .pass)
    }

    /// An outcome's result label: PASS, FAIL, ERROR, SKIP, or ADVICE for a pass with a cause.
    static func label(_ outcome: Outcome) -> (text: String, role: ConsoleStyle.Role) {
        if outcome.isAdvice { return ("ADVICE", .advice) }
        switch outcome.status {
        case .pass: return ("PASS", .pass)
        case .fail: return ("FAIL", .fail)
        case .error: return ("ERROR", .error)
        case .skipped: return ("SKIP", .skipped)
        }
    }
}
