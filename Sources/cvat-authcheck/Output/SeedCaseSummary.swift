import AuthCheckCore

/// The demo's closing explanation: per target, what cvat-sdk password login and PAT login will do
/// (from the `sdk.compat` predictions) and the diagnosis of any failing login.
struct SeedCaseSummary {
    var record: RunRecord

    func render() -> String {
        var lines = ["What this means for clients:"]
        for suite in record.suites {
            let predictions = suite.outcomes.filter { $0.probe == "sdk.compat" }
            let failures = suite.outcomes.filter { $0.status == .fail && $0.probe != "sdk.compat" }
            lines.append("• \(suite.target) (CVAT \(suite.serverVersion ?? "?"), profile \(suite.profile?.id ?? "-"))")
            if predictions.isEmpty && failures.isEmpty { lines.append("    all checks passed") }
            for outcome in predictions {
                let mark = outcome.status == .pass ? "works" : (outcome.status == .fail ? "BREAKS" : outcome.status.rawValue)
                lines.append("    \(outcome.name): \(mark) — \(outcome.message)")
            }
            if let login = failures.first(where: { $0.cause != nil }) {
                lines.append("    cause: \(login.causeText ?? login.message)")
                if let remedy = login.remedy { lines.append("    remedy: \(remedy)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
