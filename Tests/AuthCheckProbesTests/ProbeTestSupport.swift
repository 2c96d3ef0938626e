import AuthCheckCore
import AuthCheckHTTP
import AuthCheckMatrices
import AuthCheckProbeIDs
import AuthCheckProbes
import CVATEmulator
import EmulatorTestSupport
import Foundation

/// Runs the built-in probes against an emulated CVAT over real loopback HTTP (AsyncHTTPClient transport).
enum ProbeHarness {
    /// A recognisable password: no output may contain it.
    static let password = "Pr0be-Secret-Pa55word-7f3a"
    static let username = "probe"
    static let email = "probe@example.com"

    /// The bundled profiles.
    static let catalog: ProfileCatalog = ProfileCatalog.load(AuthCheckMatrices.sources, knownProbeIDs: ProbeID.builtIn)

    struct Run {
        var suite: SuiteRecord
        var redactor: Redactor
        var json: String

        func outcomes(_ probe: String) -> [Outcome] { suite.outcomes.filter { $0.probe == probe } }
        func outcome(_ probe: String, _ name: String) -> Outcome? { suite.outcomes.first { $0.probe == probe && $0.name == name } }
        /// (probe, status, cause) for every non-passing outcome, sorted.
        var deviations: [String] {
            suite.outcomes.filter { $0.status != .pass }.map { "\($0.probe) \($0.status.rawValue) \($0.cause ?? "-")" }.sorted()
        }
    }

    /// Starts an emulator, runs every built-in probe against it and stops it.
    static func run(
        version: String, faults: [EmulatorFault] = [], email: Bool = false, accessToken: String? = nil,
        probes: [String] = [], configure: (inout EmulatorConfiguration) -> Void = { _ in }
    ) async throws -> Run {
        // Faults that need TLS (tls-no-forwarded-proto) get the tests' private CA, trusted by the target.
        let ca = faults.contains(where: \.needsTLS) ? try TestCertificateAuthority.shared() : nil
        var configuration = EmulatorConfiguration(
            version: version, password: password, faults: faults, username: username, email: Self.email,
            tls: ca?.emulatorTLS)
        configure(&configuration)
        let server = try await EmulatedCVATServer.start(configuration)
        var environment = ["AUTHCHECK_TEST_USER": username, "AUTHCHECK_TEST_PASSWORD": password]
        var reference = CredentialReference(userEnv: "AUTHCHECK_TEST_USER", passwordEnv: "AUTHCHECK_TEST_PASSWORD")
        if email {
            environment["AUTHCHECK_TEST_EMAIL"] = Self.email
            reference.emailEnv = "AUTHCHECK_TEST_EMAIL"
        }
        if let accessToken {
            environment["AUTHCHECK_TEST_PAT"] = accessToken
            reference.accessTokenEnv = "AUTHCHECK_TEST_PAT"
        }
        let target = Target(name: "emulator", url: server.baseURL, credentials: reference, tls: TLSOptions(caFile: ca?.caPath))
        let redactor = Redactor()
        let record = await check(target, environment: environment, probes: probes, redactor: redactor)
        await server.stop()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(record), as: UTF8.self)
        return Run(suite: record.suites[0], redactor: redactor, json: json)
    }

    /// Checks `target` with every built-in probe (or only `probes`) over the AsyncHTTPClient transport,
    /// as the CLI does, with a 5 s request timeout and a 60 s target deadline.
    static func check(
        _ target: Target, environment: [String: String], probes: [String] = [], redactor: Redactor = Redactor()
    ) async
        -> RunRecord
    {
        let pool = HTTPClientPool(configuration: HTTPTransportConfiguration(timeout: 5))
        let runner = Runner(
            registry: BuiltInProbes.registry, catalog: catalog, options: RunOptions(requestTimeout: 5, targetDeadline: 60, onlyProbes: probes),
            redactor: redactor, environment: environment,
            makeTransport: { target, options, _ in try pool.transport(for: target, timeout: options.requestTimeout) })
        let record = await runner.run([target])
        await pool.shutdown()
        return record
    }
}
