import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one command in its own process group and keeps it bounded; shared by a plugin's probe runs
/// and its `prepare` step.
///
/// The supervisor writes the command's input to stdin and closes it, streams stdout to its owner (or
/// discards it), keeps the tail of stderr, and never lets the caller hang:
/// - when the timeout passes or the awaiting task is cancelled, the group gets SIGTERM, then SIGKILL
///   after ``SupervisionLimits/killGrace`` if the process is still running;
/// - after the process exits, its pipes get the grace to close (children may hold them), then the
///   group is killed;
/// - at the end the whole group is killed, so no stray child outlives the run.
///
/// The owner hears about the deadline, cancellation and the exit through ``SupervisionEvent``s, in
/// the order they happen, and may stop the process itself with ``terminate()``.
public final class ProcessSupervisor: Sendable {
    private let command: SupervisedCommand
    private let limits: SupervisionLimits
    private let state = Mutex(State())

    private struct State {
        var pid: pid_t = 0
        var termination: SupervisedTermination?
        var stdoutClosed = false
        var stderrClosed = false
        var finished = false
        var stopReaders = false
        var stop: SupervisedStop?
        var stderrTail = Data()
        var continuation: CheckedContinuation<Void, Never>?

        var exited: Bool { termination != nil }
    }

    public init(_ command: SupervisedCommand, limits: SupervisionLimits = SupervisionLimits()) {
        self.command = command
        self.limits = limits
    }

    /// Starts the command and returns once it ended and its pipes closed (or were given up on).
    ///
    /// - Parameters:
    ///   - output: what to do with stdout.
    ///   - onEvent: called (on any thread) before the supervisor acts on a deadline or a cancellation,
    ///     and when the process exits.
    public func run(output: SupervisedOutput = .discard, onEvent: @escaping @Sendable (SupervisionEvent) -> Void = { _ in }) async -> SupervisedRun {
        _ = Self.ignoreSIGPIPE
        let started = ContinuousClock.now
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.currentDirectoryURL = URL(fileURLWithPath: command.directory)
        process.environment = command.environment
        let stdin = command.input.map { _ in Pipe() }
        var stdout: Pipe?
        var receive: (@Sendable (SupervisedOutputEvent) -> Void)?
        if case .stream(let handler) = output {
            stdout = Pipe()
            receive = handler
        }
        let stderr = Pipe()
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr
        state.withLock { $0.stdoutClosed = stdout == nil }
        process.terminationHandler = { [self] process in
            let termination: SupervisedTermination =
                process.terminationReason == .uncaughtSignal
                ? .signal(process.terminationStatus) : .exit(process.terminationStatus)
            state.withLock { $0.termination = termination }
            onEvent(.exited(termination))
            // Pipes held open by stray children must not keep us waiting.
            DispatchQueue.global().asyncAfter(deadline: .now() + limits.killGrace) { [self] in
                signalGroup(SIGKILL)
                state.withLock {
                    $0.stdoutClosed = true
                    $0.stderrClosed = true
                }
                finishIfDone()
            }
            finishIfDone()
        }
        do {
            try process.run()
        } catch {
            for handle in [
                stdin?.fileHandleForReading, stdin?.fileHandleForWriting, stdout?.fileHandleForReading, stdout?.fileHandleForWriting,
                stderr.fileHandleForReading, stderr.fileHandleForWriting,
            ] {
                try? handle?.close()
            }
            return SupervisedRun(launchError: "\(error)", termination: nil, stop: nil, stderrTail: Data(), duration: Self.seconds(since: started))
        }
        let childID = process.processIdentifier
        state.withLock { $0.pid = childID }
        // Our copies of the child's ends must be closed, or EOF never comes.
        try? stdin?.fileHandleForReading.close()
        try? stdout?.fileHandleForWriting.close()
        try? stderr.fileHandleForWriting.close()

        if let writer = stdin?.fileHandleForWriting, let input = command.input {
            Thread.detachNewThread {
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
        }
        if let stdout, let receive {
            startReader(
                stdout.fileHandleForReading, receive: { receive(.chunk($0)) },
                end: {
                    receive(.end)
                    self.state.withLock { $0.stdoutClosed = true }
                })
        }
        startReader(
            stderr.fileHandleForReading,
            receive: { [self] chunk in
                state.withLock {
                    $0.stderrTail.append(chunk)
                    if $0.stderrTail.count > limits.stderrTailBytes { $0.stderrTail = $0.stderrTail.suffix(limits.stderrTailBytes) }
                }
            },
            end: { [self] in
                state.withLock { $0.stderrClosed = true }
            })

        let timeout = command.timeout
        let timer = DispatchWorkItem { [self] in
            guard !isFinished else { return }
            onEvent(.deadline(seconds: timeout))
            stop(.deadline)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)

        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let finished = state.withLock { state -> Bool in
                    if state.finished { return true }
                    state.continuation = continuation
                    return false
                }
                if finished { continuation.resume() }
            }
        } onCancel: { [self] in
            guard !isFinished else { return }
            onEvent(.cancelled)
            stop(.cancelled)
        }
        timer.cancel()
        signalGroup(SIGKILL)  // stray children of a process that finished
        return state.withLock { state in
            state.stopReaders = true
            return SupervisedRun(
                launchError: nil, termination: state.termination, stop: state.stop, stderrTail: state.stderrTail,
                duration: Self.seconds(since: started))
        }
    }

    /// Stops the process: SIGTERM to its group, SIGKILL after the grace if it is still running.
    public func terminate() {
        stop(.requested)
    }

    /// The process said it is finished: it gets the grace to exit on its own, then its group is killed.
    public func expectExit() {
        DispatchQueue.global().asyncAfter(deadline: .now() + limits.killGrace) { [self] in
            if !state.withLock(\.exited) { signalGroup(SIGKILL) }
        }
    }

    // MARK: - Stopping

    private var isFinished: Bool { state.withLock(\.finished) }

    /// Records the first stop reason and signals the group (SIGTERM, then SIGKILL after the grace).
    private func stop(_ reason: SupervisedStop) {
        let exited = state.withLock { state -> Bool in
            if state.stop == nil && !state.finished { state.stop = reason }
            return state.exited
        }
        guard !exited else { return }
        signalGroup(SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + limits.killGrace) { [self] in
            if !state.withLock(\.exited) { signalGroup(SIGKILL) }
        }
    }

    /// Signals the process group (Foundation starts the child as a group leader) and the process itself.
    private func signalGroup(_ signal: Int32) {
        let (pid, exited) = state.withLock { ($0.pid, $0.exited) }
        guard pid > 0 else { return }
        _ = kill(-pid, signal)
        if !exited { _ = kill(pid, signal) }
    }

    private func finishIfDone() {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.finished, state.exited, state.stdoutClosed, state.stderrClosed else { return nil }
            state.finished = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }

    // MARK: - Reading

    /// Reads `handle` on its own thread until EOF, an error, or the end of the run.
    private func startReader(_ handle: FileHandle, receive: @escaping @Sendable (Data) -> Void, end: @escaping @Sendable () -> Void) {
        let fd = handle.fileDescriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while !state.withLock(\.stopReaders) {
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, 100)
                if ready < 0 && errno == EINTR { continue }
                if ready < 0 { break }
                if ready == 0 { continue }
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                receive(Data(buffer[0..<count]))
            }
            try? handle.close()  // only this thread uses the descriptor, so closing here cannot race a read
            end()
            finishIfDone()
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        SecondsText.seconds(ContinuousClock.now - start)
    }

    /// Ignore SIGPIPE once, so that writing to a child that already exited fails with EPIPE instead of killing the runner.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}
