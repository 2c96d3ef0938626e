import AuthCheckCore

/// The HTML compatibility matrix, transposed so it fits a laptop screen: one row per client line and
/// auth mode (or per probe in the targets × probes fallback), one column per target. There are far more
/// client lines than a summary has targets, and rows cost height, not width. The table sits in its own
/// scrolling box, so on a phone (or with many targets) it scrolls there and the page does not.
enum HTMLMatrix {
    static func section(_ matrix: CompatibilityMatrix, record: RunRecord) -> String {
        let title = matrix.isClientMatrix ? "Compatibility: client lines × targets" : "Results: probes × targets"
        var html = "<section id=\"compat\">\n<h2>\(title)</h2>\n"
        guard !matrix.rows.isEmpty, !matrix.columns.isEmpty else { return html + "<p>No cases were run.</p>\n</section>\n" }
        html += "<div class=\"scroll\" id=\"matrix-box\"><table id=\"matrix\" class=\"matrix\">\n<thead><tr>"
        html += matrix.isClientMatrix ? "<th scope=\"col\">Client line</th><th scope=\"col\">Auth mode</th>" : "<th scope=\"col\">Probe</th>"
        for target in matrix.rows {
            let version = record.suites.first { $0.target == target }?.serverVersion ?? "unknown"
            html +=
                "<th scope=\"col\" class=\"target-col\">\(HTMLReport.target(target))<br><span class=\"version\">\(HTMLReport.escape(version))</span></th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        let modes = matrix.modes
        for client in matrix.clients {
            let columns = matrix.columns.filter { $0.client == client }
                .sorted { (modes.firstIndex(of: $0.mode ?? "") ?? 0) < (modes.firstIndex(of: $1.mode ?? "") ?? 0) }
            for (index, column) in columns.enumerated() {
                html += "<tr>"
                if matrix.isClientMatrix {
                    if index == 0 { html += "<th scope=\"rowgroup\" rowspan=\"\(columns.count)\" class=\"line\">\(HTMLReport.escape(client))</th>" }
                    html += "<th scope=\"row\" class=\"mode\">\(HTMLReport.escape(column.mode ?? ""))</th>"
                } else {
                    html += "<th scope=\"row\" class=\"probe\">\(HTMLReport.escape(client))</th>"
                }
                for target in matrix.rows { html += cell(matrix, target, column) }
                html += "</tr>\n"
            }
        }
        html += "</tbody></table></div>\n"
        html +=
            matrix.isClientMatrix
            ? "<p class=\"legend\">✓ works · ✓! works, logs a version warning · ✗ breaks · (✗) breaks, but not a client selected for the target (does not fail the run) · – not predicted or not applicable · ⚠ error · · not checked</p>\n"
            : "<p class=\"legend\">✓ pass · ✗ fail · ⚠ error · – skipped · · not checked</p>\n"
        return html + "</section>\n"
    }

    static func cell(_ matrix: CompatibilityMatrix, _ target: String, _ column: CompatibilityMatrix.Column) -> String {
        let cell = matrix.cell(target, column)
        let status = cell?.status
        let said = cell?.verdict.map { "\($0.rawValue)\(cell?.selected == false ? " (not selected)" : "")" } ?? status?.rawValue ?? "not checked"
        let symbol = matrix.isClientMatrix ? HTMLReport.predictionSymbol(cell) : HTMLReport.symbol(status)
        return
            "<td class=\"cell \(status?.rawValue ?? "none")\" title=\"\(HTMLReport.escape(target)) · \(HTMLReport.escape(column.label)): \(HTMLReport.escape(said))\">\(symbol)</td>"
    }
}
