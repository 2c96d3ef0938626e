import AuthCheckCore
import AuthCheckPlugins
import Foundation
import Testing

/// `pass_environment`: the tool's own `CVAT_AUTHCHECK_*` variables a plugin may inherit are declared in
/// its manifest, checked like every other key, and a credential never passes, declared or not.
@Suite("Plugin environment (pass_environment)")
struct PassEnvironmentTests {
    static let manifest = """
        name: sample
        protocol: 1
        command: [sh, run.sh]
        pass_environment: [CVAT_AUTHCHECK_CACHE, CVAT_AUTHCHECK_SDK_VENV]
        probes:
          - id: sample.env
            summary: reads its environment
        """

    @Test("a manifest lists the variables it inherits; the bundled cvat-sdk backend lists its venv settings")
    func parses() throws {
        let manifest = try PluginManifest.parse(Self.manifest, path: "p/sample/plugin.yaml")
        #expect(manifest.passEnvironment == ["CVAT_AUTHCHECK_CACHE", "CVAT_AUTHCHECK_SDK_VENV"])
        #expect(
            try PluginManifest.parse(
                Self.manifest.replacingOccurrences(of: "pass_environment: [CVAT_AUTHCHECK_CACHE, CVAT_AUTHCHECK_SDK_VENV]\n", with: ""),
                path: "p/sample/plugin.yaml"
            ).passEnvironment.isEmpty)
        let sdk = try PluginManifest.load(path: PluginHarness.repositoryRoot.appendingPathComponent("backends/cvat-sdk/plugin.yaml").path)
        #expect(sdk.passEnvironment == ["CVAT_AUTHCHECK_CACHE", "CVAT_AUTHCHECK_PYTHON", "CVAT_AUTHCHECK_SDK_VENV"])
    }

    /// (what is wrong, replacement of the list, expected fragment)
    static let invalidCases: [(String, String, String)] = [
        ("misspelt key", "pass_enviroment: [CVAT_AUTHCHECK_CACHE]", "4:1: error: unknown key 'pass_enviroment' (did you mean 'pass_environment'?)"),
        ("not a list", "pass_environment: CVAT_AUTHCHECK_CACHE", "4:19: error: 'pass_environment': expected a list of strings"),
        (
            "a credential", "pass_environment: [CVAT_AUTHCHECK_CACHE, CVAT_AUTHCHECK_PASSWORD]",
            "4:42: error: 'pass_environment': 'CVAT_AUTHCHECK_PASSWORD' carries a credential"
        ),
        (
            "a runner variable", "pass_environment: [CVAT_AUTHCHECK_BACKEND]",
            "4:20: error: 'pass_environment': 'CVAT_AUTHCHECK_BACKEND' is set by the runner"
        ),
        (
            "a misspelt prefix", "pass_environment: [CVAT_AUTHCHEK_CACHE]",
            "4:20: error: 'pass_environment': 'CVAT_AUTHCHEK_CACHE' is not one of the tool's CVAT_AUTHCHECK_* variables, and plugins inherit it anyway (did you mean 'CVAT_AUTHCHECK_CACHE'?)"
        ),
        (
            "another variable", "pass_environment: [HOME]",
            "4:20: error: 'pass_environment': 'HOME' is not one of the tool's CVAT_AUTHCHECK_* variables"
        ),
        (
            "not a name", "pass_environment: [\"CVAT_AUTHCHECK_A B\"]",
            "4:20: error: 'pass_environment': 'CVAT_AUTHCHECK_A B' is not an environment variable name"
        ),
        (
            "listed twice", "pass_environment: [CVAT_AUTHCHECK_CACHE, CVAT_AUTHCHECK_CACHE]",
            "4:42: error: 'pass_environment': 'CVAT_AUTHCHECK_CACHE' is listed twice"
        ),
    ]

    @Test("each invalid pass_environment is rejected with file:line:column and what to do", arguments: invalidCases.indices)
    func rejects(_ index: Int) {
        let (what, replacement, fragment) = Self.invalidCases[index]
        let text = Self.manifest.replacingOccurrences(of: "pass_environment: [CVAT_AUTHCHECK_CACHE, CVAT_AUTHCHECK_SDK_VENV]", with: replacement)
        do {
            _ = try PluginManifest.parse(text, path: "plugins/sample/plugin.yaml")
            Issue.record("\(what): accepted")
        } catch {
            #expect(error.description.contains("plugins/sample/plugin.yaml:" + fragment), "\(what): \(error.description)")
        }
    }

    @Test("a probe run inherits only the declared tool variables, and never one that holds a credential")
    func probeRun() async throws {
        let directory = PluginHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("env")
        try PluginHarness.writeShellPlugin(
            in: directory, name: "spy", probe: "spy.env",
            script: """
                printf '{"type":"hello","protocol":1}\\n'
                env > "$SPY_CAPTURE"
                printf '{"type":"outcome","name":"spied","status":"pass","message":"ok"}\\n{"type":"done"}\\n'
                """, extra: "pass_environment: [CVAT_AUTHCHECK_CACHE, CVAT_AUTHCHECK_SDK_VENV]")
        let found = PluginDiscovery.discover(explicit: [directory.path], environment: [:], includeDefaults: false)
        #expect(found.rejected.isEmpty, "\(found.rejected)")
        let run = try await PluginHarness.run(
            plugins: found.plugins,
            extraEnvironment: [
                "SPY_CAPTURE": capture.path, "CVAT_AUTHCHECK_CACHE": "/tmp/authcheck-cache", "CVAT_AUTHCHECK_PYTHON": "python3.99",
                "CVAT_AUTHCHECK_SDK_VENV": PluginHarness.password,
            ])
        #expect(run.outcomes("spy.env").map(\.status) == [.pass])
        let lines = try String(contentsOf: capture, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.contains("CVAT_AUTHCHECK_CACHE=/tmp/authcheck-cache"))
        #expect(!lines.contains { $0.hasPrefix("CVAT_AUTHCHECK_PYTHON=") }, "not declared")
        #expect(!lines.contains { $0.hasPrefix("CVAT_AUTHCHECK_SDK_VENV=") }, "declared, but it holds the password")
        #expect(lines.filter { $0.contains(PluginHarness.password) } == ["CVAT_AUTHCHECK_PASSWORD=\(PluginHarness.password)"])
    }

    @Test("the prepare step inherits the declared tool variables and no credential: neither a target's credential variable nor a copy of its value")
    func prepareStep() async throws {
        let directory = PluginHarness.temporaryDirectory("prepare-env")
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("prepared.log")
        let set = try PluginHarness.preparingPlugin(
            in: directory, manifestExtra: "pass_environment: [CVAT_AUTHCHECK_CACHE]",
            prepareScript: """
                echo "${CVAT_AUTHCHECK_CACHE:-none} ${CVAT_AUTHCHECK_PYTHON:-none} ${CVAT_AUTHCHECK_PASSWORD:-none} ${CVAT_PASSWORD:-none} ${PASSWORD_COPY:-none} ${HOME_SHARED:-none}" >> "\(log.path)"
                """,
            environment: [
                "CVAT_AUTHCHECK_CACHE": "/tmp/authcheck-cache", "CVAT_AUTHCHECK_PYTHON": "python3.99",
                "CVAT_AUTHCHECK_PASSWORD": "must-not-be-passed",
                "CVAT_PASSWORD": "target-secret", "PASSWORD_COPY": "target-secret", "HOME_SHARED": "kept",
            ])
        let problems = await set.prepare(try set.backends(for: [BackendSpec(parsing: "client@1.0.0")]), withholding: ["CVAT_PASSWORD"])
        #expect(problems.isEmpty)
        #expect(try String(contentsOf: log, encoding: .utf8) == "/tmp/authcheck-cache none none none none kept\n")
    }
}
