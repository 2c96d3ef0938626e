import AuthCheckCore
import Foundation
import Logging
import Testing

/// A transport answering from a closure, or hanging until cancelled.
struct ScriptedTransport: HTTPTransport {
    var answer: @Sendable (HTTPRequestSpec) async throws -> HTTPResponseData
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData { try await answer(request) }
    func shutdown() async {}
}

/// A detector that reports a fixed version (or hangs when `hang` is set); its coverage outcome says
/// which resolution the runner handed it (status: pass, fail when stale, error when none; message: the profile id).
struct FixedDetector: VersionDetector {
    var version: CVATVersion?
    var hang = false
    var probeID: String { "about.version" }
    var reportedIDs: Set<String> { ["about.version", "matrix.stale"] }
    func coverage(of version: CVATVersion, resolution: ProfileResolver.Resolution?, catalog: ProfileCatalog) -> Outcome {
        Outcome(
            probe: "matrix.stale", name: "coverage", status: resolution == nil ? .error : resolution!.isStale ? .fail : .pass,
            message: resolution?.profile.profile.id ?? "none")
    }
    func detect(target: Target, transport: any HTTPTransport, redactor: Redactor, catalog: ProfileCatalog) async throws -> VersionDetection {
        if hang { _ = try await transport.send(HTTPRequestSpec(path: "/api/server/about")) }
        return VersionDetection(
            version: version, source: "about",
            outcomes: [
                Outcome(
                    probe: "about.version", name: "server version", status: version == nil ? .error : .pass,
                    message: "version \(version?.description ?? "?")")
            ])
    }
}

/// A probe that records its execution order and can fail, hang, leak a secret or register a cleanup.
struct RecordingProbe: Probe {
    enum Behaviour: Sendable {
        case pass, hang
        case echoSecret(String)
        case cleanup(Counter)
        case throwing
    }
    let descriptor: ProbeDescriptor
    let order: Counter
    let behaviour: Behaviour

    func run(in context: ProbeContext) async throws -> [Outcome] {
        await order.append(descriptor.id)
        switch behaviour {
        case .pass:
            return [Outcome(probe: descriptor.id, name: "case", status: .pass, message: "ok")]
        case .hang:
            _ = try await context.transport.send(HTTPRequestSpec(path: "/hang"))
            return []
        case .echoSecret(let secret):
            context.redactor.register(secret)
            return [
                Outcome(
                    probe: descriptor.id, name: "case", status: .fail, message: "server said \(secret)",
                    evidence: [ExchangeRecord(method: "GET", url: "/x?k=\(secret)", responseBody: "{\"key\":\"\(secret)\"}")])
            ]
        case .cleanup(let counter):
            await context.state.addCleanup(id: "token") { await counter.append("revoked") }
            throw CancellationError()
        case .throwing:
            struct Boom: CategorizedError {
                var category: String { "refused" }
                var description: String { "connection refused" }
            }
            throw Boom()
        }
    }
}

/// An actor-backed list, for recording what happened across tasks.
actor Counter {
    private(set) var items: [String] = []
    func append(_ item: String) { items.append(item) }
}

/// A minimal valid profile catalog: one profile for 2.24.0..<2.49.0 and one for 2.49.x.
func smallCatalog() -> ProfileCatalog {
    ProfileCatalog.load([
        ProfileSource(
            path: "matrices/servers/a.yaml",
            text: "id: cvat-2.24\nversions: \">=2.24.0 <2.49.0\"\nauth:\n  token: {state: supported}\nskip:\n  skipped.probe: not in this line\n"),
        ProfileSource(path: "matrices/servers/b.yaml", text: "id: cvat-2.49\nextends: cvat-2.24\nversions: \">=2.49.0 <2.50.0\"\n"),
    ])
}

private let hangingTransport = ScriptedTransport { _ in
    try await Task.sleep(for: .seconds(3600))
    return HTTPResponseData(status: 200, headers: [], body: [])
}

@Suite("Runner")
struct RunnerTests {
    func runner(
        _ probes: [any Probe], version: CVATVersion? = CVATVersion(2, 48, 0), hangDetect: Bool = false,
        options: RunOptions = RunOptions(), transport: ScriptedTransport = hangingTransport,
        environment: [String: String] = ["PW": "correct-horse-battery"], redactor: Redactor = Redactor()
    ) -> Runner {
        Runner(
            registry: ProbeRegistry(probes: probes, detector: FixedDetector(version: version, hang: hangDetect)),
            catalog: smallCatalog(), options: options, redactor: redactor, environment: environment,
            makeTransport: { _, _, _ in transport })
    }

    func target(_ name: String = "t") -> Target {
        Target(name: name, url: URL(string: "http://127.0.0.1:9/")!, credentials: CredentialReference(user: "probe", passwordEnv: "PW"))
    }

    @Test("probes run in phase order, not registration order")
    func phaseOrder() async {
        let order = Counter()
        let probes: [any Probe] = [
            RecordingProbe(descriptor: .init(id: "logout.x", summary: "", phase: .logout), order: order, behaviour: .pass),
            RecordingProbe(descriptor: .init(id: "login.x", summary: "", phase: .login), order: order, behaviour: .pass),
            RecordingProbe(descriptor: .init(id: "anon.x", summary: "", phase: .anonymous), order: order, behaviour: .pass),
        ]
        let record = await runner(probes).run([target()])
        #expect(await order.items == ["anon.x", "login.x", "logout.x"])
        #expect(record.suites[0].outcomes.map(\.probe) == ["about.version", "matrix.stale", "anon.x", "login.x", "logout.x"])
        #expect(record.suites[0].profile?.id == "cvat-2.24")
    }

    @Test("a hanging probe becomes an error at the target deadline and later probes still report")
    func deadline() async {
        let order = Counter()
        let probes: [any Probe] = [
            RecordingProbe(descriptor: .init(id: "a.hang", summary: "", phase: .login), order: order, behaviour: .hang),
            RecordingProbe(descriptor: .init(id: "b.after", summary: "", phase: .logout), order: order, behaviour: .pass),
        ]
        let record = await runner(probes, options: RunOptions(targetDeadline: 0.3)).run([target()])
        let outcomes = Dictionary(uniqueKeysWithValues: record.suites[0].outcomes.map { ($0.probe, $0) })
        #expect(outcomes["a.hang"]?.status == .error)
        #expect(outcomes["a.hang"]?.cause == "deadline")
        #expect(outcomes["a.hang"]?.message.contains("deadline") == true)
        #expect(outcomes["b.after"]?.status == .error, "the deadline has passed, so the next probe cannot run either")
    }

    @Test("a server newer than every profile uses the newest and has the detector report the matrix as stale")
    func staleMatrix() async {
        let record = await runner([], version: CVATVersion(2, 81, 0)).run([target()])
        let stale = record.suites[0].outcomes.first { $0.probe == "matrix.stale" }
        #expect(stale?.status == .fail)
        #expect(stale?.message == "cvat-2.49")
        #expect(record.suites[0].profile?.id == "cvat-2.49")
    }

    @Test("a server older than every profile gets an error, not a guess")
    func tooOld() async {
        let record = await runner([], version: CVATVersion(2, 20, 0)).run([target()])
        #expect(record.suites[0].outcomes.contains { $0.probe == "matrix.stale" && $0.status == .error })
        #expect(record.suites[0].profile == nil)
    }

    @Test("profile skip entries become skipped outcomes with the reason")
    func profileSkip() async {
        let probe = RecordingProbe(descriptor: .init(id: "skipped.probe", summary: "", phase: .login), order: Counter(), behaviour: .pass)
        let record = await runner([probe]).run([target()])
        let outcome = record.suites[0].outcomes.first { $0.probe == "skipped.probe" }
        #expect(outcome?.status == .skipped)
        #expect(outcome?.message.contains("not in this line") == true)
    }

    @Test("without credentials, credentialed probes are skipped with a hint")
    func noCredentials() async {
        let probe = RecordingProbe(descriptor: .init(id: "login.x", summary: "", phase: .login), order: Counter(), behaviour: .pass)
        let bare = Target(name: "t", url: URL(string: "http://127.0.0.1:9/")!)
        let record = await runner([probe]).run([bare])
        #expect(record.suites[0].outcomes.first { $0.probe == "login.x" }?.status == .skipped)
    }

    @Test("a credential variable that is not set is an error naming the setting (never the value given), and nothing runs")
    func missingVariable() async {
        let order = Counter()
        let probe = RecordingProbe(descriptor: .init(id: "login.x", summary: "", phase: .login), order: order, behaviour: .pass)
        let record = await runner([probe], environment: [:]).run([target()])
        #expect(await order.items.isEmpty)
        #expect(record.suites[0].outcomes.allSatisfy { $0.status == .error })
        let message = record.suites[0].outcomes.first?.message ?? ""
        #expect(message.contains("password_env") && message.contains("not set"), "\(message)")
        // The variable's name is what the user gave the option; it might be the secret itself (issue 16).
        #expect(!message.contains("PW"), "\(message)")
    }

    @Test("secrets registered during the run never reach the record")
    func redaction() async {
        let secret = "minted-session-7f3a9c"
        let probe = RecordingProbe(descriptor: .init(id: "leak.x", summary: "", phase: .login), order: Counter(), behaviour: .echoSecret(secret))
        let record = await runner([probe]).run([target()])
        let json = String(decoding: try! JSONEncoder().encode(record), as: UTF8.self)
        #expect(!json.contains(secret))
        #expect(!json.contains("correct-horse-battery"))
        #expect(json.contains("[REDACTED]"))
    }

    @Test("cleanups registered by a failing probe still run")
    func cleanupsRun() async {
        let log = Counter()
        let probe = RecordingProbe(
            descriptor: .init(id: "access-token.x", summary: "", phase: .accessTokens), order: Counter(), behaviour: .cleanup(log))
        _ = await runner([probe]).run([target()])
        #expect(await log.items == ["revoked"])
    }

    @Test("a transport failure inside a probe is an error outcome with the category as cause")
    func transportFailure() async {
        let probe = RecordingProbe(descriptor: .init(id: "login.x", summary: "", phase: .login), order: Counter(), behaviour: .throwing)
        let record = await runner([probe]).run([target()])
        let outcome = record.suites[0].outcomes.first { $0.probe == "login.x" }
        #expect(outcome?.status == .error)
        #expect(outcome?.cause == "refused")
    }

    @Test("every target gets its suite, in input order, at any concurrency", arguments: [1, 3, 16])
    func concurrency(limit: Int) async {
        let order = Counter()
        let probe = RecordingProbe(descriptor: .init(id: "p.x", summary: "", phase: .login), order: order, behaviour: .pass)
        let targets = (0..<12).map { target("t\($0)") }
        let record = await runner([probe], options: RunOptions(concurrency: limit)).run(targets)
        #expect(record.suites.map(\.target) == targets.map(\.name))
        #expect(await order.items.count == 12)
    }

    @Test("cancelling the run marks unfinished probes as interrupted and keeps every target")
    func interruption() async {
        let probe = RecordingProbe(descriptor: .init(id: "p.hang", summary: "", phase: .login), order: Counter(), behaviour: .hang)
        let runner = runner([probe], options: RunOptions(concurrency: 1))
        let task = Task { await runner.run([target("a"), target("b")]) }
        task.cancel()
        let record = await task.value
        #expect(record.interrupted)
        #expect(record.suites.map(\.target) == ["a", "b"])
        #expect(record.suites.flatMap(\.outcomes).contains { $0.message == "interrupted" })
        #expect(!record.suites.flatMap(\.outcomes).contains { $0.status == .pass && $0.probe == "p.hang" })
    }
}
