import AuthCheckCore
import Foundation
import Testing

/// `backends/cvat-sdk/describe_client.py` run by the system python3 on synthetic releases
/// (`Tests/clientfacts/fake_release.py`): each claims a version whose real release behaves otherwise, so
/// the expected facts follow only from reading the fake's code; what it cannot read is underived, never guessed.
@Suite(
    "describe_client.py on synthetic releases",
    .enabled("needs python3 (3.9 or later) on PATH", { DraftTestSupport.python3 != nil })
)
struct DescribeClientFakeTests {
    /// One synthetic release and the facts its code implies.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var client = "cvat-sdk"
        var expected: ObservedClientFacts
        /// The facts that must be underived (the rest must be derived, with evidence).
        var underived: Set<String> = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "token-sessionid-only",
            expected: ObservedClientFacts(
                client: "cvat-sdk", version: CVATVersion(9, 9), aboutFields: ["name", "version"], versionWindow: 2, assertsCookies: ["sessionid"],
                cookieParser: "python-simplecookie", authenticatesWith: "token", sendsOrigin: false, accessTokenSupported: false)),
        Case(
            name: "session-bearer",
            expected: ObservedClientFacts(
                client: "cvat-sdk", version: CVATVersion(1, 0), aboutFields: ["name", "description", "version"], versionWindow: 1,
                assertsCookies: ["csrftoken", "sessionid"], cookieParser: "python-simplecookie", authenticatesWith: "session", sendsOrigin: true,
                accessTokenSupported: true, accessTokenScheme: "Bearer")),
        Case(
            name: "unreadable-login",
            expected: ObservedClientFacts(
                client: "cvat-sdk", version: CVATVersion(2, 48), aboutFields: ["name", "description", "version", "logo_url", "subtitle"],
                cookieParser: "python-simplecookie", accessTokenSupported: false),
            underived: ["version_window", "password.asserts_cookies", "password.authenticates_with", "password.sends_origin"]),
        Case(
            name: "cli-env-token", client: "cvat-cli",
            expected: ObservedClientFacts(
                client: "cvat-cli", version: CVATVersion(2, 24), aboutFields: ["name", "description", "version"], versionWindow: 1,
                assertsCookies: ["sessionid"], cookieParser: "python-simplecookie", authenticatesWith: "token", sendsOrigin: false,
                accessTokenSupported: true),
            underived: ["access_token.scheme"]),
    ]

    /// Writes the fake release, runs the script on it and decodes the output.
    static func describe(_ fake: Case) async throws -> ObservedClientFacts {
        let python = try #require(DraftTestSupport.python3)
        let folder = try DraftTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = DraftTestSupport.packageRoot
        let made = await DraftTestSupport.run(
            python, [root.appendingPathComponent("Tests/clientfacts/fake_release.py").path, fake.name, folder.path])
        try #require(made.status == 0, "fake_release.py: \(made.stderr)")
        let output = await DraftTestSupport.run(
            python, [root.appendingPathComponent("backends/cvat-sdk/describe_client.py").path, fake.client],
            extra: ["PYTHONPATH": folder.path, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1"], timeout: 60)
        try #require(output.status == 0, "describe_client.py: \(output.stderr)")
        return try JSONDecoder().decode(ObservedClientFacts.self, from: Data(output.stdout.utf8))
    }

    @Test("the facts follow from the fake's code, not from the version it claims", arguments: cases)
    func factsFromCode(_ fake: Case) async throws {
        let facts = try await Self.describe(fake)
        var withoutNotes = facts
        withoutNotes.evidence = [:]
        withoutNotes.underived = [:]
        #expect(withoutNotes == fake.expected)
        #expect(Set(facts.underived.keys) == fake.underived)
        for (path, reason) in facts.underived { #expect(!reason.isEmpty, "\(path) has no reason") }
        let stated = Set(ObservedClientFacts.factPaths).subtracting(fake.underived)
            .filter { $0 != "access_token.scheme" || fake.expected.accessTokenScheme != nil }
        #expect(Set(facts.evidence.keys) == stated)
    }

    @Test("an unreadable login says why, naming the line it read")
    func unreadableLoginReason() async throws {
        let facts = try await Self.describe(Self.cases[2])
        #expect(facts.underived["password.asserts_cookies"]?.hasPrefix("cvat_sdk/core/client.py:") == true)
        #expect(facts.underived["password.asserts_cookies"]?.hasSuffix("Client.login makes no create_login request the analyzer recognises") == true)
        #expect(facts.underived["version_window"]?.contains("accepts minors -1, +0, +1") == true)
    }

    @Test("usage errors and a missing package are exit statuses, not tracebacks")
    func usage() async throws {
        let python = try #require(DraftTestSupport.python3)
        let script = DraftTestSupport.packageRoot.appendingPathComponent("backends/cvat-sdk/describe_client.py").path
        let usage = await DraftTestSupport.run(python, [script, "cvat-ui"], timeout: 60)
        #expect(usage.status == 64)
        let empty = try DraftTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = await DraftTestSupport.run(
            python, ["-S", script, "cvat-sdk"], extra: ["PYTHONPATH": empty.path, "PYTHONDONTWRITEBYTECODE": "1"], timeout: 60)
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("cvat-sdk is not installed"))
    }
}
