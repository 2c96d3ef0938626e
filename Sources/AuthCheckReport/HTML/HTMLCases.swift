import AuthCheckCore

/// The HTML table of every case, last on the page: filters by target, probe and outcome (also from the
/// URL: `report.html?target=alpha&status=fail`), failures and errors expandable to the diagnosis and the
/// redacted transcript. The table scrolls inside its own box.
enum HTMLCases {
    static func section(_ record: RunRecord, diff: RecordDiff?) -> String {
        func options(_ id: String, _ label: String, _ values: [String]) -> String {
            var html = "<label>\(label) <select id=\"\(id)\"><option value=\"\">all</option>"
            for value in values { html += "<option value=\"\(HTMLReport.escape(value))\">\(HTMLReport.escape(value))</option>" }
            return html + "</select></label>\n"
        }
        var html = "<section id=\"all-cases\">\n<h2 id=\"cases\">Cases</h2>\n<div id=\"filters\">\n"
        html += options("filter-target", "Target", CauseGroup.unique(record.suites.map(\.target)))
        html += options("filter-probe", "Probe", CauseGroup.unique(record.outcomes.map(\.probe)).sorted())
        html += options("filter-status", "Outcome", OutcomeStatus.allCases.map(\.rawValue))
        html += "<span id=\"shown\"></span>\n</div>\n"
        html +=
            "<div class=\"scroll\" id=\"outcomes-box\"><table id=\"outcomes\">\n<thead><tr><th>Target</th><th>Backend</th><th>Probe</th><th>Case</th><th>Outcome</th><th>Details</th></tr></thead>\n<tbody>\n"
        for suite in record.suites {
            for outcome in suite.outcomes {
                let key = RecordDiff.CaseKey(target: suite.target, backend: suite.backend.description, probe: outcome.probe, name: outcome.name)
                let note = diff?.entry(for: key).flatMap(DiffText.note)
                html +=
                    "<tr class=\"case \(outcome.status.rawValue)\" data-target=\"\(HTMLReport.escape(suite.target))\" data-probe=\"\(HTMLReport.escape(outcome.probe))\" data-status=\"\(outcome.status.rawValue)\">"
                html +=
                    "<td>\(HTMLReport.target(suite.target))</td><td>\(HTMLReport.escape(suite.backend.description))</td><td class=\"probe\">\(HTMLReport.escape(outcome.probe))</td><td class=\"name\">\(HTMLReport.escape(outcome.name))</td>"
                // Advice passes, but says so: a shared probe account, a cookie setting that differs.
                html +=
                    "<td class=\"status\">\(HTMLReport.symbol(outcome.status)) \(outcome.isAdvice ? "pass, advice" : outcome.status.rawValue)</td><td class=\"details\">"
                let expandable = outcome.status != .pass || !outcome.evidence.isEmpty
                if expandable {
                    html +=
                        "<details\(outcome.status == .fail || outcome.status == .error ? " class=\"failure\"" : "")><summary>\(HTMLReport.escape(outcome.message))</summary>"
                    if let note { html += "<p class=\"diff\">\(HTMLReport.escape(note))</p>" }
                    html += "<pre class=\"diagnosis\">\(HTMLReport.escape(outcome.diagnosis))</pre>"
                    if !outcome.evidence.isEmpty {
                        html += "<pre class=\"transcript\">\(HTMLReport.escape(outcome.evidence.map(\.transcript).joined(separator: "\n\n")))</pre>"
                    }
                    html += "</details>"
                } else {
                    html += HTMLReport.escape(outcome.message)
                }
                html += "</td></tr>\n"
            }
        }
        return html + "</tbody></table></div>\n</section>\n"
    }
}
