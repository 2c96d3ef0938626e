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
