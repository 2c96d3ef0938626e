import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

@Suite struct RecordDiffTests {
    func record(_ suites: [SuiteRecord]) -> RunRecord {
        RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: suites)
    }

    /// One case: probe, name, status and an optional cause id.
    struct Case {
        var probe: String
        var name: String
        var status: OutcomeStatus
        var cause: String?

        init(_ probe: String, _ name: String, _ status: OutcomeStatus, _ cause: String? = nil) {
            self.probe = probe
            self.name = name
            self.status = status
            self.cause = cause
        }
    }

    func suite(_ target: String, version: String = "2.48.0", _ cases: [Case]) -> SuiteRecord {
        SuiteRecord(
            target: target, url: "https://\(target).example", hostname: "\(target).example", serverVersion: version, startedAt: Samples.start,
            outcomes: cases.map { Outcome(probe: $0.probe, name: $0.name, status: $0.status, message: $0.status.rawValue, cause: $0.cause) })
    }

    @Test("every case gets exactly one kind: new failure, cause changed, fixed, coverage lost, still failing, removed, unchanged")
    func classifications() {
        let old = record([
            suite(
                "a",
                [
                    Case("login.password", "form", .pass), Case("token.legacy", "self", .fail, "token-refused"),
                    Case("anonymous.denied", "self", .error), Case("basic", "self", .pass), Case("cookies.attributes", "secure", .fail),
                    Case("about.shape", "x", .skipped), Case("session.csrf", "origin", .fail, "set-cookie-stripped"),
                    Case("logout.invalidates", "key", .pass), Case("signing", "url", .skipped), Case("account.dedicated", "x", .pass),
                    Case("sdk.compat", "line", .fail, "sdk-cookie-assert"), Case("session.cookie", "self", .error, "timeout"),
                ])
        ])
        let new = record([
            suite(
                "a",
                [
                    Case("login.password", "form", .fail), Case("token.legacy", "self", .pass), Case("anonymous.denied", "self", .fail),
                    Case("basic", "self", .pass), Case("about.shape", "x", .error), Case("session.csrf", "origin", .fail, "csrf-origin-refused"),
                    Case("logout.invalidates", "key", .skipped), Case("proxy.diagnosis", "x", .fail),
                    Case("sdk.compat", "line", .fail, "sdk-cookie-assert"), Case("session.cookie", "self", .skipped),
                ])
        ])
        let diff = RecordDiff(baseline: old, current: new)
        #expect(diff.newFailures.map(\.key.probe) == ["about.shape", "login.password", "proxy.diagnosis"])
        #expect(diff.newFailures.map(\.oldStatus) == [.skipped, .pass, nil])
        // error → fail with no cause id is a different way of failing; the cause id changed for session.csrf.
        #expect(diff.causeChanged.map(\.key.probe) == ["anonymous.denied", "session.csrf"])
        #expect(diff.causeChanged.map(\.oldCause) == [nil, "set-cookie-stripped"])
        #expect(diff.causeChanged.map(\.newCause) == [nil, "csrf-origin-refused"])
        #expect(diff.fixed.map(\.key.probe) == ["token.legacy"])
        // pass → absent, fail → absent, pass → skipped, error → skipped.
        #expect(diff.lostCoverage.map(\.key.probe) == ["account.dedicated", "cookies.attributes", "logout.invalidates", "session.cookie"])
        #expect(diff.lostCoverage.map(\.newStatus) == [nil, nil, .skipped, .skipped])
        #expect(diff.stillFailing.map(\.key.probe) == ["sdk.compat"])
        #expect(diff.removed.map(\.key.probe) == ["signing"])
        #expect(diff.entries(.unchanged).map(\.key.probe) == ["basic"])
        #expect(diff.entries.count == 13)
        #expect(diff.changedAfterUpgrade.isEmpty)
        #expect(diff.upgrades.isEmpty)
        #expect(diff.hasRegressions)
    }

    @Test("an upgrade 2.41 → 2.48 with the same cases and one cause change lists every case once, under one kind")
    func upgradeNotDoubleListed() throws {
        let old = record([
            suite(
                "alpha", version: "2.41.0",
                [
                    Case("about.version", "server version", .pass), Case("matrix.stale", "profile covers server 2.41.0", .pass),
                    Case("login.password", "username form", .fail, "set-cookie-stripped"),
                    Case("session.csrf", "with the SDK's Origin", .fail, "csrf-referer-missing"),
                    Case("sdk.compat", "cvat-sdk 2.41–2.47, password", .fail, "sdk-cookie-assert"),
                ])
        ])
        let new = record([
            suite(
                "alpha", version: "2.48.1",
                [
                    Case("about.version", "server version", .pass), Case("matrix.stale", "profile covers the server", .pass),
                    Case("login.password", "username form", .pass),
                    Case("session.csrf", "with the SDK's Origin", .fail, "csrf-origin-refused"),
                    Case("sdk.compat", "cvat-sdk 2.41–2.47, password", .fail, "sdk-cookie-assert"),
                ])
        ])
        let diff = RecordDiff(baseline: old, current: new)
        #expect(diff.upgrades == ["alpha": RecordDiff.VersionChange(from: "2.41.0", to: "2.48.1")])
        // The renamed matrix.stale case is the same case: five cases, not six.
        #expect(diff.entries.count == 5)
        #expect(diff.fixed.map(\.key.probe) == ["login.password"])
        #expect(diff.causeChanged.map(\.key.probe) == ["session.csrf"])
        #expect(diff.stillFailing.map(\.key.probe) == ["sdk.compat"])
        #expect(diff.entries(.unchanged).map(\.key.probe) == ["about.version", "matrix.stale"])
        #expect(diff.newFailures.isEmpty && diff.lostCoverage.isEmpty && diff.removed.isEmpty)
        #expect(diff.entries.allSatisfy { $0.upgrade == RecordDiff.VersionChange(from: "2.41.0", to: "2.48.1") })

        // Each view lists the fixed case and the cause change once.
        let console = DiffConsoleText.render(diff)
        let markdown = MarkdownReport.render(new, diff: diff)
        let html = HTMLReport.render(new, diff: diff)
        let changesMarkdown = String(markdown[try #require(markdown.range(of: "### Changes since the baseline")).lowerBound...])
            .components(separatedBy: "\n### ")[0]
        let changesHTML = String(html[try #require(html.range(of: "<ul id=\"changes\">")).lowerBound...]).components(separatedBy: "</ul>\n")[0]
        for (view, text) in [("console", console), ("markdown", changesMarkdown), ("html", changesHTML)] {
            #expect(text.components(separatedBy: "login.password: username form").count == 2, "\(view): \(text)")
            #expect(text.components(separatedBy: "session.csrf: with the SDK").count == 2, "\(view): \(text)")
            #expect(!text.contains("Changed after a server upgrade"), "\(view)")
        }
        #expect(console.contains("  CAUSE   alpha — session.csrf: with the SDK's Origin: fail csrf-referer-missing → fail csrf-origin-refused\n"))
        #expect(console.contains("  FIXED   alpha — login.password: username form: fail → pass\n"))
        #expect(console.contains("  server upgraded: alpha 2.41.0 → 2.48.1\n"))
        #expect(
            DiffText.note(diff.causeChanged[0])
                == "Still failing, but for a different cause since the baseline run (was fail csrf-referer-missing, now fail csrf-origin-refused). "
                + "Behaviour changed after a server upgrade (2.41.0 → 2.48.1).")
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
        let old = record([
            suite(
                "a", version: "2.46.0",
                [
                    Case("login.password", "form", .pass), Case("token.legacy", "self", .fail), Case("session.csrf", "origin", .fail, "x-cause"),
                    Case("basic", "self", .pass),
                ])
        ])
        let new = record([
            suite(
                "a", version: "2.48.0",
                [
                    Case("login.password", "form", .fail), Case("token.legacy", "self", .pass), Case("session.csrf", "origin", .fail, "y-cause"),
                    Case("basic", "self", .skipped),
                ])
        ])
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
        #expect(document.suites[0].property("baseline.cause-changed") == "1")
        #expect(document.suites[0].property("baseline.lost-coverage") == "1")
        #expect(document.suites[0].property("baseline.still-failing") == "0")
        #expect(document.suites[0].property("baseline.server.version") == "2.46.0")
        #expect(
            document.cases[0].result.body?.hasPrefix(
                "Regression: new since the baseline run (was pass). Behaviour changed after a server upgrade (2.46.0 → 2.48.0).") == true)
        #expect(document.cases[1].systemOut?.contains("Fixed since the baseline run (was fail).") == true)
        #expect(
            document.cases[2].result.body?.hasPrefix(
                "Still failing, but for a different cause since the baseline run (was fail x-cause, now fail y-cause).") == true)
        #expect(document.cases[3].result.body?.hasPrefix("Coverage lost since the baseline run (was pass, now skipped).") == true)
        let json = try JSONSerialization.jsonObject(with: Data(try ReportFile.read(folder + "/run.json"))) as? [String: Any]
        let diff = try #require(json?["diff"] as? [String: Any])
        for (key, count) in [("new_failures", 1), ("fixed", 1), ("cause_changed", 1), ("lost_coverage", 1), ("still_failing", 0), ("removed", 0)] {
            #expect((diff[key] as? [Any])?.count == count, "\(key)")
        }
        // The index of status changes in upgraded suites, kept for older readers: every case whose status changed.
        #expect((diff["changed_after_upgrade"] as? [Any])?.count == 3)
        let causeChange = try #require((diff["cause_changed"] as? [[String: Any]])?.first)
        #expect(causeChange["old_cause"] as? String == "x-cause")
        #expect(causeChange["new_cause"] as? String == "y-cause")
        #expect(causeChange["kind"] as? String == "cause-changed")
        let markdown = String(decoding: try ReportFile.read(folder + "/summary.md"), as: UTF8.self)
        #expect(markdown.contains("### Changes since the baseline"))
        #expect(markdown.contains("🆕 1 new failure(s) · 🔀 1 failing for a different cause · 🔧 1 fixed · 🕳️ 1 coverage lost · 🔁 0 still failing"))
        #expect(markdown.contains("Server upgraded: **a** 2.46.0 → 2.48.0"))
        #expect(markdown.contains("- a — session.csrf: origin: fail x-cause → fail y-cause"))
        #expect(markdown.contains("- a — basic: self: pass → skipped"))
        let html = String(decoding: try ReportFile.read(folder + "/report.html"), as: UTF8.self)
        #expect(html.contains("<h2>Changes since the baseline</h2>"))
        #expect(html.contains("New failures: 1"))
        #expect(html.contains("Failing for a different cause: 1"))
        #expect(html.contains("Coverage lost: 1"))
        #expect(try RunRecordJSON.read(file: folder + "/run.json") == new)
    }

    @Test("a JUnit baseline carries the cause ids, so a diff of JUnit files sees a cause change")
    func junitCauses() throws {
        let old = record([suite("a", [Case("session.csrf", "origin", .fail, "x-cause"), Case("sdk.compat", "line", .fail, "same")])])
        let new = record([suite("a", [Case("session.csrf", "origin", .fail, "y-cause"), Case("sdk.compat", "line", .fail, "same")])])
        let oldJUnit = JUnitRecordConverter.record(from: try JUnitReport.read(JUnitReport.render(old), file: "old.xml"))
        let diff = RecordDiff(baseline: oldJUnit, current: new)
        #expect(diff.causeChanged.map(\.key.probe) == ["session.csrf"])
        #expect(diff.causeChanged.first?.oldCause == "x-cause")
        #expect(diff.stillFailing.map(\.key.probe) == ["sdk.compat"])
    }
}
