import CVATEmulator
import Foundation
import Testing

/// Issue 18: `profiles draft --target` through the built binary, from the `matrix.stale` remedy to a
/// run that uses the draft (docs/PROFILES.md, "Adding a release").
@Suite("profiles draft through the CLI", .serialized)
struct ProfileDraftCLITests {
    static let password = "Draft-CLI-Pa55word-Q7"
    static let environment = ["CVAT_USER": "probe", "CVAT_PASSWORD": password]

    /// An emulated CVAT 2.81.0 without legacy Token auth (docs/EMULATOR.md, `token-disabled`: "a possible
    /// future release without legacy tokens"), stopped after `body`.
    static func withFutureServer(_ body: (EmulatedCVATServer) async throws -> Void) async throws {
        let server = try await EmulatedCVATServer.start(EmulatorConfiguration(version: "2.81.0", password: password, faults: [.tokenDisabled]))
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test("stale run → the remedy's draft command → profiles check → explain → a passing run with the draft layered")
    func walkThrough() async throws {
        try await Self.withFutureServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = server.baseURL.absoluteString
            let stale = try await CLIProcess.running(
                ["run", "--target", url, "--color", "never", "--progress", "never"], environment: Self.environment, directory: directory)
            #expect(stale.status == 1, "\(stale.all)")
            let command = "cvat-authcheck profiles draft --target \(url)"
            #expect(stale.stdout.contains("`\(command)`"), "\(stale.stdout)")

            let drafted = try await CLIProcess.running(
                Array(command.split(separator: " ").dropFirst().map(String.init)), environment: Self.environment, directory: directory)
            #expect(drafted.status == 0, "\(drafted.all)")
            #expect(drafted.stdout.contains("Draft cvat-2.81 (>=2.81.0 <2.82.0), extends cvat-2.80"))
            #expect(drafted.stdout.contains("  ~ auth.token.state: deprecated → removed"))
            #expect(drafted.stdout.contains("  ~ responses.anonymous.www_authenticate: Token → Bearer"))
            #expect(drafted.stdout.contains("responses.logout: not observed"))
            #expect(drafted.stdout.contains("wrote reports/drafts/servers/cvat-2.81.yaml"))
            #expect(drafted.stdout.contains(": 0 errors, 4 todo warnings"), "\(drafted.stdout)")
            let file = directory.appendingPathComponent("reports/drafts/servers/cvat-2.81.yaml")
            let yaml = try String(contentsOf: file, encoding: .utf8)
            #expect(yaml.contains("extends: cvat-2.80\n"))
            #expect(yaml.contains("  token: {state: removed, note: ~}\n"))
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("matrices").path))

            let check = try CLIProcess.run(["profiles", "check", "reports/drafts"], directory: directory)
            #expect(check.status == 0, "\(check.all)")
            #expect(check.stdout.contains("reports/drafts/servers/cvat-2.81.yaml:7:5: warning: todo: summary:"), "\(check.stdout)")

            let explain = try CLIProcess.run(["profiles", "explain", "2.81.0", "--matrices", "reports/drafts"], directory: directory)
            #expect(explain.status == 0, "\(explain.all)")
            #expect(explain.stdout.hasPrefix("CVAT 2.81.0 → cvat-2.81 (>=2.81.0 <2.82.0)"), "\(explain.stdout)")

            // With the draft the run is no longer stale, and it says what the removal breaks: the client
            // lines that send `Authorization: Token` after password login (cvat-sdk/cvat-cli before 2.41).
            let layered = try await CLIProcess.running(
                ["run", "--target", url, "--matrices", "reports/drafts", "--color", "never", "--progress", "never"], environment: Self.environment,
                directory: directory)
            #expect(layered.status == 1, "\(layered.all)")
            #expect(!layered.stdout.contains("matrix-stale"))
            #expect(layered.stdout.contains("BREAKS: cvat-cli 2.24–2.40, cvat-sdk 2.24–2.40"), "\(layered.stdout)")
            #expect(layered.stdout.contains("[1] FAIL  sdk-legacy-token-gone"), "\(layered.stdout)")
            // A pipeline that cares only about current clients is green.
            let passing = try await CLIProcess.running(
                [
                    "run", "--target", url, "--matrices", "reports/drafts", "--client", "cvat-sdk@2.80", "--client", "cvat-cli@2.80", "--color",
                    "never", "--progress", "never",
                ], environment: Self.environment, directory: directory)
            #expect(passing.status == 0, "\(passing.all)")
            for text in [stale.all, drafted.all, check.all, explain.all, layered.all, passing.all, yaml] { #expect(!text.contains(Self.password)) }
        }
    }

    @Test("with the drafted profile, the prediction for cvat-sdk 2.24 is what the real cvat-sdk 2.24.0 does against that server")
    func predictionMatchesRealSDK() async throws {
        try await Self.withFutureServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = server.baseURL.absoluteString
            let drafted = try await CLIProcess.running(["profiles", "draft", "--target", url], environment: Self.environment, directory: directory)
            #expect(drafted.status == 0, "\(drafted.all)")
            let run = try await CLIProcess.running(
                [
                    "run", "--target", url, "--matrices", "reports/drafts", "--backend", "native", "--backend", "cvat-sdk@2.24.0",
                    "--color", "never", "--progress", "never",
                ], environment: Self.environment, directory: directory)
            #expect(run.status == 1, "\(run.all)")
            let junit = try String(contentsOf: directory.appendingPathComponent("reports/junit.xml"), encoding: .utf8)
            let name = "name=\"sdk.prediction: cvat-sdk@2.24.0, password [cvat-sdk@2.24.0]\""
            let start = try #require(junit.range(of: name))
            let end = try #require(junit.range(of: "</testcase>", range: start.upperBound..<junit.endIndex))
            let testcase = String(junit[start.lowerBound..<end.lowerBound])
            #expect(testcase.contains("predicted: break (ForbiddenException)"), "\(testcase)")
            #expect(testcase.contains("observed: break (ForbiddenException)"), "\(testcase)")
            #expect(!testcase.contains("<failure"), "\(testcase)")
        }
    }

    @Test("--client: the profile read from the installed release; a release its line already describes writes nothing")
    func clientDraft() async throws {
        let directory = try CLIProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let drafted = try await CLIProcess.running(["profiles", "draft", "--client", "cvat-cli==2.48.0"], directory: directory)
        #expect(drafted.status == 0, "\(drafted.all)")
        #expect(
            drafted.stdout.hasPrefix("Draft cvat-cli-2.48 (>=2.48.0 <2.70.0), extends cvat-cli-2.41; read from the installed cvat-cli 2.48.0 package")
        )
        // matrices/clients/cvat-cli-2.48.yaml states exactly this difference from cvat-cli-2.41.
        #expect(drafted.stdout.contains("  ~ access_token.supported: false → true\n  + access_token.scheme: Bearer\n"), "\(drafted.stdout)")
        #expect(drafted.stdout.contains("wrote reports/drafts/clients/cvat-cli-2.48.yaml"))
        #expect(drafted.stdout.contains(": 0 errors, 0 todo warnings"))
        let check = try CLIProcess.run(["profiles", "check", "reports/drafts"], directory: directory)
        #expect(check.status == 0, "\(check.all)")
        #expect(check.stdout.hasSuffix("0 errors, 0 warnings\n"), "\(check.stdout)")

        let same = try await CLIProcess.running(["profiles", "draft", "--client", "cvat-sdk==2.80.0"], directory: directory)
        #expect(same.status == 0, "\(same.all)")
        #expect(same.stdout.hasPrefix("No difference from cvat-sdk-2.70"), "\(same.stdout)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("reports/drafts/clients/cvat-sdk-2.80.yaml").path))
    }

    @Test("--client whose release cannot be installed: exit 69 naming the release, no file")
    func clientUnavailable() async throws {
        let directory = try CLIProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLIProcess.running(
            ["profiles", "draft", "--client", "cvat-sdk==2.99.0"],
            environment: ["CVAT_AUTHCHECK_CACHE": directory.appendingPathComponent("cache").path, "CVAT_AUTHCHECK_PYTHON": "/nonexistent/python3"],
            directory: directory)
        #expect(result.status == 69, "\(result.all)")
        #expect(result.stderr.contains("cannot draft cvat-sdk==2.99.0"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("reports").path))
    }

    @Test("-o names the file or the folder")
    func outputPaths() async throws {
        try await Self.withFutureServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = server.baseURL.absoluteString
            let file = try await CLIProcess.running(
                ["profiles", "draft", "--target", url, "-o", "site/next.yaml", "--observed-on", "2026-11-30"], environment: Self.environment,
                directory: directory)
            #expect(file.status == 0, "\(file.all)")
            let text = try String(contentsOf: directory.appendingPathComponent("site/next.yaml"), encoding: .utf8)
            #expect(text.contains("source: \"observed on 127.0.0.1 2026-11-30 (CVAT 2.81.0)\""))
            let folder = try await CLIProcess.running(
                ["profiles", "draft", "--target", url, "-o", "site/servers/"], environment: Self.environment, directory: directory)
            #expect(folder.status == 0, "\(folder.all)")
            #expect(folder.stdout.contains("wrote site/servers/cvat-2.81.yaml"), "\(folder.stdout)")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("site/servers/cvat-2.81.yaml").path))
        }
    }

    @Test(
        "usage errors before the first request: exit 64, one error line, nothing sent",
        arguments: [
            (["profiles", "draft"], "give --target URL"),
            (["profiles", "draft", "--target", "URL", "--client", "cvat-sdk==2.48.0"], "give one"),
            (["profiles", "draft", "--client", "cvat-sdk==2.48"], "is not a release such as 2.48.0"),
            (["profiles", "draft", "--client", "cvat-skd==2.48.0"], "did you mean 'cvat-sdk'?"),
            (["profiles", "draft", "--target", "URL", "--extends", "cvat-2.8"], "--extends cvat-2.8: no profile has that id"),
            (["profiles", "draft", "--target", "URL", "--observed-on", "yesterday"], "expected a day such as"),
            (["profiles", "draft", "--target", "URL", "--password-env", "S3cr3t-Pa55word!"], "--password-env"),
            (["profiles", "draft", "--target", "URL", "-o", ""], "-o: expected a .yaml file or a folder"),
            (["profiles", "draft", "--target", "URL", "-o", "/dev/null"], "-o /dev/null: exists and is neither a folder nor a .yaml file"),
            (["profiles", "draft", "--target", "URL", "-o", "/dev/null/next.yaml"], "-o /dev/null/next.yaml: /dev/null is not a folder"),
        ])
    func usageErrors(arguments: [String], fragment: String) async throws {
        try await Self.withFutureServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let args = arguments.map { $0 == "URL" ? server.baseURL.absoluteString : $0 }
            let result = try await CLIProcess.running(args, environment: Self.environment, directory: directory)
            #expect(result.status == 64, "\(result.all)")
            // One error line (then, for a mistake the parser finds, its usage line and where help is).
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.first?.contains(fragment) == true, "\(result.stderr)")
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("Usage: ") || $0.hasPrefix("  See ") }, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!result.all.contains("S3cr3t-Pa55word!"))
            #expect(server.requestsAnswered == 0)
        }
    }

    @Test("without the probe account's password: a usage error naming what to give, no request")
    func needsAccount() async throws {
        try await Self.withFutureServer { server in
            let directory = try CLIProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try await CLIProcess.running(
                ["profiles", "draft", "--target", server.baseURL.absoluteString], environment: ["CVAT_USER": "probe"], directory: directory)
            #expect(result.status == 64, "\(result.all)")
            #expect(result.stderr.contains("give its user name and password"), "\(result.stderr)")
            #expect(server.requestsAnswered == 0)
        }
    }

    @Test("a server that cannot be reached: exit 69 naming the URL, no file")
    func unreachable() throws {
        let directory = try CLIProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let listener = try SilentListener()
        let url = "http://127.0.0.1:\(listener.port)"
        listener.close()
        let result = try CLIProcess.run(["profiles", "draft", "--target", url], environment: Self.environment, directory: directory)
        #expect(result.status == 69, "\(result.all)")
        #expect(result.stderr.contains("cannot draft from \(url)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("reports").path))
    }
}
