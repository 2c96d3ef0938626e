import AuthCheckCore
import AuthCheckHTTP
import AuthCheckMatrices
import AuthCheckProbes
import AuthCheckReport
import Foundation
import Logging
import Testing

/// Runs the real pipeline — Runner, built-in probes, AsyncHTTPClient transport with retries — the
/// way the CLI does, and renders and validates the JUnit report.
enum Harness {
    /// The bundled profiles.
    static let catalog: ProfileCatalog = ProfileCatalog.load(AuthCheckMatrices.sources, knownProbeIDs: BuiltInProbes.registry.knownIDs)

    /// A path inside the committed fixtures.
    static func fixture(_ relative: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(relative).path
    }

    /// Options for hostile-server cases: short timeouts, the CLI's retry default.
    static func options(timeout: Double = 1.5, deadline: Double = 6, retries: Int = 1, concurrency: Int = 8) -> RunOptions {
        RunOptions(concurrency: concurrency, requestTimeout: timeout, targetDeadline: deadline, transportRetries: retries)
    }

    /// Runs `targets` through the Runner with the built-in probes and the AHC transport.
    static func run(
        _ targets: [Target], options: RunOptions, environment: [String: String] = [:], redactor: Redactor = Redactor(),
        registry: ProbeRegistry = BuiltInProbes.registry, configuration: HTTPTransportConfiguration = HTTPTransportConfiguration(),
        wrap: (@Sendable (Target, any HTTPTransport) -> any HTTPTransport)? = nil,
        logger: Logger = Logger(label: "reliability", factory: { _ in SwiftLogNoOpLogHandler() }),
        journal: (any SuiteSink)? = nil
    ) async -> RunRecord {
        var configuration = configuration
        configuration.timeout = options.requestTimeout
        let pool = HTTPClientPool(configuration: configuration)
        let runner = Runner(
            registry: registry, catalog: catalog, options: options, redactor: redactor, environment: environment,
            makeTransport: { target, options, _ in
                let transport = RetryingTransport(
                    inner: try pool.transport(for: target, timeout: options.requestTimeout), retries: options.transportRetries)
                return wrap?(target, transport) ?? transport
            }, logger: logger, sink: journal)
        let record = await runner.run(targets)
        await pool.shutdown()
        return record
    }

    /// Renders the JUnit report and validates it against the project schema; returns the bytes.
    static func junit(_ record: RunRecord) throws -> [UInt8] {
        let xml = try JUnitReport.render(record)
        try JUnitReport.validate(xml, file: "report.xml")
        return xml
    }

    /// The outcome of `probe` in the only suite of `record`.
    static func outcome(_ probe: String, in record: RunRecord) -> Outcome? {
        record.suites.first?.outcomes.first { $0.probe == probe }
    }
}

/// Seconds elapsed while running `body`.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    let elapsed = clock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
