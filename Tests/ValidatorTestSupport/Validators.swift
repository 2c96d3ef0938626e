import Foundation

/// The pinned validators the tests check files with — prometheus-client's OpenMetrics parser,
/// check-jsonschema, kubernetes-validate and cmarkgfm (GitHub's Markdown renderer) — in the cached venv
/// made by `scripts/validators-venv.sh`.
public enum Validators {
    /// The package root, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// What a validator printed and how it exited.
    public struct Output: Sendable, CustomStringConvertible {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var description: String { "exit \(status)\n\(stdout)\(stderr)" }
    }

    /// A validator that could not run or refused its input.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The venv's `bin` folder, or why there is none (python3 or its venv module missing, PyPI unreachable
    /// before the venv was cached); made once per test process.
    static let venv: Result<URL, Failure> = {
        let script = packageRoot.appendingPathComponent("scripts/validators-venv.sh").path
        guard let output = try? execute(URL(fileURLWithPath: "/bin/sh"), [script]) else {
            return .failure(Failure(description: "cannot run /bin/sh \(script)"))
        }
        let python = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard output.status == 0, FileManager.default.isExecutableFile(atPath: python) else {
            let reason = output.stderr.split(separator: "\n").last.map(String.init) ?? "no message"
            return .failure(Failure(description: "scripts/validators-venv.sh exited \(output.status): \(reason)"))
        }
        return .success(URL(fileURLWithPath: python).deletingLastPathComponent())
    }()

    /// `nil` when the validators are ready, else why not (a test's skip reason).
    public static var problem: String? {
        if case .failure(let failure) = venv { return "the pinned validators are unavailable (\(failure)); run scripts/validators-venv.sh" }
        return nil
    }

    /// Runs `tool` (`python`, `check-jsonschema`, `kubernetes-validate`) from the venv.
    public static func run(_ tool: String, _ arguments: [String]) throws -> Output {
        let bin = try venv.get()
        return try execute(bin.appendingPathComponent(tool), arguments)
    }

    /// Runs an executable to its end, reading stdout and stderr concurrently so neither pipe fills up.
    static func execute(_ executable: URL, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errors = DispatchQueue(label: "validators.stderr")
        nonisolated(unsafe) var stderr = Data()
        errors.async { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        errors.sync {}
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
