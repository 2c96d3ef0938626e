import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

@Suite struct CauseGroupTests {
    static func failing(
        _ probe: String, _ name: String, cause: String? = nil, remedy: String? = nil, status: OutcomeStatus = .fail, message: String = "broke",
        prediction: ClientPrediction? = nil
    ) -> Outcome {
        Outcome(
            probe: probe, name: name, status: status, message: message, cause: cause, causeText: cause.map { "\($0) in words" }, remedy: remedy,
            prediction: prediction)
    }

    static func record(_ suites: [(String, [Outcome])]) -> RunRecord {
        RunRecord(
            toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start,
            suites: suites.map { target, outcomes in
                var suite = Samples.suite(target, [])
                suite.outcomes = outcomes
                return suite
            })
    }

    @Test("one cause seen by several probes on several targets is one group: its targets, probes and counts")
    func oneCausePerGroup() throws {
        let record = Self.record([
            (
                "alpha",
                [
                    Self.failing("login.password", "username form", cause: "set-cookie-stripped", remedy: "let it through"),
                    Self.failing("login.password", "email form", cause: "set-cookie-stripped", remedy: "let it through"),
                    Outcome(probe: "basic", name: "basic", status: .pass, message: "ok"),
                ]
            ),
            ("beta", [Self.failing("proxy.diagnosis", "set-cookie-stripped", cause: "set-cookie-stripped", remedy: "let it through")]),
        ])
        let groups = CauseGroup.failures(in: record)
        #expect(groups.count == 1)
        let group = try #require(groups.first)
        #expect(group.cause == "set-cookie-stripped")
        #expect(group.causeText == "set-cookie-stripped in words")
        #expect(group.remedies == [CauseGroup.Remedy(text: "let it through", targets: ["alpha", "beta"])])
        #expect(group.targets == ["alpha", "beta"])
        #expect(group.probes == [.init(probe: "login.password", count: 2), .init(probe: "proxy.diagnosis", count: 1)])
        #expect(group.members.map(\.outcome.name) == ["username form", "email form", "set-cookie-stripped"])
        #expect(group.counts == [.fail: 3])
    }

    @Test("a remedy that depends on the target is kept per target; undiagnosed cases group by status and message")
    func remediesAndUndiagnosed() {
        let record = Self.record([
            ("new", [Self.failing("sdk.compat", "a", cause: "sdk-cookie-assert", remedy: "fix cookies; or use a token")]),
            (
                "old",
                [
                    Self.failing("sdk.compat", "a", cause: "sdk-cookie-assert", remedy: "fix cookies"),
                    Self.failing("about.shape", "x", status: .error, message: "not run: the server version is unknown"),
                    Self.failing("basic", "y", status: .error, message: "not run: the server version is unknown"),
                    Self.failing("token.legacy", "z", status: .error, message: "timeout after 10 s"),
                ]
            ),
        ])
        let groups = CauseGroup.failures(in: record)
        #expect(groups.map(\.title) == ["sdk-cookie-assert in words", "not run: the server version is unknown", "timeout after 10 s"])
        #expect(groups[0].remedies.map(\.targets) == [["new"], ["old"]])
        #expect(groups[0].remedies.map(\.text) == ["fix cookies; or use a token", "fix cookies"])
        #expect(!groups[1].isDiagnosed && groups[1].members.count == 2 && groups[1].status == .error)
    }

    @Test("failures come before errors, deployment faults before what they do to clients, then record order")
    func order() {
        let breaks = ClientPrediction(client: "cvat-sdk", line: "cvat-sdk 2.24–2.29", mode: .password, verdict: .breaks)
        let record = Self.record([
            (
                "alpha",
                [
                    Self.failing("about.version", "v", cause: "proxy-error-page", status: .error),
                    Self.failing("sdk.compat", "l", cause: "sdk-cookie-assert", prediction: breaks),
                    Self.failing("login.password", "u", cause: "set-cookie-stripped"),
                ]
            )
        ])
        #expect(CauseGroup.failures(in: record).map(\.cause) == ["set-cookie-stripped", "sdk-cookie-assert", "proxy-error-page"])
    }

    @Test("the client lines a cause breaks are merged into ranges per auth mode, in release order")
    func clientLines() {
        func predicted(_ line: String, _ mode: ClientPrediction.Mode, _ verdict: ClientPrediction.Verdict, selected: Bool = true) -> Outcome {
            let prediction = ClientPrediction(
                client: String(line.split(separator: " ")[0]), line: line, mode: mode, verdict: verdict, selected: selected)
            return Outcome(
                probe: "sdk.compat", name: "\(line), \(mode.rawValue)", status: prediction.status, message: "m",
                cause: verdict == .breaks ? "sdk-cookie-assert" : nil, prediction: prediction)
        }
        // 2.41–2.47 works, so the broken lines form two runs; 2.70–2.80 breaks but is not selected (skipped).
        let lines = [
            "cvat-sdk 2.24–2.29", "cvat-sdk 2.30–2.35", "cvat-sdk 2.36–2.40", "cvat-sdk 2.41–2.47", "cvat-sdk 2.48–2.69", "cvat-sdk 2.70–2.80",
        ]
        let outcomes =
            [
                predicted(lines[4], .password, .breaks), predicted(lines[0], .password, .breaks), predicted(lines[1], .password, .breaks),
                predicted(lines[2], .password, .breaks), predicted(lines[3], .password, .works),
                predicted(lines[5], .password, .breaks, selected: false),
                predicted(lines[4], .accessToken, .breaks), predicted("cvat-cli 2.24–2.29", .password, .breaks),
            ]
        let record = Self.record([("alpha", outcomes)])
        #expect(CauseGroup.knownLines(in: record) == ["cvat-cli 2.24–2.29"] + lines)
        let group = CauseGroup.failures(in: record)[0]
        #expect(
            group.clients(knownLines: CauseGroup.knownLines(in: record)) == [
                .init(mode: "password", lines: ["cvat-cli 2.24–2.29", "cvat-sdk 2.24–2.40", "cvat-sdk 2.48–2.69"]),
                .init(mode: "access-token", lines: ["cvat-sdk 2.48–2.69"]),
            ])
    }

    @Test("advice is grouped the same way and never mixed with failures")
    func advice() {
        let record = Self.record([
            (
                "alpha",
                [
                    Outcome(probe: "cookies.attributes", name: "a", status: .pass, message: "m", cause: "differs", causeText: "x", remedy: "r"),
                    Outcome(probe: "cookies.attributes", name: "b", status: .pass, message: "m", cause: "differs", causeText: "x", remedy: "r"),
                ]
            )
        ])
        #expect(CauseGroup.failures(in: record).isEmpty)
        #expect(CauseGroup.advice(in: record).map(\.members.count) == [2])
    }
}
