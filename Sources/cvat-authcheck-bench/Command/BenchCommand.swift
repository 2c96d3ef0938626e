import ArgumentParser
import Foundation

/// `cvat-authcheck-bench`: how fast and lean a run of cvat-authcheck is, against the critical-path
/// limit and against a plain Python `requests` script, on emulated CVAT servers started in this
/// process (docs/PERFORMANCE.md). A separate executable, so the product's CLI carries no harness.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cvat-authcheck-bench",
        abstract: "Benchmark runs against emulated CVAT servers: wall vs critical path, throughput, CPU, memory, report writing.",
        discussion: """
            Starts emulated CVAT servers on loopback in this process (each with an injected per-request latency) \
            and checks them with the full built-in probe set in a worker process (the same run pipeline as \
            `cvat-authcheck run`: client pool, retrying transport, suite spool), so the worker's CPU time and \
            peak RSS are the checker's own. Every figure is the median of --runs runs, with min and max.

            Sections (all by default; pick with --only): headline (N targets at the latency, wall vs \
            critical-path bound), python (the same probes with `requests`, sequential and thread pool, against \
            the same servers), saturation (no latency: requests/s, CPU per probe), grid (the scaling table \
            targets by concurrency), junit (writing a JUnit file of --junit-cases cases).

            Benchmarks are not tests: nothing here fails on a threshold; the performance targets of \
            docs/PERFORMANCE.md are printed as met or missed. Build with `swift build -c release` for meaningful \
            figures.
            """)

    /// The parts of the benchmark.
    enum Section: String, CaseIterable, ExpressibleByArgument, Sendable {
        case headline, python, saturation, grid, junit
    }

    @Option(help: ArgumentHelp("Injected latency of every emulated response, in milliseconds.", valueName: "MS"))
    var latency = BenchSettings.defaults.latency

    @Option(help: ArgumentHelp("Runs per figure (median, min, max).", valueName: "N"))
    var runs = BenchSettings.defaults.runs

    @Option(help: ArgumentHelp("Targets of the headline run and the Python comparison.", valueName: "N"))
    var targets = BenchSettings.defaults.targets

    @Option(help: ArgumentHelp("Concurrency of the headline run and workers of the Python thread pool.", valueName: "N"))
    var concurrency = BenchSettings.defaults.concurrency

    @Option(
        name: .customLong("grid-targets"), help: ArgumentHelp("Target counts of the scaling table, comma-separated.", valueName: "LIST"),
        transform: BenchCommand.parseList)
    var gridTargets: [Int] = BenchSettings.defaults.gridTargets

    @Option(
        name: .customLong("grid-concurrency"), help: ArgumentHelp("Concurrency levels of the scaling table, comma-separated.", valueName: "LIST"),
        transform: BenchCommand.parseList)
    var gridConcurrency: [Int] = BenchSettings.defaults.gridConcurrency

    @Option(name: .customLong("grid-latency"), help: ArgumentHelp("Injected latency in the scaling table (default: --latency).", valueName: "MS"))
    var gridLatency: Int?

    @Option(
        name: .customLong("max-cell-seconds"),
        help: ArgumentHelp("Skip grid cells whose critical-path bound alone exceeds this.", valueName: "SECONDS"))
    var maxCellSeconds: Double = BenchSettings.defaults.maxCellSeconds

    @Option(name: .customLong("saturation-targets"), help: ArgumentHelp("Targets of the no-latency throughput run.", valueName: "N"))
    var saturationTargets = BenchSettings.defaults.saturationTargets

    @Option(name: .customLong("saturation-concurrency"), help: ArgumentHelp("Concurrency of the no-latency throughput run.", valueName: "N"))
    var saturationConcurrency = BenchSettings.defaults.saturationConcurrency

    @Option(name: .customLong("junit-cases"), help: ArgumentHelp("Test cases in the report-writing benchmark.", valueName: "N"))
    var junitCases = BenchSettings.defaults.junitCases

    @Option(name: .customLong("server-version"), help: ArgumentHelp("CVAT version the emulated servers report.", valueName: "X.Y.Z"))
    var serverVersion = BenchSettings.defaults.serverVersion

    @Option(help: ArgumentHelp("Python interpreter with `requests` (default: a cached venv, made on first use).", valueName: "PATH"))
    var python: String?

    @Option(
        name: .customLong("only"),
        help: ArgumentHelp("Run only this section (repeatable; every section by default).", valueName: "SECTION"))
    var only: [Section] = []

    @Flag(
        name: .customLong("in-memory-suites"),
        help: "Diagnostic: keep every complete suite in memory instead of spooling it (what streamed reports save; docs/PERFORMANCE.md).")
    var inMemorySuites = false

    @Flag(help: "A quick pass: 1 run, 10 targets, grid 1,10 by 1,8, 10,000 JUnit cases, wherever a value is left at its default.")
    var quick = false

    @Option(name: .customLong("worker-run"), help: .hidden) var workerRun: String?
    @Option(name: .customLong("worker-junit"), help: .hidden) var workerJUnit: Int?
    @Option(name: .customLong("worker-output"), help: .hidden) var workerOutput: String?

    func validate() throws {
        guard (1...50).contains(runs) else { throw ValidationError("--runs must be between 1 and 50") }
        guard (0...5_000).contains(latency) else { throw ValidationError("--latency must be between 0 and 5000 ms") }
        guard (0...5_000).contains(gridLatency ?? 0) else { throw ValidationError("--grid-latency must be between 0 and 5000 ms") }
        guard (1...2_000).contains(targets), (1...2_000).contains(saturationTargets) else {
            throw ValidationError("target counts must be between 1 and 2000")
        }
        guard (1...1_024).contains(concurrency), (1...1_024).contains(saturationConcurrency) else {
            throw ValidationError("concurrency must be between 1 and 1024")
        }
        guard gridTargets.allSatisfy({ (1...2_000).contains($0) }) else {
            throw ValidationError("--grid-targets: each count must be between 1 and 2000")
        }
        guard gridConcurrency.allSatisfy({ (1...1_024).contains($0) }) else {
            throw ValidationError("--grid-concurrency: each level must be between 1 and 1024")
        }
        guard (1...10_000_000).contains(junitCases) else { throw ValidationError("--junit-cases must be between 1 and 10000000") }
        guard maxCellSeconds > 0 else { throw ValidationError("--max-cell-seconds must be positive") }
    }

    /// Parses `1,10,100` (spaces allowed) into positive integers, in the order given, without duplicates.
    static func parseList(_ text: String) throws -> [Int] {
        var values: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let value = Int(trimmed), value > 0 else {
                throw ValidationError("'\(trimmed)' in '\(text)' is not a positive whole number (expected a list like 1,10,100)")
            }
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    /// The settings, after `--quick` lowered the values left at their defaults.
    var settings: BenchSettings {
        var settings = BenchSettings(
            latency: latency, runs: runs, targets: targets, concurrency: concurrency, gridTargets: gridTargets,
            gridConcurrency: gridConcurrency, gridLatency: gridLatency ?? latency, maxCellSeconds: maxCellSeconds,
            saturationTargets: saturationTargets, saturationConcurrency: saturationConcurrency, junitCases: junitCases,
            serverVersion: serverVersion, python: python, sections: only.isEmpty ? Section.allCases : only,
            inMemorySuites: inMemorySuites)
        if quick { settings.applyQuick(defaults: BenchSettings.defaults) }
        return settings
    }

    func run() async throws {
        if let spec = workerRun {
            let data = try Data(contentsOf: URL(fileURLWithPath: spec))
            let result = try await BenchWorker.run(JSONDecoder().decode(WorkerSpec.self, from: data))
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
            return
        }
        if let cases = workerJUnit {
            guard let output = workerOutput else { throw ValidationError("--worker-junit needs --worker-output") }
            let result = try BenchWorker.junit(cases: cases, path: output)
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
            return
        }
        try await BenchHarness(settings: settings).run()
    }
}
