import AuthCheckCore
import AuthCheckReport
import AuthCheckRun
import Foundation
import Logging

/// What the parent asks one worker process to check (written as JSON; the password travels in the
/// environment, never in the file).
struct WorkerSpec: Codable, Hashable, Sendable {
    var urls: [String]
    var concurrency: Int
    var timeout: Double = 30
    var deadline: Double = 600
    /// Where the JUnit report goes; `nil`: no report.
    var junitPath: String?
    /// Record method and path of every request of the first target.
    var trace = false
    /// Diagnostic: keep complete suites in memory instead of spooling them as `run` does.
    var inMemorySuites = false
}

/// What one worker process measured about itself.
struct WorkerResult: Codable, Hashable, Sendable {
    /// Seconds from the first request to the report on disk.
    var wallSeconds: Double
    /// Seconds spent in the runner (probes only).
    var runSeconds: Double
    /// Seconds rendering and writing the JUnit file.
    var reportSeconds: Double
    /// RSS when the probes were done, before the report was written (bytes).
    var ranRSS: Int
    var targets: Int
    /// Wire requests (every attempt) over all targets.
    var requests: Int
    /// The most requests one target sent: the critical chain.
    var chainLength: Int
    /// Probes run: targets × (selected probes + version detection).
    var probesRun: Int
    /// Outcome counts by status (`pass`, `fail`, `error`, `skipped`).
    var statuses: [String: Int]
    /// CPU seconds (user + system) of the whole process at the end.
    var cpuSeconds: Double
    /// CPU seconds spent between the first request and the report on disk.
    var runCPUSeconds: Double
    /// Peak RSS of the process (bytes).
    var peakRSS: Int
    /// RSS just before the run started (bytes): the process with its catalog loaded.
    var baselineRSS: Int
    var trace: [String]?
}

/// What the JUnit-writing worker measured.
struct JUnitWorkerResult: Codable, Hashable, Sendable {
    var cases: Int
    /// Seconds to render the record as JUnit through libxml2 and write the file atomically.
    var writeSeconds: Double
    var bytes: Int
    /// Peak RSS of the process (bytes), including the record held in memory.
    var peakRSS: Int
    /// RSS with the record built, before writing (bytes).
    var recordRSS: Int
    /// RSS of the bare process, before the record was built (bytes).
    var baselineRSS: Int
}

/// The child side of `bench`: runs in its own process so its CPU time and memory are its own, not
/// the emulated servers'.
enum BenchWorker {
    static let passwordVariable = "CVAT_AUTHCHECK_BENCH_PASSWORD"
    static let emailVariable = "CVAT_AUTHCHECK_BENCH_EMAIL"
    static let user = "probe"
    static let email = "probe@example.com"

    /// Checks the spec's URLs with the built-in probes through the same ``RunPipeline`` as
    /// `cvat-authcheck run` (client pool, retrying transport, suite spool), counting requests per
    /// target below the retries, then writes JUnit streamed from the spool, as `run` does.
    static func run(_ spec: WorkerSpec) async throws -> WorkerResult {
        let catalog = try ProfileCatalogLoader.usable()
        let targets = spec.urls.enumerated().map { index, url in
            Target(
                name: "bench-\(index)", url: URL(string: url)!,
                credentials: CredentialReference(user: user, passwordEnv: passwordVariable, emailEnv: emailVariable), tags: ["bench"])
        }
        let options = RunOptions(
            concurrency: spec.concurrency, requestTimeout: spec.timeout, targetDeadline: spec.deadline,
            transportRetries: 1, toolVersion: ToolVersion.current)
        var logger = Logger(label: "cvat-authcheck")
        logger.logLevel = .warning
        let counter = RequestCounter(traceTarget: spec.trace ? targets.first?.name : nil)
        let pipeline = RunPipeline(
            catalog: catalog, options: options, redactor: Redactor(), environment: ProcessInfo.processInfo.environment, logger: logger,
            wrapTransport: { transport, target in CountingTransport(inner: transport, target: target.name, counter: counter) },
            spoolsSuites: !spec.inMemorySuites, handlesSignals: false)

        let before = ProcessResources.sample()
        let clock = ContinuousClock()
        let start = clock.now
        let result = await pipeline.run(targets)
        let ran = clock.now
        let ranRSS = ProcessResources.sample().currentRSS
        if let path = spec.junitPath {
            _ = try ReportRequest(junit: path).write(result.record, suites: result.suites)
        }
        let end = clock.now
        let after = ProcessResources.sample()

        let counts = counter.perTarget
        return WorkerResult(
            wallSeconds: BenchClock.seconds(end - start), runSeconds: BenchClock.seconds(ran - start), reportSeconds: BenchClock.seconds(end - ran),
            ranRSS: ranRSS, targets: targets.count, requests: counts.values.reduce(0, +), chainLength: counts.values.max() ?? 0,
            probesRun: targets.count * (result.plannedProbes + 1),
            statuses: Dictionary(result.record.counts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +),
            cpuSeconds: after.cpuSeconds, runCPUSeconds: after.cpuSeconds - before.cpuSeconds,
            peakRSS: after.peakRSS, baselineRSS: before.currentRSS,
            trace: spec.trace ? counter.trace : nil)
    }

    /// Builds a record of `cases` test cases and writes it as JUnit through the CLI's report path.
    static func junit(cases: Int, path: String) throws -> JUnitWorkerResult {
        let baseline = ProcessResources.sample()
        let record = SyntheticRecord.make(cases: cases)
        let built = ProcessResources.sample()
        let clock = ContinuousClock()
        let start = clock.now
        _ = try ReportRequest(junit: path).write(record)
        let seconds = BenchClock.seconds(clock.now - start)
        let after = ProcessResources.sample()
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        return JUnitWorkerResult(
            cases: record.outcomes.count, writeSeconds: seconds, bytes: bytes, peakRSS: after.peakRSS,
            recordRSS: built.currentRSS, baselineRSS: baseline.currentRSS)
    }
}
