import AuthCheckCore
import AuthCheckProbes
import Foundation
import Testing

/// A detector that reports a fixed version without any request.
private struct PinnedDetector: VersionDetector {
    var probeID: String { "about.version" }
    var reportedIDs: Set<String> { ["about.version", "matrix.stale"] }
    func coverage(of version: CVATVersion, resolution: ProfileResolver.Resolution?, catalog: ProfileCatalog) -> Outcome {
        AboutVersionDetector().coverage(of: version, resolution: resolution, catalog: catalog)
    }
    func detect(target: Target, transport: any HTTPTransport, redactor: Redactor, catalog: ProfileCatalog) async throws -> VersionDetection {
        VersionDetection(
            version: CVATVersion(2, 48, 0), source: "pinned",
            outcomes: [
                Outcome(probe: "about.version", name: "server version", status: .pass, message: "2.48.0")
            ])
    }
}

private struct NoTransport: HTTPTransport {
    struct Refused: CategorizedError {
        var category: String { "refused" }
        var description: String { "no network in this test" }
    }
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData { throw Refused() }
    func shutdown() async {}
}

/// Records which backend ran it, for which target, and when (to prove a target's backends never overlap).
private struct MarkProbe: Probe {
    let descriptor: ProbeDescriptor
    let log: Log
    let label: String

    func run(in context: ProbeContext) async throws -> [Outcome] {
        await log.append("start \(context.target.name) \(label)")
        try await Task.sleep(for: .milliseconds(20))
        await log.append("end \(context.target.name) \(label)")
        return [Outcome(probe: descriptor.id, name: label, status: .pass, message: "ran for \(label)")]
    }
}

private actor Log {
    private(set) var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
}

@Suite("Runner with several backends")
struct BackendRunnerTests {
    @Test("one suite per target × backend, target-major; a backend runs only its own probes; a target's backends never overlap")
    func suitesPerBackend() async throws {
        let log = Log()
        let native = MarkProbe(descriptor: .init(id: "mark.native", summary: "", phase: .login, needsCredentials: false), log: log, label: "native")
        let fake = MarkProbe(descriptor: .init(id: "mark.fake", summary: "", phase: .login, needsCredentials: false), log: log, label: "fake")
        let spec = try BackendSpec(parsing: "fake-client@1.2.3")
        let runner = Runner(
            registry: ProbeRegistry(probes: [native], detector: PinnedDetector()), catalog: PluginHarness.catalog,
            options: RunOptions(concurrency: 4), redactor: Redactor(), environment: [:], makeTransport: { _, _, _ in NoTransport() },
            backends: [.native, Backend(spec: spec, probes: [fake])])
        let targets = ["a", "b", "c"].map { Target(name: $0, url: URL(string: "http://127.0.0.1:9/")!) }
        let record = await runner.run(targets)
        #expect(
            record.suites.map { "\($0.target)/\($0.backend)" } == [
                "a/native", "a/fake-client@1.2.3", "b/native", "b/fake-client@1.2.3", "c/native", "c/fake-client@1.2.3",
            ])
        for suite in record.suites {
            let marks = suite.outcomes.filter { $0.probe.hasPrefix("mark.") }.map(\.probe)
            #expect(marks == [suite.backend == "native" ? "mark.native" : "mark.fake"])
            #expect(suite.serverVersion == "2.48.0")
            #expect(suite.profile?.id == "cvat-2.48")
        }
        // Per target: native starts and ends before the fake backend starts.
        let lines = await log.lines
        for target in ["a", "b", "c"] {
            let mine = lines.filter { $0.contains(" \(target) ") }
            #expect(mine == ["start \(target) native", "end \(target) native", "start \(target) fake", "end \(target) fake"])
        }
        // Only non-native runs get the prediction pass; without sdk.session outcomes it adds nothing.
        #expect(!record.outcomes.contains { $0.probe == PredictionCheck.probeID })
    }

    @Test("the default is the native backend alone, with the suite named native")
    func defaultNative() async {
        let runner = Runner(
            registry: ProbeRegistry(probes: [], detector: PinnedDetector()), catalog: PluginHarness.catalog, options: RunOptions(),
            redactor: Redactor(), environment: [:], makeTransport: { _, _, _ in NoTransport() })
        let record = await runner.run([Target(name: "a", url: URL(string: "http://127.0.0.1:9/")!)])
        #expect(record.suites.map(\.backend) == ["native"])
    }
}
