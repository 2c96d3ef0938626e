import AuthCheckCore
import AuthCheckPlugins
import Foundation
import Testing

/// Plugins that crash, hang, babble, flood, speak another protocol or echo secrets: the run must
/// finish, each must become an `error` outcome with the right cause, and no output may hold a secret.
@Suite("Misbehaving plugins")
struct MisbehavingPluginTests {
    static let hello = #"printf '{"type":"hello","protocol":1}\n'"#

    /// (name, probe id, script, expected cause, words the message must contain)
    static let cases: [(String, String, String, String, String)] = [
        (
            "crash", "bad.crash", "\(hello)\necho \"Traceback: boom with $CVAT_AUTHCHECK_PASSWORD\" >&2\nexit 3",
            "plugin-crash", "exited with status 3"
        ),
        // Ignores SIGTERM and leaves a grandchild holding stdout open: only a process-group SIGKILL ends it.
        ("hang", "bad.hang", "\(hello)\ntrap '' TERM\nsleep 300 &\nwhile :; do sleep 1; done", "plugin-timeout", "did not finish within 1 s"),
        (
            "garbage", "bad.garbage", "\(hello)\necho \"Traceback (most recent call last): $CVAT_AUTHCHECK_PASSWORD\"\nsleep 300",
            "plugin-garbage", "not a JSON object"
        ),
        (
            "flood", "bad.flood",
            "\(hello)\nwhile :; do echo '{\"type\":\"log\",\"message\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}'; done",
            "plugin-oversize", "more than 1048576 bytes"
        ),
        ("longline", "bad.longline", "\(hello)\nhead -c 400000 /dev/zero | tr '\\000' a\nsleep 300", "plugin-oversize", "longer than 262144 bytes"),
        ("protocol", "bad.protocol", #"printf '{"type":"hello","protocol":2}\n{"type":"done"}\n'"#, "plugin-protocol", "speaks protocol 2"),
        (
            "nohello", "bad.nohello", #"printf '{"type":"outcome","name":"x","status":"pass","message":"hi"}\n{"type":"done"}\n'"#,
            "plugin-garbage", "did not start with"
        ),
        ("silent", "bad.silent", "exit 0", "plugin-garbage", "did not start with"),
        (
            "nodone", "bad.nodone", "\(hello)\nprintf '{\"type\":\"outcome\",\"name\":\"half\",\"status\":\"pass\",\"message\":\"ok\"}\\n'\nexit 0",
            "plugin-crash", "without"
        ),
        (
            "badstatus", "bad.status",
            "\(hello)\nprintf '{\"type\":\"outcome\",\"name\":\"x\",\"status\":\"great\",\"message\":\"ok\"}\\n{\"type\":\"done\"}\\n'",
            "plugin-garbage", "is not one of pass"
        ),
    ]

    @Test("every misbehaviour becomes an error outcome, the run completes quickly, and no secret leaks")
    func misbehaviours() async throws {
        let directory = PluginHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, probe, script, _, _) in Self.cases {
            try PluginHarness.writeShellPlugin(in: directory, name: name, probe: probe, script: script, timeout: name == "hang" ? 1 : 20)
        }
        // A plugin that echoes the secret to stderr, into an outcome and into a minted-secret message, then fails.
        try PluginHarness.writeShellPlugin(
            in: directory, name: "leaky", probe: "bad.leaky",
            script: """
                \(Self.hello)
                echo "debug: password is $CVAT_AUTHCHECK_PASSWORD" >&2
                printf '{"type":"secret","value":"minted-token-abcdef123456"}\\n'
                printf '{"type":"outcome","name":"leak","status":"fail","message":"password %s token minted-token-abcdef123456"}\\n' "$CVAT_AUTHCHECK_PASSWORD"
                exit 1
                """)
        let found = PluginDiscovery.discover(explicit: [directory.path], environment: [:], includeDefaults: false)
        #expect(found.rejected.isEmpty, "\(found.rejected)")
        #expect(found.plugins.count == Self.cases.count + 1)

        let run = try await PluginHarness.run(plugins: found.plugins)
        let suite = try #require(run.suite())
        #expect(suite.outcomes.first { $0.probe == "about.version" }?.status == .pass)
        for (name, probe, _, cause, words) in Self.cases {
            let outcomes = run.outcomes(probe)
            let error = try #require(outcomes.last, "no outcome for \(name)")
            #expect(error.status == .error, "\(name): \(error.status) \(error.message)")
            #expect(error.cause == cause, "\(name): cause \(error.cause ?? "-") — \(error.message)")
            #expect(error.message.contains(words), "\(name): \(error.message)")
            #expect(error.facts["plugin"] == name)
        }
        // Outcomes sent before a failure are kept.
        #expect(run.outcomes("bad.nodone").map(\.status) == [.pass, .error])
        // The crash's stderr tail is in the body, with the secret masked.
        let crash = try #require(run.outcomes("bad.crash").last)
        #expect(crash.observed?.contains("Traceback: boom with [REDACTED]") == true, "\(crash.observed ?? "-")")
        let leak = run.outcomes("bad.leaky")
        #expect(leak.map(\.status) == [.fail, .error])
        #expect(leak.first?.message == "password [REDACTED] token [REDACTED]")
        #expect(leak.last?.observed?.contains("debug: password is [REDACTED]") == true)

        // Never a hang: the hang plugin's 1 s timeout plus grace bounds the whole run.
        #expect(run.seconds < 30, "the run took \(run.seconds) s")
        for secret in [PluginHarness.password, "minted-token-abcdef123456"] {
            #expect(!run.everything.contains(secret), "a secret leaked into the record or the JUnit report")
        }
    }

    @Test("a killed plugin leaves no process behind")
    func noStragglers() async throws {
        let directory = PluginHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = "authcheck-straggler-\(UInt32.random(in: 100_000...999_999))"
        try PluginHarness.writeShellPlugin(
            in: directory, name: "hang", probe: "bad.hang",
            script: """
                \(Self.hello)
                trap '' TERM
                sh -c 'sleep 300; echo \(marker)' &
                while :; do sleep 1; done
                """, timeout: 1)
        let found = PluginDiscovery.discover(explicit: [directory.path], environment: [:], includeDefaults: false)
        let run = try await PluginHarness.run(plugins: found.plugins)
        #expect(run.outcomes("bad.hang").last?.cause == "plugin-timeout")
        #expect(try PluginHarness.sleepersRunning(marker) == 0, "processes of the killed plugin are still running")
    }

    @Test("credentials reach the plugin only through its environment, never the request, and the referenced variables are removed")
    func credentialsOnlyInEnvironment() async throws {
        let directory = PluginHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("capture")
        try PluginHarness.writeShellPlugin(
            in: directory, name: "spy", probe: "spy.env",
            script: """
                \(Self.hello)
                cat > "$SPY_CAPTURE.request"
                env > "$SPY_CAPTURE.env"
                printf '{"type":"outcome","name":"spied","status":"pass","message":"ok"}\\n{"type":"done"}\\n'
                """)
        let found = PluginDiscovery.discover(explicit: [directory.path], environment: [:], includeDefaults: false)
        let run = try await PluginHarness.run(plugins: found.plugins, extraEnvironment: ["SPY_CAPTURE": capture.path])
        #expect(run.outcomes("spy.env").map(\.status) == [.pass])
        let request = try String(contentsOf: URL(fileURLWithPath: capture.path + ".request"), encoding: .utf8)
        let environment = try String(contentsOf: URL(fileURLWithPath: capture.path + ".env"), encoding: .utf8)
        #expect(!request.contains(PluginHarness.password))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "run")
        #expect(json["probe"] as? String == "spy.env")
        #expect((json["credentials"] as? [String: Any])?["password"] as? Bool == true)
        #expect((json["server"] as? [String: Any])?["version"] as? String == "2.48.0")
        let lines = environment.split(separator: "\n").map(String.init)
        #expect(lines.contains("CVAT_AUTHCHECK_PASSWORD=\(PluginHarness.password)"))
        #expect(lines.contains("CVAT_AUTHCHECK_USERNAME=\(PluginHarness.username)"))
        #expect(lines.contains("CVAT_AUTHCHECK_PROTOCOL=1"))
        #expect(!lines.contains { $0.hasPrefix("AUTHCHECK_TEST_PASSWORD=") }, "the variable the target names must not be inherited")
        #expect(lines.filter { $0.contains(PluginHarness.password) }.count == 1)
    }

    @Test(
        "the example Python plugin passes against the emulator",
        .enabled(
            if: ExecutableLookup.resolve("python3", directory: "/", environment: ProcessInfo.processInfo.environment) != nil,
            "python3 is not installed; the example plugin is written in Python"))
    func examplePlugin() async throws {
        let examples = PluginHarness.repositoryRoot.appendingPathComponent("examples/plugins").path
        let found = PluginDiscovery.discover(explicit: [examples], environment: [:], includeDefaults: false)
        #expect(found.rejected.isEmpty, "\(found.rejected)")
        let run = try await PluginHarness.run(plugins: found.plugins, builtIns: true)
        let outcome = try #require(run.outcomes("example.basic-self").first)
        #expect(outcome.status == .pass, "\(outcome.message)")
        #expect(outcome.facts["server_version"] == "2.48.0")
        #expect(outcome.evidence.first?.status == 200)
        // It ran in phase order: after login.password (login phase), before logout.invalidates.
        let order = try #require(run.suite()).outcomes.map(\.probe)
        if let login = order.firstIndex(of: "login.password"), let mine = order.firstIndex(of: "example.basic-self") {
            #expect(login < mine)
        }
        #expect(!run.everything.contains(PluginHarness.password))
    }
}
