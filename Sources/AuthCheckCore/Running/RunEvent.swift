/// What a run is doing, reported as it happens so that a front end can show progress.
///
/// The runner calls the observer from its own tasks: events of one suite (target × backend) arrive
/// in order, events of different suites interleave. The observer must return quickly; it must not
/// block on the run.
public enum RunEvent: Sendable {
    /// The run starts: `suites` is the number of target × backend checks it will make.
    case runStarted(suites: Int)
    /// A target's check through one backend starts.
    case suiteStarted(target: String, backend: BackendSpec)
    /// A probe (or the version detection) starts on a target.
    case probeStarted(target: String, backend: BackendSpec, probe: String)
    /// A target's check through one backend is done; `suite` is redacted and complete.
    case suiteFinished(SuiteRecord)
}

/// Receives the ``RunEvent``s of a run (progress displays); see ``Runner/observer``.
public typealias RunObserver = @Sendable (RunEvent) -> Void
