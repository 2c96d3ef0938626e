import AuthCheckCore
import Foundation
import Testing

/// cvat-sdk's server-version warning, predicted per release from the client profiles' `version_window`,
/// against the real SDK: its own `Client._is_version_compatible` and `SUPPORTED_SERVER_VERSIONS` run in
/// the cached venvs, and what the real SDK logged against real servers (`sdk-outcomes.jsonl`).
@Suite("cvat-sdk version window")
struct VersionWindowTests {
    /// Every CVAT release of the reference, a development build, and versions around the edges.
    static let servers = [
        "2.24.0", "2.25.0", "2.26.1", "2.29.0", "2.30.0", "2.35.0", "2.40.1", "2.41.0", "2.42.0", "2.44.3", "2.46.1", "2.47.0",
        "2.48.0", "2.48.1", "2.49.0", "2.50.0", "2.62.0", "2.63.0", "2.64.0", "2.65.0", "2.70.0", "2.79.0", "2.80.0", "2.81.0",
        "2.64.0.dev20261201000000", "2.80.0.dev20261015093000", "3.0.0",
    ]

    static func line(for release: CVATVersion) throws -> ClientProfile {
        try #require(ProbeHarness.catalog.clients.first { $0.profile.client == "cvat-sdk" && $0.profile.versions.contains(release) }).profile
    }

    static func predictedWarning(sdk: String, server: String) throws -> Bool {
        let release = try #require(CVATVersion(sdk))
        return ClientVersionWindow(try line(for: release)).warns(release: release, server: try #require(CVATVersion(server)))
    }

    @Test(
        "the real cvat-sdk's check_server_version rule, release by release",
        .enabled(if: !SDKVenvs.installed.isEmpty, "no cached cvat-sdk venv (scripts/sdk-venv.sh VERSION makes one)"),
        arguments: SDKVenvs.installed)
    func realRule(_ venv: SDKVenvs.Venv) throws {
        let script = """
            import json, sys
            import packaging.version as pv
            from cvat_sdk.core.client import Client
            result = {}
            for server in sys.argv[1:]:
                version = pv.Version(server)
                result[server] = not any(Client._is_version_compatible(None, version, t) for t in Client.SUPPORTED_SERVER_VERSIONS)
            print(json.dumps(result))
            """
        let output = try SDKVenvs.run(venv.python, arguments: ["-c", script] + Self.servers)
        let real = try JSONDecoder().decode([String: Bool].self, from: Data(output.utf8))
        for server in Self.servers {
            let predicted = try Self.predictedWarning(sdk: venv.version, server: server)
            #expect(
                predicted == real[server],
                "cvat-sdk \(venv.version) vs server \(server): predicted warning \(predicted), real \(String(describing: real[server]))")
        }
    }

    @Test(
        "what the real SDK logged against real CVAT 2.24.0 and 2.64.0 (sdk-outcomes.jsonl)",
        .enabled(if: RealRecords.absence == nil, "\(RealRecords.absence ?? "")"))
    func recordedLogs() throws {
        let rows = try RealRecords.sdkOutcomes().filter { $0.outcome != "TypeError" }  // TypeError is raised before the check logs
        #expect(rows.count >= 30)
        for row in rows {
            let logged = row.log?.contains("is not compatible with SDK version '\(row.sdk)'") == true
            #expect(
                try Self.predictedWarning(sdk: row.sdk, server: row.server) == logged,
                "cvat-sdk \(row.sdk) vs \(row.server) (\(row.front)): logged \(logged)")
        }
    }

    @Test("a line's prediction names the releases that stay silent; a line entirely outside the window warns in full")
    func linePhrases() throws {
        let server = try #require(CVATVersion("2.64.0"))
        let modern = ClientVersionWindow(try Self.line(for: CVATVersion(2, 48, 0)))
        #expect(modern.silentMinors(server: server) == 63...64)
        #expect(modern.warning(server: server)?.contains("other than 2.63.x–2.64.x log") == true)
        let old = ClientVersionWindow(try Self.line(for: CVATVersion(2, 24, 0)))
        #expect(old.silentMinors(server: server) == nil)
        #expect(old.warning(server: server)?.hasPrefix("every release of cvat-sdk 2.24–2.29 logs") == true)
        #expect(old.warning(server: CVATVersion(2, 24, 0))?.contains("other than 2.24.x") == true)
        #expect(
            ClientVersionWindow.summary(server: server)
                == "cvat-sdk/cvat-cli releases other than 2.63.x–2.64.x log \"Server version '2.64.0' is not compatible with SDK version '<release>'\" (a warning only; the SDK goes on)"
        )
    }
}

/// The cached venvs with a pinned real cvat-sdk (made by scripts/sdk-venv.sh; .ci/run makes them).
enum SDKVenvs {
    struct Venv: Sendable, CustomTestStringConvertible {
        var version: String
        var python: String
        var testDescription: String { "cvat-sdk \(version)" }
    }

    static let installed: [Venv] = {
        let environment = ProcessInfo.processInfo.environment
        let cache =
            environment["CVAT_AUTHCHECK_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/cvat-authcheck")
        return ["2.24.0", "2.41.0", "2.48.0", "2.80.0"].compactMap { version in
            let python = cache.appendingPathComponent("venvs/cvat-sdk-\(version)/bin/python").path
            return FileManager.default.isExecutableFile(atPath: python) ? Venv(version: version, python: python) : nil
        }
    }()

    /// Runs a program and returns its standard output; throws with its error output when it fails.
    static func run(_ executable: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: String(decoding: problem, as: UTF8.self)])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
