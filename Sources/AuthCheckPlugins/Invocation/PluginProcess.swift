import AuthCheckCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits on one plugin invocation. Going over any of them kills the plugin.
public struct PluginLimits: Hashable, Sendable {
    /// Bytes of stdout accepted in total. Default 1 MiB.
    public var maxOutputBytes: Int
    /// Bytes in one stdout line. Default 256 KiB.
    public var maxLineBytes: Int
    /// Outcome messages accepted from one run. Default 500.
    public var maxOutcomes: Int
    /// Bytes of stderr kept (the tail) for error outcomes. Default 4 KiB.
    public var stderrTailBytes: Int
    /// Seconds between SIGTERM and SIGKILL, and allowed after exit for the pipes to close. Default 1.
    public var killGrace: Double

    public init(maxOutputBytes: Int = 1 << 20, maxLineBytes: Int = 256 << 10, maxOutcomes: Int = 500, stderrTailBytes: Int = 4096, killGrace: Double = 1) {
        self.maxOutputBytes = maxOutputBytes
        self.maxLineBytes = maxLineBytes
        self.maxOutcomes = maxOutcomes
        self.stderrTailBytes = stderrTailBytes
        self.killGrace = killGrace
    }
}

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
        case let .exited(status, signal): signal ? "was killed by signal \(status) before finishing" : "exited with status \(status) before finishing"
        case .missingDone: "ended without sending {\"type\":\"done\"}"
        case let .garbage(line, excerpt, problem): "sent output that is not a protocol message on line \(line) (\(problem)): \(excerpt)"
        case .missingHello(let line): "did not start with {\"type\":\"hello\",\"protocol\":\(PluginProtocol.version)} (line \(line))"
        case .protocolMismatch(let version):
            "speaks protocol \(version.map(String.init) ?? "(none given)"), but this runner speaks protocol \(PluginProtocol.version)"
        case .oversize(let what): "sent too much output (\(what)) and was killed"
        case .cancelled: "was interrupted and killed"
        }
    }
}

/// The result of one plugin invocation: the messages in order, how it ended and its stderr tail.
///
/// ``stderrTail`` and the garbage excerpt are NOT redacted; callers pass them through the run's
/// ``Redactor`` before they reach any output.
public struct PluginInvocationResult: Sendable {
    public var messages: [PluginMessage]
    public var failure: PluginFailure?
    public var exitStatus: Int32?
    public var stderrTail: String
    /// Seconds from start to the end.
    public var duration: Double
}

/// Runs a plugin command once: writes one request line to its stdin, reads protocol messages from
/// its stdout, keeps the tail of its stderr, and enforces the timeout and output limits. The plugin
/// runs in its own process group, and the whole group is killed on overrun, on cancellation and at
/// the end (stray children). It never hangs the caller: after the process exits, the pipes get
/// ``PluginLimits/killGrace`` seconds to close.
public enum PluginProcess {
    /// Runs `command` (element 0 already resolved to an executable path) in `directory`.
    public static func run(
        executable: String, arguments: [String], directory: String, environment: [String: String], request: Data,
        timeout: Double, limits: PluginLimits = PluginLimits()
    ) async -> PluginInvocationResult {
        let invocation = PluginInvocation(limits: limits)
        return await invocation.run(
            executable: executable, arguments: arguments, directory: directory, environment: environment, request: request, timeout: timeout)
    }

    /// Finds `program` on `PATH` (from `environment`) or, when it contains a `/`, relative to `directory`.
    public static func resolve(_ program: String, directory: String, environment: [String: String]) -> String? {
        let manager = FileManager.default
        if program.contains("/") {
            let path = program.hasPrefix("/") ? program : (directory as NSString).appendingPathComponent(program)
            return manager.isExecutableFile(atPath: path) ? path : nil
        }
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let path = (String(folder) as NSString).appendingPathComponent(program)
            if manager.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Ignore SIGPIPE once, so that writing to a plugin that already exited fails with EPIPE instead of killing the runner.
    static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}

/// The state of one running plugin, shared by the reader threads, the timer and the awaiting task.
private final class PluginInvocation: @unchecked Sendable {
    private let lock = NSLock()
    private let limits: PluginLimits
    private let process = Process()
    private var messages: [PluginMessage] = []
    private var failure: PluginFailure?
    private var sawHello = false
    private var sawDone = false
    private var outcomes = 0
    private var stdoutBytes = 0
    private var lineNumber = 0
    private var pending = Data()
    private var discarding = false
    private var stderrTail = Data()
    private var stdoutClosed = false
    private var stderrClosed = false
    private var exited = false
    private var exitStatus: Int32?
    private var finished = false
    private var stop = false
    private var continuation: CheckedContinuation<Void, Never>?
    private var pid: pid_t = 0

    init(limits: PluginLimits) {
        self.limits = limits
    }

    func run(executable: String, arguments: [String], directory: String, environment: [String: String], request: Data, timeout: Double) async
        -> PluginInvocationResult
    {
        PluginProcess.ignoreSIGPIPE
        let started = ContinuousClock.now
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        process.terminationHandler = { [self] process in
            lock.lock()
            exited = true
            exitStatus = process.terminationStatus
            if failure == nil, !sawDone {
                if process.terminationReason == .uncaughtSignal {
                    failure = .exited(status: process.terminationStatus, signal: true)
                } else if process.terminationStatus != 0 {
                    failure = .exited(status: process.terminationStatus, signal: false)
                }
            }
            lock.unlock()
            // Pipes held open by stray children must not keep us waiting.
            DispatchQueue.global().asyncAfter(deadline: .now() + limits.killGrace) { [self] in
                killGroup(SIGKILL)
                lock.lock()
                stdoutClosed = true
                stderrClosed = true
                lock.unlock()
                finishIfDone()
            }
            finishIfDone()
        }
        do {
            try process.run()
        } catch {
            return PluginInvocationResult(messages: [], failure: .launch("\(error)"), exitStatus: nil, stderrTail: "",
                                          duration: seconds(since: started))
        }
        let childID = process.processIdentifier
        lock.withLock { pid = childID }
        // Our copies of the child's ends must be closed, or EOF never comes.
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        try? stderr.fileHandleForWriting.close()

        let writer = stdin.fileHandleForWriting
        Thread.detachNewThread {
            try? writer.write(contentsOf: request + Data("\n".utf8))
            try? writer.close()
        }
        startReader(stdout.fileHandleForReading, isStdout: true)
        startReader(stderr.fileHandleForReading, isStdout: false)

        let timer = DispatchWorkItem { [self] in fail(.timeout(seconds: timeout)) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)

        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.lock()
                if finished {
                    lock.unlock()
                    continuation.resume()
                } else {
                    self.continuation = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            fail(.cancelled)
        }
        timer.cancel()
        killGroup(SIGKILL)   // stray children of a plugin that finished
        var result = lock.withLock {
            stop = true
            return PluginInvocationResult(messages: messages, failure: failure, exitStatus: exitStatus,
                                          stderrTail: String(decoding: stderrTail, as: UTF8.self), duration: 0)
        }
        result.duration = seconds(since: started)
        if result.failure == nil, !result.messages.contains(where: { $0.type == "done" }) {
            result.failure = sawHelloSnapshot() ? .missingDone : .missingHello(line: 1)
        }
        return result
    }

    private func sawHelloSnapshot() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return sawHello
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        SecondsText.seconds(ContinuousClock.now - start)
    }

    // MARK: - Failure and killing

    /// Records the first failure and kills the process group (SIGTERM, then SIGKILL after the grace).
    private func fail(_ reason: PluginFailure) {
        lock.lock()
        if failure == nil && !finished { failure = reason }
        let alreadyExited = exited
        lock.unlock()
        guard !alreadyExited else { return }
        killGroup(SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + limits.killGrace) { [self] in
            lock.lock()
            let stillRunning = !exited
            lock.unlock()
            if stillRunning { killGroup(SIGKILL) }
        }
    }

    /// Signals the plugin's process group (Foundation starts it as a group leader) and the process itself.
    private func killGroup(_ signal: Int32) {
        lock.lock()
        let pid = self.pid
        let reaped = exited
        lock.unlock()
        guard pid > 0 else { return }
        _ = kill(-pid, signal)
        if !reaped { _ = kill(pid, signal) }
    }

    private func finishIfDone() {
        lock.lock()
        guard !finished, exited, stdoutClosed, stderrClosed else {
            lock.unlock()
            return
        }
        finished = true
        let continuation = self.continuation
        self.continuation = nil
        lock.unlock()
        continuation?.resume()
    }

    // MARK: - Reading

    private func startReader(_ handle: FileHandle, isStdout: Bool) {
        let fd = handle.fileDescriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                lock.lock()
                let stopping = stop
                lock.unlock()
                if stopping { break }
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, 100)
                if ready < 0 && errno == EINTR { continue }
                if ready < 0 { break }
                if ready == 0 { continue }
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                let chunk = Data(buffer[0..<count])
                if isStdout { consumeStdout(chunk) } else { consumeStderr(chunk) }
            }
            try? handle.close()   // only this thread uses the descriptor, so closing here cannot race a read
            lock.lock()
            if isStdout {
                stdoutClosed = true
            } else {
                stderrClosed = true
            }
            lock.unlock()
            if isStdout { flushLastLine() }
            finishIfDone()
        }
    }

    private func consumeStderr(_ chunk: Data) {
        lock.lock()
        stderrTail.append(chunk)
        if stderrTail.count > limits.stderrTailBytes { stderrTail = stderrTail.suffix(limits.stderrTailBytes) }
        lock.unlock()
    }

    private func consumeStdout(_ chunk: Data) {
        lock.lock()
        if discarding {
            lock.unlock()
            return
        }
        stdoutBytes += chunk.count
        if stdoutBytes > limits.maxOutputBytes {
            discarding = true
            lock.unlock()
            fail(.oversize("more than \(limits.maxOutputBytes) bytes on stdout"))
            return
        }
        pending.append(chunk)
        var lines: [Data] = []
        while let newline = pending.firstIndex(of: 0x0A) {
            lines.append(pending[pending.startIndex..<newline])
            pending = pending[(newline + 1)...]
        }
        pending = Data(pending)
        let overlong = pending.count > limits.maxLineBytes
        if overlong { discarding = true }
        lock.unlock()
        for line in lines where !handle(line: Data(line)) { return }
        if overlong { fail(.oversize("a line longer than \(limits.maxLineBytes) bytes")) }
    }

    private func flushLastLine() {
        lock.lock()
        let rest = discarding ? Data() : pending
        pending = Data()
        lock.unlock()
        if !rest.isEmpty { _ = handle(line: rest) }
    }

    /// Parses one stdout line; returns `false` (after failing the invocation) when it breaks the protocol.
    private func handle(line raw: Data) -> Bool {
        lock.lock()
        lineNumber += 1
        let number = lineNumber
        let helloSeen = sawHello
        let doneSeen = sawDone
        if raw.count > limits.maxLineBytes { discarding = true }
        lock.unlock()
        if raw.count > limits.maxLineBytes {
            fail(.oversize("a line longer than \(limits.maxLineBytes) bytes"))
            return false
        }
        let trimmed = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || doneSeen { return true }
        func garbage(_ problem: String) -> Bool {
            lock.lock()
            discarding = true
            lock.unlock()
            fail(.garbage(line: number, excerpt: String(trimmed.prefix(120)), problem: problem))
            return false
        }
        guard (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) is [String: Any] else {
            return garbage("not a JSON object")
        }
        let message: PluginMessage
        do {
            message = try JSONDecoder().decode(PluginMessage.self, from: Data(trimmed.utf8))
        } catch {
            return garbage(Self.describe(error))
        }
        if !helloSeen {
            guard message.type == "hello" else {
                lock.lock()
                discarding = true
                lock.unlock()
                fail(.missingHello(line: number))
                return false
            }
            guard message.protocolVersion == PluginProtocol.version else {
                lock.lock()
                discarding = true
                lock.unlock()
                fail(.protocolMismatch(message.protocolVersion))
                return false
            }
        }
        lock.lock()
        if message.type == "hello" { sawHello = true }
        if message.type == "outcome" { outcomes += 1 }
        let tooMany = outcomes > limits.maxOutcomes
        if !tooMany { messages.append(message) }
        if message.type == "done" { sawDone = true }
        if tooMany { discarding = true }
        lock.unlock()
        if tooMany {
            fail(.oversize("more than \(limits.maxOutcomes) outcomes"))
            return false
        }
        if message.type == "done" {
            // The plugin is finished; give it the grace period to exit on its own.
            DispatchQueue.global().asyncAfter(deadline: .now() + limits.killGrace) { [self] in
                lock.lock()
                let stillRunning = !exited
                lock.unlock()
                if stillRunning { killGroup(SIGKILL) }
            }
        }
        return true
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}
