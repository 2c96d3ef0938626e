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

    @Test("the Markdown summary has totals, the matrix and the failures with causes")
    func markdown() {
        let markdown = MarkdownReport.render(Samples.record())
        #expect(markdown.contains("3 suite(s) · 13 case(s) · ✅ 8 passed · ❌ 2 failed · ⚠️ 2 errors · ➖ 1 skipped"))
        #expect(markdown.contains("Each cell shows the auth modes in this order: **session** · **token**"))
        #expect(markdown.contains("| Target | Server | cvat-sdk 2.24–2.40 | cvat-sdk 2.41–2.47 |"))
        #expect(markdown.contains("| alpha | 2.48.1 | ❌ ✅ | · ✅ |"))
        #expect(markdown.contains("| beta.internal | 2.24.0 | ✅ · | · ⚠️ |"))
        #expect(markdown.contains("- ❌ **alpha — login.password: session cookies**: login set no session cookies"))
        #expect(markdown.contains("  - Likely cause: a reverse proxy strips Set-Cookie (`set-cookie-stripped`)"))
        #expect(markdown.contains("  - Remedy: nginx: remove `proxy_hide_header Set-Cookie`"))
        #expect(!markdown.contains("Changes since the baseline"))
    }

    @Test("Markdown cells cannot break the table or inject HTML")
    func markdownEscaping() {
        let markdown = MarkdownReport.render(Samples.hostileRecord())
        #expect(!markdown.contains("<b>"))
        #expect(markdown.contains("evil&lt;target&gt;&amp;"))
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| evil") }
        #expect(rows.count == 1)
        for row in rows {
            #expect(row.contains("pipe\\|"))
            // Target, Server and two probe columns: five unescaped separators.
            #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 5)
        }
    }

    @Test("the HTML page is self-contained and escapes everything")
    func html() {
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
        #expect(sample.contains("<th colspan=\"2\">cvat-sdk 2.24–2.40</th><th colspan=\"1\">cvat-sdk 2.41–2.47</th>"))
        #expect(sample.contains("<select id=\"filter-target\">"))
        #expect(sample.contains("<details class=\"failure\"><summary>login set no session cookies</summary>"))
        #expect(sample.contains("&gt; POST https://cvat.example.com/api/auth/login"))
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
        #expect(markdown.contains("💡 **gamma — cookies.attributes: cookie sessionid**"))
        let html = HTMLReport.render(record)
        #expect(html.contains(">(✗)</td>") && html.contains(">✓!</td>"), "\(html)")
        #expect(ExitStatus.code(for: record) == 1)
    }
}
