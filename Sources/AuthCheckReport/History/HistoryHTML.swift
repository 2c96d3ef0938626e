import AuthCheckCore

/// A ``RunHistory`` as one self-contained HTML page (`report history --html`): the totals trend (a
/// stacked bar per night, server upgrades marked) with its numbers, then per target × backend a
/// history strip per probe (and per case where the cases did not move together) with the flakiness.
/// Inline CSS only, no script, nothing fetched; every text from the records is escaped. The markup is
/// also well-formed XML, so the tests (and any XML tool) can read it.
public enum HistoryHTML {
    /// Renders `history`; `given` is the number of runs read, for the heading.
    public static func render(_ history: RunHistory, given: Int) -> String {
        let nights = history.nights
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>cvat-authcheck history</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>cvat-authcheck history</h1>

            """
        if let first = nights.first, let last = nights.last {
            html +=
                "<p id=\"summary\">\(nights.count) night(s), \(HistoryDate.minute(first.startedAt)) → \(HistoryDate.minute(last.startedAt)) UTC"
                + (given > nights.count ? " (the last \(nights.count) of \(given) runs)" : "")
                + ". Oldest night first; flakiness = status changes between nights; ⬆ the server version changed that night.</p>\n"
            html += "<h2>Totals per night</h2>\n" + HistoryTrendChart.render(nights) + totals(nights)
            for (index, suite) in history.suites.enumerated() { html += strips(suite, index: index, nights: nights) }
        } else {
            html += "<p id=\"summary\">No runs.</p>\n"
        }
        html +=
            "<p class=\"legend\"><span class=\"cell pass\">✓</span> pass · <span class=\"cell fail\">✗</span> fail · <span class=\"cell error\">⚠</span> error · <span class=\"cell skipped\">–</span> skipped · <span class=\"cell absent\">·</span> not in that run</p>\n"
        return html + "</body>\n</html>\n"
    }

    static func totals(_ nights: [RunHistory.Night]) -> String {
        var html =
            "<table id=\"totals\">\n<thead><tr><th>Night</th><th>Started (UTC)</th><th>pass</th><th>fail</th><th>error</th><th>skipped</th><th>Server upgrades</th><th>File</th></tr></thead>\n<tbody>\n"
        for night in nights {
            html += "<tr><td>\(night.number)</td><td>\(HistoryDate.minute(night.startedAt))\(night.interrupted ? " (interrupted)" : "")</td>"
            for status in [OutcomeStatus.pass, .fail, .error, .skipped] {
                html += "<td class=\"count \(status.rawValue)\">\(night.counts[status, default: 0])</td>"
            }
            let changes = night.versionChanges.map { "⬆ \(escape($0.suite)) \(escape($0.from)) → \(escape($0.to))" }.joined(separator: "<br/>")
            html += "<td>\(changes)</td><td class=\"file\">\(escape(night.file))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    static func strips(_ suite: RunHistory.SuiteHistory, index: Int, nights: [RunHistory.Night]) -> String {
        var html = "<h2>\(escape(suite.label))</h2>\n"
        html += "<p class=\"versions\">Server: \(versionLine(suite))</p>\n"
        html += "<table class=\"history\" id=\"history-\(index + 1)\" data-suite=\"\(escape(suite.label))\">\n<thead><tr><th>Probe</th><th>Case</th>"
        for (night, info) in nights.enumerated() {
            let upgraded = suite.upgradeNights.contains(night)
            let title = "\(HistoryDate.minute(info.startedAt)) UTC" + (upgraded ? ", server \(suite.versions[night] ?? "unknown")" : "")
            html += "<th class=\"night\(upgraded ? " upgrade" : "")\" title=\"\(escape(title))\">\(info.number)\(upgraded ? " ⬆" : "")</th>"
        }
        html += "<th>Flakiness</th></tr></thead>\n<tbody>\n"
        for probe in suite.probes {
            html += row(probe, first: escape(probe.probe), name: probe.name.map(escape) ?? "\(probe.caseCount) cases", kind: "probe", nights: nights)
            for item in probe.cases { html += row(item, first: "↳", name: escape(item.name ?? ""), kind: "case", nights: nights) }
        }
        return html + "</tbody></table>\n"
    }

    static func row(_ row: RunHistory.Row, first: String, name: String, kind: String, nights: [RunHistory.Night]) -> String {
        var html =
            "<tr class=\"\(kind)\(row.flakiness > 0 ? " flaky" : "")\" data-probe=\"\(escape(row.probe))\" data-flakiness=\"\(row.flakiness)\"><td>\(first)</td><td>\(name)</td>"
        for (night, cell) in row.cells.enumerated() {
            var title =
                "night \(nights[night].number), \(HistoryDate.minute(nights[night].startedAt)) UTC: \(cell.status?.rawValue ?? "not in that run")"
            if let cause = cell.cause, cell.status != nil { title += " (\(cause))" }
            if let version = cell.serverVersion { title += ", server \(version)" }
            html += "<td class=\"cell \(cell.status?.rawValue ?? "absent")\" title=\"\(escape(title))\">\(symbol(cell.status))</td>"
        }
        return html + "<td class=\"flakiness\">\(row.flakiness)</td></tr>\n"
    }

    /// `2.41.0 (nights 1–2) → ⬆ 2.48.1 (nights 3–5)`.
    static func versionLine(_ suite: RunHistory.SuiteHistory) -> String {
        let runs = suite.versionRuns
        guard !runs.isEmpty else { return "unknown" }
        return runs.enumerated().map { index, run in
            (index == 0 ? "" : "⬆ ") + "\(escape(run.version)) (\(run.nights))"
        }.joined(separator: " → ")
    }

    static func symbol(_ status: OutcomeStatus?) -> String { HTMLReport.symbol(status) }

    static func escape(_ text: String) -> String { HTMLReport.escape(text) }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1b1f24}
        table{border-collapse:collapse;margin:.5rem 0 1rem}
        th,td{border:1px solid #d0d7de;padding:.2rem .45rem;text-align:left;vertical-align:top}
        thead th{background:#f6f8fa} th.upgrade{background:#ddf4ff}
        td.cell{text-align:center;min-width:1.4rem} td.flakiness,td.count{text-align:right}
        .cell.pass{background:#dafbe1} .cell.fail{background:#ffebe9} .cell.error{background:#fff8c5}
        .cell.skipped{background:#eaeef2} .cell.absent{color:#8c959f}
        tr.flaky td.flakiness{font-weight:bold;color:#9a6700} tr.case td{font-size:.9rem}
        td.file{color:#57606a;font-size:.85rem}
        svg.trend rect.pass{fill:#4ac26b} svg.trend rect.fail{fill:#e5534b} svg.trend rect.error{fill:#d4a72c}
        svg.trend rect.skipped{fill:#afb8c1} svg.trend line.axis{stroke:#57606a}
        svg.trend line.upgrade{stroke:#0969da;stroke-dasharray:4 3} svg.trend text{font-size:11px;fill:#57606a}
        svg.trend text.upgrade{fill:#0969da;font-size:13px}
        .legend,.versions{color:#57606a} .legend .cell{display:inline-block;padding:0 .3rem}
        """
}
