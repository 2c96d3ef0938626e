import AuthCheckReport
import CVATEmulator
import Foundation
import Testing
import ValidatorTestSupport

/// `run --openmetrics` and `report render --openmetrics` as users run them: the built binary against an
/// emulated CVAT behind a cookie-stripping proxy, the file read back with prometheus-client's parsers.
@Suite("OpenMetrics end to end", .serialized)
struct OpenMetricsCLITests {
    /// The target's name in the targets file: quotes, a backslash, a line feed and non-ASCII text.
    static let name = "lab \"eu\" \\ north\nsecond line – ü 東京"

    @Test(
        "run --openmetrics writes the run's verdicts in a file the OpenMetrics parser reads; report render writes the same",
        .enabled(if: Validators.problem == nil, "\(Validators.problem ?? "")"))
    func runAndRender() async throws {
        let server = try await EmulatedCVATServer.start(
            EmulatorConfiguration(version: "2.48.0", password: CLITests.password, faults: [.stripSetCookie]))
        defer { Task { await server.stop() } }
        let directory = try CLIProcess.temporaryDirectory()
        let quoted = Self.name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        try """
        targets:
          - name: "\(quoted)"
            url: \(server.baseURL.absoluteString)
            credentials: { user: probe, password_env: CVAT_PASSWORD }
        """.write(to: directory.appendingPathComponent("targets.yaml"), atomically: true, encoding: .utf8)

        let result = try CLIProcess.run(
            ["run", "--targets", "targets.yaml", "--json", "reports/run.json", "--openmetrics", "reports/metrics.prom"],
            environment: ["CVAT_PASSWORD": CLITests.password], directory: directory)
        #expect(result.status == 1, "the proxy strips Set-Cookie, so password logins break: \(result.all)")
        #expect(result.stdout.contains("wrote reports/metrics.prom"), "\(result.stdout)")
        let path = directory.appendingPathComponent("reports/metrics.prom").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(CLITests.password) && !text.contains(String(CLITests.password.prefix(12))))
        let parsed = try ParsedExposition.parse(file: path)

        // What the set-up decides: one native suite for the named target, CVAT 2.48.0 (a profile covers it),
        // session cookies stripped (a fail), the password login of cvat-sdk breaks, the access token works.
        let suite = ["target": Self.name, "backend": "native"]
        #expect(parsed.family("cvat_authcheck_outcomes")?.samples.allSatisfy { $0.labels["target"] == Self.name } == true)
        #expect((parsed.value("cvat_authcheck_outcomes", suite.merging(["status": "fail"]) { $1 }) ?? 0) >= 1)
        #expect(parsed.value("cvat_authcheck_matrix_stale", suite) == 0)
        #expect(parsed.value("cvat_authcheck_run_interrupted") == 0)
        #expect((parsed.value("cvat_authcheck_run_duration_seconds") ?? 0) > 0)
        let works = try #require(parsed.family("cvat_authcheck_client_works")).samples
        #expect(
            works.contains {
                $0.labels["mode"] == "password" && $0.labels["client"] == "cvat-sdk" && $0.labels["selected"] == "true" && $0.value == 0
            })
        #expect(works.contains { $0.labels["mode"] == "access-token" && $0.value == 1 })
        #expect(works.allSatisfy { $0.labels["target"] == Self.name && $0.labels["backend"] == "native" })

        // The counts add up to the outcomes of the JSON record written by the same run.
        let record = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path)
        let counted = parsed.family("cvat_authcheck_outcomes")?.samples.map(\.value).reduce(0, +)
        #expect(counted == Double(record.outcomes.count))

        // report render reads the record back and writes the same metrics (the record keeps times to the millisecond).
        let rendered = try CLIProcess.run(["report", "render", "reports/run.json", "--openmetrics", "again/metrics.prom"], directory: directory)
        #expect(rendered.status == 0, "\(rendered.all)")
        let again = try ParsedExposition.parse(file: directory.appendingPathComponent("again/metrics.prom").path)
        #expect(again.openmetrics.map(\.name) == parsed.openmetrics.map(\.name))
        for family in parsed.openmetrics
        where family.name != "cvat_authcheck_run_duration_seconds" && family.name != "cvat_authcheck_target_duration_seconds" {
            #expect(Set(again.family(family.name)?.samples ?? []) == Set(family.samples), "\(family.name)")
        }
        let duration = try #require(parsed.value("cvat_authcheck_run_duration_seconds"))
        #expect(abs((again.value("cvat_authcheck_run_duration_seconds") ?? -1) - duration) < 0.002)
    }
}
