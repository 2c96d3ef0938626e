import Foundation

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
