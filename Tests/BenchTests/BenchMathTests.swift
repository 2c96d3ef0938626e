import AuthCheckCore
import Foundation
import Testing

@testable import cvat_authcheck_bench

/// The pure parts of `cvat-authcheck-bench`: statistics, the critical-path bound, argument parsing,
/// /proc parsing, request counting and the synthetic report record.
@Suite("bench math")
struct BenchMathTests {
    @Test("median of an odd count is the middle value; min and max are the extremes")
    func oddMedian() throws {
        let spread = try #require(Spread([3.0, 1.0, 2.0, 10.0, 0.5]))
        #expect(spread.median == 2.0)
        #expect(spread.min == 0.5)
        #expect(spread.max == 10.0)
        #expect(spread.count == 5)
    }

    @Test("median of an even count is the mean of the middle two; NaN is ignored; no samples is nil")
    func evenMedian() throws {
        #expect(try #require(Spread([4.0, 1.0, 3.0, 2.0])).median == 2.5)
        #expect(try #require(Spread([.nan, 7.0])).median == 7.0)
        #expect(Spread([]) == nil)
        #expect(Spread([.nan]) == nil)
    }

    @Test("format shows min–max only with several samples, with fixed decimals")
    func format() throws {
        #expect(try #require(Spread([1.5, 1.25, 2.0])).format(2) == "1.50 (1.25–2.00)")
        #expect(try #require(Spread([0.1234])).format(3) == "0.123")
        #expect(Spread.decimal(-0.0004, 3) == "0.000")
        #expect(Spread.decimal(-2.5, 1) == "-2.5")
        #expect(Spread.decimal(1234.5678, 0) == "1235")
        #expect(Spread.decimal(.nan, 2) == "n/a")
    }

    @Test("the critical-path bound is the longest chain × latency × ⌈targets / concurrency⌉")
    func bound() {
        let bound = CriticalPathBound(requestsPerTarget: ["a": 23, "b": 25, "c": 21], latency: 0.02, targets: 100, concurrency: 32)
        #expect(bound.chainLength == 25)
        #expect(bound.waves == 4)
        #expect(abs(bound.perTarget - 0.5) < 1e-12)
        #expect(abs(bound.total - 2.0) < 1e-12)
        #expect(abs((bound.ratio(wall: 3.0) ?? 0) - 1.5) < 1e-12)
    }

    @Test("waves round up, concurrency above the target count is one wave, zero latency has no ratio")
    func boundEdges() {
        #expect(CriticalPathBound(chainLength: 10, latency: 0.02, targets: 100, concurrency: 1).waves == 100)
        #expect(CriticalPathBound(chainLength: 10, latency: 0.02, targets: 100, concurrency: 33).waves == 4)
        #expect(CriticalPathBound(chainLength: 10, latency: 0.02, targets: 5, concurrency: 128).waves == 1)
        #expect(CriticalPathBound(chainLength: 10, latency: 0, targets: 5, concurrency: 1).ratio(wall: 1) == nil)
        #expect(CriticalPathBound(requestsPerTarget: [:], latency: 0.02, concurrency: 8).total == 0)
        // The target count defaults to the targets that were counted.
        #expect(CriticalPathBound(requestsPerTarget: ["a": 2, "b": 2, "c": 2], latency: 0.01, concurrency: 2).waves == 2)
    }

    @Test("comma lists parse in order without duplicates and reject anything but positive whole numbers")
    func lists() throws {
        #expect(try BenchCommand.parseList("1,10, 100,500") == [1, 10, 100, 500])
        #expect(try BenchCommand.parseList("8,8,1") == [8, 1])
        for bad in ["", "1,,2", "0", "-3", "ten", "1.5"] {
            #expect(throws: (any Error).self, "\(bad)") { try BenchCommand.parseList(bad) }
        }
    }

    @Test("defaults are the issue's figures; flags and --only change them")
    func parsing() throws {
        let defaults = try BenchCommand.parse([]).settings
        #expect(defaults == BenchSettings.defaults)
        #expect(defaults.gridTargets == [1, 10, 100, 500])
        #expect(defaults.gridConcurrency == [1, 8, 32, 128])
        #expect(defaults.latency == 20 && defaults.gridLatency == 20 && defaults.junitCases == 100_000)
        let custom = try BenchCommand.parse([
            "--grid-targets", "1,10", "--grid-concurrency", "4", "--latency", "5", "--only", "grid", "--only", "junit",
        ]).settings
        #expect(custom.gridTargets == [1, 10])
        #expect(custom.gridConcurrency == [4])
        #expect(custom.gridLatency == 5)
        #expect(custom.includes(.grid) && custom.includes(.junit) && !custom.includes(.python))
        #expect(try BenchCommand.parse(["--latency", "5", "--grid-latency", "0"]).settings.gridLatency == 0)
    }

    @Test("--quick lowers only the values left at their defaults")
    func quick() throws {
        let quick = try BenchCommand.parse(["--quick"]).settings
        #expect(quick.runs == 1 && quick.targets == 10 && quick.gridTargets == [1, 10] && quick.junitCases == 10_000)
        let explicit = try BenchCommand.parse(["--quick", "--targets", "40", "--grid-targets", "2,3"]).settings
        #expect(explicit.targets == 40)
        #expect(explicit.gridTargets == [2, 3])
        #expect(explicit.runs == 1)
    }

    @Test("out-of-range values are usage errors")
    func invalid() {
        for arguments in [
            ["--runs", "0"], ["--latency", "-1"], ["--grid-targets", "1,x"], ["--grid-concurrency", "2000"],
            ["--targets", "0"], ["--only", "everything"], ["--max-cell-seconds", "0"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try BenchCommand.parse(arguments) }
        }
    }

    @Test("/proc/self/status kB fields become bytes; the live sample is consistent")
    func status() {
        let fields = ProcessResources.parseStatus("Name:\tbench\nVmHWM:\t   12345 kB\nVmRSS:\t  2048 kB\nThreads:\t4\n")
        #expect(fields == ["VmHWM": 12_641_280, "VmRSS": 2_097_152])
        let sample = ProcessResources.sample()
        #expect(sample.peakRSS > 0)
        #expect(sample.cpuSeconds > 0)
        #if os(Linux)
        #expect(sample.currentRSS > 0 && sample.currentRSS <= sample.peakRSS)
        #endif
    }

    @Test("the counting transport counts per target, forwards unchanged and traces one target")
    func counting() async throws {
        struct Echo: HTTPTransport {
            func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
                HTTPResponseData(status: request.method == "POST" ? 201 : 200, headers: [], body: Array(request.path.utf8))
            }
            func shutdown() async {}
        }
        let counter = RequestCounter(traceTarget: "a")
        let a = CountingTransport(inner: Echo(), target: "a", counter: counter)
        let b = CountingTransport(inner: Echo(), target: "b", counter: counter)
        let response = try await a.send(HTTPRequestSpec(method: "POST", path: "/api/auth/login"))
        #expect(response.status == 201 && response.text == "/api/auth/login")
        _ = try await a.send(HTTPRequestSpec(path: "/api/users/self", headers: [HeaderField("Authorization", "Token secret-key")]))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 { group.addTask { _ = try? await b.send(HTTPRequestSpec(path: "/")) } }
        }
        #expect(counter.perTarget == ["a": 2, "b": 50])
        #expect(counter.trace == ["POST /api/auth/login", "GET /api/users/self [Token]"])
        #expect(!counter.trace.joined().contains("secret-key"))
    }

    @Test("the synthetic record has exactly the requested cases, 30 per suite, with every status")
    func synthetic() {
        let record = SyntheticRecord.make(cases: 95)
        #expect(record.outcomes.count == 95)
        #expect(record.suites.map(\.outcomes.count) == [30, 30, 30, 5])
        #expect(Set(record.outcomes.map(\.status)) == Set(OutcomeStatus.allCases))
        #expect(Set(record.outcomes.map { "\($0.probe)/\($0.name)" }).count == 95)
    }

    @Test("tables pad every column to its widest cell")
    func table() {
        var table = BenchTable(header: ["n", "wall"])
        table.add(["100", "1.5"])
        table.add(["1"])
        #expect(table.render() == "| n   | wall |\n|-----|------|\n| 100 | 1.5  |\n| 1   |      |")
    }
}
