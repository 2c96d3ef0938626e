import AuthCheckCore

/// The compatibility matrix shown by the Markdown and HTML reports: targets × client lines × auth modes,
/// read from the typed ``ClientPrediction`` of the outcomes that carry one — or, in records written
/// before predictions were typed, from outcomes whose facts name a `client` and a `mode`.
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

    /// `true` when built from client predictions; `false` for the targets × probes fallback.
    public var isClientMatrix: Bool
    /// Row labels (targets), in record order.
    public var rows: [String]
    public var columns: [Column]
    /// One cell: the worst status, and the prediction behind it when there is one.
    public struct Cell: Hashable, Sendable {
        public var status: OutcomeStatus
        /// The predicted verdict (`nil` in the fallback, or where the line does not apply).
        public var verdict: ClientPrediction.Verdict?
        /// Whether the client line is one the user cares about (a break of it fails the run).
        public var selected: Bool
    }

    /// The worst cell per row and column; absent cells were not checked.
    public var cells: [String: [Column: Cell]]

    public init(record: RunRecord) {
        let typed = record.suites.flatMap { suite in
            suite.outcomes.compactMap { outcome -> (String, Column, Cell)? in
                guard let prediction = outcome.prediction else { return nil }
                return (
                    suite.target, Column(client: prediction.line, mode: prediction.mode.rawValue),
                    Cell(status: outcome.status, verdict: prediction.verdict, selected: prediction.selected)
                )
            }
        }
        // A record written before predictions were typed: the native suites' outcomes with client and mode facts.
        let compat =
            !typed.isEmpty
            ? typed
            : record.suites.filter(\.backend.isNative).flatMap { suite in
                suite.outcomes.compactMap { outcome -> (String, Column, Cell)? in
                    guard let client = outcome.facts["client"], let mode = outcome.facts["mode"] else { return nil }
                    return (suite.target, Column(client: client, mode: mode), Cell(status: outcome.status, verdict: nil, selected: true))
                }
            }
        let entries: [(String, Column, Cell)]
        if compat.isEmpty {
            isClientMatrix = false
            entries = record.suites.flatMap { suite in
                suite.outcomes.map { (suite.target, Column(client: $0.probe, mode: nil), Cell(status: $0.status, verdict: nil, selected: true)) }
            }
        } else {
            isClientMatrix = true
            entries = compat
        }
        var rows: [String] = []
        var columns: [Column] = []
        var cells: [String: [Column: Cell]] = [:]
        for suite in record.suites where !rows.contains(suite.target) { rows.append(suite.target) }
        for (row, column, cell) in entries {
            if !columns.contains(column) { columns.append(column) }
            if let existing = cells[row]?[column], existing.status >= cell.status { continue }
            cells[row, default: [:]][column] = cell
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

    /// The status of `row` and `column`, if checked.
    public func status(_ row: String, _ column: Column) -> OutcomeStatus? { cells[row]?[column]?.status }

    /// The cell of `row` and `column`, if checked.
    public func cell(_ row: String, _ column: Column) -> Cell? { cells[row]?[column] }
}

/// The symbols of the compatibility matrix: what a client line will do, not only the case's status.
public enum PredictionSymbol {
    /// ✅ works, 🟡 works with a version warning, ❌ breaks, (❌) breaks but not a selected client,
    /// ➖ not predicted or not applicable, ⚠️ error, · not checked.
    public static func of(_ cell: CompatibilityMatrix.Cell?) -> String {
        guard let cell else { return "·" }
        switch cell.verdict {
        case .works?: return "✅"
        case .warns?: return "🟡"
        case .breaks?: return cell.selected ? "❌" : "(❌)"
        case .unknown?: return "➖"
        case nil: return StatusSymbol.of(cell.status)
        }
    }

    /// The legend line for Markdown.
    public static let legend =
        "✅ works · 🟡 works, logs a version warning · ❌ breaks · (❌) breaks, but not a client selected for the target (does not fail the run) · ➖ not predicted or not applicable · ⚠️ error · · not checked"
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
