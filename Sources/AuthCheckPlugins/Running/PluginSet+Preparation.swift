import AuthCheckCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PluginSet {
    /// Runs the `prepare` command of each requested plugin backend once, before any target and outside
    /// the target deadlines (the cvat-sdk backend creates its venv there on first use). A failure is
    /// returned as a message and does not stop the run: the backend's probes then report the problem
    /// themselves as `error` outcomes. No credentials are passed to a prepare command.
    ///
    /// - Parameter progress: called with one line before each command starts.
    public func prepare(_ backends: [Backend], progress: @Sendable (String) -> Void = { _ in }) async -> [String] {
        var problems: [String] = []
        var done: Set<BackendSpec> = []
        for backend in backends where !backend.spec.isNative && done.insert(backend.spec).inserted {
            guard let manifest = plugins.first(where: { $0.offer(for: backend.spec) != nil }), !manifest.prepare.isEmpty else { continue }
            guard let program = PluginProcess.resolve(manifest.prepare[0], directory: manifest.directory, environment: environment) else {
                problems.append("\(backend.spec): prepare command '\(manifest.prepare[0])' was not found (\(manifest.path))")
                continue
            }
            progress("preparing backend \(backend.spec) (\(manifest.prepare.joined(separator: " ")))")
            var childEnvironment = environment.filter { !$0.key.hasPrefix("CVAT_AUTHCHECK_") || ["CVAT_AUTHCHECK_CACHE", "CVAT_AUTHCHECK_PYTHON", "CVAT_AUTHCHECK_SDK_VENV"].contains($0.key) }
            childEnvironment[PluginProtocol.Environment.backend] = backend.spec.description
            childEnvironment[PluginProtocol.Environment.backendVersion] = backend.spec.version?.description
            childEnvironment[PluginProtocol.Environment.pluginDirectory] = manifest.directory
            let arguments = Array(manifest.prepare.dropFirst()) + [backend.spec.version?.description ?? ""]
            if let problem = await Self.runPrepare(program: program, arguments: arguments, directory: manifest.directory,
                                                   environment: childEnvironment, timeout: manifest.prepareTimeout, grace: limits.killGrace) {
                problems.append("\(backend.spec): \(problem)")
            }
        }
        return problems
    }

    /// Runs one prepare command; `nil` on success, else what went wrong with the tail of its stderr.
    static func runPrepare(program: String, arguments: [String], directory: String, environment: [String: String], timeout: Double, grace: Double) async -> String? {
        PluginProcess.ignoreSIGPIPE
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("cvat-authcheck-prepare-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let errors = try? FileHandle(forWritingTo: log) else {
            return "cannot create a temporary file for its output"
        }
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let finished = PrepareState()
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { process in
                if finished.finish() { continuation.resume(returning: process.terminationStatus) }
            }
            do {
                try process.run()
            } catch {
                if finished.finish() { continuation.resume(returning: nil) }
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                guard !finished.isFinished else { return }
                finished.timedOut = true
                _ = kill(-pid, SIGTERM)
                _ = kill(pid, SIGTERM)
                DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
                    guard !finished.isFinished else { return }
                    _ = kill(-pid, SIGKILL)
                    _ = kill(pid, SIGKILL)
                }
            }
        }
        try? errors.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let tail = text.split(whereSeparator: \.isNewline).suffix(3).joined(separator: " | ")
        if finished.timedOut { return "prepare did not finish within \(SecondsText.format(timeout)) s and was killed" + (tail.isEmpty ? "" : ": \(tail)") }
        guard let status else { return "prepare command could not be started" }
        return status == 0 ? nil : "prepare exited with status \(status)" + (tail.isEmpty ? "" : ": \(tail)")
    }
}

/// Makes sure the continuation of a prepare command resumes exactly once.
private final class PrepareState: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var expired = false

    /// `true` the first time only.
    func finish() -> Bool {
        lock.withLock {
            defer { done = true }
            return !done
        }
    }

    var isFinished: Bool { lock.withLock { done } }

    var timedOut: Bool {
        get { lock.withLock { expired } }
        set { lock.withLock { expired = newValue } }
    }
}
