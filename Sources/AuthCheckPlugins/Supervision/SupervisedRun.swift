import Foundation

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
