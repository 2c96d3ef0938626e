import AuthCheckCore
import Foundation
import Testing

@testable import AuthCheckReport

@Suite struct JUnitReportTests {
    /// Compares with `Fixtures/reports/<name>.junit.xml`; `UPDATE_GOLDEN=1` rewrites the file.
    func checkGolden(_ bytes: [UInt8], _ name: String) throws {
        let url = TestFiles.fixtures.appendingPathComponent("reports/\(name).junit.xml")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try AtomicFile.write(bytes, to: url.path)
        }
        let golden = try #require(FileManager.default.contents(atPath: url.path), "missing golden \(url.path); run with UPDATE_GOLDEN=1")
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: golden, as: UTF8.self))
        try TestFiles.validateEverywhere([UInt8](golden), file: url.lastPathComponent)
    }

    @Test("the sample record renders exactly as the golden file, which validates")
    func goldenSample() throws {
        try checkGolden(try JUnitReport.render(Samples.record()), "sample")
    }

    @Test("hostile text renders as the golden file, which validates")
    func goldenHostile() throws {
        try checkGolden(try JUnitReport.render(Samples.hostileRecord()), "hostile")
    }

    @Test("an empty run is still a valid report with zero counts")
    func goldenEmpty() throws {
        let record = RunRecord(toolVersion: "0.1.0-test", startedAt: Samples.start, finishedAt: Samples.start, suites: [])
        let xml = try JUnitReport.render(record)
        try checkGolden(xml, "empty")
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains(#"tests="0" failures="0" errors="0""#))
    }

    @Test(
        "every generated report validates against the Jenkins xUnit schema",
        .enabled(
            if: TestFiles.jenkinsSchemaAvailable, "../shared/schemas/jenkins-junit-10.xsd is absent; the Jenkins half of the validation is skipped"))
    func jenkinsSchema() throws {
        let jenkins = try XSD.file(TestFiles.jenkinsSchemaPath)
        for record in [Samples.record(), Samples.hostileRecord()] {
            try JUnitReport.validate(try JUnitReport.render(record), xsd: jenkins)
        }
    }

    @Test("counts, classnames, names, properties and one terminal element per case")
    func structure() throws {
        let document = try JUnitReport.read(JUnitReport.render(Samples.record()), file: "sample.xml")
        #expect(document.suites.map(\.name) == ["alpha", "alpha [cvat-sdk@2.24.0]", "beta.internal"])
        let alpha = document.suites[0]
        #expect(alpha.counts == JUnitCounts(tests: 8, failures: 2, errors: 1, skipped: 1, time: 1.235))
        #expect(alpha.hostname == "cvat.example.com")
        #expect(alpha.timestamp == "2025-11-28T03:20:00")
        #expect(alpha.property("server.version") == "2.48.1")
        #expect(alpha.property("profile.sha256") == String(repeating: "ab", count: 32))
        #expect(alpha.property("tool.version") == "0.1.0-test")
        #expect(alpha.property("retries") == "1")
        #expect(alpha.property("tls.insecure") == "false")
        #expect(alpha.property("organization") == "lab")
        #expect(document.suites[2].property("tls.insecure") == "true")
        #expect(document.suites[2].cases.map(\.classname).contains("cvat.beta-internal.anonymous"))
        let failure = try #require(alpha.cases.first { $0.name == "login.password: session cookies" })
        #expect(failure.classname == "cvat.alpha.login")
        guard case .failure(let message, let type, let body) = failure.result else {
            Issue.record("not a failure")
            return
        }
        #expect(message == "login set no session cookies")
        #expect(type == "set-cookie-stripped")
        #expect(body.contains("Expected: Set-Cookie sessionid and csrftoken"))
        #expect(body.contains("Likely cause: a reverse proxy strips Set-Cookie"))
        #expect(body.contains("Remedy: nginx"))
        #expect(failure.systemOut?.contains("> POST https://cvat.example.com/api/auth/login") == true)
        let sdkCase = try #require(document.suites[1].cases.first)
        #expect(sdkCase.name == "login.password: username form [cvat-sdk@2.24.0]")
        let keys = document.cases.map { $0.classname + "/" + $0.name }
        #expect(Set(keys).count == keys.count)
        let text = String(decoding: try JUnitReport.render(Samples.record()), as: UTF8.self)
        #expect(text.contains(#"time="10.000""#))
        #expect(text.contains(#"time="1.235""#))
        #expect(!text.contains("e-0") && !text.contains("e+"))
    }

    @Test("an interrupted run is a valid report whose unfinished probes are errors")
    func interrupted() throws {
        var record = Samples.record()
        record.interrupted = true
        record.suites[2].outcomes.append(
            Outcome(
                probe: "logout.invalidates", name: "key", status: .error, message: "interrupted",
                observed: "the run was interrupted (SIGTERM) before this probe finished"))
        let xml = try JUnitReport.render(record)
        try TestFiles.validateEverywhere(xml)
        let document = try JUnitReport.read(xml, file: "interrupted.xml")
        #expect(document.suites.allSatisfy { $0.property("run.interrupted") == "true" })
        #expect(document.suites[2].counts.errors == 2)
        #expect(
            document.cases.last?.result
                == .error(message: "interrupted", type: "error", body: "Observed: the run was interrupted (SIGTERM) before this probe finished"))
        #expect(MarkdownReport.render(record).contains("The run was interrupted"))
    }

    @Test("colliding case names are made unique deterministically")
    func dedupe() throws {
        let suite = Samples.suite("a.b", [("login.x", "same", .pass), ("login.x", "same", .fail)])
        let other = Samples.suite("a-b", [("login.x", "same", .pass)])
        let record = RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: [suite, other])
        let xml = try JUnitReport.render(record)
        try TestFiles.validateEverywhere(xml)
        let names = try JUnitReport.read(xml, file: "x").cases.map { "\($0.classname) \($0.name)" }
        #expect(names == ["cvat.a-b.login login.x: same", "cvat.a-b.login login.x: same #2", "cvat.a-b.login login.x: same #3"])
        #expect(try JUnitReport.render(record) == xml)
    }

    @Test("forbidden XML characters become visible escapes, markup survives a round trip")
    func escaping() throws {
        let xml = try JUnitReport.render(Samples.hostileRecord())
        try TestFiles.validateEverywhere(xml)
        let text = String(decoding: xml, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { !XMLText.isAllowed($0) })
        #expect(text.contains(#"\u0000NUL"#))
        #expect(text.contains(#"\u001B[31mESC"#))
        #expect(text.contains(#"\u0007BEL"#))
        #expect(text.contains(#"\uFFFE\uFFFF"#))
        let document = try JUnitReport.read(xml, file: "hostile.xml")
        let first = try #require(document.cases.first)
        #expect(first.result.message?.hasPrefix("a<b>&\"c\" 'd' ]]> \\u0000NUL") == true)
        #expect(first.result.body?.contains("line cr\r😀 é") == true)
        #expect(document.suites[0].property("server.version")?.contains("tab\tnew\nline") == true)
        #expect(document.cases.count == 3)
        #expect(document.cases[2].name == "about.shape")
    }

    @Test(
        "seconds are plain decimals with three places",
        arguments: [
            (0.0, "0.000"), (1.0, "1.000"), (0.0004, "0.000"), (0.0005, "0.001"), (4.9e-05, "0.000"), (8926.953, "8926.953"),
            (-1.0, "0.000"), (Double.nan, "0.000"), (Double.infinity, "0.000"), (1_234_567.8915, "1234567.892"),
        ])
    func seconds(value: Double, expected: String) {
        #expect(Seconds.format(value) == expected)
    }

    @Test("the schema rejects what consumers choke on")
    func schemaRejects() throws {
        let bad: [(String, String)] = [
            (
                "nested suites",
                #"<testsuites name="x" tests="0" failures="0" errors="0" time="0"><testsuite name="a" hostname="h" timestamp="2025-01-01T00:00:00" tests="0" failures="0" errors="0" skipped="0" time="0"><properties/><testsuite name="b"/></testsuite></testsuites>"#
            ),
            (
                "two terminal elements",
                #"<testsuites name="x" tests="1" failures="1" errors="0" time="0"><testsuite name="a" hostname="h" timestamp="2025-01-01T00:00:00" tests="1" failures="1" errors="0" skipped="0" time="0"><properties/><testcase classname="cvat.a.b" name="n" time="0"><failure message="m" type="t"/><skipped message="s"/></testcase></testsuite></testsuites>"#
            ),
            ("time with a comma", #"<testsuites name="x" tests="0" failures="0" errors="0" time="1,5"/>"#),
            ("time with four decimals", #"<testsuites name="x" tests="0" failures="0" errors="0" time="1.2345"/>"#),
            ("missing errors count", #"<testsuites name="x" tests="0" failures="0" time="0"/>"#),
            (
                "timestamp with a zone",
                #"<testsuites name="x" tests="0" failures="0" errors="0" time="0"><testsuite name="a" hostname="h" timestamp="2025-01-01T00:00:00Z" tests="0" failures="0" errors="0" skipped="0" time="0"><properties/></testsuite></testsuites>"#
            ),
            (
                "undotted classname",
                #"<testsuites name="x" tests="1" failures="0" errors="0" time="0"><testsuite name="a" hostname="h" timestamp="2025-01-01T00:00:00" tests="1" failures="0" errors="0" skipped="0" time="0"><properties/><testcase classname="login" name="n" time="0"/></testsuite></testsuites>"#
            ),
            (
                "duplicate case",
                #"<testsuites name="x" tests="2" failures="0" errors="0" time="0"><testsuite name="a" hostname="h" timestamp="2025-01-01T00:00:00" tests="2" failures="0" errors="0" skipped="0" time="0"><properties/><testcase classname="cvat.a.b" name="n" time="0"/><testcase classname="cvat.a.b" name="n" time="0"/></testsuite></testsuites>"#
            ),
        ]
        for (label, xml) in bad {
            #expect(throws: ReportError.self, "\(label) must be rejected") { try JUnitReport.validate(Array(xml.utf8)) }
        }
    }

    @Test("schema violations name the file and line")
    func violationMessage() throws {
        let xml = "<?xml version=\"1.0\"?>\n<testsuites name=\"x\" tests=\"0\" failures=\"0\" errors=\"0\" time=\"1,5\"/>"
        do {
            try JUnitReport.validate(Array(xml.utf8), file: "shard-3.xml")
            Issue.record("accepted an invalid time")
        } catch let .schemaViolation(file, schema, issues) {
            #expect(file == "shard-3.xml")
            #expect(schema == "cvat-authcheck-junit.xsd")
            #expect(issues.first?.line == 2)
            #expect(issues.first?.message.contains("time") == true)
        }
    }

    @Test("the schema validation uses is the package's one schema file, embedded at build time")
    func embeddedSchemaMatchesResource() throws {
        let path = TestFiles.packageRoot.appendingPathComponent("Sources/AuthCheckReport/Resources/cvat-authcheck-junit.xsd").path
        let file = try #require(FileManager.default.contents(atPath: path))
        let text = String(decoding: file, as: UTF8.self)
        #expect(text.trimmingCharacters(in: .newlines) == String(decoding: XSD.project.bytes, as: UTF8.self).trimmingCharacters(in: .newlines))
    }
}
