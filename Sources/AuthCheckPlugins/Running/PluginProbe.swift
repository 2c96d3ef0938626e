import AuthCheckCore
import Foundation

/// An external plugin's probe, run like a built-in one (in phase order, under the target deadline).
///
/// Each run starts the plugin's command with one `run` request; credentials go only into the child's
/// environment (``PluginProtocol/Environment``), with the variables the target's credential
/// references name removed from it (see ``PluginEnvironment``). Outcomes the plugin sends keep their order; anything that goes
/// wrong (crash, hang, garbage, oversize output, protocol mismatch) adds an `error` outcome whose
/// body holds the plugin's stderr tail, redacted.
public struct PluginProbe: Probe {
    public let manifest: PluginManifest
    public let descriptor: ProbeDescriptor
    /// The backend this probe runs for (`native` for probes of the native suite).
    public let backend: BackendSpec
    public let limits: PluginLimits
    /// The environment the child inherits before the runner adds its own variables.
    public let baseEnvironment: [String: String]

    public init(
        manifest: PluginManifest, descriptor: ProbeDescriptor, backend: BackendSpec = .native, limits: PluginLimits = PluginLimits(),
        baseEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.manifest = manifest
        self.descriptor = descriptor
        self.backend = backend
        self.limits = limits
        self.baseEnvironment = baseEnvironment
    }

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let id = descriptor.id
        if let servers = manifest.servers, let version = context.serverVersion, !servers.contains(version.release) {
            return [
                Outcome(
                    probe: id, name: id, status: .skipped,
                    message: "plugin '\(manifest.name)' applies to servers \(servers), not to CVAT \(version) (\(manifest.path))")
            ]
        }
        guard let executable = ExecutableLookup.resolve(manifest.command[0], directory: manifest.directory, environment: baseEnvironment) else {
            return [
                failureOutcome(
                    .launch("'\(manifest.command[0])' was not found (command in \(manifest.path))"), stderr: "", context: context, partial: false)
            ]
        }
        let request = requestData(context)
        let result = await PluginInvocation.run(
            executable: executable, arguments: Array(manifest.command.dropFirst()), directory: manifest.directory,
            environment: PluginEnvironment.probeRun(base: baseEnvironment, manifest: manifest, backend: backend, context: context), request: request,
            timeout: manifest.timeout, limits: limits)
        for case .secret(let value?) in result.messages {
            context.redactor.register(value)
        }
        if result.failure == .cancelled { throw CancellationError() }
        var outcomes: [Outcome] = []
        var names: [String: Int] = [:]
        for (index, message) in result.messages.enumerated() {
            switch message {
            case .outcome(let sent):
                var outcome = outcome(from: sent)
                names[outcome.name, default: 0] += 1
                if let count = names[outcome.name], count > 1 { outcome.name += " (\(count))" }
                outcomes.append(outcome)
            case .invalidOutcome(let problem):
                outcomes.append(
                    failureOutcome(
                        .garbage(line: index + 1, excerpt: "", problem: problem), stderr: result.stderrTail,
                        context: context, partial: !outcomes.isEmpty))
            default:
                continue
            }
        }
        if let failure = result.failure {
            outcomes.append(failureOutcome(failure, stderr: result.stderrTail, context: context, partial: !outcomes.isEmpty))
        }
        return outcomes
    }

    // MARK: - Request

    /// The one `run` request line: everything but secrets.
    func requestData(_ context: ProbeContext) -> Data {
        var target: [String: Any] = [
            "name": context.target.name, "url": context.target.url.absoluteString, "insecure_tls": context.target.tls.insecure,
            "tags": context.target.tags,
        ]
        if let organization = context.target.organization { target["organization"] = organization }
        if let ca = context.target.tls.caFile { target["ca_file"] = ca }
        var server: [String: Any] = ["profile": context.profile.profile.id, "profile_file": context.profile.reference.file]
        if let version = context.serverVersion { server["version"] = version.description }
        let credentials: [String: Any] = [
            "username": context.credentials.username != nil, "email": context.credentials.email != nil,
            "password": context.credentials.password != nil, "access_token": context.credentials.accessToken != nil,
        ]
        var request: [String: Any] = [
            "type": "run", "protocol": PluginProtocol.version, "probe": descriptor.id, "backend": backend.description,
            "timeout": manifest.timeout, "target": target, "server": server, "credentials": credentials,
            "request_timeout": context.options.requestTimeout,
        ]
        if let version = backend.version { request["backend_version"] = version.description }
        let data = (try? JSONSerialization.data(withJSONObject: request, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Data(context.redactor.redact(String(decoding: data, as: UTF8.self)).utf8)
    }

    // MARK: - Outcomes

    /// The ``Outcome`` for an `outcome` message, named and tagged with the plugin (and backend).
    private func outcome(from message: PluginOutcomeMessage) -> Outcome {
        var facts = message.facts
        facts["plugin"] = manifest.name
        if !backend.isNative { facts["backend"] = backend.description }
        let name = message.name.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } ?? descriptor.id
        return Outcome(
            probe: descriptor.id, name: String(name.prefix(200)), status: message.status, message: message.message ?? "",
            expected: message.expected, observed: message.observed, cause: message.cause, causeText: message.causeText,
            remedy: message.remedy, evidence: message.evidence, facts: facts, duration: max(0, message.duration ?? 0))
    }

    /// The `error` outcome for a plugin that misbehaved, with its redacted stderr tail in the body.
    func failureOutcome(_ failure: PluginFailure, stderr: String, context: ProbeContext, partial: Bool) -> Outcome {
        let tail = context.redactor.redact(stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        let lastLine = tail.split(whereSeparator: \.isNewline).last.map { String($0.prefix(160)) }
        var message = "plugin '\(manifest.name)' \(context.redactor.redact(failure.description))"
        if let lastLine { message += " — stderr: \(lastLine)" }
        var observed = "plugin '\(manifest.name)' (\(manifest.path)) \(context.redactor.redact(failure.description))"
        if partial { observed += "; the outcomes it sent before that are kept" }
        observed += tail.isEmpty ? "\nstderr: (empty)" : "\nstderr (last \(limits.stderrTailBytes) bytes, redacted):\n\(tail)"
        var facts = ["plugin": manifest.name]
        if !backend.isNative { facts["backend"] = backend.description }
        return Outcome(
            probe: descriptor.id, name: "\(descriptor.id) (plugin \(manifest.name))", status: .error, message: message,
            expected: "plugin protocol \(PluginProtocol.version): hello, outcomes, done within \(SecondsText.format(manifest.timeout)) s",
            observed: observed, cause: failure.cause, causeText: "the external plugin '\(manifest.name)' misbehaved, so this probe could not decide",
            remedy: "run the plugin by hand (see docs/PLUGINS.md, \"Testing a plugin\") and fix it, or leave probe \(descriptor.id) out of the run",
            facts: facts)
    }
}
