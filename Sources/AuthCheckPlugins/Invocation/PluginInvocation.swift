import Foundation
import Synchronization

/// The result of one plugin invocation: the messages in order, how it ended and its stderr tail.
///
/// ``stderrTail`` and the garbage excerpt are NOT redacted; callers pass them through the run's
/// `Redactor` before they reach any output.
public struct PluginInvocationResult: Sendable {
    public var messages: [PluginMessage]
    public var failure: PluginFailure?
    public var exitStatus: Int32?
    public var stderrTail: String
    /// Seconds from start to the end.
    public var duration: Double
}

/// Runs a plugin command once: a ``ProcessSupervisor`` starts it, writes the request line to its
/// stdin and bounds its time; a ``PluginOutputParser`` reads its stdout. The first thing that goes
/// wrong (a protocol or limit violation, the timeout, cancellation, a crash) is the invocation's
/// ``PluginFailure``; the outcomes sent before it are kept.
public enum PluginInvocation {
    /// Runs `executable` (already resolved, see ``ExecutableLookup``) in `directory` with one request line.
    public static func run(
        executable: String, arguments: [String], directory: String, environment: [String: String], request: Data,
        timeout: Double, limits: PluginLimits = PluginLimits()
    ) async -> PluginInvocationResult {
        let supervisor = ProcessSupervisor(
            SupervisedCommand(
                executable: executable, arguments: arguments, directory: directory, environment: environment,
                input: request + Data("\n".utf8), timeout: timeout),
            limits: limits.supervision)
        let session = Session(limits: limits, supervisor: supervisor)
        let run = await supervisor.run(output: .stream(session.receive), onEvent: session.handle)
        let tail = String(decoding: run.stderrTail, as: UTF8.self)
        if let launchError = run.launchError {
            return PluginInvocationResult(messages: [], failure: .launch(launchError), exitStatus: nil, stderrTail: tail, duration: run.duration)
        }
        var (messages, failure, sawHello) = session.snapshot()
        if failure == nil, !messages.contains(.done) {
            failure = sawHello ? .missingDone : .missingHello(line: 1)
        }
        return PluginInvocationResult(
            messages: messages, failure: failure, exitStatus: run.termination?.code, stderrTail: tail, duration: run.duration)
    }

    /// The parser and the first failure of one running plugin, shared by the stdout reader and the
    /// supervisor's events.
    private final class Session: Sendable {
        private struct State {
            var parser: PluginOutputParser
            var failure: PluginFailure?
        }

        private let state: Mutex<State>
        private let supervisor: ProcessSupervisor

        init(limits: PluginLimits, supervisor: ProcessSupervisor) {
            state = Mutex(State(parser: PluginOutputParser(limits: limits)))
            self.supervisor = supervisor
        }

        /// Parses stdout; stops the plugin on the first protocol problem.
        @Sendable func receive(_ output: SupervisedOutputEvent) {
            let events = state.withLock { state in
                switch output {
                case .chunk(let data): state.parser.consume(data)
                case .end: state.parser.finish()
                }
            }
            for event in events {
                switch event {
                case .failed(let failure):
                    record(failure)
                    supervisor.terminate()
                case .done:
                    supervisor.expectExit()
                }
            }
        }

        /// The deadline, a cancellation, or the exit (a crash when before `done`).
        @Sendable func handle(_ event: SupervisionEvent) {
            switch event {
            case .deadline(let seconds): record(.timeout(seconds: seconds))
            case .cancelled: record(.cancelled)
            case .exited(let termination):
                state.withLock { state in
                    guard state.failure == nil, !state.parser.sawDone else { return }
                    switch termination {
                    case .signal(let number): state.failure = .exited(status: number, signal: true)
                    case .exit(let status) where status != 0: state.failure = .exited(status: status, signal: false)
                    case .exit: break
                    }
                }
            }
        }

        func snapshot() -> (messages: [PluginMessage], failure: PluginFailure?, sawHello: Bool) {
            state.withLock { ($0.parser.messages, $0.failure, $0.parser.sawHello) }
        }

        private func record(_ failure: PluginFailure) {
            state.withLock { state in
                if state.failure == nil { state.failure = failure }
            }
        }
    }
}
