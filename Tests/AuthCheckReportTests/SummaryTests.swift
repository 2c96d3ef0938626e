import AuthCheckCore
import AuthCheckReport
import AuthCheckRun
import Foundation
import Testing

@Suite struct SummaryTests {
    @Test("the matrix is targets × client lines × auth modes from sdk.compat facts, worst status per cell")
    func matrix() {
        let matrix = CompatibilityMatrix(record: Samples.record())
        #expect(matrix.isClientMatrix)
        #expect(matrix.rows == ["alpha", "beta.internal"])
        #expect(matrix.columns.map(\.label) == ["cvat-sdk 2.24–2.40 · session", "cvat-sdk 2.24–2.40 · token", "cvat-sdk 2.41–2.47 · token"])
        #expect(matrix.status("alpha", matrix.columns[0]) == .fail)
        #expect(matrix.status("beta.internal", matrix.columns[0]) == .pass)
        #expect(matrix.status("beta.internal", matrix.columns[1]) == nil)
        #expect(matrix.status("beta.internal", matrix.columns[2]) == .error)
    }

    @Test("without sdk.compat outcomes the matrix falls back to targets × probes")
    func fallback() {
        let record = RunRecord(
            toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start,
            suites: [
                Samples.suite("a", [("login.password", "x", .pass), ("login.password", "y", .fail), ("basic", "z", .pass)])
            ])
        let matrix = CompatibilityMatrix(record: record)
        #expect(!matrix.isClientMatrix)
        #expect(matrix.columns.map(\.label) == ["login.password", "basic"])
        #expect(matrix.status("a", matrix.columns[0]) == .fail)
    }

    @Test("the Markdown summary has totals, the failures grouped by cause with their remedy, then the matrix")
    func markdown() {
        let markdown = MarkdownReport.render(Samples.record())
        #expect(markdown.contains("3 suite(s) · 13 case(s) · ✅ 8 passed · ❌ 2 failed · ⚠️ 2 errors · ➖ 1 skipped"))
        #expect(markdown.contains("Each cell shows the auth modes in this order: **session** · **token**"))
        #expect(markdown.contains("| Target | Server | cvat-sdk 2.24–2.40 | cvat-sdk 2.41–2.47 |"))
        #expect(markdown.contains("| alpha | 2.48.1 | ❌ ✅ | · ✅ |"))
        #expect(markdown.contains("| beta.internal | 2.24.0 | ✅ · | · ⚠️ |"))
        // Two failures and two errors: the diagnosed one, then a group per undiagnosed status and message.
        #expect(markdown.contains("4 cause(s) explain 4 failing case(s) on 2 of 2 target(s)."))
        #expect(
            markdown.contains(
                "#### ❌ a reverse proxy strips Set-Cookie (`set-cookie-stripped`)\n- **Fix:** nginx: remove `proxy_hide_header Set-Cookie`\n"))
        #expect(markdown.contains("- **Targets (1):** alpha\n- **Cases (1):** 1 failed — login.password (1)\n"))
        #expect(markdown.contains("| alpha | login.password: session cookies | no Set-Cookie header in a 200 response |"))
        #expect(markdown.contains("#### ⚠️ No diagnosed cause: timeout after 10 s"))
        #expect(markdown.contains("| alpha | token.legacy: users/self | no response within 10 s |"))
        // Worst first: the failures before the errors, and all of them before the matrix.
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#### ") || $0.hasPrefix("### ") }.map(String.init)
        #expect(headings.first == "### What broke and how to fix it")
        let kinds = headings.prefix(5).map { $0.hasPrefix("#### ❌") ? "fail" : $0.hasPrefix("#### ⚠️") ? "error" : $0 }
        #expect(kinds == ["### What broke and how to fix it", "fail", "fail", "error", "error"])
        #expect(headings.dropFirst(5).first?.hasPrefix("### Compatibility matrix") == true)
        #expect(!markdown.contains("Changes since the baseline"))
    }

    @Test("Markdown cells cannot break the table or inject HTML")
    func markdownEscaping() {
        let markdown = MarkdownReport.render(Samples.hostileRecord())
        #expect(!markdown.contains("<b>"))
        #expect(markdown.contains("evil&lt;target&gt;&amp;"))
        // Two case tables (the diagnosed failure, the undiagnosed error) and the targets × probes matrix,
        // every row with as many cells as its header, the target's name escaped in each.
        let tables = MarkdownSummaryTests.tables(markdown)
        #expect(tables.map(\.header.count) == [3, 3, 4])
        #expect(tables.allSatisfy { $0.rows.map { $0[0] } == ["evil&lt;target&gt;&amp;"] })
        #expect(markdown.contains("pipe\\|"))
    }

    @Test("the HTML page is self-contained and escapes everything")
    func html() throws {
        let html = HTMLReport.render(Samples.hostileRecord())
        #expect(!html.contains("<script src"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("evil<target>"))
        #expect(html.contains("evil&lt;target&gt;&amp;"))
        #expect(!html.unicodeScalars.contains { $0.value == 0 })
        let sample = HTMLReport.render(Samples.record())
        #expect(sample.contains("<table id=\"matrix\""))
        // Client lines as rows (one per line and mode), targets as columns.
        #expect(
            sample.contains(
                "<th scope=\"rowgroup\" rowspan=\"2\" class=\"line\">cvat-sdk 2.24–2.40</th><th scope=\"row\" class=\"mode\">session</th>"))
        #expect(
            sample.contains(
                "<th scope=\"col\" class=\"target-col\"><span class=\"target\">beta.internal</span><br><span class=\"version\">2.24.0</span></th>"))
        #expect(sample.contains("<select id=\"filter-target\">"))
        #expect(sample.contains("<details class=\"failure\"><summary>login set no session cookies</summary>"))
        #expect(sample.contains("&gt; POST https://cvat.example.com/api/auth/login"))
        // The page leads with the fix: the cause, its remedy (directives as code) and what it explains.
        let fixes = try #require(sample.range(of: "<section id=\"fixes\">"))
        #expect(sample.range(of: "<h2>")?.lowerBound ?? sample.startIndex > fixes.lowerBound)
        #expect(sample.contains("<strong>How to fix</strong> nginx: remove <code>proxy_hide_header Set-Cookie</code></p>"))
        #expect(sample.contains("<dt>Targets (1)</dt><dd><span class=\"target\">alpha</span></dd>"))
    }

    @Test("typed predictions fill the matrix: works, warns, breaks of a selected client, breaks of another (not failing); advice is listed")
    func predictions() {
        func predicted(
            _ line: String, _ mode: ClientPrediction.Mode, _ verdict: ClientPrediction.Verdict, selected: Bool = true,
            exception: String? = nil
        ) -> Outcome {
            let prediction = ClientPrediction(client: "cvat-sdk", line: line, mode: mode, verdict: verdict, exception: exception, selected: selected)
            return Outcome(
                probe: "sdk.compat", name: "\(line), \(mode.rawValue)", status: prediction.status, message: "\(line): \(prediction.phrase)",
                prediction: prediction)
        }
        var suite = Samples.suite("gamma", [])
        suite.outcomes = [
            predicted("cvat-sdk 2.24–2.29", .password, .works),
            predicted("cvat-sdk 2.30–2.35", .password, .breaks, selected: false, exception: "TypeError"),
            predicted("cvat-sdk 2.48–2.69", .password, .breaks, exception: "AssertionError"),
            predicted("cvat-sdk 2.48–2.69", .accessToken, .warns),
            Outcome(
                probe: "cookies.attributes", name: "cookie sessionid", status: .pass,
                message: "advice: sessionid differs from CVAT's defaults: SameSite=Strict instead of Lax",
                cause: "cookie-attributes-differ", causeText: "differs", remedy: "nothing to fix"),
        ]
        let record = RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: [suite])
        // Statuses follow the selection: the unselected break is skipped, not failed.
        #expect(suite.outcomes.map(\.status) == [.pass, .skipped, .fail, .pass, .pass])
        let markdown = MarkdownReport.render(record)
        #expect(markdown.contains("| gamma | 2.48.0 | ✅ · | (❌) · | ❌ 🟡 |"), "\(markdown)")
        #expect(markdown.contains("(❌)"))
        #expect(markdown.contains("🟡"))
        #expect(markdown.contains(PredictionSymbol.legend))
        #expect(markdown.contains("### Advice (1, none fails the run)"))
        #expect(markdown.contains("#### 💡 differs (`cookie-attributes-differ`)\n- **Advice:** nothing to fix\n- **Targets (1):** gamma\n"))
        #expect(markdown.contains("| gamma | cookies.attributes: cookie sessionid |"))
        // The one selected break names its client line.
        #expect(markdown.contains("- **Clients:** password: cvat-sdk 2.48–2.69\n"))
        let html = HTMLReport.render(record)
        #expect(html.contains(">(✗)</td>") && html.contains(">✓!</td>"), "\(html)")
        #expect(ExitStatus.code(for: record) == 1)
    }
}
