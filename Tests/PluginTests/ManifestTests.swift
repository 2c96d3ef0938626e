import AuthCheckCore
import AuthCheckPlugins
import AuthCheckProbeIDs
import Foundation
import Testing

@Suite("Plugin manifests and discovery")
struct ManifestTests {
    static let valid = """
        name: sample
        protocol: 1
        summary: a sample
        command: [python3, driver.py]
        timeout: 30
        servers: ">=2.48.0"
        probes:
          - id: sample.native
            summary: runs in the native suite
            phase: login
            needs_credentials: false
          - id: sample.backend
            summary: runs in backend suites
        backends:
          - name: sample-client
            versions: ">=1.0.0 <2.0.0"
            probes: [sample.backend]
        """

    @Test("a valid manifest parses with its probes, phases and backends")
    func valid() throws {
        let manifest = try PluginManifest.parse(Self.valid, path: "/p/sample/plugin.yaml")
        #expect(manifest.name == "sample")
        #expect(manifest.command == ["python3", "driver.py"])
        #expect(manifest.directory == "/p/sample")
        #expect(manifest.timeout == 30)
        #expect(manifest.servers?.contains(CVATVersion(2, 48, 0)) == true)
        #expect(manifest.servers?.contains(CVATVersion(2, 47, 0)) == false)
        #expect(manifest.probes.map(\.descriptor.phase) == [.login, .analysis])
        #expect(manifest.probes[0].descriptor.needsCredentials == false)
        #expect(manifest.nativeProbes.map(\.descriptor.id) == ["sample.native"])
        #expect(manifest.offer(for: try BackendSpec(parsing: "sample-client@1.2.3"))?.probes == ["sample.backend"])
        #expect(manifest.offer(for: try BackendSpec(parsing: "sample-client@2.0.0")) == nil)
    }

    /// (what is wrong, replacement applied to the valid text, expected "line: message" fragment)
    static let invalidCases: [(String, String, String, String)] = [
        ("unknown key", "timeout: 30", "timeuot: 30", "5:1: error: unknown key 'timeuot' (did you mean 'timeout'?)"),
        ("other protocol", "protocol: 1", "protocol: 2", "2:11: error: protocol 2 is not supported; this runner speaks protocol 1"),
        ("protocol not a number", "protocol: 1", "protocol: one", "2:11: error: 'protocol': expected an integer"),
        ("missing command", "command: [python3, driver.py]\n", "", "missing required key 'command'"),
        ("empty command", "command: [python3, driver.py]", "command: []", "4:10: error: 'command' must name a program"),
        ("bad phase", "phase: login", "phase: logn", "error: 'probes[0].phase': expected one of"),
        ("bad probe id", "id: sample.native", "id: Sample", "8:9: error: probe id 'Sample' must be dotted lower-case words"),
        ("duplicate probe id", "id: sample.backend", "id: sample.native", "12:9: error: probe id 'sample.native' is declared twice"),
        (
            "backend lists an unknown probe", "probes: [sample.backend]", "probes: [sample.backnd]",
            "17:14: error: backend 'sample-client' lists probe 'sample.backnd', which 'probes:' does not declare (did you mean 'sample.backend'?)"
        ),
        ("bad range", "versions: \">=1.0.0 <2.0.0\"", "versions: \">=1.0 <<2\"", "16:15: error:"),
        ("backend named native", "name: sample-client", "name: native", "15:11: error: backend name 'native' is not allowed"),
        ("timeout out of range", "timeout: 30", "timeout: 0", "5:10: error: 'timeout' must be between 1 and 3600 seconds"),
        ("not YAML", "probes:\n", "probes: [\n", "error: invalid YAML"),
    ]

    @Test("each kind of invalid manifest is rejected with file:line:column and what was expected", arguments: invalidCases.indices)
    func rejects(_ index: Int) {
        let (what, old, new, fragment) = Self.invalidCases[index]
        #expect(Self.valid.contains(old), "fixture for \(what)")
        let text = Self.valid.replacingOccurrences(of: old, with: new)
        do {
            _ = try PluginManifest.parse(text, path: "plugins/sample/plugin.yaml")
            Issue.record("\(what): accepted")
        } catch {
            #expect(error.description.contains("plugins/sample/plugin.yaml:"), "\(what): \(error.description)")
            #expect(error.description.contains(fragment), "\(what): \(error.description)")
        }
    }

    @Test("discovery: explicit dirs first, nested plugins, rejections with reasons, shadowing, reserved ids")
    func discovery() throws {
        let first = PluginHarness.temporaryDirectory("first")
        let second = PluginHarness.temporaryDirectory("second")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try PluginHarness.writeShellPlugin(in: first, name: "alpha", probe: "alpha.one", script: "exit 0")
        try PluginHarness.writeShellPlugin(in: first, name: "broken", probe: "broken.one", script: "exit 0", protocolVersion: 7)
        try PluginHarness.writeShellPlugin(in: first, name: "thief", probe: "login.password", script: "exit 0")
        try PluginHarness.writeShellPlugin(in: second, name: "alpha", probe: "alpha.two", script: "exit 0")
        // A directory that is itself a plugin.
        let single = second.appendingPathComponent("beta")
        try PluginHarness.writeShellPlugin(in: second, name: "beta", probe: "beta.one", script: "exit 0")
        let missing = first.appendingPathComponent("does-not-exist").path
        let userPath = PluginHarness.temporaryDirectory("env")
        defer { try? FileManager.default.removeItem(at: userPath) }
        try PluginHarness.writeShellPlugin(in: userPath, name: "gamma", probe: "gamma.one", script: "exit 0")

        let found = PluginDiscovery.discover(
            explicit: [first.path, single.path, second.path, missing], explicitOrigin: "--plugin-dir",
            environment: [PluginDiscovery.pathVariable: userPath.path, "HOME": "/nonexistent"],
            reservedProbeIDs: ["login.password"], bundled: nil)
        #expect(found.plugins.map(\.name) == ["alpha", "beta", "gamma"])
        #expect(found.shadowed.map(\.name) == ["alpha"])
        let reasons = found.rejected.flatMap(\.errors).map(\.description)
        #expect(reasons.contains { $0.contains("broken/plugin.yaml:2:11: error: protocol 7 is not supported") }, "\(reasons)")
        #expect(
            reasons.contains { $0.contains("thief/plugin.yaml:7:5: error: probe id 'login.password' is already used by a built-in probe") },
            "\(reasons)")
        #expect(reasons.contains { $0.contains("does-not-exist: error: --plugin-dir: no such directory") }, "\(reasons)")
        #expect(
            found.directories.map(\.origin).prefix(5) == [
                "--plugin-dir", "--plugin-dir", "--plugin-dir", "--plugin-dir", "$CVAT_AUTHCHECK_PLUGIN_PATH",
            ])
        #expect(found.errors != nil)
    }

    @Test("the bundled cvat-sdk backend and the example plugin have valid manifests")
    func bundled() throws {
        let root = PluginHarness.repositoryRoot
        let found = PluginDiscovery.discover(
            explicit: [root.appendingPathComponent("examples/plugins").path], environment: [:], reservedProbeIDs: ProbeID.builtIn,
            bundled: .checkout(root.path))
        #expect(found.rejected.isEmpty, "\(found.rejected)")
        #expect(Set(found.plugins.map(\.name)) == ["cvat-sdk", "example-basic-auth"])
        let set = PluginSet(plugins: found.plugins)
        let backend = try set.backend(for: BackendSpec(parsing: "cvat-sdk@2.24.0"))
        #expect(backend.id == "cvat-sdk@2.24.0")
        #expect(backend.probes?.map(\.descriptor.id) == ["sdk.session"])
        #expect(set.nativeProbes.map(\.descriptor.id) == ["example.basic-self"])
        #expect(throws: BackendSpecError.self) { try set.backend(for: BackendSpec(parsing: "cvat-sdk@2.10.0")) }
        #expect(throws: BackendSpecError.self) { try set.backend(for: BackendSpec(parsing: "cvat-cli@2.48.0")) }
    }

    @Test("backend specs parse as native or NAME@X.Y.Z")
    func backendSpecs() throws {
        #expect(try BackendSpec(parsing: "native") == .native)
        #expect(try BackendSpec(parsing: "cvat-sdk@2.24.0").description == "cvat-sdk@2.24.0")
        for bad in ["cvat-sdk", "cvat-sdk@", "cvat-sdk@2.24", "@2.24.0", "cvat sdk@2.24.0", "cvat-sdk@two"] {
            #expect(throws: BackendSpecError.self, "\(bad)") { try BackendSpec(parsing: bad) }
        }
    }
}

@Suite("Backend preparation")
struct PreparationTests {
    @Test("prepare runs once per requested backend version, outside the probes, and failures are reported")
    func prepare() async throws {
        let directory = PluginHarness.temporaryDirectory("prepare")
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("prepared.log")
        let set = try PluginHarness.preparingPlugin(
            in: directory,
            prepareScript: """
                echo "$1 $CVAT_AUTHCHECK_BACKEND ${CVAT_AUTHCHECK_PASSWORD:-no-secret}" >> "\(log.path)"
                [ "$1" != "9.9.9" ] || { echo "cannot install 9.9.9" >&2; exit 4; }
                """,
            environment: ["CVAT_AUTHCHECK_PASSWORD": "must-not-be-passed"])
        let specs = try ["native", "client@1.0.0", "client@1.0.0", "client@9.9.9"].map { try BackendSpec(parsing: $0) }
        let backends = try set.backends(for: specs)
        let problems = await set.prepare(backends, withholding: [])
        #expect(problems == ["client@9.9.9: prepare exited with status 4: cannot install 9.9.9"])
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines == ["1.0.0 client@1.0.0 no-secret", "9.9.9 client@9.9.9 no-secret"])
    }
}
