import AuthCheckCore

/// The compatibility matrix shown by the Markdown and HTML reports: targets × client lines × auth modes,
/// read from the outcomes of probe `sdk.compat` whose facts carry `client` and `mode`.
///
/// When a run has no such outcomes the matrix falls back to targets × probes, so a summary always
/// shows a grid.
public struct CompatibilityMatrix: Hashable, Sendable {
    /// One column: a client line and auth mode, or a probe id in the fallback.
    public struct Column: Hashable, Sendable {
        public var client: String
        public var mode: String?

        /// `client · mode`, or the probe id.
        public var label: String { mode.map { "\(client) · \($0)" } ?? client }
    }

    /// The probe whose outcomes fill the matrix.
    public static let probe = "sdk.compat"

    /// `true` when built from `sdk.compat` facts; `false` for the targets × probes fallback.
    public var isClientMatrix: Bool
    /// Row labels (targets), in record order.
    public var rows: [String]
    public var columns: [Column]
    /// The worst status per row and column; absent cells were not checked.
    public var cells: [String: [Column: OutcomeStatus]]

    public init(record: RunRecord) {
        let compat = record.suites.flatMap { suite in
            suite.outcomes.compactMap { outcome -> (String, Column, OutcomeStatus)? in
                guard outcome.probe == Self.probe, let client = outcome.facts["client"], let mode = outcome.facts["mode"] else { return nil }
                return (suite.target, Column(client: client, mode: mode), outcome.status)
            }
        }
        let entries: [(String, Column, OutcomeStatus)]
        if compat.isEmpty {
            isClientMatrix = false
            entries = record.suites.flatMap { suite in suite.outcomes.map { (suite.target, Column(client: $0.probe, mode: nil), $0.status) } }
        } else {
            isClientMatrix = true
            entries = compat
        }
        var rows: [String] = []
        var columns: [Column] = []
        var cells: [String: [Column: OutcomeStatus]] = [:]
        for suite in record.suites where !rows.contains(suite.target) { rows.append(suite.target) }
        for (row, column, status) in entries {
            if !columns.contains(column) { columns.append(column) }
            cells[row, default: [:]][column] = max(cells[row]?[column] ?? status, status)
        }
        if isClientMatrix {
            columns.sort { ($0.client, $0.mode ?? "") < ($1.client, $1.mode ?? "") }
        }
        self.rows = rows
        self.columns = columns
        self.cells = cells
    }

    /// The client lines (or probe ids), in column order, without repeats.
    public var clients: [String] { columns.map(\.client).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    /// The auth modes, in first-seen column order (empty in the fallback).
    public var modes: [String] { columns.compactMap(\.mode).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    /// The cell of `row` and `column`, if checked.
    public func status(_ row: String, _ column: Column) -> OutcomeStatus? { cells[row]?[column] }
}

/// The symbols both summaries use.
public enum StatusSymbol {
    /// ✅ pass, ❌ fail, ⚠️ error, ➖ skipped.
    public static func of(_ status: OutcomeStatus?) -> String {
        switch status {
        case .pass: "✅"
        case .fail: "❌"
        case .error: "⚠️"
        case .skipped: "➖"
        case nil: "·"
        }
    }
}
