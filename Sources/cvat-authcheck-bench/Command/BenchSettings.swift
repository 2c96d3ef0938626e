import Foundation

/// Everything a benchmark run does, decided from the command line.
struct BenchSettings: Hashable, Sendable {
    var latency: Int
    var runs: Int
    var targets: Int
    var concurrency: Int
    var gridTargets: [Int]
    var gridConcurrency: [Int]
    var gridLatency: Int
    var maxCellSeconds: Double
    var saturationTargets: Int
    var saturationConcurrency: Int
    var junitCases: Int
    var serverVersion: String
    var python: String?
    var sections: [BenchCommand.Section]
    /// Diagnostic: the worker keeps complete suites in memory (no spool).
    var inMemorySuites = false

    /// The command line's defaults.
    static let defaults = BenchSettings(
        latency: 20, runs: 3, targets: 100, concurrency: 32, gridTargets: [1, 10, 100, 500], gridConcurrency: [1, 8, 32, 128],
        gridLatency: 20, maxCellSeconds: 30, saturationTargets: 100, saturationConcurrency: 32, junitCases: 100_000,
        serverVersion: "2.48.0", python: nil, sections: BenchCommand.Section.allCases)

    /// `--quick`: smaller figures wherever the value is still the default.
    mutating func applyQuick(defaults: BenchSettings) {
        if runs == defaults.runs { runs = 1 }
        if targets == defaults.targets { targets = 10 }
        if concurrency == defaults.concurrency { concurrency = 8 }
        if gridTargets == defaults.gridTargets { gridTargets = [1, 10] }
        if gridConcurrency == defaults.gridConcurrency { gridConcurrency = [1, 8] }
        if saturationTargets == defaults.saturationTargets { saturationTargets = 10 }
        if saturationConcurrency == defaults.saturationConcurrency { saturationConcurrency = 8 }
        if junitCases == defaults.junitCases { junitCases = 10_000 }
    }

    func includes(_ section: BenchCommand.Section) -> Bool { sections.contains(section) }
}
