import AuthCheckCore
import AuthCheckPlugins
import AuthCheckHTTP
import AuthCheckProbes
import AuthCheckReport
import Dispatch
import Foundation
import Logging

/// Runs targets through the built-in probes with the AsyncHTTPClient transport, shared by `run` and
/// `demo`: builds the client pool, turns SIGINT/SIGTERM into cancellation (so unfinished probes
/// become `error` "interrupted" and reports are still written) and shuts everything down. Finished
/// suites go to a ``SuiteSpool`` as their targets complete, so the record in memory holds verdicts
/// only and memory stays flat in the number of targets; reports read the complete suites back.
struct RunExecution {
    var catalog: ProfileCatalog
    var options: RunOptions
    var redactor: Redactor
    var environment: [String: String]
    var logger: Logger
    /// External plugins: their native probes join the built-in ones (in phase order).
    var plugins: PluginSet? = nil
    /// The client stacks each target is checked through (one suite per target × backend).
    var backends: [Backend] = [.native]

    /// The slimmed record (verdicts, no exchanges) and where the complete suites are.
    struct Result {
        var record: RunRecord
        var suites: SuiteStore
    }

    func run(_ targets: [Target]) async -> Result {
        if let plugins {
            let withheld = Set(targets.flatMap(\.credentials.environmentVariables))
            let problems = await plugins.prepare(backends, withholding: withheld) { line in
                FileHandle.standardError.write(Data("cvat-authcheck: \(line)\n".utf8))
            }
            for problem in problems {
                FileHandle.standardError.write(Data("cvat-authcheck: warning: \(redactor.redact(problem))\n".utf8))
            }
        }
        let spool: SuiteSpool?
        do {
            spool = try SuiteSpool()
        } catch {
            FileHandle.standardError.write(Data("cvat-authcheck: warning: \(error); keeping every suite in memory\n".utf8))
            spool = nil
        }
        let pool = HTTPClientPool(configuration: HTTPTransportConfiguration(
            timeout: options.requestTimeout, userAgent: "cvat-authcheck/\(CVATAuthCheck.version)"))
        let runner = Runner(
            registry: plugins.map { BuiltInProbes.registry.adding($0.nativeProbes) } ?? BuiltInProbes.registry, catalog: catalog, options: options, redactor: redactor, environment: environment,
            makeTransport: { target, options, _ in
                let transport = try pool.transport(for: target, timeout: options.requestTimeout)
                return RetryingTransport(inner: transport, retries: options.transportRetries)
            },
            logger: logger, sink: spool, backends: backends,
            analyses: backends.contains { !$0.spec.isNative } ? [PredictionCheck(clients: catalog.clients)] : [])
        let task = Task { await runner.run(targets) }
        let signals = InterruptSignals { signal in
            FileHandle.standardError.write(Data("cvat-authcheck: received \(signal == SIGINT ? "SIGINT" : "SIGTERM"); finishing with interrupted outcomes\n".utf8))
            task.cancel()
        }
        let record = await task.value
        signals.cancel()
        await pool.shutdown()
        return Result(record: record, suites: spool?.suites(for: record) ?? .inMemory(record))
    }
}

/// Turns SIGINT and SIGTERM into a callback (once each), instead of killing the process.
final class InterruptSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
