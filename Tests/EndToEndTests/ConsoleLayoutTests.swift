import AuthCheckCore
import Foundation
import Testing

@testable import cvat_authcheck

/// The console's layout rules on their own: wrapping loses nothing and fits, tables fit, causes group.
@Suite("Console layout")
struct ConsoleLayoutTests {
    static let text =
        "    remedy: let Set-Cookie through: remove `proxy_hide_header Set-Cookie` or add `proxy_pass_header Set-Cookie` in the nginx "
        + "location for /api/; see https://docs.example.com/a/very/long/path/without/any/spaces/at/all/that/must/be/split somewhere"

    @Test("wrapping fits every width, keeps every character but the spaces at a break, and hangs the indent", arguments: [12, 20, 37, 80, 200])
    func wrap(width: Int) {
        let lines = VisibleText.wrap(Self.text, width: width, hangingIndent: 12)
        for line in lines { #expect(line.count <= width, "\(line)") }
        #expect(lines.joined().filter { $0 != " " } == Self.text.filter { $0 != " " })
        #expect(lines.first?.hasPrefix("    remedy:") == true)
        if width >= 80 { #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 12)) }) }
        #expect(VisibleText.wrap(Self.text, width: nil) == [Self.text])
    }

    @Test("colour sequences take no room and are never cut")
    func colour() {
        let style = ConsoleStyle(isColored: true)
        let line = "    " + style.paint("FAIL", .fail) + " " + String(repeating: "word ", count: 30)
        let lines = VisibleText.wrap(line, width: 40, hangingIndent: 10)
        for line in lines { #expect(VisibleText.width(line) <= 40) }
        #expect(lines[0].contains("\u{1B}[1;31mFAIL\u{1B}[0m"))
        #expect(VisibleText.plain(lines.joined(separator: " ")).split(separator: " ").count == 31)
    }

    @Test("a table shrinks its flexible columns to fit, wraps their cells, and keeps every row whole without a limit")
    func table() {
        var table = TextTable(columns: [
            .init(title: "RESULT"), .init(title: "PROBE"), .init(title: "CASE", flexible: true, minimum: 10),
            .init(title: "DETAIL", flexible: true, weight: 2, minimum: 10),
        ])
        table.rows = [
            ["FAIL", "login.password", "username form", .init(String(repeating: "cookies are missing from the response ", count: 4))],
            ["PASS", "about.version", "server version", ""],
        ]
        for width in [50, 80] {
            let lines = table.render(width: width, style: .plain)
            #expect(lines.allSatisfy { $0.count <= width }, "\(lines)")
            #expect(lines.count > 3)
        }
        let whole = table.render(width: nil, style: .plain)
        #expect(whole.count == 3)
        #expect(whole[1].hasSuffix(String(repeating: "cookies are missing from the response ", count: 4).trimmingCharacters(in: .whitespaces)))
    }

    static func suite(_ name: String, _ outcomes: [Outcome]) -> SuiteRecord {
        var suite = SuiteRecord(target: name, url: "http://\(name)", hostname: name, startedAt: Date(timeIntervalSince1970: 0))
        suite.outcomes = outcomes
        return suite
    }

    static func prediction(_ line: String, cause: String) -> ClientPrediction {
        ClientPrediction(client: "cvat-sdk", line: line, mode: .password, verdict: .breaks, exception: "AssertionError", cause: cause)
    }

    @Test("causes group across targets; consequences and probes not run follow the target's fault; other client causes stay apart")
    func causeGroups() {
        let stripped = { (name: String) in
            Outcome(probe: "login.password", name: name, status: .fail, message: "cookies are missing", cause: "set-cookie-stripped")
        }
        let record = RunRecord(
            toolVersion: "test", startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 1),
            suites: [
                Self.suite(
                    "a",
                    [
                        stripped("username form"), stripped("email form"),
                        Outcome(
                            probe: "sdk.compat", name: "cvat-sdk 2.24–2.29, password", status: .fail,
                            message: "cvat-sdk 2.24–2.29, password: make_client will raise AssertionError", cause: "sdk-cookie-assert",
                            prediction: Self.prediction("cvat-sdk 2.24–2.29", cause: "sdk-cookie-assert")),
                        Outcome(
                            probe: "sdk.compat", name: "cvat-sdk 2.30–2.35, password", status: .fail,
                            message: "cvat-sdk 2.30–2.35, password: make_client will raise AssertionError", cause: "sdk-cookie-assert",
                            prediction: Self.prediction("cvat-sdk 2.30–2.35", cause: "sdk-cookie-assert")),
                        Outcome(
                            probe: "sdk.compat", name: "cvat-sdk 2.36–2.40, password", status: .fail,
                            message: "cvat-sdk 2.36–2.40, password: make_client will raise TypeError", cause: "sdk-about-type-error",
                            prediction: Self.prediction("cvat-sdk 2.36–2.40", cause: "sdk-about-type-error")),
                    ]),
                Self.suite("b", [stripped("username form")]),
                Self.suite(
                    "c",
                    [
                        Outcome(probe: "about.version", name: "server version", status: .error, message: "refused", cause: "connection-refused"),
                        Outcome(probe: "login.password", name: "login.password", status: .error, message: "not run: refused"),
                        Outcome(probe: "basic", name: "basic", status: .error, message: "not run: refused"),
                    ]),
            ])
        let groups = CauseGroup.groups(record)
        #expect(groups.map { $0.cause ?? "-" } == ["set-cookie-stripped", "sdk-about-type-error", "connection-refused"])
        let cookies = groups[0]
        #expect(cookies.count == 5)
        #expect(cookies.targets == ["a", "b"])
        #expect(cookies.remedies.count == 1 && cookies.causeTexts.count == 1)
        let lines = CauseReport(groups: groups).render(width: nil, style: .plain)
        #expect(lines.contains("    FAIL  login.password (username form, email form): cookies are missing"), "\(lines)")
        #expect(lines.contains("    FAIL  sdk.compat (password login of cvat-sdk 2.24–2.35): make_client will raise AssertionError (on a)"))
        #expect(lines.contains("    ERROR login.password, basic: not run: refused"))
        #expect(groups[2].count == 3 && groups[2].status == .error)
    }
}
