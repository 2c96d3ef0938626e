import AuthCheckCore

/// The client explanation of `run` and `demo`: per target, what each client line will do with a
/// password or an access token (the typed `sdk.compat` predictions: works, warns, breaks — for the
/// clients the user selected and, marked, for the others), then which of the "What broke" causes
/// (``CauseReport``) apply, then the advice. Never empty: a target that could not be checked says why.
struct SeedCaseSummary {
    var record: RunRecord
    /// The run's causes, which the per-target lines refer to by number instead of repeating them.
    var causes: CauseReport

    init(record: RunRecord, causes: CauseReport? = nil) {
        self.record = record
        self.causes = causes ?? CauseReport(groups: CauseGroup.groups(record))
    }

    /// The section's lines, wrapped to `width` (no limit when `nil`).
    func render(width: Int? = nil, style: ConsoleStyle = .plain) -> String {
        var lines = [style.paint("What this means for cvat-sdk / cvat-cli clients:", .heading)]
        func add(_ text: String, hanging: Int) { lines += VisibleText.wrap(text, width: width, hangingIndent: hanging) }
        for suite in record.suites where suite.backend.isNative {
            add("• \(suite.target) (CVAT \(suite.serverVersion ?? "?"), profile \(suite.profile?.id ?? "-"))", hanging: 2)
            let predicted = suite.outcomes.compactMap { outcome in outcome.prediction.map { (outcome, $0) } }
            for mode in ClientPrediction.Mode.allCases {
                for line in Self.modeLines(predicted.filter { $0.1.mode == mode }, mode: mode, style: style) { add(line, hanging: 24) }
            }
            if predicted.contains(where: { $0.1.warning != nil }), let server = suite.serverVersion.flatMap(CVATVersion.init) {
                add("    note:   \(ClientVersionWindow.summary(server: server))", hanging: 12)
            }
            let references = causes.groups.indices.filter { causes.groups[$0].targets.contains(suite.label) }.map { causes.reference(to: $0) }
            if predicted.isEmpty { add("    no client predictions (sdk.compat did not run)", hanging: 4) }
            if !references.isEmpty {
                add(
                    "    \(references.count == 1 ? "cause: " : "causes:") \(references.joined(separator: ", ")) (see \"What broke\" below)",
                    hanging: 12)
            }
            let advice = suite.outcomes.filter(\.isAdvice)
            for outcome in advice.prefix(5) {
                let text = outcome.message.hasPrefix("advice: ") ? String(outcome.message.dropFirst(8)) : outcome.message
                add(
                    "    \(style.paint("advice:", .advice)) \(outcome.probe) (\(outcome.name)): \(text.replacingOccurrences(of: "\n", with: " "))",
                    hanging: 12)
            }
            if advice.count > 5 { add("    \(style.paint("advice:", .advice)) … and \(advice.count - 5) more (see the report)", hanging: 12) }
        }
        return lines.joined(separator: "\n")
    }

    /// The lines for one auth mode: who works, who breaks (selected, then not selected), who is not predicted.
    static func modeLines(_ predicted: [(Outcome, ClientPrediction)], mode: ClientPrediction.Mode, style: ConsoleStyle = .plain) -> [String] {
        guard !predicted.isEmpty else { return [] }
        let label = mode == .password ? "password login    " : "access-token login"
        var lines: [String] = []
        let works = predicted.filter { $0.1.verdict.isWorking }.map(\.1.line)
        if !works.isEmpty { lines.append("    \(label)  \(style.paint("works:", .pass))  \(condense(works))") }
        for selected in [true, false] {
            let breaks = predicted.filter { $0.1.verdict == .breaks && $0.1.selected == selected }
            for (reason, group) in grouped(breaks) {
                let tag = selected ? style.paint("BREAKS:", .fail) : "breaks (not selected):"
                lines.append("    \(label)  \(tag) \(condense(group.map(\.1.line))) — \(reason)")
            }
        }
        let unknown = predicted.filter { $0.1.verdict == .unknown }.map(\.1.line)
        if !unknown.isEmpty { lines.append("    \(label)  unknown: \(condense(unknown)) (see the sdk.compat cases for why)") }
        return lines
    }

    /// Groups predicted breaks by their reason, with the "<client>, <mode>: " prefix and the selection note removed.
    static func grouped(_ predicted: [(Outcome, ClientPrediction)]) -> [(String, [(Outcome, ClientPrediction)])] {
        var order: [String] = []
        var groups: [String: [(Outcome, ClientPrediction)]] = [:]
        for entry in predicted {
            var reason = entry.0.message
            let prefix = "\(entry.1.line), \(entry.1.mode.rawValue): "
            if reason.hasPrefix(prefix) { reason.removeFirst(prefix.count) }
            if let note = reason.range(of: " — not a client selected") { reason = String(reason[..<note.lowerBound]) }
            if groups[reason] == nil { order.append(reason) }
            groups[reason, default: []].append(entry)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    /// "cvat-sdk 2.24–2.29, cvat-sdk 2.30–2.35" → "cvat-sdk 2.24–2.35" where the lines are adjacent.
    static func condense(_ labels: [String]) -> String {
        func follows(_ next: String, _ last: String) -> Bool {
            let a = last.split(separator: ".")
            let b = next.split(separator: ".")
            guard a.count == 2, b.count == 2, let am = Int(a[1]), let bm = Int(b[1]) else { return false }
            return a[0] == b[0] && bm == am + 1
        }
        var merged: [(client: String, first: String, last: String)] = []
        for label in labels {
            let parts = label.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                merged.append((label, "", ""))
                continue
            }
            let bounds = parts[1].components(separatedBy: "–")
            let first = bounds.first ?? parts[1]
            let last = bounds.last ?? parts[1]
            if let previous = merged.last, previous.client == parts[0], !previous.first.isEmpty, follows(first, previous.last) {
                merged[merged.count - 1].last = last
            } else {
                merged.append((parts[0], first, last))
            }
        }
        return merged.map { entry in
            entry.first.isEmpty
                ? entry.client : (entry.first == entry.last ? "\(entry.client) \(entry.first)" : "\(entry.client) \(entry.first)–\(entry.last)")
        }.joined(separator: ", ")
    }
}
