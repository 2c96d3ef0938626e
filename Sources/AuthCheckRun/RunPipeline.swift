import AuthCheckCore
import AuthCheckHTTP
import AuthCheckPlugins
import AuthCheckProbeIDs
import AuthCheckProbes
import AuthCheckReport
import Foundation
import Logging
import Synchronization

/// One run of the checker, the way every front end does it (`cvat-authcheck run`, `demo` and the
/// benchmark's worker): prepare the plugin backends, build one HTTP client pool with a retrying
/// transport per target, run the built-in probes (and the plugins' native probes) through the
/// ``Runner`` with the prediction check when a client backend is present, spool finished suites so
/// memory stays flat in the number of targets, turn SIGINT/SIGTERM into cancellation (unfinished
/// probes become `error` "interrupted" and reports are still written), and shut everything down.
public struct RunPipeline: Sendable {
    /// What one run produced.
    public struct Result {
        /// The slimmed record: verdicts without exchanges when the suites were spooled.
        public var record: RunRecord
        /// Where the complete suites are (the spool, or the record itself).
        public var suites: SuiteStore
        /// Probes planned per target and backend, version detection not included.
        public var plannedProbes: Int
    }

    public var catalog: ProfileCatalog
    public var options: RunOptions
    public var redactor: Redactor
    public var environment: [String: String]
    /// Where the run logs (the runner, and each request at debug level); default: nowhere.
    public var logger: Logger
    /// External plugins: their native probes join the built-in ones (in phase order); `nil` for none.
    public var plugins: PluginSet?
    /// The client stacks each target is checked through (one suite per target × backend).
    public var backends: [Backend]
    /// Wraps each target's transport below the retries (the benchmark counts requests this way).
    public var wrapTransport: (@Sendable (any HTTPTransport, Target) -> any HTTPTransport)?
    /// Keep complete suites in a temporary spool (the default) instead of in memory.
    public var spoolsSuites: Bool
    /// Turn SIGINT and SIGTERM into cancellation while the run lasts.
    public var handlesSignals: Bool
    /// Receives the pipeline's own notices, one line each: backend preparation, warnings, signals.
    public var notice: @Sendable (String) -> Void
    /// Told when the run, each suite and each probe starts and when each suite is done (progress displays).
    public var observer: RunObserver?

    public init(
        catalog: ProfileCatalog, options: RunOptions, redactor: Redactor, environment: [String: String],
        logger: Logger = Logger(label: "cvat-authcheck", factory: { _ in SwiftLogNoOpLogHandler() }), plugins: PluginSet? = nil,
        backends: [Backend] = [.native],
        wrapTransport: (@Sendable (any HTTPTransport, Target) -> any HTTPTransport)? = nil,
        spoolsSuites: Bool = true, handlesSignals: Bool = true,
        notice: @escaping @Sendable (String) -> Void = RunPipeline.standardErrorNotice, observer: RunObserver? = nil
    ) {
        self.catalog = catalog
        self.options = options
        self.redactor = redactor
        self.environment = environment
        self.logger = logger
        self.plugins = plugins
        self.backends = backends
        self.wrapTransport = wrapTransport
        self.spoolsSuites = spoolsSuites
        self.handlesSignals = handlesSignals
        self.notice = notice
        self.observer = observer
    }

    /// Writes `cvat-authcheck: LINE` to standard error.
    public static let standardErrorNotice: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data("cvat-authcheck: \(line)\n".utf8))
    }

    /// The probes of this run: the built-in registry plus the plugins' native probes.
    public var registry: ProbeRegistry { Self.registry(plugins: plugins) }

    private static func registry(plugins: PluginSet?) -> ProbeRegistry {
        plugins.map { BuiltInProbes.registry.adding($0.nativeProbes) } ?? BuiltInProbes.registry
    }

    /// Every id `--probe`/`--skip-probe` may name in this run: the probes, the version detector's
    /// ids, and the prediction check's.
    public var selectableProbeIDs: Set<String> { Self.selectableProbeIDs(plugins: plugins) }

    /// The ids `--probe`/`--skip-probe` may name with `plugins` (`nil`: the built-in probes only).
    public static func selectableProbeIDs(plugins: PluginSet?) -> Set<String> {
        registry(plugins: plugins).knownIDs.union(ProbeID.reserved)
    }

    /// Checks `targets` and returns the record and the complete suites.
    public func run(_ targets: [Target]) async -> Result {
        if let plugins {
            let withheld = Set(targets.flatMap(\.credentials.environmentVariables))
            let problems = await plugins.prepare(backends, withholding: withheld, progress: notice)
            for problem in problems { notice("warning: \(redactor.redact(problem))") }
        }
        var spool: SuiteSpool?
        if spoolsSuites {
            do {
                spool = try SuiteSpool()
            } catch {
                notice("warning: \(error); keeping every suite in memory")
            }
        }
        let pool = HTTPClientPool(
            configuration: HTTPTransportConfiguration(
                timeout: options.requestTimeout, userAgent: "cvat-authcheck/\(options.toolVersion)"))
        let wrap = wrapTransport
        // Each request is logged (request line, status, time) only when someone listens at debug level.
        let requestLogger: Logger? = logger.logLevel <= .debug ? logger : nil
        let redactor = redactor
        let runner = Runner(
            registry: registry, catalog: catalog, options: options, redactor: redactor, environment: environment,
            makeTransport: { target, options, _ in
                var transport: any HTTPTransport = try pool.transport(for: target, timeout: options.requestTimeout)
                if let wrap { transport = wrap(transport, target) }
                if var targetLogger = requestLogger {
                    targetLogger[metadataKey: "target"] = "\(target.name)"
                    transport = LoggingTransport(inner: transport, logger: targetLogger, redactor: redactor, baseURL: target.url)
                }
                return RetryingTransport(inner: transport, retries: options.transportRetries)
            },
            logger: logger, sink: spool, backends: backends,
            analyses: backends.contains { !$0.spec.isNative } ? [PredictionCheck(clients: catalog.clients)] : [], observer: observer)
        // The signals are caught before the first request: a signal that comes before the run's task
        // exists cancels it the moment it does.
        let cancellation = RunCancellation()
        var signals: InterruptSignals?
        if handlesSignals {
            signals = InterruptSignals { [notice] signal in
                notice("received \(signal == SIGINT ? "SIGINT" : "SIGTERM"); finishing with interrupted outcomes")
                cancellation.cancel()
            }
        }
        let task = Task { await runner.run(targets) }
        cancellation.attach(task)
        let record = await task.value
        signals?.cancel()
        await pool.shutdown()
        return Result(record: record, suites: spool?.suites(for: record) ?? .inMemory(record), plannedProbes: runner.plannedProbes.count)
    }
}

/// Cancels the run's task, also when asked before the task exists.
final class RunCancellation: Sendable {
    private let state = Mutex<(cancelled: Bool, task: Task<RunRecord, Never>?)>((false, nil))

    /// Cancels the task now, or as soon as it is attached.
    func cancel() {
        state.withLock { state in
            state.cancelled = true
            return state.task
        }?.cancel()
    }

    /// The task to cancel; cancelled at once when a cancellation came first.
    func attach(_ task: Task<RunRecord, Never>) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() }
    }
}
