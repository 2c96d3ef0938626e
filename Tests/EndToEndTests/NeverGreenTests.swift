import AuthCheckReport
import CVATEmulator
import Foundation
import Testing

/// Issue 16, "never green by accident" and "exit codes that mean what README says": ordinary mistakes
/// are usage errors before the first request (exit 64, one line), never a quiet pass.
@Suite("Never green by accident", .serialized)
struct NeverGreenTests {
    static let password = "Never-Green-Pa55word-K3q"

    /// A healthy emulated 2.48.0 server, stopped after `body`.
    static func withServer(_ body: (EmulatedCVATServer) async throws -> Void) async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.48.0", password: password))
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Expects a usage error: exit 64, exactly one line on stderr containing `fragments`, nothing on
    /// stdout, no report written and no request sent.
    static func expectUsageError(
        _ result: CLIProcess.Result, _ fragments: [String], server: EmulatedCVATServer?, directory: URL,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 64, "\(result.all)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "expected one line on stderr: \(result.stderr)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "stderr lacks '\(fragment)': \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(result.stdout.isEmpty, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("reports").path), sourceLocation: sourceLocation)
        if let server { #expect(server.requestsAnswered == 0, "a request was sent", sourceLocation: sourceLocation) }
    }

    struct MissingCredentials: Sendable, CustomTestStringConvertible {
        var label: String
        var environment: [String: String]
        var arguments: [String]
        var message: [String]
        var testDescription: String { label }
    }

    static let missingCredentials: [MissingCredentials] = [
        MissingCredentials(
            label: "nothing configured", environment: [:], arguments: [],
            message: ["no credentials", "CVAT_USER", "CVAT_PASSWORD", "CVAT_ACCESS_TOKEN", "--anonymous-only"]),
        MissingCredentials(
            label: "a user but no password", environment: ["CVAT_USER": "probe"], arguments: [], message: ["no password", "CVAT_PASSWORD"]),
        MissingCredentials(
            label: "--user but no password", environment: [:], arguments: ["--user", "probe"], message: ["no password", "--password-env"]),
        MissingCredentials(
            label: "a password but no user", environment: ["CVAT_PASSWORD": password], arguments: [], message: ["no user name", "CVAT_USER"]),
        MissingCredentials(
            label: "--password-env naming an unset variable", environment: ["CVAT_USER": "probe"], arguments: ["--password-env", "NOPE"],
            message: ["--password-env", "not set"]),
        MissingCredentials(
            label: "--access-token-env naming an empty variable", environment: ["EMPTY_TOKEN": ""], arguments: ["--access-token-env", "EMPTY_TOKEN"],
            message: ["--access-token-env", "not set or is empty"]),
        MissingCredentials(
            label: "--password-file that does not exist", environment: ["CVAT_USER": "probe"], arguments: ["--password-file", "/nonexistent/pw"],
            message: ["--password-file", "cannot be read"]),
    ]

    @Test("missing or unusable credentials are a usage error before the first request", arguments: missingCredentials)
    func credentials(_ setup: MissingCredentials) async throws {
        try await Self.withServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            let result = try CLIProcess.run(
                ["run", "--target", server.baseURL.absoluteString] + setup.arguments, environment: setup.environment, directory: directory)
            Self.expectUsageError(result, setup.message, server: server, directory: directory)
            // The value of a credential option is never echoed, not even a harmless-looking variable name.
            for value in setup.arguments.dropFirst().filter({ !$0.hasPrefix("-") && $0 != "probe" }) {
                #expect(!result.stderr.contains(value), "echoed '\(value)': \(result.stderr)")
            }
        }
    }

    @Test("a targets-file target without credentials is named in the one-line error")
    func targetsFileWithoutCredentials() async throws {
        try await Self.withServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            try "targets:\n  - name: staging\n    url: \(server.baseURL.absoluteString)\n    credentials: { user: probe, password_env: UNSET_PW }\n"
                .write(to: directory.appendingPathComponent("targets.yaml"), atomically: true, encoding: .utf8)
            let result = try CLIProcess.run(["run", "--targets", "targets.yaml"], directory: directory)
            Self.expectUsageError(result, ["target staging", "password_env", "not set"], server: server, directory: directory)
            #expect(!result.stderr.contains("UNSET_PW"))
        }
    }

    @Test("--anonymous-only is the explicit way to run without an account: the anonymous probes run and pass")
    func anonymousOnly() async throws {
        try await Self.withServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            let result = try CLIProcess.run(
                ["run", "--target", server.baseURL.absoluteString, "--anonymous-only", "--json", "reports/run.json"], directory: directory)
            #expect(result.status == 0, "\(result.all)")
            let record = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path)
            #expect(record.outcomes.contains { $0.probe == "anonymous.denied" && $0.status == .pass })
            #expect(record.outcomes.filter { $0.probe == "login.password" }.allSatisfy { $0.status == .skipped })
            #expect(server.requestsAnswered > 0)
            // Credentials and --anonymous-only contradict each other.
            let both = try CLIProcess.run(
                ["run", "--target", server.baseURL.absoluteString, "--anonymous-only", "--user", "probe"],
                directory: try CLIProcess.temporaryDirectory())
            #expect(both.status == 64, "\(both.all)")
            #expect(both.stderr.contains("--anonymous-only"))
        }
    }

    struct Typo: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var suggestion: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let typos: [Typo] = [
        Typo(arguments: ["run", "--taget", "URL"], suggestion: "'--target'"),
        Typo(arguments: ["run", "--targts", "targets.yaml"], suggestion: "'--targets'"),
        Typo(arguments: ["run", "-target", "URL"], suggestion: "'--target'"),
        Typo(arguments: ["run", "--target", "URL", "--probe", "login.pasword"], suggestion: "'login.password'"),
        Typo(arguments: ["run", "--target", "URL", "--skip-probe", "sdk.compt"], suggestion: "'sdk.compat'"),
        Typo(arguments: ["run", "--target", "URL", "--skip-probe", "acces-token"], suggestion: "'access-token'"),
        Typo(arguments: ["demo", "--probe", "cookies.atributes"], suggestion: "'cookies.attributes'"),
        Typo(arguments: ["rnu", "--target", "URL"], suggestion: "'run'"),
        Typo(arguments: ["profiles", "lst"], suggestion: "'list'"),
        Typo(arguments: ["report", "mrege", "a.xml"], suggestion: "'merge'"),
    ]

    @Test("a misspelt option, probe id or command is refused with the one meant, before any request", arguments: typos)
    func typo(_ typo: Typo) async throws {
        try await Self.withServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            let arguments = typo.arguments.map { $0 == "URL" ? server.baseURL.absoluteString : $0 }
            let result = try CLIProcess.run(arguments, environment: ["CVAT_USER": "probe", "CVAT_PASSWORD": Self.password], directory: directory)
            #expect(result.status == 64, "\(result.all)")
            #expect(result.stderr.lowercased().contains("did you mean \(typo.suggestion)"), "\(result.stderr)")
            #expect(server.requestsAnswered == 0, "a request was sent")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("reports").path))
        }
    }

    @Test("a probe family and an id given correctly still run")
    func knownSelections() async throws {
        try await Self.withServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            let result = try CLIProcess.run(
                ["run", "--target", server.baseURL.absoluteString, "--probe", "login", "--skip-probe", "sdk.compat", "--json", "reports/run.json"],
                environment: ["CVAT_USER": "probe", "CVAT_PASSWORD": Self.password], directory: directory)
            #expect(result.status == 0, "\(result.all)")
            let record = try RunRecordJSON.read(file: directory.appendingPathComponent("reports/run.json").path)
            #expect(record.outcomes.contains { $0.probe == "login.password" && $0.status == .pass })
            #expect(!record.outcomes.contains { $0.probe == "sdk.compat" })
        }
    }
}
