import AuthCheckCore

/// The closing explanation of `run` and `demo`: per target, which client lines can log in with a
/// password or an access token (from the `sdk.compat` predictions), and the cause and remedy of the
/// first failure.
struct SeedCaseSummary {
    var record: RunRecord

    func render() -> String {
        var lines = ["What this means for cvat-sdk / cvat-cli clients:"]
        for suite in record.suites where suite.backend == "native" {
            lines.append("• \(suite.target) (CVAT \(suite.serverVersion ?? "?"), profile \(suite.profile?.id ?? "-"))")
            let predictions = suite.outcomes.filter { $0.probe == "sdk.compat" }
            for mode in ["password", "access-token"] {
                let ofMode = predictions.filter { $0.facts["mode"] == mode }
                guard !ofMode.isEmpty else { continue }
                let label = mode == "password" ? "password login    " : "access-token login"
                let works = ofMode.filter { $0.status == .pass }.compactMap { $0.facts["client"] }
                let breaks = ofMode.filter { $0.status == .fail }
                if !works.isEmpty { lines.append("    \(label)  works:  \(Self.condense(works))") }
                for (reason, outcomes) in Self.grouped(breaks) {
                    lines.append("    \(label)  BREAKS: \(Self.condense(outcomes.compactMap { $0.facts["client"] })) — \(reason)")
                }
                let skipped = ofMode.filter { $0.status == .skipped }.compactMap { $0.facts["client"] }
                if !skipped.isEmpty { lines.append("    \(label)  n/a:    \(Self.condense(skipped)) (see the sdk.compat cases for why)") }
            }
            let failures = suite.outcomes.filter { $0.status == .fail && $0.probe != "sdk.compat" && $0.cause != nil }
            if let first = failures.first {
                lines.append("    cause:  \(first.causeText ?? first.message)")
                if let remedy = first.remedy { lines.append("    remedy: \(remedy)") }
            } else if predictions.isEmpty {
                lines.append("    no client predictions (sdk.compat did not run)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Groups failing predictions by their reason, with the "<client>, <mode>: " prefix removed.
    static func grouped(_ outcomes: [Outcome]) -> [(String, [Outcome])] {
        var order: [String] = []
        var groups: [String: [Outcome]] = [:]
        for outcome in outcomes {
            var reason = outcome.message
            if let client = outcome.facts["client"], let mode = outcome.facts["mode"], reason.hasPrefix("\(client), \(mode): ") {
                reason.removeFirst("\(client), \(mode): ".count)
            }
            if groups[reason] == nil { order.append(reason) }
            groups[reason, default: []].append(outcome)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// "cvat-sdk 2.24–2.29, cvat-sdk 2.30–2.35" → "cvat-sdk 2.24–2.35" where the lines are adjacent.
    static func condense(_ labels: [String]) -> String {
        var merged: [(client: String, first: String, last: String)] = []
        for label in labels {
            let parts = label.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { merged.append((label, "", "")); continue }
            let bounds = parts[1].components(separatedBy: "–")
            let first = bounds.first ?? parts[1], last = bounds.last ?? parts[1]
            if let previous = merged.last, previous.client == parts[0], !previous.first.isEmpty {
                merged[merged.count - 1].last = last
            } else {
                merged.append((parts[0], first, last))
            }
        }
        return merged.map { entry in
            entry.first.isEmpty ? entry.client : (entry.first == entry.last ? "\(entry.client) \(entry.first)" : "\(entry.client) \(entry.first)–\(entry.last)")
        }.joined(separator: ", ")
    }
}
