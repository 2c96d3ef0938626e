import Foundation
import Logging

/// Everything a probe may use for one target: the target, its profile, credentials, the transport,
/// the redactor, and state shared with the probes that ran before it.
public struct ProbeContext: Sendable {
    public var target: Target
    public var credentials: ResolvedCredentials
    /// The server version the profile was chosen for.
    public var serverVersion: CVATVersion?
    public var profile: ResolvedProfile<ServerProfile>
    /// Client profiles (cvat-sdk, cvat-cli lines) for compatibility predictions.
    public var clients: [ResolvedProfile<ClientProfile>]
    public var transport: any HTTPTransport
    public var redactor: Redactor
    public var state: TargetState
    public var logger: Logger
    /// The run's options: timeouts, deadline, retries and probe selection.
    public var options: RunOptions
    /// The id of this run (``Runner/runID``): anything a probe leaves on a server carries it, so a later
    /// run can tell its own leftovers from another run's.
    public var runID: String

    public init(
        target: Target, credentials: ResolvedCredentials, serverVersion: CVATVersion?, profile: ResolvedProfile<ServerProfile>,
        clients: [ResolvedProfile<ClientProfile>], transport: any HTTPTransport, redactor: Redactor, state: TargetState,
        logger: Logger, options: RunOptions, runID: String
    ) {
        self.target = target
        self.credentials = credentials
        self.serverVersion = serverVersion
        self.profile = profile
        self.clients = clients
        self.transport = transport
        self.redactor = redactor
        self.state = state
        self.logger = logger
        self.options = options
        self.runID = runID
    }

    /// The "(profile cvat-2.48, matrices/servers/cvat-2.48.yaml)" phrase used in expectations.
    public var profileCitation: String { "profile \(profile.profile.id), \(profile.reference.file)" }
}

/// State shared by the probes of one target, in phase order: the login session, minted tokens,
/// earlier outcomes. Values are stored under string keys owned by the probe layer.
public actor TargetState {
    private var values: [String: any Sendable] = [:]
    private var recorded: [Outcome] = []
    private var cleanups: [(id: String, action: @Sendable () async -> [Outcome])] = []

    public init() {}

    /// Stores a value for later probes.
    public func set(_ key: String, _ value: (any Sendable)?) { values[key] = value }

    /// Reads a value stored by an earlier probe.
    public func get<Value: Sendable>(_ key: String, as type: Value.Type = Value.self) -> Value? { values[key] as? Value }

    /// Outcomes of the probes that already ran on this target.
    public var outcomes: [Outcome] { recorded }

    /// Called by the runner after each probe.
    public func record(_ outcomes: [Outcome]) { recorded += outcomes }

    /// Registers an undo action (e.g. revoke a token) that must run even if the probe or run fails.
    /// Register it *before* the change it undoes is requested: an answer lost to a cancellation or a
    /// timeout does not mean the server did not make the change.
    public func addCleanup(id: String, _ action: @escaping @Sendable () async -> Void) {
        cleanups.append(
            (
                id,
                {
                    await action()
                    return []
                }
            ))
    }

    /// Registers an undo action that reports what it could not undo: the outcomes it returns (none when
    /// all went well) join the target's outcomes.
    public func addCleanup(id: String, reporting action: @escaping @Sendable () async -> [Outcome]) { cleanups.append((id, action)) }

    /// Removes a cleanup once the probe has done it itself.
    public func removeCleanup(id: String) { cleanups.removeAll { $0.id == id } }

    /// Takes every pending cleanup, leaving none.
    public func takeCleanups() -> [@Sendable () async -> [Outcome]] {
        defer { cleanups = [] }
        return cleanups.map(\.action)
    }
}
