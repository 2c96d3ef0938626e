import AuthCheckCore
import Foundation

extension PluginSet {
    /// Runs the `prepare` command of each requested plugin backend once, before any target and outside
    /// the target deadlines (the cvat-sdk backend creates its venv there on first use). A failure is
    /// returned as a message and does not stop the run: the backend's probes then report the problem
    /// themselves as `error` outcomes. No credentials are passed to a prepare command.
    ///
    /// - Parameters:
    ///   - credentialVariables: the environment variables the run's targets read credentials from
    ///     (``CredentialReference/environmentVariables``); a prepare command inherits none of them.
    ///   - progress: called with one line before each command starts.
    public func prepare(
        _ backends: [Backend], withholding credentialVariables: Set<String>,
        progress: @Sendable (String) -> Void = { _ in }
    ) async -> [String] {
        var problems: [String] = []
        var done: Set<BackendSpec> = []
        for backend in backends where !backend.spec.isNative && done.insert(backend.spec).inserted {
            guard let manifest = plugins.first(where: { $0.offer(for: backend.spec) != nil }), !manifest.prepare.isEmpty else { continue }
            guard let program = ExecutableLookup.resolve(manifest.prepare[0], directory: manifest.directory, environment: environment) else {
                problems.append("\(backend.spec): prepare command '\(manifest.prepare[0])' was not found (\(manifest.path))")
                continue
            }
            progress("preparing backend \(backend.spec) (\(manifest.prepare.joined(separator: " ")))")
            let childEnvironment = PluginEnvironment.prepareStep(
                base: environment, manifest: manifest, backend: backend.spec,
                withheld: credentialVariables)
            let arguments = Array(manifest.prepare.dropFirst()) + [backend.spec.version?.description ?? ""]
            if let problem = await Self.runPrepare(
                program: program, arguments: arguments, directory: manifest.directory,
                environment: childEnvironment, timeout: manifest.prepareTimeout, grace: limits.killGrace)
            {
                problems.append("\(backend.spec): \(problem)")
            }
        }
        return problems
    }

    /// Runs one prepare command under a ``ProcessSupervisor`` (stdin and stdout `/dev/null`); `nil` on
    /// success, else what went wrong with the last lines of its stderr.
    static func runPrepare(
        program: String, arguments: [String], directory: String, environment: [String: String], timeout: Double, grace: Double
    ) async -> String? {
        let supervisor = ProcessSupervisor(
            SupervisedCommand(executable: program, arguments: arguments, directory: directory, environment: environment, timeout: timeout),
            limits: SupervisionLimits(killGrace: grace, stderrTailBytes: prepareStderrTailBytes))
        let run = await supervisor.run()
        let text = String(decoding: run.stderrTail, as: UTF8.self)
        let tail = text.split(whereSeparator: \.isNewline).suffix(3).joined(separator: " | ")
        let detail = tail.isEmpty ? "" : ": \(tail)"
        switch run.stop {
        case .deadline: return "prepare did not finish within \(SecondsText.format(timeout)) s and was killed" + detail
        case .cancelled: return "prepare was interrupted and killed" + detail
        case .requested, nil: break
        }
        guard let termination = run.termination else { return "prepare command could not be started" }
        return termination == .exit(0) ? nil : "prepare exited with status \(termination.code)" + detail
    }

    /// Bytes of a prepare command's stderr kept for its message (the last three lines are shown).
    static let prepareStderrTailBytes = 64 << 10
}
