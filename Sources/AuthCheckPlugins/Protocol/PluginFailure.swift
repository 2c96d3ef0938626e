/// Why a plugin invocation did not end with a clean `done`.
public enum PluginFailure: Hashable, Sendable, CustomStringConvertible {
    /// The command could not be started.
    case launch(String)
    /// The per-probe timeout passed; the process group was killed.
    case timeout(seconds: Double)
    /// The process exited (or was killed by a signal) before `done`.
    case exited(status: Int32, signal: Bool)
    /// The process closed stdout and exited 0 without `done`.
    case missingDone
    /// A line that is not a protocol message (line number, redaction-pending excerpt, problem).
    case garbage(line: Int, excerpt: String, problem: String)
    /// The first message was not `hello`.
    case missingHello(line: Int)
    /// `hello` named another protocol version.
    case protocolMismatch(Int?)
    /// Too much output (what overflowed).
    case oversize(String)
    /// The run was cancelled (deadline, SIGINT); the process group was killed.
    case cancelled

    /// A stable cause id for outcomes.
    public var cause: String {
        switch self {
        case .launch: "plugin-launch"
        case .timeout: "plugin-timeout"
        case .exited, .missingDone: "plugin-crash"
        case .garbage, .missingHello: "plugin-garbage"
        case .protocolMismatch: "plugin-protocol"
        case .oversize: "plugin-oversize"
        case .cancelled: "interrupted"
        }
    }

    public var description: String {
        switch self {
        case .launch(let reason): "could not be started: \(reason)"
        case .timeout(let seconds): "did not finish within \(SecondsText.format(seconds)) s and was killed"
        case .exited(let status, let signal):
            signal ? "was killed by signal \(status) before finishing" : "exited with status \(status) before finishing"
        case .missingDone: "ended without sending {\"type\":\"done\"}"
        case .garbage(let line, let excerpt, let problem): "sent output that is not a protocol message on line \(line) (\(problem)): \(excerpt)"
        case .missingHello(let line): "did not start with {\"type\":\"hello\",\"protocol\":\(PluginProtocol.version)} (line \(line))"
        case .protocolMismatch(let version):
            "speaks protocol \(version.map(String.init) ?? "(none given)"), but this runner speaks protocol \(PluginProtocol.version)"
        case .oversize(let what): "sent too much output (\(what)) and was killed"
        case .cancelled: "was interrupted and killed"
        }
    }
}
