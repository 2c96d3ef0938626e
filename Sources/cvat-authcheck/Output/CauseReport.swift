import AuthCheckCore

/// The console's "What broke" section: each cause once — its cause text and remedy — then the
/// targets and the probes it explains (see ``CauseGroup``).
struct CauseReport {
    var groups: [CauseGroup]

    /// The section title.
    static let title = "What broke, by cause (most specific first):"

    /// `[1] set-cookie-stripped`: how the client summary refers to a group.
    func reference(to group: Int) -> String {
        "[\(group + 1)] \(groups[group].cause ?? "no diagnosed cause")"
    }

    /// The section's lines, wrapped to `width` (no limit when `nil`); empty when nothing broke.
    func render(width: Int?, style: ConsoleStyle) -> [String] {
        guard !groups.isEmpty else { return [] }
        var lines = [style.paint(Self.title, .heading)]
        for (number, group) in groups.enumerated() {
            let plural = group.count == 1 ? "outcome" : "outcomes"
            let targets = group.targets.count == 1 ? "1 target" : "\(group.targets.count) targets"
            let header =
                "[\(number + 1)] \(Self.status(group.status, style)) \(style.paint(group.cause ?? "no diagnosed cause", .heading)) — "
                + "\(group.count) \(plural) on \(targets)"
            lines += VisibleText.wrap(header, width: width, hangingIndent: 4)
            for text in group.causeTexts { lines += VisibleText.wrap("    cause:  \(text)", width: width, hangingIndent: 12) }
            for remedy in group.remedies { lines += VisibleText.wrap("    remedy: \(remedy)", width: width, hangingIndent: 12) }
            lines += VisibleText.wrap(
                "    \(group.targets.count == 1 ? "target: " : "targets:") \(group.targets.joined(separator: ", "))", width: width, hangingIndent: 13)
            for entry in group.entries {
                var text = "    \(Self.status(entry.status, style)) \(Self.who(entry)): \(entry.message)"
                if group.targets.count > 1, entry.targets.count < group.targets.count {
                    text += " (on \(entry.targets.joined(separator: ", ")))"
                }
                lines += VisibleText.wrap(text, width: width, hangingIndent: 10)
            }
        }
        return lines
    }

    /// `FAIL ` or `ERROR`, padded to one width and painted.
    static func status(_ status: OutcomeStatus, _ style: ConsoleStyle) -> String {
        let label = status.rawValue.uppercased()
        return style.paint(label, status == .fail ? .fail : .error) + String(repeating: " ", count: max(0, 5 - label.count))
    }

    /// The probes (and cases) of an entry: `login.password (username form, email form)`, `sdk.compat
    /// (password login of cvat-sdk 2.24–2.69)`, or `about.version, basic, login.password and 31 more probes`.
    static func who(_ entry: CauseGroup.Entry) -> String {
        let shown = entry.probes.count > 4 ? Array(entry.probes.prefix(3)) : entry.probes
        var text = shown.map { probe in probe.cases.isEmpty ? probe.id : "\(probe.id) (\(probe.cases.joined(separator: ", ")))" }
            .joined(separator: ", ")
        if entry.probes.count > shown.count { text += " and \(entry.probes.count - shown.count) more probes" }
        if !entry.predictedLines.isEmpty {
            let mode = entry.mode == .accessToken ? "access-token login" : "password login"
            text += " (\(mode) of \(SeedCaseSummary.condense(entry.predictedLines)))"
        }
        return text
    }
}
