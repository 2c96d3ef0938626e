import AuthCheckCore

/// One self-contained HTML page that leads with the fix: what broke, grouped by cause (the cause, the
/// remedy, then the targets, clients and probes it explains); the compatibility matrix with client lines
/// as rows and targets as columns, so it fits a laptop screen; changes since the baseline; advice; and
/// every case in a table filterable by target, probe and outcome, failures expandable to diagnosis and
/// transcript. Inline CSS and JavaScript only; the page fetches nothing. The body never scrolls
/// sideways: wide tables scroll inside their own box, and target names never wrap.
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
            <style>\(HTMLStyle.css)</style>
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
        let knownLines = CauseGroup.knownLines(in: record)
        html += HTMLCauses.fixes(CauseGroup.failures(in: record), record: record, knownLines: knownLines, diff: diff)
        html += HTMLMatrix.section(CompatibilityMatrix(record: record), record: record)
        if let diff { html += changes(diff) }
        html += HTMLCauses.advice(CauseGroup.advice(in: record), knownLines: knownLines)
        html += HTMLCases.section(record, diff: diff)
        html += "<script>\(HTMLStyle.script)</script>\n</body>\n</html>\n"
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

    /// A target's name as the user wrote it, in an element that never wraps.
    static func target(_ name: String) -> String { "<span class=\"target\">\(escape(name))</span>" }

    /// Escaped prose in which `code` spans (the catalogue writes directives that way) become `<code>`.
    static func prose(_ text: String) -> String {
        let parts = escape(text).split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escape(text) }
        var html = ""
        for (index, part) in parts.enumerated() {
            let isCode = index % 2 == 1 && index < parts.count - 1
            html += isCode ? "<code>\(part)</code>" : (index % 2 == 1 ? "`\(part)" : String(part))
        }
        return html
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
}
