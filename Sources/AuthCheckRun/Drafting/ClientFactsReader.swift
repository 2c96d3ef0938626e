import AuthCheckCore
import AuthCheckPlugins
import Foundation
import Synchronization

/// Reads the facts of a client profile from a release of cvat-sdk or cvat-cli installed from PyPI.
///
/// It creates (or reuses) the release's cached venv with the bundled `scripts/sdk-venv.sh VERSION PACKAGE`
/// (cache `$CVAT_AUTHCHECK_CACHE`, Python `$CVAT_AUTHCHECK_PYTHON`, as for the cvat-sdk backend), then runs
/// `backends/cvat-sdk/describe_client.py PACKAGE` with the venv's Python and decodes its JSON into
/// ``ObservedClientFacts``. Both run under ``ProcessSupervisor`` (own process group, bounded stderr,
/// deadline, cancellation).
public enum ClientFactsReader {
    /// Seconds the venv may take to create (pip from PyPI); the cvat-sdk backend's `prepare_timeout`.
    public static let venvTimeout: Double = 900
    /// Seconds `describe_client.py` may take (about a quarter of a second on a 2-core machine).
    public static let describeTimeout: Double = 120

    /// The facts of `client` (`cvat-sdk` or `cvat-cli`) release `version`.
    ///
    /// - Parameter backends: the bundled `backends/` folder; `nil` finds it as plugin discovery does
    ///   (``BundledBackends/located``).
    /// - Throws: ``ClientFactsError``.
    public static func read(client: String, version: CVATVersion, backends: BundledBackends?) async throws -> ObservedClientFacts {
        guard ObservedClientFacts.clients.contains(client) else {
            throw ClientFactsError(.unknownClient, "'\(client)' is not a client whose facts can be read: use cvat-sdk or cvat-cli")
        }
        guard !version.isDevelopment else {
            throw ClientFactsError(.notARelease, "\(client) \(version) is a development build: only releases from PyPI can be installed")
        }
        let files = try Files(backends: backends ?? BundledBackends.located)
        let environment = Self.environment()
        let python = try await venv(client: client, version: version, files: files, environment: environment)
        let output = try await run(
            python, [files.describe, client], directory: files.backend, environment: environment, timeout: describeTimeout)
        guard output.status == 0 else {
            throw ClientFactsError(
                .badOutput, "backends/cvat-sdk/describe_client.py failed for \(client) \(version) (\(output.ending)): \(output.lastLines)")
        }
        let facts: ObservedClientFacts
        do {
            facts = try JSONDecoder().decode(ObservedClientFacts.self, from: Data(output.stdout.utf8))
        } catch {
            let start = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines).prefix(120)
            throw ClientFactsError(.badOutput, "backends/cvat-sdk/describe_client.py printed no facts JSON for \(client) \(version): '\(start)'")
        }
        guard facts.client == client, facts.version == version else {
            throw ClientFactsError(
                .mismatch, "the venv for \(client) \(version) holds \(facts.client) \(facts.version) (remove \(python.venvFolder) and retry)")
        }
        return facts
    }

    /// The bundled files the reader runs.
    private struct Files {
        /// `backends/cvat-sdk`, the script's working directory.
        var backend: String
        var describe: String
        var venvScript: String

        init(backends: BundledBackends?) throws {
            guard let backends else {
                throw ClientFactsError(
                    .missingBackends, "the bundled backends/ folder was not found (install share/cvat-authcheck/backends, or run inside the checkout)"
                )
            }
            let root = URL(fileURLWithPath: backends.path, isDirectory: true)
            backend = root.appendingPathComponent("cvat-sdk").path
            describe = root.appendingPathComponent("cvat-sdk/describe_client.py").path
            venvScript = root.appendingPathComponent("../scripts/sdk-venv.sh").standardizedFileURL.path
            for (path, name) in [(describe, "backends/cvat-sdk/describe_client.py"), (venvScript, "scripts/sdk-venv.sh")]
            where !FileManager.default.isReadableFile(atPath: path) {
                throw ClientFactsError(.missingBackends, "\(name) is missing from \(backends.origin)")
            }
        }
    }

    /// Creates or reuses the cached venv and returns its Python.
    private static func venv(client: String, version: CVATVersion, files: Files, environment: [String: String]) async throws -> String {
        let output = try await run(
            "/bin/sh", [files.venvScript, version.description, client], directory: files.backend, environment: environment,
            timeout: venvTimeout)
        let python = output.stdout.split(separator: "\n").last.map(String.init) ?? ""
        guard output.status == 0, FileManager.default.isExecutableFile(atPath: python) else {
            let pipSays = output.lines.last {
                $0.contains("No matching distribution found") || $0.contains("Could not find a version that satisfies")
            }
            if let pipSays {
                throw ClientFactsError(.noSuchRelease, "PyPI has no release \(client)==\(version) (pip: \(pipSays))")
            }
            throw ClientFactsError(.noVenv, "no venv for \(client) \(version) (scripts/sdk-venv.sh \(output.ending)): \(output.lastLines)")
        }
        return python
    }

    /// The tool's environment for both scripts: its `CVAT_AUTHCHECK_*` variables stay out except the
    /// venv cache and the Python that creates venvs; Python writes no bytecode next to the scripts.
    private static func environment() -> [String: String] {
        let kept: Set<String> = ["CVAT_AUTHCHECK_CACHE", "CVAT_AUTHCHECK_PYTHON"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CVAT_AUTHCHECK_") || kept.contains($0.key) }
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        return environment
    }

    /// What one supervised command printed and how it ended.
    private struct Output {
        var status: Int32
        var ending: String
        var stdout: String
        var stderr: String

        /// The non-empty lines of stderr, each cut to 300 characters (pip lists every release on one line).
        var lines: [String] {
            stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { $0.count > 300 ? $0.prefix(300) + "…" : $0 }
        }

        /// The last lines of stderr on one line (pip's error is at the end).
        var lastLines: String { lines.suffix(3).joined(separator: " | ") }
    }

    private static func run(
        _ executable: String, _ arguments: [String], directory: String, environment: [String: String], timeout: Double
    ) async throws -> Output {
        let stdout = Mutex(Data())
        let command = SupervisedCommand(
            executable: executable, arguments: arguments, directory: directory, environment: environment, timeout: timeout)
        let supervisor = ProcessSupervisor(command, limits: SupervisionLimits(stderrTailBytes: 16384))
        let result = await supervisor.run(
            output: .stream { event in
                if case .chunk(let data) = event { stdout.withLock { $0.append(data) } }
            })
        try Task.checkCancellation()
        if let launchError = result.launchError {
            throw ClientFactsError(.noVenv, "cannot start \((executable as NSString).lastPathComponent): \(launchError)")
        }
        let ending: String
        switch (result.stop, result.termination) {
        case (.deadline, _): ending = "stopped after \(Int(timeout)) s"
        case (_, .signal(let signal)?): ending = "killed by signal \(signal)"
        case (_, .exit(let status)?): ending = "exit \(status)"
        default: ending = "stopped"
        }
        // Only an exit of its own counts; a stopped or killed process has no status.
        let status: Int32 = if case .exit(let code)? = result.termination, result.stop == nil { code } else { -1 }
        return Output(
            status: status, ending: ending, stdout: String(decoding: stdout.withLock { $0 }, as: UTF8.self),
            stderr: String(decoding: result.stderrTail, as: UTF8.self))
    }
}

extension String {
    /// `…/venvs/cvat-sdk-2.48.0` for `…/venvs/cvat-sdk-2.48.0/bin/python`.
    fileprivate var venvFolder: String {
        URL(fileURLWithPath: self).deletingLastPathComponent().deletingLastPathComponent().path
    }
}
