import AuthCheckCore

/// One self-contained HTML page: totals, the compatibility matrix, changes since the baseline, and every
/// case in a table filterable by target, probe and outcome, failures expandable to diagnosis and
/// transcript. Inline CSS and JavaScript only; the page fetches nothing.
public enum HTMLReport {
    /// Renders `record` (and the diff against a baseline, if any).
    public static func render(_ record: RunRecord, diff: RecordDiff? = nil) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>cvat-authcheck report</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>cvat-authcheck</h1>

            """
        let counts = record.counts
        html += "<p id=\"totals\">\(record.suites.count) suite(s) · \(record.outcomes.count) case(s) · "
        html += "\(symbol(.pass)) \(counts[.pass, default: 0]) passed · \(symbol(.fail)) \(counts[.fail, default: 0]) failed · "
        html +=
            "\(symbol(.error)) \(counts[.error, default: 0]) errors · \(symbol(.skipped)) \(counts[.skipped, default: 0]) skipped · tool \(escape(record.toolVersion))</p>\n"
        if record.interrupted { html += "<p class=\"warning\">⚠ The run was interrupted; unfinished probes are reported as errors.</p>\n" }
        html += matrix(CompatibilityMatrix(record: record), record: record)
        if let diff { html += changes(diff) }
        html += cases(record, diff: diff)
        html += "<script>\(script)</script>\n</body>\n</html>\n"
        return html
    }

    static func matrix(_ matrix: CompatibilityMatrix, record: RunRecord) -> String {
        var html = "<h2>\(matrix.isClientMatrix ? "Compatibility matrix: targets × client lines × auth modes" : "Results: targets × probes")</h2>\n"
        html += "<table id=\"matrix\" class=\"matrix\">\n<thead>"
        if matrix.isClientMatrix {
            // Two header rows: client lines spanning their auth modes.
            html += "<tr><th rowspan=\"2\">Target</th><th rowspan=\"2\">Server</th>"
            for client in matrix.clients {
                html += "<th colspan=\"\(matrix.columns.filter { $0.client == client }.count)\">\(escape(client))</th>"
            }
            html += "</tr>\n<tr>"
            for column in matrix.columns { html += "<th class=\"mode\">\(escape(column.mode ?? ""))</th>" }
        } else {
            html += "<tr><th>Target</th><th>Server</th>"
            for column in matrix.columns { html += "<th>\(escape(column.label))</th>" }
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in matrix.rows {
            let version = record.suites.first { $0.target == row }?.serverVersion ?? "unknown"
            html += "<tr><th scope=\"row\">\(escape(row))</th><td>\(escape(version))</td>"
            for column in matrix.columns {
                let cell = matrix.cell(row, column)
                let status = cell?.status
                let said =
                    cell?.verdict.map { "\($0.rawValue)\(cell?.selected == false ? " (not selected)" : "")" } ?? status?.rawValue ?? "not checked"
                html +=
                    "<td class=\"cell \(status?.rawValue ?? "none")\" title=\"\(escape(row)) · \(escape(column.label)): \(escape(said))\">\(matrix.isClientMatrix ? predictionSymbol(cell) : symbol(status))</td>"
            }
            html += "</tr>\n"
        }
        html +=
            matrix.isClientMatrix
            ? "</tbody></table>\n<p class=\"legend\">✓ works · ✓! works, logs a version warning · ✗ breaks · (✗) breaks, but not a client selected for the target (does not fail the run) · – not predicted or not applicable · ⚠ error · · not checked</p>\n"
            : "</tbody></table>\n<p class=\"legend\">✓ pass · ✗ fail · ⚠ error · – skipped · · not checked</p>\n"
        return html
    }

    /// Each case once, under its kind; a server upgrade is said once per suite, above the lists.
    static func changes(_ diff: RecordDiff) -> String {
        var html = "<h2>Changes since the baseline</h2>\n<ul id=\"changes\">\n"
        for (label, upgrade) in diff.upgrades.sorted(by: { $0.key < $1.key }) {
            html += "<li>Server upgraded: <b>\(escape(label))</b> \(escape(upgrade.from)) → \(escape(upgrade.to))</li>\n"
        }
        for kind in DiffConsoleText.changeKinds + [.stillFailing] {
            let entries = diff.entries(kind)
            html += "<li class=\"\(kind.rawValue)\">\(DiffText.title(kind)): \(entries.count)"
            if !entries.isEmpty {
                html += "<ul>" + entries.map { "<li>\(escape($0.key.label)): \(escape(DiffText.change($0)))</li>" }.joined() + "</ul>"
            }
            html += "</li>\n"
        }
        return html + "</ul>\n"
    }

    static func cases(_ record: RunRecord, diff: RecordDiff?) -> String {
        func options(_ id: String, _ label: String, _ values: [String]) -> String {
            var html = "<label>\(label) <select id=\"\(id)\"><option value=\"\">all</option>"
            for value in values { html += "<option value=\"\(escape(value))\">\(escape(value))</option>" }
            return html + "</select></label>\n"
        }
        func unique(_ values: [String]) -> [String] {
            var seen: Set<String> = []
            return values.filter { seen.insert($0).inserted }
        }
        var html = "<h2>Cases</h2>\n<div id=\"filters\">\n"
        html += options("filter-target", "Target", unique(record.suites.map(\.target)))
        html += options("filter-probe", "Probe", unique(record.outcomes.map(\.probe)).sorted())
        html += options("filter-status", "Outcome", OutcomeStatus.allCases.map(\.rawValue))
        html += "<span id=\"shown\"></span>\n</div>\n"
        html +=
            "<table id=\"outcomes\">\n<thead><tr><th>Target</th><th>Backend</th><th>Probe</th><th>Case</th><th>Outcome</th><th>Details</th></tr></thead>\n<tbody>\n"
        for suite in record.suites {
            for outcome in suite.outcomes {
                let key = RecordDiff.CaseKey(target: suite.target, backend: suite.backend.description, probe: outcome.probe, name: outcome.name)
                let note = diff?.entry(for: key).flatMap(DiffText.note)
                html +=
                    "<tr class=\"case \(outcome.status.rawValue)\" data-target=\"\(escape(suite.target))\" data-probe=\"\(escape(outcome.probe))\" data-status=\"\(outcome.status.rawValue)\">"
                html +=
                    "<td>\(escape(suite.target))</td><td>\(escape(suite.backend.description))</td><td>\(escape(outcome.probe))</td><td>\(escape(outcome.name))</td>"
                // Advice passes, but says so: a shared probe account, a cookie setting that differs.
                html += "<td class=\"status\">\(symbol(outcome.status)) \(outcome.isAdvice ? "pass, advice" : outcome.status.rawValue)</td><td>"
                let expandable = outcome.status != .pass || !outcome.evidence.isEmpty
                if expandable {
                    html +=
                        "<details\(outcome.status == .fail || outcome.status == .error ? " class=\"failure\"" : "")><summary>\(escape(outcome.message))</summary>"
                    if let note { html += "<p class=\"diff\">\(escape(note))</p>" }
                    html += "<pre class=\"diagnosis\">\(escape(outcome.diagnosis))</pre>"
                    if !outcome.evidence.isEmpty {
                        html += "<pre class=\"transcript\">\(escape(outcome.evidence.map(\.transcript).joined(separator: "\n\n")))</pre>"
                    }
                    html += "</details>"
                } else {
                    html += escape(outcome.message)
                }
                html += "</td></tr>\n"
            }
        }
        return html + "</tbody></table>\n"
    }

    /// Symbols every font has (✓ ✗ ⚠ –): a CI artefact viewer or a headless browser may lack emoji
    /// fonts, and the cells are coloured as well.
    static func symbol(_ status: OutcomeStatus?) -> String {
        switch status {
        case .pass: "✓"
        case .fail: "✗"
        case .error: "⚠"
        case .skipped: "–"
        case nil: "·"
        }
    }

    /// The matrix symbol of a predicted cell (works, warns, breaks, breaks but not selected).
    static func predictionSymbol(_ cell: CompatibilityMatrix.Cell?) -> String {
        guard let cell else { return "·" }
        switch cell.verdict {
        case .works?: return "✓"
        case .warns?: return "✓!"
        case .breaks?: return cell.selected ? "✗" : "(✗)"
        case .unknown?: return "–"
        case nil: return symbol(cell.status)
        }
    }

    /// Escapes text for HTML element content and quoted attribute values; forbidden control
    /// characters become visible `\uXXXX`.
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in XMLText.sanitise(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1b1f24}
        table{border-collapse:collapse;margin:.5rem 0 1rem}
        th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
        thead th{background:#f6f8fa} th.mode{font-weight:normal;font-size:.85rem}
        table.matrix td.cell{text-align:center;font-size:1.1rem}
        td.pass,tr.pass td.status{background:#dafbe1} td.fail,tr.fail td.status{background:#ffebe9}
        td.error,tr.error td.status{background:#fff8c5} td.skipped,tr.skipped td.status{background:#f6f8fa}
        pre{white-space:pre-wrap;word-break:break-all;max-width:70rem;background:#f6f8fa;padding:.5rem;margin:.25rem 0}
        #filters{display:flex;gap:1rem;align-items:center;margin:.5rem 0}
        .warning{background:#fff8c5;padding:.5rem} .legend{color:#57606a}
        """

    static let script = """
        (function(){
          var ids=["filter-target","filter-probe","filter-status"];
          var keys=["target","probe","status"];
          var rows=Array.prototype.slice.call(document.querySelectorAll("#outcomes tr.case"));
          function apply(){
            var wanted=ids.map(function(id){return document.getElementById(id).value;});
            var shown=0;
            rows.forEach(function(row){
              var ok=keys.every(function(key,i){return !wanted[i]||row.dataset[key]===wanted[i];});
              row.style.display=ok?"":"none"; if(ok){shown++;}
            });
            document.getElementById("shown").textContent="showing "+shown+" of "+rows.length+" cases";
          }
          ids.forEach(function(id){document.getElementById(id).addEventListener("change",apply);});
          var params=new URLSearchParams(location.search);
          ids.forEach(function(id,i){var v=params.get(keys[i]);if(v!==null){document.getElementById(id).value=v;}});
          apply();
          document.body.setAttribute("data-ready","1");
        })();
        """
}
