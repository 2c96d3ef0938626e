import Foundation

/// A command for ``ProcessSupervisor``: what to start, where, with which environment and input, and
/// for how long.
public struct SupervisedCommand: Sendable {
    /// The program, already resolved to a path (see ``ExecutableLookup``).
    public var executable: String
    public var arguments: [String]
    /// The working directory.
    public var directory: String
    /// The complete environment of the child (nothing is inherited implicitly).
    public var environment: [String: String]
    /// Written to the child's stdin, which is then closed; `nil`: stdin is `/dev/null`.
    public var input: Data?
    /// Seconds the process may run before its group gets SIGTERM (then SIGKILL after the grace).
    public var timeout: Double

    public init(executable: String, arguments: [String], directory: String, environment: [String: String], input: Data? = nil, timeout: Double) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.environment = environment
        self.input = input
        self.timeout = timeout
    }
}

/// Bounds that ``ProcessSupervisor`` applies to every command.
public struct SupervisionLimits: Hashable, Sendable {
    /// Seconds between SIGTERM and SIGKILL, and allowed after exit for the pipes to close. Default 1.
    public var killGrace: Double
    /// Bytes of stderr kept (the tail). Default 4 KiB.
    public var stderrTailBytes: Int

    public init(killGrace: Double = 1, stderrTailBytes: Int = 4096) {
        self.killGrace = killGrace
        self.stderrTailBytes = stderrTailBytes
    }
}

/// How a supervised process ended.
public enum SupervisedTermination: Hashable, Sendable {
    /// It exited with this status.
    case exit(Int32)
    /// It was killed by this signal.
    case signal(Int32)

    /// The exit status or the signal number (what `Process.terminationStatus` reports).
    public var code: Int32 {
        switch self {
        case .exit(let status), .signal(let status): status
        }
    }
}

/// Why ``ProcessSupervisor`` stopped a process before it ended on its own.
public enum SupervisedStop: Hashable, Sendable {
    /// The command's timeout passed.
    case deadline
    /// The awaiting task was cancelled.
    case cancelled
    /// ``ProcessSupervisor/terminate()`` was called (the owner saw something it does not accept).
    case requested
}

/// What ``ProcessSupervisor`` reports to its owner while the process runs, before it acts on it.
public enum SupervisionEvent: Hashable, Sendable {
    /// The timeout passed; the group gets SIGTERM next.
    case deadline(seconds: Double)
    /// The awaiting task was cancelled; the group gets SIGTERM next.
    case cancelled
    /// The process itself ended (its pipes may still be held open by children).
    case exited(SupervisedTermination)
}

/// What happens to a supervised process's stdout.
public enum SupervisedOutput: Sendable {
    /// It goes to `/dev/null`.
    case discard
    /// Every chunk is handed over in order, on one reader thread, then ``SupervisedOutputEvent/end`` once.
    case stream(@Sendable (SupervisedOutputEvent) -> Void)
}

/// One piece of a streamed stdout.
public enum SupervisedOutputEvent: Hashable, Sendable {
    case chunk(Data)
    /// The stream closed (or the supervisor stopped reading it); nothing follows.
    case end
}

/// The result of one supervised run.
public struct SupervisedRun: Sendable {
    /// Why the command could not be started; then ``termination`` is `nil`.
    public var launchError: String?
    /// How the process ended; `nil` when it was never started.
    public var termination: SupervisedTermination?
    /// The first reason the supervisor stopped the process, if it did.
    public var stop: SupervisedStop?
    /// The last ``SupervisionLimits/stderrTailBytes`` bytes of stderr (not redacted).
    public var stderrTail: Data
    /// Seconds from start to the end.
    public var duration: Double
}
