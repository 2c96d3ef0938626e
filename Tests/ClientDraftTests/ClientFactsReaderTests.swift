import AuthCheckCore
import AuthCheckPlugins
import AuthCheckRun
import Foundation
import Testing

/// The reader's wiring and errors, against a fake bundled folder: a `scripts/sdk-venv.sh` that records its
/// arguments and answers like pip, and a "venv python" that is a shell script printing what a test needs.
@Suite("ClientFactsReader")
struct ClientFactsReaderTests {
    static let factsJSON = """
        {"client": "cvat-cli", "version": "2.48.0", "facts": {"about_fields": ["name"], "version_window": 1}, \
        "evidence": {"about_fields": "cvat_sdk/api_client/model/about.py:182"}, "underived": {"password.sends_origin": "why"}}
        """

    /// A fake checkout: `backends/cvat-sdk/describe_client.py` and `scripts/sdk-venv.sh` (body given),
    /// and `venv/bin/python` (body given); returns the backends.
    static func fakeCheckout(_ root: URL, venvScript: String, python: String) throws -> BundledBackends {
        let manager = FileManager.default
        for folder in ["backends/cvat-sdk", "scripts", "venv/bin"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "# not run: the fake python ignores it\n".write(
            to: root.appendingPathComponent("backends/cvat-sdk/describe_client.py"), atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho \"$@\" > \"\(root.path)/venv-arguments\"\n\(venvScript)\n".write(
            to: root.appendingPathComponent("scripts/sdk-venv.sh"), atomically: true, encoding: .utf8)
        let pythonPath = root.appendingPathComponent("venv/bin/python")
        try "#!/bin/sh\necho \"$@\" > \"\(root.path)/describe-arguments\"\n\(python)\n".write(to: pythonPath, atomically: true, encoding: .utf8)
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: pythonPath.path)
        return BundledBackends.checkout(root.path, origin: "the test's backends/")
    }

    static func withCheckout<T>(venvScript: String? = nil, python: String, _ body: (URL, BundledBackends) async throws -> T) async throws -> T {
        let root = try DraftTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let backends = try fakeCheckout(root, venvScript: venvScript ?? "echo \"\(root.path)/venv/bin/python\"", python: python)
        return try await body(root, backends)
    }

    static func failure(_ body: () async throws -> ObservedClientFacts) async -> ClientFactsError? {
        do {
            _ = try await body()
            return nil
        } catch let error as ClientFactsError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("runs sdk-venv.sh VERSION PACKAGE, then the venv's python on describe_client.py PACKAGE, and decodes its JSON")
    func wiring() async throws {
        try await Self.withCheckout(python: "cat <<'JSON'\n\(Self.factsJSON)\nJSON") { root, backends in
            let facts = try await ClientFactsReader.read(client: "cvat-cli", version: CVATVersion(2, 48), backends: backends)
            #expect(facts.aboutFields == ["name"])
            #expect(facts.underived == ["password.sends_origin": "why"])
            let venvArguments = try String(contentsOf: root.appendingPathComponent("venv-arguments"), encoding: .utf8)
            #expect(venvArguments == "2.48.0 cvat-cli\n")
            let describeArguments = try String(contentsOf: root.appendingPathComponent("describe-arguments"), encoding: .utf8)
            #expect(describeArguments.hasSuffix("backends/cvat-sdk/describe_client.py cvat-cli\n"))
        }
    }

    @Test("a release PyPI does not have is named as such, with pip's last lines and no path of the checkout")
    func noSuchRelease() async throws {
        let pip = """
            echo "cvat-sdk-2.99.0: creating /somewhere/venvs/cvat-sdk-2.99.0" >&2
            echo "ERROR: Could not find a version that satisfies the requirement cvat-sdk==2.99.0 (from versions: 2.24.0, 2.80.0)" >&2
            echo "ERROR: No matching distribution found for cvat-sdk==2.99.0" >&2
            exit 1
            """
        try await Self.withCheckout(venvScript: pip, python: "exit 1") { root, backends in
            let error = await Self.failure { try await ClientFactsReader.read(client: "cvat-sdk", version: CVATVersion(2, 99), backends: backends) }
            #expect(error?.kind == .noSuchRelease)
            #expect(error?.message.hasPrefix("PyPI has no release cvat-sdk==2.99.0 (pip: ") == true)
            #expect(error?.message.contains("No matching distribution found for cvat-sdk==2.99.0") == true)
            #expect(error?.message.contains(root.path) == false)
        }
    }

    @Test("a venv that cannot be made names the package, the version and the script's last lines")
    func noVenv() async throws {
        let missing = "echo \"cvat-cli-2.48.0: 'python3' not found; install Python 3 (with the venv module)\" >&2; exit 69"
        try await Self.withCheckout(venvScript: missing, python: "exit 1") { _, backends in
            let error = await Self.failure { try await ClientFactsReader.read(client: "cvat-cli", version: CVATVersion(2, 48), backends: backends) }
            #expect(error?.kind == .noVenv)
            #expect(
                error?.message
                    == "no venv for cvat-cli 2.48.0 (scripts/sdk-venv.sh exit 69): cvat-cli-2.48.0: 'python3' not found; install Python 3 (with the venv module)"
            )
        }
    }

    @Test(
        "output that is not the facts JSON, or a failing script, is an error, not a crash",
        arguments: [
            ("echo 'Traceback (most recent call last):' >&2; echo 'ImportError: no cvat_sdk' >&2; exit 1", "failed for cvat-sdk 2.48.0 (exit 1): "),
            ("echo 'hello'", "printed no facts JSON for cvat-sdk 2.48.0: 'hello'"),
            ("echo '{\"client\": \"cvat-sdk\"}'", "printed no facts JSON"),
        ])
    func badOutput(_ python: String, _ expected: String) async throws {
        try await Self.withCheckout(python: python) { _, backends in
            let error = await Self.failure { try await ClientFactsReader.read(client: "cvat-sdk", version: CVATVersion(2, 48), backends: backends) }
            #expect(error?.kind == .badOutput)
            #expect(error?.message.contains(expected) == true, "\(error?.message ?? "no error")")
        }
    }

    @Test("a venv holding another release than the one asked for is refused")
    func mismatch() async throws {
        let json = Self.factsJSON.replacingOccurrences(of: "2.48.0", with: "2.47.0")
        try await Self.withCheckout(python: "cat <<'JSON'\n\(json)\nJSON") { _, backends in
            let error = await Self.failure { try await ClientFactsReader.read(client: "cvat-cli", version: CVATVersion(2, 48), backends: backends) }
            #expect(error?.kind == .mismatch)
            #expect(error?.message.hasPrefix("the venv for cvat-cli 2.48.0 holds cvat-cli 2.47.0 (remove ") == true)
        }
    }

    @Test("an unknown client, a development build and a missing backends folder are refused before anything runs")
    func refusedEarly() async throws {
        let backends = BundledBackends(path: "/nonexistent/backends", origin: "the test's backends/")
        let unknown = await Self.failure { try await ClientFactsReader.read(client: "cvat-ui", version: CVATVersion(2, 48), backends: backends) }
        #expect(unknown == ClientFactsError(.unknownClient, "'cvat-ui' is not a client whose facts can be read: use cvat-sdk or cvat-cli"))
        let development = await Self.failure {
            try await ClientFactsReader.read(client: "cvat-sdk", version: CVATVersion(2, 80, 0, development: "dev1"), backends: backends)
        }
        #expect(development?.kind == .notARelease)
        let missing = await Self.failure { try await ClientFactsReader.read(client: "cvat-sdk", version: CVATVersion(2, 48), backends: backends) }
        #expect(missing == ClientFactsError(.missingBackends, "backends/cvat-sdk/describe_client.py is missing from the test's backends/"))
    }
}
