import Foundation
import Synchronization
import Testing

@testable import AuthCheckPlugins

/// The supervisor shared by probe runs and prepare steps, on plain shell commands.
@Suite("Process supervisor")
struct ProcessSupervisorTests {
    static func shell(_ script: String, input: Data? = nil, timeout: Double = 20) -> SupervisedCommand {
        SupervisedCommand(
            executable: "/bin/sh", arguments: ["-c", script], directory: "/",
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"], input: input, timeout: timeout)
    }

    /// Collects streamed stdout.
    final class Collected: Sendable {
        let state = Mutex((data: Data(), ended: false))
        func receive(_ event: SupervisedOutputEvent) {
            state.withLock {
                switch event {
                case .chunk(let data): $0.data.append(data)
                case .end: $0.ended = true
                }
            }
        }
    }

    @Test("stdin is written and closed, stdout streamed to the end, the stderr tail bounded, the exit reported")
    func roundTrip() async {
        let collected = Collected()
        let supervisor = ProcessSupervisor(
            Self.shell("cat; echo; printf '%0100d' 0 >&2; exit 3", input: Data("request".utf8)),
            limits: SupervisionLimits(killGrace: 0.5, stderrTailBytes: 10))
        let run = await supervisor.run(output: .stream(collected.receive))
        #expect(run.launchError == nil)
        #expect(run.termination == .exit(3))
        #expect(run.stop == nil)
        #expect(String(decoding: run.stderrTail, as: UTF8.self) == String(repeating: "0", count: 10))
        let (data, ended) = collected.state.withLock { ($0.data, $0.ended) }
        #expect(String(decoding: data, as: UTF8.self) == "request\n")
        #expect(ended)
    }

    @Test("past the deadline a process that ignores SIGTERM is killed with its whole group, within the grace")
    func deadline() async throws {
        let marker = "supervisor-straggler-\(UInt32.random(in: 100_000...999_999))"
        let events = Mutex<[SupervisionEvent]>([])
        let supervisor = ProcessSupervisor(
            Self.shell("trap '' TERM; sh -c 'sleep 300; echo \(marker)' & while :; do sleep 1; done", timeout: 1),
            limits: SupervisionLimits(killGrace: 0.5))
        let run = await supervisor.run { event in events.withLock { $0.append(event) } }
        #expect(run.stop == .deadline)
        #expect(run.termination == .signal(SIGKILL))
        #expect(run.duration < 10)
        #expect(events.withLock { $0 }.first == .deadline(seconds: 1))
        #expect(try PluginHarness.sleepersRunning(marker) == 0, "a child of the killed process is still running")
    }

    @Test("a command that cannot be started is reported, not thrown")
    func launchError() async {
        var command = Self.shell("exit 0")
        command.executable = "/nonexistent/program"
        let run = await ProcessSupervisor(command).run()
        #expect(run.launchError != nil)
        #expect(run.termination == nil)
    }

    @Test("cancelling the awaiting task stops the process")
    func cancellation() async {
        let task = Task { await ProcessSupervisor(Self.shell("sleep 300"), limits: SupervisionLimits(killGrace: 0.5)).run() }
        try? await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let run = await task.value
        #expect(run.stop == .cancelled)
        #expect(run.duration < 10)
    }

    @Test("a prepare step past its timeout is killed and reported with its last stderr lines")
    func prepareTimeout() async {
        let problem = await PluginSet.runPrepare(
            program: "/bin/sh", arguments: ["-c", "echo 'installing…' >&2; trap '' TERM; while :; do sleep 1; done"],
            directory: "/", environment: [:], timeout: 1, grace: 0.5)
        #expect(problem == "prepare did not finish within 1 s and was killed: installing…")
    }
}
