import AuthCheckCore
import Foundation
import LogTestSupport
import Logging
import Synchronization
import Testing

/// What the runner tells a front end while it works (issue 17, point 1): events for progress, and
/// log lines for each target's start and result.
@Suite("Runner events and logs")
struct RunObserverTests {
    /// Keeps the events, in the order they arrived.
    final class Events: Sendable {
        private let list = Mutex<[RunEvent]>([])
        var all: [RunEvent] { list.withLock { $0 } }
        var observer: RunObserver { { event in self.list.withLock { $0.append(event) } } }
    }

    static let transport = ScriptedTransport { _ in HTTPResponseData(status: 200, headers: [], body: []) }

    func runner(version: CVATVersion?, events: Events, lines: CapturedLog, probes: [String]) -> Runner {
        let order = Counter()
        return Runner(
            registry: ProbeRegistry(
                probes: probes.map { RecordingProbe(descriptor: .init(id: $0, summary: "", phase: .login), order: order, behaviour: .pass) },
                detector: FixedDetector(version: version)),
            catalog: smallCatalog(), options: RunOptions(concurrency: 1), redactor: Redactor(), environment: ["PW": "correct-horse-battery"],
            makeTransport: { _, _, _ in Self.transport }, logger: lines.logger, observer: events.observer)
    }

    func target(_ name: String) -> Target {
        Target(name: name, url: URL(string: "http://127.0.0.1:9/")!, credentials: CredentialReference(user: "probe", passwordEnv: "PW"))
    }

    /// A readable form of an event, for comparing sequences.
    static func describe(_ event: RunEvent) -> String {
        switch event {
        case .runStarted(let suites): "run \(suites)"
        case .suiteStarted(let target, let backend): "start \(target) \(backend)"
        case .probeStarted(let target, _, let probe): "probe \(target) \(probe)"
        case .suiteFinished(let suite): "done \(suite.target) \(suite.outcomes.count)"
        }
    }

    @Test("the observer hears the run start, then per target: started, each probe in order, finished with the complete suite")
    func events() async {
        let events = Events()
        let lines = CapturedLog(level: .info)
        let record = await runner(version: CVATVersion(2, 48, 0), events: events, lines: lines, probes: ["a.one", "b.two"])
            .run([target("x"), target("y")])
        #expect(
            events.all.map(Self.describe) == [
                "run 2",
                "start x native", "probe x about.version", "probe x a.one", "probe x b.two", "done x 4",
                "start y native", "probe y about.version", "probe y a.one", "probe y b.two", "done y 4",
            ])
        if case .suiteFinished(let suite) = events.all.last { #expect(suite == record.suites.last) }
    }

    @Test("info logs each target's start and its result with version and profile; a target without a version is a warning")
    func logs() async {
        let lines = CapturedLog(level: .info)
        _ = await runner(version: CVATVersion(2, 48, 0), events: Events(), lines: lines, probes: ["a.one"]).run([target("x")])
        #expect(lines.lines.count == 2, "\(lines.lines)")
        #expect(lines.lines.first?.hasPrefix("info checking http://127.0.0.1:9/ ") == true, "\(lines.lines)")
        #expect(lines.lines.first?.contains("target") == true)
        #expect(
            lines.lines.last?.hasPrefix("info CVAT 2.48.0 (from about), profile cvat-2.24: PASS — 3 pass, 0 fail, 0 error, 0 skipped in ") == true,
            "\(lines.lines)")

        let unknown = CapturedLog(level: .info)
        _ = await runner(version: nil, events: Events(), lines: unknown, probes: ["a.one"]).run([target("x")])
        let warning = unknown.lines.filter { $0.hasPrefix("warning ") }
        #expect(warning.count == 1, "\(unknown.lines)")
        #expect(warning.first?.contains("not checked: the server version could not be detected: version ?") == true, "\(unknown.lines)")
    }
}
