import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

@Suite struct RecordDiffTests {
    func record(_ suites: [SuiteRecord]) -> RunRecord {
        RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: suites)
    }

    @Test("classifies new failures, fixes, still failing, unchanged and removed cases")
    func classifications() {
        let old = record([
            Samples.suite(
                "a",
                [
                    ("login.password", "form", .pass), ("token.legacy", "self", .fail), ("anonymous.denied", "self", .error),
                    ("basic", "self", .pass), ("cookies.attributes", "secure", .fail), ("about.shape", "x", .skipped),
                ])
        ])
        let new = record([
            Samples.suite(
                "a",
                [
                    ("login.password", "form", .fail), ("token.legacy", "self", .pass), ("anonymous.denied", "self", .fail),
                    ("basic", "self", .pass), ("about.shape", "x", .error), ("logout.invalidates", "key", .fail),
                ])
        ])
        let diff = RecordDiff(baseline: old, current: new)
        #expect(diff.newFailures.map(\.key.probe) == ["about.shape", "login.password", "logout.invalidates"])
        #expect(diff.newFailures.map(\.oldStatus) == [.skipped, .pass, nil])
        #expect(diff.fixed.map(\.key.probe) == ["token.legacy"])
        #expect(diff.stillFailing.map(\.key.probe) == ["anonymous.denied"])
        #expect(diff.removed.map(\.key.probe) == ["cookies.attributes"])
        #expect(diff.entries.filter { $0.kind == .unchanged }.map(\.key.probe) == ["basic"])
        #expect(diff.changedAfterUpgrade.isEmpty)
        #expect(diff.upgrades.isEmpty)
        #expect(diff.hasRegressions)
    }

    @Test("a server version change marks changed cases as behaviour changed after an upgrade")
    func upgrade() {
        let old = record([
            Samples.suite("a", version: "2.46.0", [("login.password", "form", .pass), ("basic", "self", .pass), ("token.legacy", "self", .fail)]),
            Samples.suite("b", version: "2.46.0", [("login.password", "form", .pass)]),
        ])
        let new = record([
            Samples.suite("a", version: "2.48.0", [("login.password", "form", .fail), ("basic", "self", .pass), ("token.legacy", "self", .pass)]),
            Samples.suite("b", version: "2.46.0", [("login.password", "form", .fail)]),
        ])
        let diff = RecordDiff(baseline: old, current: new)
        #expect(diff.upgrades == ["a": RecordDiff.VersionChange(from: "2.46.0", to: "2.48.0")])
        #expect(diff.changedAfterUpgrade.map { "\($0.key.target) \($0.key.probe)" } == ["a login.password", "a token.legacy"])
        #expect(diff.newFailures.map(\.key.target) == ["a", "b"])
        let note = DiffText.note(diff.changedAfterUpgrade[0])
        #expect(note == "Regression: new since the baseline run (was pass). Behaviour changed after a server upgrade (2.46.0 → 2.48.0).")
    }

    @Test("backends are distinct cases")
    func backends() {
        let old = record([
            Samples.suite("a", [("login.password", "form", .pass)]),
            Samples.suite("a", backend: "cvat-sdk@2.24.0", [("login.password", "form", .fail)]),
        ])
        let new = record([
            Samples.suite("a", [("login.password", "form", .pass)]),
            Samples.suite("a", backend: "cvat-sdk@2.24.0", [("login.password", "form", .pass)]),
        ])
        let diff = RecordDiff(baseline: old, current: new)
        #expect(diff.fixed.map(\.key.backend) == ["cvat-sdk@2.24.0"])
        #expect(diff.newFailures.isEmpty)
    }

    @Test("the diff shows in every format")
    func everyFormat() throws {
        let old = record([Samples.suite("a", version: "2.46.0", [("login.password", "form", .pass), ("token.legacy", "self", .fail)])])
        let new = record([Samples.suite("a", version: "2.48.0", [("login.password", "form", .fail), ("token.legacy", "self", .pass)])])
        let folder = try TestFiles.temporaryFolder()
        let baseline = try ReportFile.write(RunRecordJSON.encode(old), to: folder + "/old.json", gzip: true)
        let request = ReportRequest(
            junit: folder + "/junit.xml", json: folder + "/run.json", markdown: folder + "/summary.md", html: folder + "/report.html",
            baseline: baseline)
        let written = try request.write(new)
        #expect(written == [folder + "/junit.xml", folder + "/run.json", folder + "/summary.md", folder + "/report.html"])
        let junit = try ReportFile.read(folder + "/junit.xml")
        try TestFiles.validateEverywhere(junit)
        let document = try JUnitReport.read(junit, file: "junit.xml")
        #expect(document.suites[0].property("baseline.new-failures") == "1")
        #expect(document.suites[0].property("baseline.fixed") == "1")
        #expect(document.suites[0].property("baseline.server.version") == "2.46.0")
        #expect(
            document.cases[0].result.body?.hasPrefix(
                "Regression: new since the baseline run (was pass). Behaviour changed after a server upgrade (2.46.0 → 2.48.0).") == true)
        #expect(document.cases[1].systemOut?.contains("Fixed since the baseline run (was fail).") == true)
        let json = try JSONSerialization.jsonObject(with: Data(try ReportFile.read(folder + "/run.json"))) as? [String: Any]
        let diff = try #require(json?["diff"] as? [String: Any])
        #expect((diff["new_failures"] as? [Any])?.count == 1)
        #expect((diff["fixed"] as? [Any])?.count == 1)
        #expect((diff["changed_after_upgrade"] as? [Any])?.count == 2)
        let markdown = String(decoding: try ReportFile.read(folder + "/summary.md"), as: UTF8.self)
        #expect(markdown.contains("### Changes since the baseline"))
        #expect(markdown.contains("🆕 1 new failure(s) · 🔧 1 fixed"))
        #expect(markdown.contains("Server upgraded: **a** 2.46.0 → 2.48.0"))
        let html = String(decoding: try ReportFile.read(folder + "/report.html"), as: UTF8.self)
        #expect(html.contains("<h2>Changes since the baseline</h2>"))
        #expect(html.contains("New failures: 1"))
        #expect(try RunRecordJSON.read(file: folder + "/run.json") == new)
    }
}
