import Foundation

/// Runs the built `cvat-authcheck` binary as a user would, capturing stdout, stderr and the exit status.
struct CLIProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + "\n" + stderr }
    }

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary: next to the test bundle (SwiftPM builds it because the test target depends on it).
    static var binary: URL {
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [
            bundleDirectory.appendingPathComponent("cvat-authcheck"),
            packageRoot.appendingPathComponent(".build/debug/cvat-authcheck"),
        ]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return packageRoot.appendingPathComponent(".build/debug/cvat-authcheck")
    }

    /// The benchmark's executable, built next to ``binary``.
    static var benchBinary: URL { binary.deletingLastPathComponent().appendingPathComponent("cvat-authcheck-bench") }

    /// Starts the binary (or `executable`); the caller waits with ``finish(_:)``.
    static func start(
        _ arguments: [String], environment: [String: String] = [:], directory: URL, executable: URL? = nil
    ) throws -> (
        Process, Pipe, Pipe
    ) {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for key in ["CVAT_USER", "CVAT_PASSWORD", "CVAT_ACCESS_TOKEN"] { env[key] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func finish(_ started: (Process, Pipe, Pipe)) -> Result {
        let (process, out, err) = started
        // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var stdout = Data()
        nonisolated(unsafe) var stderr = Data()
        group.enter()
        DispatchQueue.global().async {
            stdout = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL, executable: URL? = nil) throws -> Result {
        finish(try start(arguments, environment: environment, directory: directory, executable: executable))
    }

    /// ``finish(_:)`` on a thread of its own: waiting for the child never occupies one of the few
    /// threads that run the tests' async code — an emulator in the test process answering that very
    /// child among it.
    static func finished(_ started: (Process, Pipe, Pipe)) async -> Result {
        await withCheckedContinuation { continuation in
            let box = UncheckedBox(started)
            Thread { continuation.resume(returning: finish(box.value)) }.start()
        }
    }

    /// ``run(_:environment:directory:)`` without blocking the tests' async threads.
    static func running(_ arguments: [String], environment: [String: String] = [:], directory: URL) async throws -> Result {
        await finished(try start(arguments, environment: environment, directory: directory))
    }

    /// Calls `action` on a thread of its own once the child has exited.
    static func onExit(_ process: Process, _ action: @escaping @Sendable () -> Void) {
        let box = UncheckedBox(process)
        Thread {
            box.value.waitUntilExit()
            action()
        }.start()
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cvat-authcheck-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Hands a non-Sendable value (a `Process` and its pipes) to the one thread that uses it next.
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
