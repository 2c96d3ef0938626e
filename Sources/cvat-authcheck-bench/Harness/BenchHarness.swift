import CVATEmulator
import Foundation
import Synchronization

/// Runs the benchmark sections and prints their tables (Markdown) with the performance targets of
/// docs/PERFORMANCE.md marked met or missed.
struct BenchHarness {
    var settings: BenchSettings

    /// Target verdicts collected while the sections run, printed at the end.
    final class Verdicts: Sendable {
        private let collected = Mutex<[String]>([])

        func add(_ met: Bool?, _ text: String) {
            collected.withLock { $0.append("- \(met.map { $0 ? "met   " : "MISSED" } ?? "n/a   ") \(text)") }
        }

        var lines: [String] { collected.withLock { $0 } }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cvat-authcheck-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let password = EmulatorConfiguration.throwawayPassword()
        let verdicts = Verdicts()
        print(MachineDescription.current.render())
        if settings.inMemorySuites {
            print("\nDiagnostic mode --in-memory-suites: complete suites stay in memory, no spool (not what `run` does).")
        }
        print("")
        var chainLength: Int?
        if settings.includes(.headline) || settings.includes(.python) {
            chainLength = try await headline(directory: directory, password: password, verdicts: verdicts)
        }
        if settings.includes(.saturation) {
            try await saturation(directory: directory, password: password)
        }
        if settings.includes(.grid) {
            try await grid(directory: directory, password: password, chainLength: chainLength, verdicts: verdicts)
        }
        if settings.includes(.junit) {
            try await junit(directory: directory, verdicts: verdicts)
        }
        if !verdicts.lines.isEmpty {
            print("## Performance targets (docs/PERFORMANCE.md)\n")
            print(verdicts.lines.joined(separator: "\n"))
        }
    }

    // MARK: - Ours

    /// `runs` worker runs of the full probe set against `urls`.
    func ours(urls: [String], concurrency: Int, runs: Int, password: String, directory: URL, trace: Bool = false) async throws -> [WorkerResult] {
        var results: [WorkerResult] = []
        for run in 0..<runs {
            let spec = WorkerSpec(
                urls: urls, concurrency: concurrency, junitPath: directory.appendingPathComponent("junit.xml").path,
                trace: trace && run == 0, inMemorySuites: settings.inMemorySuites)
            let specPath = directory.appendingPathComponent("spec.json")
            try JSONEncoder().encode(spec).write(to: specPath)
            let (executable, arguments) = Self.workerCommand(["--worker-run", specPath.path])
            let (result, _) = try await ChildProcess.json(
                WorkerResult.self, executable, arguments,
                environment: [BenchWorker.passwordVariable: password, BenchWorker.emailVariable: BenchWorker.email], directory: directory)
            guard result.targets == urls.count, Set(urls).count == urls.count else {
                throw ChildProcess.Failed(
                    command: "bench worker", status: 0,
                    stderr: "checked \(result.targets) targets of \(urls.count) (\(Set(urls).count) distinct URLs)")
            }
            results.append(result)
        }
        return results
    }

    static func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

    /// The worker's command line: this executable, or — to profile the worker — the command in
    /// `CVAT_AUTHCHECK_BENCH_WRAPPER` (an absolute path plus arguments, e.g. `/usr/bin/heaptrack -o /tmp/w`)
    /// with this executable appended.
    static func workerCommand(_ arguments: [String]) -> (URL, [String]) {
        let wrapper = ProcessInfo.processInfo.environment["CVAT_AUTHCHECK_BENCH_WRAPPER"]?.split(separator: " ").map(String.init) ?? []
        guard let first = wrapper.first else { return (ChildProcess.selfExecutable, arguments) }
        return (URL(fileURLWithPath: first), Array(wrapper.dropFirst()) + [ChildProcess.selfExecutable.path] + arguments)
    }

    // MARK: - Headline and Python

    /// N targets at the latency: wall vs the critical-path bound, and the Python alternative on the same servers.
    func headline(directory: URL, password: String, verdicts: Verdicts) async throws -> Int? {
        let fleet = try await ServerFleet.start(
            count: settings.targets, version: settings.serverVersion, latencyMilliseconds: settings.latency, password: password)
        do {
            let chain = try await headline(fleet: fleet, directory: directory, password: password, verdicts: verdicts)
            await fleet.stop()
            return chain
        } catch {
            await fleet.stop()
            throw error
        }
    }

    func headline(fleet: ServerFleet, directory: URL, password: String, verdicts: Verdicts) async throws -> Int? {
        let n = settings.targets
        let c = settings.concurrency
        let latency = Double(settings.latency) / 1000
        print("## Headline: \(n) targets, \(settings.latency) ms per response, concurrency \(c)\n")
        print("Started \(n) emulated CVAT \(settings.serverVersion) servers in \(Spread.decimal(fleet.startSeconds, 2)) s.\n")
        let results = try await ours(urls: fleet.urls, concurrency: c, runs: settings.runs, password: password, directory: directory, trace: true)
        let chain = results.map(\.chainLength).max() ?? 0
        let bound = CriticalPathBound(chainLength: chain, latency: latency, targets: n, concurrency: c)
        let wall = Spread(results.map(\.wallSeconds))!
        let ratio = Spread(results.compactMap { bound.ratio(wall: $0.wallSeconds) })
        var table = BenchTable(header: ["figure", "median (min–max)"])
        table.add([
            "requests per target (chain)", "\(chain) (min over targets \(results.map { $0.requests / max(1, $0.targets) }.min() ?? 0) on average)",
        ])
        table.add(["critical-path bound per target", "\(Spread.decimal(bound.perTarget, 3)) s = \(chain) × \(settings.latency) ms"])
        table.add(["bound × ⌈\(n)/\(c)⌉ = \(bound.waves) waves", "\(Spread.decimal(bound.total, 3)) s"])
        table.add(["wall (probes + JUnit)", "\(wall.format()) s"])
        table.add(["wall / bound", ratio?.format(2) ?? "n/a"])
        table.add(["CPU seconds (worker, whole run)", Spread(results.map(\.runCPUSeconds))!.format()])
        table.add(["peak RSS (worker)", "\(Spread(results.map { Self.megabytes($0.peakRSS) })!.format(1)) MB"])
        table.add([
            "outcomes", results.last.map { $0.statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") } ?? "",
        ])
        print(table.render())
        if let trace = results.first?.trace, !trace.isEmpty {
            print("\nThe chain of one target (method, path, credential):\n")
            print(trace.enumerated().map { "    \($0 + 1). \($1)" }.joined(separator: "\n"))
        }
        print("")
        if let ratio {
            verdicts.add(
                ratio.median <= 1.5,
                "\(n) targets at \(settings.latency) ms, concurrency \(c): wall / (bound × ⌈\(n)/\(c)⌉) = \(ratio.format(2)) (target ≤ 1.5)")
        }

        if settings.includes(.python) {
            try await python(fleet: fleet, ours: wall, chain: chain, directory: directory, password: password, verdicts: verdicts)
        }
        return chain
    }

    func python(fleet: ServerFleet, ours: Spread, chain: Int, directory: URL, password: String, verdicts: Verdicts) async throws {
        print("## The Python alternative on the same servers\n")
        let alternative: PythonAlternative
        do {
            alternative = try await PythonAlternative.locate(python: settings.python, directory: directory)
        } catch {
            print("Skipped: \(error)\n")
            verdicts.add(nil, "Python comparison skipped: \(error)")
            return
        }
        var table = BenchTable(header: ["client", "wall s", "requests/target", "CPU s", "peak RSS MB", "failed checks", "ours is faster by"])
        table.add(["cvat-authcheck (concurrency \(settings.concurrency))", ours.format(), String(chain), "", "", "", ""])
        for (mode, workers) in [(PythonAlternative.Mode.sequential, 1), (.pool, settings.concurrency)] {
            var results: [PythonAlternative.Result] = []
            for _ in 0..<settings.runs {
                results.append(try await alternative.run(urls: fleet.urls, mode: mode, workers: workers, password: password, directory: directory).0)
            }
            let wall = Spread(results.map(\.wallSeconds))!
            let speedup = wall.median / ours.median
            table.add([
                mode == .sequential ? "python requests, sequential" : "python requests, ThreadPoolExecutor(\(workers))",
                wall.format(), String(results.map(\.chainLength).max() ?? 0), Spread(results.map(\.cpuSeconds))!.format(),
                Spread(results.map { Double($0.peakRSSKB) / 1024 })!.format(1), String(results.last.map { $0.failures + $0.errors } ?? 0),
                "\(Spread.decimal(speedup, 1))×",
            ])
            if mode == .sequential {
                verdicts.add(speedup >= 5, "vs sequential Python: \(Spread.decimal(speedup, 1))× faster (target ≥ 5×)")
            } else {
                verdicts.add(speedup >= 1, "vs Python ThreadPoolExecutor(\(workers)): \(Spread.decimal(speedup, 2))× (target ≥ 1×, not slower)")
            }
        }
        print(table.render())
        print("")
    }

    // MARK: - Saturation

    func saturation(directory: URL, password: String) async throws {
        let n = settings.saturationTargets
        let c = settings.saturationConcurrency
        let fleet = try await ServerFleet.start(count: n, version: settings.serverVersion, latencyMilliseconds: 0, password: password)
        print("## Saturation: \(n) targets, no injected latency, concurrency \(c)\n")
        let results: [WorkerResult]
        do {
            results = try await ours(urls: fleet.urls, concurrency: c, runs: settings.runs, password: password, directory: directory)
            await fleet.stop()
        } catch {
            await fleet.stop()
            throw error
        }
        var table = BenchTable(header: ["figure", "median (min–max)"])
        table.add(["requests / s (probes only)", Spread(results.map { Double($0.requests) / $0.runSeconds })!.format(0)])
        table.add(["wall, probes only", "\(Spread(results.map(\.runSeconds))!.format()) s"])
        table.add(["JUnit writing", "\(Spread(results.map(\.reportSeconds))!.format()) s"])
        table.add([
            "CPU ms per probe (\(results.first?.probesRun ?? 0) probes incl. version detection)",
            Spread(results.map { $0.runCPUSeconds * 1000 / Double(max(1, $0.probesRun)) })!.format(2),
        ])
        table.add(["CPU ms per request", Spread(results.map { $0.runCPUSeconds * 1000 / Double(max(1, $0.requests)) })!.format(3)])
        table.add(["peak RSS (worker)", "\(Spread(results.map { Self.megabytes($0.peakRSS) })!.format(1)) MB"])
        print(table.render())
        print("\nThe servers run in the bench process and share the machine's cores with the worker, so requests/s is a floor.\n")
    }

    // MARK: - Grid

    func grid(directory: URL, password: String, chainLength: Int?, verdicts: Verdicts) async throws {
        let latencyMS = settings.gridLatency
        let latency = Double(latencyMS) / 1000
        print("## Scaling: targets × concurrency at \(latencyMS) ms\n")
        var table = BenchTable(header: [
            "targets", "concurrency", "wall s", "bound s", "wall / bound", "requests/s", "CPU ms/probe", "peak RSS MB", "RSS before run MB",
            "RSS after probes MB",
        ])
        var chain = chainLength
        var peakByTargets: [Int: Double] = [:]
        for n in settings.gridTargets {
            var fleet: ServerFleet?
            for c in settings.gridConcurrency {
                if let chain {
                    let projected = CriticalPathBound(chainLength: chain, latency: latency, targets: n, concurrency: c).total
                    if projected > settings.maxCellSeconds {
                        table.add([
                            String(n), String(c), "skipped: bound \(Spread.decimal(projected, 1)) s > --max-cell-seconds", "", "", "", "", "", "", "",
                        ])
                        continue
                    }
                }
                // Fresh servers per cell: the emulated anonymous throttle (100/min per client) must never trigger.
                if let old = fleet { await old.stop() }
                let started = try await ServerFleet.start(
                    count: n, version: settings.serverVersion, latencyMilliseconds: latencyMS, password: password)
                fleet = started
                let results: [WorkerResult]
                do {
                    results = try await ours(urls: started.urls, concurrency: c, runs: settings.runs, password: password, directory: directory)
                } catch {
                    await started.stop()
                    throw error
                }
                let measuredChain = results.map(\.chainLength).max() ?? 0
                chain = chain ?? measuredChain
                let bound = CriticalPathBound(chainLength: measuredChain, latency: latency, targets: n, concurrency: c)
                let peak = Spread(results.map { Self.megabytes($0.peakRSS) })!
                peakByTargets[n] = max(peakByTargets[n] ?? 0, peak.max)
                table.add([
                    String(n), String(c), Spread(results.map(\.wallSeconds))!.format(), Spread.decimal(bound.total, 3),
                    Spread(results.compactMap { bound.ratio(wall: $0.wallSeconds) }).map { $0.format(2) } ?? "n/a",
                    Spread(results.map { Double($0.requests) / $0.runSeconds })!.format(0),
                    Spread(results.map { $0.runCPUSeconds * 1000 / Double(max(1, $0.probesRun)) })!.format(2),
                    peak.format(1), Spread(results.map { Self.megabytes($0.baselineRSS) })!.format(1),
                    Spread(results.map { Self.megabytes($0.ranRSS) })!.format(1),
                ])
            }
            if let fleet { await fleet.stop() }
        }
        print(table.render())
        print("")
        if let (n, peak) = peakByTargets.max(by: { $0.key < $1.key }), n >= 500 {
            verdicts.add(
                peak <= 150, "peak RSS with \(n) targets: \(Spread.decimal(peak, 1)) MB at most over the concurrency levels (target ≤ 150 MB)")
        }
    }

    // MARK: - JUnit

    func junit(directory: URL, verdicts: Verdicts) async throws {
        let cases = settings.junitCases
        print("## Report writing: JUnit with \(cases) test cases through libxml2\n")
        var results: [JUnitWorkerResult] = []
        for _ in 0..<settings.runs {
            let output = directory.appendingPathComponent("big-junit.xml")
            let command = Self.workerCommand(["--worker-junit", String(cases), "--worker-output", output.path])
            let (result, _) = try await ChildProcess.json(
                JUnitWorkerResult.self, command.0, command.1, directory: directory)
            results.append(result)
            try? FileManager.default.removeItem(at: output)
        }
        let seconds = Spread(results.map(\.writeSeconds))!
        let peak = Spread(results.map { Self.megabytes($0.peakRSS) })!
        var table = BenchTable(header: ["figure", "median (min–max)"])
        table.add(["render + atomic write", "\(seconds.format()) s"])
        table.add(["file size", "\(Spread.decimal(Self.megabytes(results.last?.bytes ?? 0), 1)) MB"])
        table.add(["peak RSS (worker)", "\(peak.format(1)) MB"])
        table.add(["RSS with the record built, before writing", "\(Spread(results.map { Self.megabytes($0.recordRSS) })!.format(1)) MB"])
        table.add(["RSS of the bare process", "\(Spread(results.map { Self.megabytes($0.baselineRSS) })!.format(1)) MB"])
        print(table.render())
        print("")
        verdicts.add(seconds.median <= 2, "\(cases) JUnit cases written in \(seconds.format()) s (target ≤ 2 s)")
        verdicts.add(peak.median <= 100, "\(cases) JUnit cases: peak RSS \(peak.format(1)) MB (target ≤ 100 MB)")
    }
}
