import AuthCheckCore
import AuthCheckProbes

/// The closing explanation of `run` and `demo`: per target, what each client line will do with a
/// password or an access token (the typed `sdk.compat` predictions: works, warns, breaks — for the
/// clients the user selected and, marked, for the others), then the most specific cause and its
/// remedy, then the advice. Never empty: a target that could not be checked says why.
struct SeedCaseSummary {
    var record: RunRecord

    func render() -> String {
        var lines = ["What this means for cvat-sdk / cvat-cli clients:"]
        for suite in record.suites where suite.backend.isNative {
            lines.append("• \(suite.target) (CVAT \(suite.serverVersion ?? "?"), profile \(suite.profile?.id ?? "-"))")
            let predicted = suite.outcomes.compactMap { outcome in outcome.prediction.map { (outcome, $0) } }
            for mode in ClientPrediction.Mode.allCases {
                lines += Self.modeLines(predicted.filter { $0.1.mode == mode }, mode: mode)
            }
            if predicted.contains(where: { $0.1.warning != nil }), let server = suite.serverVersion.flatMap(CVATVersion.init) {
                lines.append("    note:   \(ClientVersionWindow.summary(server: server))")
            }
            if let headline = Self.headline(suite) {
                lines.append("    cause:  \(headline.cause)")
                if let remedy = headline.remedy { lines.append("    remedy: \(remedy)") }
            } else if predicted.isEmpty {
                lines.append("    no client predictions (sdk.compat did not run)")
            }
            let advice = suite.outcomes.filter(\.isAdvice)
            for outcome in advice.prefix(5) {
                lines.append(
                    "    advice: \(outcome.probe) (\(outcome.name)): \(Self.clip(outcome.message.hasPrefix("advice: ") ? String(outcome.message.dropFirst(8)) : outcome.message, 160))"
                )
            }
            if advice.count > 5 { lines.append("    advice: … and \(advice.count - 5) more (see the report)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The lines for one auth mode: who works, who breaks (selected, then not selected), who is not predicted.
    static func modeLines(_ predicted: [(Outcome, ClientPrediction)], mode: ClientPrediction.Mode) -> [String] {
        guard !predicted.isEmpty else { return [] }
        let label = mode == .password ? "password login    " : "access-token login"
        var lines: [String] = []
        let works = predicted.filter { $0.1.verdict.isWorking }.map(\.1.line)
        if !works.isEmpty { lines.append("    \(label)  works:  \(condense(works))") }
        for selected in [true, false] {
            let breaks = predicted.filter { $0.1.verdict == .breaks && $0.1.selected == selected }
            for (reason, group) in grouped(breaks) {
                let tag = selected ? "BREAKS:" : "breaks (not selected):"
                lines.append("    \(label)  \(tag) \(condense(group.map(\.1.line))) — \(reason)")
            }
        }
        let unknown = predicted.filter { $0.1.verdict == .unknown }.map(\.1.line)
        if !unknown.isEmpty { lines.append("    \(label)  unknown: \(condense(unknown)) (see the sdk.compat cases for why)") }
        return lines
    }

    /// The cause the summary leads with: the most specific cause of a failing or erroring outcome (the
    /// detection's own when nothing else ran), else the cause of a selected client's predicted break.
    static func headline(_ suite: SuiteRecord) -> (cause: String, remedy: String?)? {
        let failing = suite.outcomes.filter { ($0.status == .fail || $0.status == .error) && $0.cause != nil }
        let ranked = failing.enumerated().min { lhs, rhs in
            (DiagnosisCatalog.rank(of: lhs.element.cause ?? ""), lhs.offset) < (DiagnosisCatalog.rank(of: rhs.element.cause ?? ""), rhs.offset)
        }?.element
        guard let outcome = ranked ?? suite.outcomes.first(where: { $0.status == .error }) else { return nil }
        let catalogued = outcome.cause.flatMap(DiagnosisCatalog.diagnosis(id:))
        let cause = outcome.causeText ?? catalogued?.cause ?? outcome.message
        var remedy = outcome.remedy ?? catalogued?.remedy
        if outcome.causeText == nil, catalogued != nil { remedy = remedy.map { "\($0) (\(outcome.message))" } }
        return (cause, remedy)
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

    static func clip(_ text: String, _ limit: Int) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}
