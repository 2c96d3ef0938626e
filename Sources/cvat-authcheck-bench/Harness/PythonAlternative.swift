import Foundation

/// The alternative a team would otherwise write: `Benchmarks/python/bench_requests.py`, the same probes
/// with `requests`, sequentially or with a `ThreadPoolExecutor`, run from a cached venv.
struct PythonAlternative {
    /// What the script measured about itself (snake_case JSON on its last stdout line).
    struct Result: Codable, Hashable, Sendable {
        var wallSeconds: Double
        var targets: Int
        var requests: Int
        var chainLength: Int
        var cases: Int
        var failures: Int
        var errors: Int
        var cpuSeconds: Double
        var peakRSSKB: Int

        enum CodingKeys: String, CodingKey {
            case wallSeconds = "wall_seconds"
            case targets, requests
            case chainLength = "chain_length"
            case cases, failures, errors
            case cpuSeconds = "cpu_seconds"
            case peakRSSKB = "peak_rss_kb"
        }
    }

    enum Mode: String { case sequential, pool }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    let interpreter: URL
    let script: URL

    /// Finds the script (next to the package: the working directory or above the binary) and the
    /// interpreter (`--python`, else the venv made by `Benchmarks/python/venv.sh`).
    static func locate(python: String?, directory: URL) async throws -> PythonAlternative {
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            ChildProcess.selfExecutable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent(),
            ChildProcess.selfExecutable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("Benchmarks/python") }
        guard let folder = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("bench_requests.py").path) })
        else {
            throw Unavailable(description: "Benchmarks/python/bench_requests.py not found (run from the package root)")
        }
        if let python {
            return PythonAlternative(interpreter: URL(fileURLWithPath: python), script: folder.appendingPathComponent("bench_requests.py"))
        }
        let venv = try await ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), [folder.appendingPathComponent("venv.sh").path], directory: directory)
        let path = venv.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard venv.status == 0, !path.isEmpty else {
            throw Unavailable(
                description: "could not prepare the requests venv (Benchmarks/python/venv.sh exited \(venv.status)): \(venv.stderr.suffix(500))")
        }
        return PythonAlternative(interpreter: URL(fileURLWithPath: path), script: folder.appendingPathComponent("bench_requests.py"))
    }

    /// One run of the script against `urls`.
    func run(urls: [String], mode: Mode, workers: Int, password: String, directory: URL) async throws -> (Result, ChildProcess.Result) {
        let targets = directory.appendingPathComponent("python-targets.json")
        try JSONEncoder().encode(urls).write(to: targets)
        return try await ChildProcess.json(
            Result.self, interpreter,
            [
                script.path, "--targets", targets.path, "--mode", mode.rawValue, "--workers", String(workers),
                "--user", BenchWorker.user, "--junit", directory.appendingPathComponent("python-junit.xml").path,
            ],
            environment: [BenchWorker.passwordVariable: password, BenchWorker.emailVariable: BenchWorker.email], directory: directory)
    }
}
