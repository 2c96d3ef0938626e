import AuthCheckCore
import Foundation

/// A ``RunHistory`` as Markdown (`report history --markdown`): the totals per night with the server
/// upgrades, then per target × backend a table with one column per night, one row per probe (and per
/// case where a probe's cases did not move together) and the flakiness.
public enum HistoryMarkdown {
    /// Renders `history`; `given` is the number of runs read, for the heading.
    public static func render(_ history: RunHistory, given: Int) -> String {
        let nights = history.nights
        var lines = ["## cvat-authcheck history", ""]
        guard let first = nights.first, let last = nights.last else { return (lines + ["No runs.", ""]).joined(separator: "\n") }
        lines.append(
            "\(nights.count) night(s), \(HistoryDate.minute(first.startedAt)) → \(HistoryDate.minute(last.startedAt)) UTC"
                + (given > nights.count ? " (the last \(nights.count) of \(given) runs)" : "")
                + ". Oldest night first; flakiness = status changes between nights; ⬆️ the server version changed that night.")
        lines.append("")
        lines += totals(nights)
        for suite in history.suites { lines += strips(suite, nights: nights) }
        lines.append("✅ pass · ❌ fail · ⚠️ error · ➖ skipped · · not in that run")
        return lines.joined(separator: "\n") + "\n"
    }

    static func totals(_ nights: [RunHistory.Night]) -> [String] {
        var lines = ["### Totals per night", "", "| Night | Started (UTC) | ✅ pass | ❌ fail | ⚠️ error | ➖ skipped | Server upgrades |"]
        lines.append("|---:|---|---:|---:|---:|---:|---|")
        for night in nights {
            let changes = night.versionChanges.map { "⬆️ \(cell($0.suite)) \(cell($0.from)) → \(cell($0.to))" }.joined(separator: "<br>")
            let counts = [OutcomeStatus.pass, .fail, .error, .skipped].map { String(night.counts[$0, default: 0]) }
            lines.append(
                "| \(night.number) | \(HistoryDate.minute(night.startedAt))\(night.interrupted ? " (interrupted)" : "") | "
                    + counts.joined(separator: " | ") + " | \(changes) |")
        }
        return lines + [""]
    }

    static func strips(_ suite: RunHistory.SuiteHistory, nights: [RunHistory.Night]) -> [String] {
        var lines = ["### \(cell(suite.label))", ""]
        lines.append("Server: " + versionRuns(suite).joined(separator: " → "))
        lines.append("")
        let headers = nights.indices.map { suite.upgradeNights.contains($0) ? "\(nights[$0].number) ⬆️" : "\(nights[$0].number)" }
        lines.append("| Probe | Case | " + headers.joined(separator: " | ") + " | Flakiness |")
        lines.append("|---|---|" + String(repeating: ":---:|", count: nights.count) + "---:|")
        for probe in suite.probes {
            lines.append(row(probe, first: cell(probe.probe), name: probe.name.map(cell) ?? "\(probe.caseCount) cases"))
            for item in probe.cases { lines.append(row(item, first: "↳", name: cell(item.name ?? ""))) }
        }
        return lines + [""]
    }

    static func row(_ row: RunHistory.Row, first: String, name: String) -> String {
        "| \(first) | \(name) | " + row.cells.map { StatusSymbol.of($0.status) }.joined(separator: " | ") + " | \(row.flakiness) |"
    }

    /// `2.41.0 (nights 1–2)`, `⬆️ 2.48.1 (nights 3–5)`: the versions in the order they were seen.
    static func versionRuns(_ suite: RunHistory.SuiteHistory) -> [String] {
        let runs = suite.versionRuns
        guard !runs.isEmpty else { return ["unknown"] }
        return runs.enumerated().map { index, run in (index == 0 ? "" : "⬆️ ") + "\(cell(run.version)) (\(run.nights))" }
    }

    static func cell(_ text: String) -> String { MarkdownReport.cell(text) }
}

/// Dates as the history shows them.
enum HistoryDate {
    /// `2025-11-28 03:20`, UTC.
    static func minute(_ date: Date) -> String {
        let stamp = Timestamp.junit(date)
        return String(stamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
