import AuthCheckCore
import CVATEmulator
import Foundation
import Testing

/// Never harm (issue 16, point 6): on a probe account something else uses, the checker says so in every
/// report and leaves out the logout — which would delete the account's one legacy token, the one the
/// other client holds — unless the user allows it; a dedicated account is checked in full and exits 0.
@Suite("Never harm: shared probe accounts", .serialized, .timeLimit(.minutes(3)))
struct SharedAccountTests {
    static let password = "Shared-Acc0unt-Pa55word-Zq"

    static func run(_ server: EmulatedCVATServer, _ extra: [String] = []) async throws -> ReportedRun {
        try await ReportedRun.run(["--target", server.baseURL.absoluteString, "--user", "probe"] + extra, environment: ["CVAT_PASSWORD": password])
    }

    static func failing(_ run: ReportedRun) -> String {
        "\(run.record.outcomes.filter { $0.status == .fail || $0.status == .error }.map { "\($0.probe)/\($0.name): \($0.message)" })\n\(run.result.all)"
    }

    @Test("CVAT 2.64, dedicated: logout runs; another client's token appears: advice in every report, logout left out, its legacy token lives")
    func sharedAccountLeftAlone() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
        defer { Task { await server.stop() } }

        // Dedicated: the whole check runs, logout included, and the run is green.
        let dedicated = try await Self.run(server)
        #expect(dedicated.result.status == 0, "\(Self.failing(dedicated))")
        #expect(dedicated.outcome("logout.invalidates", "legacy token dead")?.status == .pass)
        #expect(dedicated.outcome("account.dedicated")?.cause == nil)

        // A person's script logs in with the same account (legacy key) and has a token of its own.
        let other = OtherClient(server: server, password: Self.password)
        let key = try await other.logInForLegacyKey()
        let token = try await other.createAccessToken(name: "nightly-export-bot")

        let shared = try await Self.run(server)
        #expect(shared.result.status == 0, "advice never fails the run: \(Self.failing(shared))")
        // The console's default output says it, not a bare PASS: an advice line under the target.
        let row = try #require(
            shared.result.stdout.split(separator: "\n").first { $0.contains("advice: account.dedicated") }, "\(shared.result.stdout)")
        #expect(row.contains("looks shared, so logout.invalidates is left out"), "\(row)")
        let advice = try #require(shared.outcome("account.dedicated"))
        #expect(advice.status == .pass && advice.cause == "shared-account")
        #expect(advice.message.contains("'nightly-export-bot'"), "\(advice.message)")
        let logout = try #require(shared.outcome("logout.invalidates"))
        #expect(logout.status == .skipped && logout.cause == "shared-account")
        #expect(logout.message.hasPrefix("not run: the probe account looks shared"), "\(logout.message)")
        #expect(logout.message.contains("--allow-shared-account"), "\(logout.message)")
        #expect(!shared.record.outcomes.contains { $0.probe == "logout.invalidates" && $0.name != "logout" })
        // JUnit: the advice in the passing case's output, the skipped logout with its reason.
        try shared.validateJUnit()
        #expect(shared.junit.contains("advice: the probe account looks shared"))
        #expect(shared.junit.contains("<skipped message=\"not run: the probe account looks shared"), "\(shared.junit)")
        #expect(shared.markdown.contains("### Advice") && shared.markdown.contains("looks shared"))
        #expect(shared.html.contains("pass, advice") && shared.html.contains("looks shared"))
        // The other client was not logged out.
        #expect(try await other.legacyKeyWorks(key), "the other client's legacy token was deleted")
        let leaks = shared.leaks(of: [Self.password, token, key] + server.issuedSecrets())
        #expect(leaks.isEmpty, "\(leaks)")
    }

    @Test("--allow-shared-account: the logout runs on the shared account (the advice says so) and deletes its legacy token; exit 0")
    func sharedAccountAllowed() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
        defer { Task { await server.stop() } }
        let other = OtherClient(server: server, password: Self.password)
        let key = try await other.logInForLegacyKey()
        _ = try await other.createAccessToken(name: "nightly-export-bot")

        let allowed = try await Self.run(server, ["--allow-shared-account"])
        #expect(allowed.result.status == 0, "\(Self.failing(allowed))")
        let advice = try #require(allowed.outcome("account.dedicated"))
        #expect(advice.cause == "shared-account")
        #expect(advice.message.contains("allow_shared_account is set, so logout.invalidates runs"), "\(advice.message)")
        #expect(allowed.outcome("logout.invalidates", "logout")?.status == .pass)
        #expect(allowed.outcome("logout.invalidates", "legacy token dead")?.status == .pass)
        #expect(!(try await other.legacyKeyWorks(key)), "the user allowed it: the logout deleted the shared legacy token")
    }

    @Test(
        "CVAT 2.41 (no personal access tokens): dedication cannot be told, so logout is left out by default; allow_shared_account in a targets file runs it"
    )
    func releaseLineWithoutTokens() async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.41.0", password: Self.password))
        defer { Task { await server.stop() } }
        let other = OtherClient(server: server, password: Self.password)
        let key = try await other.logInForLegacyKey()

        let unknown = try await Self.run(server)
        #expect(unknown.result.status == 0, "\(Self.failing(unknown))")
        let advice = try #require(unknown.outcome("account.dedicated"))
        #expect(advice.status == .pass && advice.cause == "account-dedication-unknown", "\(advice)")
        #expect(advice.message.contains("CVAT before 2.48 has no personal access tokens"), "\(advice.message)")
        #expect(unknown.outcome("logout.invalidates")?.status == .skipped)
        #expect(unknown.outcome("logout.invalidates")?.cause == "account-dedication-unknown")
        #expect(unknown.result.stdout.contains("advice: account.dedicated"), "\(unknown.result.stdout)")
        #expect(try await other.legacyKeyWorks(key))

        let directory = try CLIProcess.temporaryDirectory()
        let targets = directory.appendingPathComponent("targets.yaml")
        try """
        targets:
          - name: old-cvat
            url: \(server.baseURL.absoluteString)
            credentials: { user: probe, password_env: CVAT_PASSWORD }
            allow_shared_account: true
        """.write(to: targets, atomically: true, encoding: .utf8)
        let allowed = try await ReportedRun.run(["--targets", targets.path], environment: ["CVAT_PASSWORD": Self.password])
        #expect(allowed.result.status == 0, "\(Self.failing(allowed))")
        #expect(allowed.outcome("account.dedicated")?.status == .skipped)
        #expect(allowed.outcome("logout.invalidates", "legacy token dead")?.status == .pass)
        #expect(!(try await other.legacyKeyWorks(key)))
    }
}
