import Foundation

/// Runs a measured child process (a worker of this binary, or the Python alternative) with its output
/// in files, so a chatty child can never block on a full pipe.
struct ChildProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Seconds from launch to exit, as seen from outside (includes start-up).
        var seconds: Double
    }

    struct Failed: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var stderr: String
        var description: String { "\(command) exited \(status): \(stderr.suffix(2000))" }
    }

    /// This binary, to start workers with.
    static var selfExecutable: URL {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Runs `executable` with `arguments`; `environment` is added to this process's environment.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL) async throws -> Result {
        let out = directory.appendingPathComponent("child-\(UUID().uuidString).out")
        let err = directory.appendingPathComponent("child-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        let clock = ContinuousClock()
        let start = clock.now
        // Wait without blocking a thread of the cooperative pool: the emulated servers run on it.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let seconds = BenchClock.seconds(clock.now - start)
        try? outHandle.close()
        try? errHandle.close()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
            seconds: seconds)
    }

    /// Runs and decodes the JSON object on the last non-empty line of stdout.
    static func json<T: Decodable>(
        _ type: T.Type, _ executable: URL, _ arguments: [String], environment: [String: String] = [:],
        directory: URL
    ) async throws -> (T, Result) {
        let result = try await run(executable, arguments, environment: environment, directory: directory)
        let command = ([executable.lastPathComponent] + arguments.prefix(3)).joined(separator: " ")
        guard result.status == 0 else { throw Failed(command: command, status: result.status, stderr: result.stderr) }
        guard let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw Failed(command: command, status: result.status, stderr: "no JSON result on stdout; stderr: " + result.stderr)
        }
        return (try JSONDecoder().decode(T.self, from: Data(line.utf8)), result)
    }
}
