import AuthCheckCore
import CVATEmulator
import Foundation
import Testing

/// Never harm (issue 16, point 7): a run revokes the personal access tokens it made however it ends —
/// SIGINT or SIGTERM at every phase, also while the server has made a token and its answer is still on
/// the way — and still writes valid reports; the next run revokes and reports what earlier runs left,
/// and leaves alone the tokens a run still going on may be using.
@Suite("Never harm: interrupted runs and their tokens", .serialized, .timeLimit(.minutes(5)))
struct InterruptedRunTests {
    static let password = "Qv7-Pa55w0rd-Kx9-Zr2m"

    /// A step of the run, named by the request whose answer the emulator holds while the signal arrives.
    struct Step: Sendable, CustomTestStringConvertible {
        var label: String
        var matches: @Sendable (HeldRequestInfo) -> Bool
        var testDescription: String { label }
    }

    static let steps: [Step] = [
        Step(label: "discovery (about)") { $0.method == "GET" && $0.path == "/api/server/about" },
        Step(label: "login (the probe account's)") {
            $0.method == "POST" && $0.path == "/api/auth/login" && $0.body.contains("\"probe\"")
        },
        Step(label: "authenticated (the account's token list)") { $0.method == "GET" && $0.path == "/api/auth/access_tokens" },
        Step(label: "access tokens (made, answer not yet back)") {
            $0.method == "POST" && $0.path == "/api/auth/access_tokens" && $0.body.contains("-lifecycle-")
        },
        Step(label: "logout (its token made, answer not yet back)") {
            $0.method == "POST" && $0.path == "/api/auth/access_tokens" && $0.body.contains("-logout-")
        },
        Step(label: "logout (logged out, answer not yet back)") { $0.method == "POST" && $0.path == "/api/auth/logout" },
    ]

    static func arguments(_ server: EmulatedCVATServer) -> [String] {
        ["--target", server.baseURL.absoluteString, "--user", "probe", "--verbose"] + ReportedRun.reportArguments
    }

    static func checkerTokens(_ server: EmulatedCVATServer) -> [String] {
        server.accessTokenNames().filter { $0.hasPrefix("cvat-authcheck-") }
    }

    @Test(
        "a signal at each step: no token of the checker is left, the reports are valid and say interrupted, nothing secret in them", arguments: steps,
        [SIGINT, SIGTERM])
    func signalAtStep(_ step: Step, signal: Int32) async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
        defer { Task { await server.stop() } }
        let hold = server.holdAnswer(to: step.matches)
        let directory = try CLIProcess.temporaryDirectory()
        let started = try CLIProcess.start(
            ["run"] + Self.arguments(server), environment: ["CVAT_PASSWORD": Self.password], directory: directory)
        // Should the run end without reaching the step, stop waiting for it.
        CLIProcess.onExit(started.0) { hold.release() }
        await hold.arrived()
        try #require(hold.isHolding, "the run ended before it reached \(step.label)")
        kill(started.0.processIdentifier, signal)
        let result = await CLIProcess.finished(started)
        hold.release()

        let run = try ReportedRun.collect(result, in: directory)
        #expect(result.status == 2, "interrupted outcomes are errors: \(result.all)")
        #expect(result.stderr.contains("received \(signal == SIGINT ? "SIGINT" : "SIGTERM")"), "\(result.stderr)")
        #expect(Self.checkerTokens(server).isEmpty, "left on the server: \(Self.checkerTokens(server))")
        try run.validateJUnit()
        #expect(run.record.interrupted)
        #expect(run.record.outcomes.contains { $0.cause == "interrupted" })
        let leftBehind = run.record.outcomes.filter { $0.cause == "checker-token-left-behind" }
        #expect(
            leftBehind.isEmpty,
            "\(leftBehind.map { "\($0.message): \($0.evidence.map { "\($0.method) \($0.url) → \($0.status.map(String.init) ?? $0.error ?? "-")" })" })"
        )
        let leaks = run.leaks(of: [Self.password] + server.issuedSecrets())
        #expect(leaks.isEmpty, "\(leaks)")
    }

    @Test("the next run revokes and reports what earlier runs left (also an earlier release's names), never the user's tokens")
    func leftoversRevoked() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
        defer { Task { await server.stop() } }
        // Left by runs that ended two hours ago (280 s hold: a 120 s deadline), one of an earlier release.
        var planted = [String]()
        for name in ["cvat-authcheck-0badc0de-0001-lifecycle-280s", "cvat-authcheck-0badc0de-0002-logout-280s", "cvat-authcheck-logout-d937fa55"] {
            planted.append(try #require(server.seedAccessToken(name: name, readOnly: true, age: 7200)))
        }
        // The user's own token for the checker: never touched.
        planted.append(try #require(server.seedAccessToken(name: "cvat-authcheck-nightly", readOnly: true, age: 7200)))

        let run = try await ReportedRun.run(
            ["--target", server.baseURL.absoluteString, "--user", "probe"], environment: ["CVAT_PASSWORD": Self.password])
        #expect(run.result.status == 0, "\(run.result.all)")
        #expect(server.accessTokenNames() == ["cvat-authcheck-nightly"])
        let leftovers = try #require(run.outcome("account.leftovers"))
        #expect(leftovers.status == .pass && leftovers.cause == "checker-leftovers-revoked", "\(leftovers)")
        for name in ["cvat-authcheck-0badc0de-0001-lifecycle-280s", "cvat-authcheck-0badc0de-0002-logout-280s", "cvat-authcheck-logout-d937fa55"] {
            #expect(leftovers.message.contains(name), "\(leftovers.message)")
        }
        #expect(leftovers.facts["leftovers.revoked"] == "3")
        // Visible in every report: the console's default table, Markdown, HTML, JUnit.
        #expect(
            run.result.stdout.split(separator: "\n").contains { $0.contains("advice: account.leftovers") }, "\(run.result.stdout)")
        #expect(run.markdown.contains("revoked 3 personal access token(s) that earlier runs of the checker left"))
        #expect(run.html.contains("pass, advice") && run.html.contains("earlier runs of the checker"))
        try run.validateJUnit()
        #expect(run.junit.contains("advice: revoked 3 personal access token(s)"))
        // The account is the checker's alone: the logout ran.
        #expect(run.outcome("account.dedicated")?.cause == nil)
        #expect(run.outcome("logout.invalidates", "logout")?.status == .pass)
        let leaks = run.leaks(of: [Self.password] + planted + server.issuedSecrets())
        #expect(leaks.isEmpty, "\(leaks)")
    }

    @Test("a token of a run still going on (within its hold) is left alone and named; the account counts as shared for this run")
    func concurrentRunLeftAlone() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
        defer { Task { await server.stop() } }
        let live = "cvat-authcheck-feedf00d-0003-logout-280s"
        let value = try #require(server.seedAccessToken(name: live, readOnly: true, age: 30))

        let run = try await ReportedRun.run(
            ["--target", server.baseURL.absoluteString, "--user", "probe"], environment: ["CVAT_PASSWORD": Self.password])
        #expect(run.result.status == 0, "\(run.result.all)")
        #expect(Self.checkerTokens(server) == [live])
        let leftovers = try #require(run.outcome("account.leftovers"))
        #expect(leftovers.status == .pass && leftovers.cause == nil)
        #expect(leftovers.message.contains("left alone: 1 token(s) of another run still within their hold ('\(live)')"), "\(leftovers.message)")
        // Its run may hold the account's legacy token right now: logging out would pull it from under it.
        let dedicated = try #require(run.outcome("account.dedicated"))
        #expect(dedicated.cause == "shared-account")
        #expect(dedicated.message.contains("another run of the checker is using it right now"), "\(dedicated.message)")
        #expect(run.outcome("logout.invalidates")?.status == .skipped)
        #expect(run.leaks(of: [Self.password, value] + server.issuedSecrets()).isEmpty)
    }
}
