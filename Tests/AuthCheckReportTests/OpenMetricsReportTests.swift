import AuthCheckCore
import AuthCheckProbeIDs
import AuthCheckReport
import Foundation
import Testing
import ValidatorTestSupport

/// `--openmetrics`: the run as OpenMetrics text, read back by prometheus-client's parsers (the
/// OpenMetrics one and the text format 0.0.4 one that node_exporter and the Pushgateway speak).
@Suite("OpenMetrics report")
struct OpenMetricsReportTests {
    static let start = Date(timeIntervalSince1970: 1_764_300_000)
    /// A target name no label may mangle: quotes, a backslash, a line feed, a carriage return, a tab,
    /// an en dash, letters with diacritics, CJK and an emoji.
    static let hostile = "lab \"eu\" \\ back\\slash\nsecond line\r\tü – 東京 🚀"

    static func outcome(_ probe: String, _ status: OutcomeStatus, _ name: String = "case") -> Outcome {
        Outcome(probe: probe, name: name, status: status, message: "\(probe) \(status)")
    }

    static func prediction(
        _ line: String, _ mode: ClientPrediction.Mode, _ verdict: ClientPrediction.Verdict, selected: Bool = true, client: String = "cvat-sdk"
    ) -> Outcome {
        let prediction = ClientPrediction(client: client, line: line, mode: mode, verdict: verdict, selected: selected)
        return Outcome(
            probe: "sdk.compat", name: "\(line) \(mode.rawValue)", status: prediction.status, message: prediction.phrase, prediction: prediction)
    }

    /// alpha (native): 5 pass, 2 fail, 1 error, 3 skipped and five predictions; alpha through cvat-sdk@2.24.0:
    /// 1 pass and a real client that broke (1 fail); the hostile target on a stale matrix; gamma with no profile (undecided).
    static func record(interrupted: Bool = false) -> RunRecord {
        let alpha = SuiteRecord(
            target: "alpha", url: "https://cvat.example.com", hostname: "cvat.example.com", serverVersion: "2.48.1", startedAt: start, duration: 1.25,
            outcomes: [
                outcome(ProbeID.aboutVersion, .pass), outcome(ProbeID.matrixStale, .pass),
                outcome("login.password", .pass, "username form"), outcome("login.password", .fail, "session cookies"),
                outcome("token.legacy", .error), outcome("access-token.lifecycle", .skipped),
                prediction("cvat-sdk 2.24–2.40", .password, .breaks),
                prediction("cvat-sdk 2.41–2.47", .password, .works),
                prediction("cvat-sdk 2.48–2.69", .accessToken, .warns),
                prediction("cvat-cli 2.48–2.69", .password, .unknown, client: "cvat-cli"),
                prediction("cvat-sdk 2.70–2.80", .password, .breaks, selected: false),
            ])
        let alphaSDK = SuiteRecord(
            target: "alpha", url: "https://cvat.example.com", hostname: "cvat.example.com", backend: "cvat-sdk@2.24.0", serverVersion: "2.48.1",
            startedAt: start, duration: 0.5, outcomes: [outcome(ProbeID.matrixStale, .pass), prediction("cvat-sdk 2.24.0", .password, .breaks)])
        let stale = SuiteRecord(
            target: hostile, url: "https://cvat.lab.example", hostname: "cvat.lab.example", serverVersion: "2.99.0", startedAt: start,
            duration: 0.125, outcomes: [outcome(ProbeID.aboutVersion, .pass), outcome(ProbeID.matrixStale, .fail)])
        let unsupported = SuiteRecord(
            target: "gamma", url: "http://gamma:8080", hostname: "gamma", serverVersion: "1.7.0", startedAt: start, duration: 0.0625,
            outcomes: [outcome(ProbeID.aboutVersion, .pass), outcome(ProbeID.matrixStale, .error)])
        return RunRecord(
            toolVersion: "0.1.0", startedAt: start, finishedAt: start.addingTimeInterval(12.5), interrupted: interrupted,
            suites: [alpha, alphaSDK, stale, unsupported])
    }

    /// Writes `record` through the report request, as `run --openmetrics` does, and parses the file.
    static func written(_ record: RunRecord) throws -> (text: String, parsed: ParsedExposition) {
        let folder = try TestFiles.temporaryFolder()
        let path = folder + "/metrics/cvat-authcheck.prom"
        let paths = try ReportRequest(openMetrics: path).write(record)
        #expect(paths == [path])
        #expect(try TestFiles.listing(folder + "/metrics") == ["cvat-authcheck.prom"], "no temporary file is left beside it")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return (text, try ParsedExposition.parse(file: path))
    }

    static func client(_ target: String, _ backend: String, _ client: String, _ line: String, _ mode: String, _ selected: String) -> [String: String]
    {
        ["target": target, "backend": backend, "client": client, "line": line, "mode": mode, "selected": selected]
    }

    @Test(
        "the parsers read every family with the values of the constructed run",
        .enabled(if: Validators.problem == nil, "\(Validators.problem ?? "")"))
    func values() throws {
        let (text, parsed) = try Self.written(Self.record())
        #expect(text.hasSuffix("\n# EOF\n"))
        #expect(
            parsed.openmetrics.map(\.name) == [
                "cvat_authcheck_outcomes", "cvat_authcheck_client_works", "cvat_authcheck_client_verdict", "cvat_authcheck_matrix_stale",
                "cvat_authcheck_target_duration_seconds", "cvat_authcheck_run_duration_seconds", "cvat_authcheck_run_interrupted",
            ])
        #expect(parsed.openmetrics.allSatisfy { $0.type == "gauge" && !$0.help.isEmpty })
        #expect(
            parsed.openmetrics.filter { $0.unit == "seconds" }.map(\.name) == [
                "cvat_authcheck_target_duration_seconds", "cvat_authcheck_run_duration_seconds",
            ])

        let outcomes = "cvat_authcheck_outcomes"
        for (status, count) in [("pass", 5.0), ("fail", 2), ("error", 1), ("skipped", 3)] {
            #expect(parsed.value(outcomes, ["target": "alpha", "backend": "native", "status": status]) == count, "alpha \(status)")
        }
        for (status, count) in [("pass", 1.0), ("fail", 1), ("error", 0), ("skipped", 0)] {
            #expect(parsed.value(outcomes, ["target": "alpha", "backend": "cvat-sdk@2.24.0", "status": status]) == count, "alpha sdk \(status)")
        }
        #expect(parsed.value(outcomes, ["target": Self.hostile, "backend": "native", "status": "fail"]) == 1)
        #expect(parsed.value(outcomes, ["target": Self.hostile, "backend": "native", "status": "pass"]) == 1)
        #expect(parsed.family(outcomes)?.samples.count == 16, "four statuses for each of four suites, zeros included")

        let works = "cvat_authcheck_client_works"
        #expect(parsed.value(works, Self.client("alpha", "native", "cvat-sdk", "cvat-sdk 2.24–2.40", "password", "true")) == 0)
        #expect(parsed.value(works, Self.client("alpha", "native", "cvat-sdk", "cvat-sdk 2.41–2.47", "password", "true")) == 1)
        #expect(parsed.value(works, Self.client("alpha", "native", "cvat-sdk", "cvat-sdk 2.48–2.69", "access-token", "true")) == 1)
        #expect(parsed.value(works, Self.client("alpha", "native", "cvat-sdk", "cvat-sdk 2.70–2.80", "password", "false")) == 0)
        #expect(parsed.value(works, Self.client("alpha", "cvat-sdk@2.24.0", "cvat-sdk", "cvat-sdk 2.24.0", "password", "true")) == 0)
        #expect(parsed.family(works)?.samples.count == 5, "the unknown cvat-cli prediction has no works sample")

        let verdict = "cvat_authcheck_client_verdict"
        let cli = Self.client("alpha", "native", "cvat-cli", "cvat-cli 2.48–2.69", "password", "true")
        let warns = Self.client("alpha", "native", "cvat-sdk", "cvat-sdk 2.48–2.69", "access-token", "true")
        for state in ["works", "warns", "breaks", "unknown"] {
            #expect(parsed.value(verdict, cli.merging(["verdict": state]) { $1 }) == (state == "unknown" ? 1 : 0), "cli \(state)")
            #expect(parsed.value(verdict, warns.merging(["verdict": state]) { $1 }) == (state == "warns" ? 1 : 0), "warns \(state)")
        }
        #expect(parsed.family(verdict)?.samples.count == 24, "six predictions, one-hot over four verdicts")

        let stale = "cvat_authcheck_matrix_stale"
        #expect(parsed.value(stale, ["target": "alpha", "backend": "native"]) == 0)
        #expect(parsed.value(stale, ["target": "alpha", "backend": "cvat-sdk@2.24.0"]) == 0)
        #expect(parsed.value(stale, ["target": Self.hostile, "backend": "native"]) == 1)
        #expect(parsed.value(stale, ["target": "gamma", "backend": "native"]) == nil, "no profile at all is not a stale matrix")

        #expect(parsed.value("cvat_authcheck_target_duration_seconds", ["target": "alpha", "backend": "native"]) == 1.25)
        #expect(parsed.value("cvat_authcheck_target_duration_seconds", ["target": "gamma", "backend": "native"]) == 0.0625)
        #expect(parsed.value("cvat_authcheck_run_duration_seconds") == 12.5)
        #expect(parsed.value("cvat_authcheck_run_interrupted") == 0)
        try Self.expectWellFormed(text, parsed)
    }

    /// No label set twice in a family (the parser would silently drop a repeat), and the 0.0.4 parser
    /// reads exactly what the OpenMetrics parser reads.
    static func expectWellFormed(_ text: String, _ parsed: ParsedExposition) throws {
        let sampleLines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let samples = parsed.openmetrics.flatMap(\.samples)
        #expect(sampleLines.count == samples.count, "every sample line was read as its own sample")
        #expect(Set(samples).count == samples.count, "no sample is repeated")
        for family in parsed.openmetrics {
            #expect(Set(family.samples.map(\.labels)).count == family.samples.count, "\(family.name): a label set appears twice")
        }
        #expect(parsed.textFormat.map(\.name) == parsed.openmetrics.map(\.name))
        #expect(Set(parsed.textFormat.flatMap(\.samples)) == Set(samples))
    }

    @Test(
        "suites and predictions that would repeat a label set are combined, never written twice",
        .enabled(if: Validators.problem == nil, "\(Validators.problem ?? "")"))
    func combined() throws {
        let first = SuiteRecord(
            target: "twin", url: "https://a", hostname: "a", startedAt: Self.start, duration: 1,
            outcomes: [
                Self.outcome("login.password", .pass), Self.outcome(ProbeID.matrixStale, .pass),
                Self.prediction("cvat-sdk 2.41–2.47", .password, .works),
                Self.prediction("cvat-sdk 2.41–2.47", .password, .breaks),
                Self.prediction("cvat-sdk 2.41–2.47", .password, .warns),
            ])
        let second = SuiteRecord(
            target: "twin", url: "https://b", hostname: "b", startedAt: Self.start, duration: 2,
            outcomes: [Self.outcome("login.password", .fail), Self.outcome("token.legacy", .pass), Self.outcome(ProbeID.matrixStale, .fail)])
        let record = RunRecord(
            toolVersion: "0.1.0", startedAt: Self.start, finishedAt: Self.start.addingTimeInterval(3), interrupted: true, suites: [first, second])
        let (text, parsed) = try Self.written(record)
        try Self.expectWellFormed(text, parsed)
        let twin = ["target": "twin", "backend": "native"]
        // 4 + 1 passes (the works and warns predictions pass), 1 + 2 fails (the selected break, the stale matrix).
        #expect(parsed.value("cvat_authcheck_outcomes", twin.merging(["status": "pass"]) { $1 }) == 5)
        #expect(parsed.value("cvat_authcheck_outcomes", twin.merging(["status": "fail"]) { $1 }) == 3)
        #expect(parsed.value("cvat_authcheck_target_duration_seconds", twin) == 3)
        #expect(parsed.value("cvat_authcheck_matrix_stale", twin) == 1, "stale in either suite is stale")
        let line = Self.client("twin", "native", "cvat-sdk", "cvat-sdk 2.41–2.47", "password", "true")
        #expect(parsed.family("cvat_authcheck_client_works")?.samples.map(\.value) == [0], "the worse of the three verdicts, breaks, is kept")
        #expect(parsed.value("cvat_authcheck_client_verdict", line.merging(["verdict": "breaks"]) { $1 }) == 1)
        #expect(parsed.value("cvat_authcheck_run_interrupted") == 1)
    }

    @Test("label values are escaped as the format says: backslash, double quote and line feed, nothing else")
    func escaping() {
        let suite = SuiteRecord(
            target: "a\"b\\c\nd\r\te – ü", url: "https://a", hostname: "a", startedAt: Self.start, outcomes: [Self.outcome("x.y", .pass)])
        let text = OpenMetricsReport.render(RunRecord(toolVersion: "0.1.0", startedAt: Self.start, finishedAt: Self.start, suites: [suite]))
        #expect(text.contains("cvat_authcheck_outcomes{target=\"a\\\"b\\\\c\\nd\r\te – ü\",backend=\"native\",status=\"pass\"} 1\n"))
        #expect(text.contains("# TYPE cvat_authcheck_run_duration_seconds gauge\n# UNIT cvat_authcheck_run_duration_seconds seconds\n"))
        #expect(text.contains("\ncvat_authcheck_run_duration_seconds 0\n"))
        #expect(!text.contains("\n\n"), "a blank line ends an OpenMetrics exposition early")
        let help = text.split(separator: "\n").filter { $0.hasPrefix("# HELP") }
        #expect(help.count == 4, "outcomes, target and run durations, interrupted: \(help)")
        #expect(help.allSatisfy { !$0.contains("\"") }, "the 0.0.4 format cannot escape a quote in help")
    }

    @Test("only names, fixed words and numbers are written: no message, URL, property or transcript")
    func noSecrets() {
        let marker = "Marker-Q7xZ"
        var leaky = Self.outcome("login.password", .fail)
        leaky.message = "login failed for \(marker)"
        leaky.observed = marker
        leaky.evidence = [ExchangeRecord(method: "POST", url: "https://a/\(marker)", requestBody: marker, status: 200, responseBody: marker)]
        leaky.facts = ["key": marker]
        let suite = SuiteRecord(
            target: "t", url: "https://user.\(marker).example", hostname: "\(marker).example", serverVersion: "2.48.0",
            versionSource: "about: \(marker)", startedAt: Self.start, outcomes: [leaky], properties: ["organization": marker])
        let text = OpenMetricsReport.render(RunRecord(toolVersion: marker, startedAt: Self.start, finishedAt: Self.start, suites: [suite]))
        #expect(!text.contains(marker), "\(text)")
    }
}
