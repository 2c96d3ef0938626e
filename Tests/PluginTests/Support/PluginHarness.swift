import AuthCheckCore
import AuthCheckHTTP
import AuthCheckMatrices
import AuthCheckPlugins
import AuthCheckProbeIDs
import AuthCheckProbes
import AuthCheckReport
import CVATEmulator
import Foundation
import Testing

/// Writes plugins into a temporary folder and runs them (with or without the built-in probes)
/// against an emulated CVAT over real loopback HTTP.
enum PluginHarness {
    /// A recognisable password: no output may contain it.
    static let password = "Plug1n-Secret-Pa55word-9c2e"
    static let username = "probe"

    /// The bundled profiles.
    static let catalog: ProfileCatalog = ProfileCatalog.load(AuthCheckMatrices.sources, knownProbeIDs: ProbeID.builtIn)

    /// The repository root (for `backends/` and `examples/`).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// A fresh temporary directory.
    static func temporaryDirectory(_ label: String = "plugins") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("authcheck-\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `DIR/NAME/plugin.yaml` and `DIR/NAME/run.sh` (a POSIX shell script) and returns the manifest path.
    @discardableResult
    static func writeShellPlugin(
        in directory: URL, name: String, probe: String, script: String, timeout: Int = 5,
        protocolVersion: Int = 1, phase: String = "analysis", extra: String = ""
    ) throws -> String {
        let folder = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let manifest = """
            name: \(name)
            protocol: \(protocolVersion)
            summary: test plugin \(name)
            command: [sh, run.sh]
            timeout: \(timeout)
            probes:
              - id: \(probe)
                summary: test probe of \(name)
                phase: \(phase)
                needs_credentials: true
            \(extra)
            """
        try manifest.write(to: folder.appendingPathComponent("plugin.yaml"), atomically: true, encoding: .utf8)
        try ("#!/bin/sh\n" + script + "\n").write(to: folder.appendingPathComponent("run.sh"), atomically: true, encoding: .utf8)
        return folder.appendingPathComponent("plugin.yaml").path
    }

    /// A plugin `client` in `directory` whose backend `client` has the prepare step `sh prep.sh` running
    /// `prepareScript`, discovered (no rejection expected) into a ``PluginSet`` whose environment is
    /// `PATH` plus `environment`.
    static func preparingPlugin(
        in directory: URL, manifestExtra: String = "", prepareScript: String, environment: [String: String]
    ) throws
        -> PluginSet
    {
        try writeShellPlugin(
            in: directory, name: "client", probe: "client.run", script: "exit 0",
            extra: """
                prepare: [sh, prep.sh]
                \(manifestExtra)
                backends:
                  - name: client
                    probes: [client.run]
                """)
        try prepareScript.write(to: directory.appendingPathComponent("client/prep.sh"), atomically: true, encoding: .utf8)
        let found = PluginDiscovery.discover(explicit: [directory.path], environment: [:], includeDefaults: false)
        #expect(found.rejected.isEmpty, "\(found.rejected)")
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return PluginSet(plugins: found.plugins, environment: environment.merging(["PATH": path]) { own, _ in own })
    }

    /// How many processes run a command line containing `sleep 300; echo MARKER`.
    static func sleepersRunning(_ marker: String) throws -> Int {
        let ps = Process()
        ps.executableURL = URL(fileURLWithPath: "/bin/sh")
        ps.arguments = ["-c", "ps -eo args | grep -c '[s]leep 300; echo \(marker)' || true"]
        let pipe = Pipe()
        ps.standardOutput = pipe
        try ps.run()
        ps.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// What a harness run produced, with every rendered output for leak checks.
    struct Run {
        var record: RunRecord
        var redactor: Redactor
        var json: String
        var junit: String
        var seconds: Double

        func suite(_ backend: BackendSpec = .native) -> SuiteRecord? { record.suites.first { $0.backend == backend } }
        func outcomes(_ probe: String, backend: BackendSpec = .native) -> [Outcome] { suite(backend)?.outcomes.filter { $0.probe == probe } ?? [] }
        /// Every output a user could see.
        var everything: String { json + "\n" + junit }
    }

    /// Starts an emulator, runs the probes (built-ins when `builtIns`, plus the plugins' native probes)
    /// through the given backends, and stops it.
    static func run(
        plugins: [PluginManifest], backends: [BackendSpec] = [.native], builtIns: Bool = false, version: String = "2.48.0",
        faults: [EmulatorFault] = [], limits: PluginLimits = PluginLimits(killGrace: 0.5), deadline: Double = 120,
        extraEnvironment: [String: String] = [:], privateCATLS: Bool = false
    ) async throws -> Run {
        // With `privateCATLS` the emulator serves https with a leaf of the reliability tier's private test CA,
        // and the target names that CA (`tls: {ca_file: …}`), as a deployment behind a private-CA front does.
        let fixtures = repositoryRoot.appendingPathComponent("Tests/ReliabilityTests/Fixtures/tls")
        let tls =
            privateCATLS
            ? EmulatorTLS(
                certificateChainPath: fixtures.appendingPathComponent("server.pem").path,
                privateKeyPath: fixtures.appendingPathComponent("server.key").path) : nil
        let server = try await EmulatedCVATServer.start(
            EmulatorConfiguration(version: version, password: password, faults: faults, username: username, tls: tls))
        let environment = ["AUTHCHECK_TEST_USER": username, "AUTHCHECK_TEST_PASSWORD": password]
        let reference = CredentialReference(userEnv: "AUTHCHECK_TEST_USER", passwordEnv: "AUTHCHECK_TEST_PASSWORD")
        let target = Target(
            name: "emulator", url: server.baseURL, credentials: reference,
            tls: TLSOptions(caFile: privateCATLS ? fixtures.appendingPathComponent("ca.pem").path : nil))
        // The plugins inherit the test process's environment plus the credential variables, which the
        // runner must strip before it starts them.
        let childEnvironment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(extraEnvironment) { $1 }
        let set = PluginSet(plugins: plugins, limits: limits, environment: childEnvironment)
        let base = builtIns ? BuiltInProbes.registry : ProbeRegistry(probes: [], detector: AboutVersionDetector())
        let registry = base.adding(set.nativeProbes)
        let pool = HTTPClientPool(configuration: HTTPTransportConfiguration(timeout: 5))
        let redactor = Redactor()
        let runner = Runner(
            registry: registry, catalog: catalog, options: RunOptions(requestTimeout: 5, targetDeadline: deadline),
            redactor: redactor, environment: environment,
            makeTransport: { target, options, _ in try pool.transport(for: target, timeout: options.requestTimeout) },
            backends: try set.backends(for: backends),
            analyses: backends.contains { !$0.isNative } ? [PredictionCheck(clients: catalog.clients)] : [])
        let clock = ContinuousClock()
        let start = clock.now
        let record = await runner.run([target])
        let elapsed = clock.now - start
        await pool.shutdown()
        await server.stop()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(record), as: UTF8.self)
        let junit = String(decoding: try JUnitReport.render(record), as: UTF8.self)
        return Run(
            record: record, redactor: redactor, json: json, junit: junit,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
