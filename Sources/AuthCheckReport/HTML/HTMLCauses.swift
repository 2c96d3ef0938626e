import AuthCheckCore

/// The HTML of "what broke and how to fix it" and of the advice: one card per ``CauseGroup`` with the
/// cause, the remedy, the targets, clients and probes it explains, and its cases behind a `<details>`.
enum HTMLCauses {
    /// The first section of the page.
    static func fixes(_ groups: [CauseGroup], record: RunRecord, knownLines: [String], diff: RecordDiff?) -> String {
        var html = "<section id=\"fixes\">\n<h2>What broke and how to fix it</h2>\n"
        guard !groups.isEmpty else { return html + "<p class=\"lead ok\">Nothing broke: every case passed or was skipped.</p>\n</section>\n" }
        let cases = groups.reduce(0) { $0 + $1.members.count }
        let targets = Set(groups.flatMap(\.targets)).count
        let allTargets = Set(record.suites.map(\.target)).count
        html +=
            "<p class=\"lead\">\(groups.count) cause(s) explain \(cases) failing case(s) on \(targets) of \(allTargets) target(s).</p>\n"
        for (index, group) in groups.enumerated() {
            html += card(group, id: "cause-\(index + 1)", knownLines: knownLines, diff: diff, advice: false)
        }
        return html + "</section>\n"
    }

    /// The advice section (passes that name a cause), after the matrix; empty without advice.
    static func advice(_ groups: [CauseGroup], knownLines: [String]) -> String {
        guard !groups.isEmpty else { return "" }
        let count = groups.reduce(0) { $0 + $1.members.count }
        var html = "<section id=\"advice\">\n<h2>Advice (\(count), none fails the run)</h2>\n"
        for (index, group) in groups.enumerated() {
            html += card(group, id: "advice-\(index + 1)", knownLines: knownLines, diff: nil, advice: true)
        }
        return html + "</section>\n"
    }

    static func card(_ group: CauseGroup, id: String, knownLines: [String], diff: RecordDiff?, advice: Bool) -> String {
        let kind = advice ? "advice" : group.status.rawValue
        var html =
            "<article class=\"cause \(kind)\" id=\"\(id)\">\n<h3><span class=\"symbol\">\(advice ? "i" : HTMLReport.symbol(group.status))</span> "
        if !group.isDiagnosed { html += "No diagnosed cause: " }
        html += HTMLReport.prose(group.title)
        if let cause = group.cause, group.causeText != nil { html += " <code class=\"cause-id\">\(HTMLReport.escape(cause))</code>" }
        html += "</h3>\n"
        for remedy in group.remedies {
            let scope = group.remedies.count > 1 ? " for " + remedy.targets.map(HTMLReport.target).joined(separator: " ") : ""
            html += "<p class=\"remedy\"><strong>\(advice ? "Advice" : "How to fix")\(scope)</strong> \(HTMLReport.prose(remedy.text))</p>\n"
        }
        if group.remedies.isEmpty, !group.isDiagnosed {
            html += "<p class=\"remedy\"><strong>How to fix</strong> not known: read the cases' transcripts below.</p>\n"
        }
        html += "<dl class=\"affected\">\n"
        html += "<div><dt>Targets (\(group.targets.count))</dt><dd>\(group.targets.map(HTMLReport.target).joined(separator: " "))</dd></div>\n"
        let clients = group.clients(knownLines: knownLines)
        if !clients.isEmpty {
            let lines = clients.map { client in
                "<span class=\"mode\">\(HTMLReport.escape(client.mode))</span>: "
                    + client.lines.map { "<span class=\"line\">\(HTMLReport.escape($0))</span>" }.joined(separator: ", ")
            }
            html += "<div><dt>Clients</dt><dd>\(lines.joined(separator: "<br>"))</dd></div>\n"
        }
        let counts = group.counts
        let statuses = [OutcomeStatus.fail, .error, .pass].compactMap { status in
            counts[status].map { "\($0) \(status == .fail ? "failed" : status == .error ? "error(s)" : "advice")" }
        }
        let probes = group.probes.map { "<span class=\"probe\">\(HTMLReport.escape($0.probe))</span> (\($0.count))" }
        html += "<div><dt>Cases (\(group.members.count))</dt><dd>\(statuses.joined(separator: ", ")): \(probes.joined(separator: ", "))</dd></div>\n"
        html += "</dl>\n"
        html += "<details class=\"members\"><summary>Show the \(group.members.count) case(s)</summary>\n<ul>\n"
        for member in group.members {
            let key = RecordDiff.CaseKey(
                target: member.target, backend: member.backend.description, probe: member.outcome.probe, name: member.outcome.name)
            let isNew = diff?.entry(for: key)?.kind == .newFailure
            html += "<li>\(HTMLReport.target(member.suiteLabel)) <span class=\"probe\">\(HTMLReport.escape(member.outcome.probe))</span>"
            if !member.outcome.name.isEmpty, member.outcome.name != member.outcome.probe { html += ": \(HTMLReport.escape(member.outcome.name))" }
            if isNew { html += " <span class=\"new\">new</span>" }
            html += " — \(HTMLReport.escape(member.outcome.message))</li>\n"
        }
        return html + "</ul>\n</details>\n</article>\n"
    }
}
