import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbes
import AuthCheckReport
import AuthCheckRun
import CVATEmulator
import Foundation
import LogTestSupport
import Synchronization
import Testing

/// Calls a closure once when the wrapped transport sees a created personal access token.
final class CancelAfterTokenCreated: HTTPTransport, Sendable {
    private let inner: any HTTPTransport
    private let action: Mutex<(@Sendable () -> Void)?>

    init(_ inner: any HTTPTransport, action: @escaping @Sendable () -> Void) {
        self.inner = inner
        self.action = Mutex(action)
    }

    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
        let response = try await inner.send(request)
        if request.method == "POST", request.path.hasPrefix("/api/auth/access_tokens"), response.status == 201 {
            let fire = action.withLock { action -> (@Sendable () -> Void)? in
                defer { action = nil }
                return action
            }
            fire?()
        }
        return response
    }

    func shutdown() async { await inner.shutdown() }
}

/// Holds the task to cancel, set after the task is created.
final class TaskSlot: Sendable {
    private let task = Mutex<Task<RunRecord, Never>?>(nil)
    func set(_ task: Task<RunRecord, Never>) { self.task.withLock { $0 = task } }
    func cancel() { task.withLock { $0 }?.cancel() }
}

extension EmulatorSuites {
    /// Account safety: one bad-credentials attempt per target per run, tokens the probes create are
    /// always revoked (also when the run is cancelled right after one was created), and a shared
    /// account is called out.
    @Suite("Account safety", .timeLimit(.minutes(2)))
    struct AccountSafetyTests {
        static let password = "Account-Safety-Pass-31x"

        static func credentials() -> (CredentialReference, [String: String]) {
            (CredentialReference(user: "probe", passwordEnv: "REL_ACCOUNT_PASSWORD"), ["REL_ACCOUNT_PASSWORD": password])
        }

        static func badLoginAttempts(_ entries: [RecordingTransport.Entry]) -> Int {
            entries.filter { entry in
                entry.request.method == "POST" && entry.request.path.contains("/auth/login")
                    && String(decoding: entry.request.body ?? [], as: UTF8.self).contains("cvat-authcheck-no-such-user")
            }.count
        }

        @Test("one bad-credentials attempt per target per run, also with three targets on one server and retries on")
        func badCredentialsCapped() async throws {
            let server = try await Emulators.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
            defer { Emulators.stopLater(server) }
            let (reference, environment) = Self.credentials()
            let targets = (0..<3).map { Target(name: "t\($0)", url: server.baseURL, credentials: reference) }
            let recorder = TransportRecorder()
            let record = await Harness.run(
                targets, options: Harness.options(timeout: 5, deadline: 60, retries: 3, concurrency: 3),
                environment: environment, wrap: { recorder.wrap($0, $1) })
            #expect(record.suites.count == 3)
            for target in targets {
                #expect(Self.badLoginAttempts(recorder.entries(for: target.name)) == 1, "\(target.name)")
            }
            #expect(record.outcomes.filter { $0.probe == "credentials.bad" }.allSatisfy { $0.status == .pass })
        }

        @Test("a bad-credentials login that fails in transit is not retried")
        func badCredentialsNotRetried() async throws {
            let server = try await HostileServer.start { request in
                if request.path.hasPrefix("/api/server/about") { return .json(200, HostileCase.about) }
                if request.method == "POST" { return .bytes(Array("HTTP/1.1 200 OK\r\nContent-".utf8)) }
                return .json(401, #"{"detail":"Authentication credentials were not provided."}"#)
            }
            defer { Task { await server.stop() } }
            let (reference, environment) = Self.credentials()
            let record = await Harness.run(
                [Target(name: "flaky", url: server.url(), credentials: reference)],
                options: Harness.options(timeout: 3, deadline: 30, retries: 3), environment: environment)
            let bad = server.requests.filter {
                $0.method == "POST" && String(decoding: $0.body, as: UTF8.self).contains("cvat-authcheck-no-such-user")
            }
            #expect(bad.count == 1)
            #expect(Harness.outcome("credentials.bad", in: record)?.status == .error)
        }

        @Test("tokens created by probes are revoked at the end of a normal run")
        func tokensRevoked() async throws {
            let server = try await Emulators.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
            defer { Emulators.stopLater(server) }
            let (reference, environment) = Self.credentials()
            let recorder = TransportRecorder()
            let record = await Harness.run(
                [Target(name: "pat", url: server.baseURL, credentials: reference)],
                options: Harness.options(timeout: 5, deadline: 60), environment: environment, wrap: { recorder.wrap($0, $1) })
            let created = recorder.entries.filter {
                $0.request.method == "POST" && $0.request.path.hasPrefix("/api/auth/access_tokens") && $0.response?.status == 201
            }
            #expect(created.count >= 1, "the run created no token; nothing was proven")
            #expect(record.outcomes.contains { $0.probe == "access-token.lifecycle" && $0.name == "revoke" && $0.status == .pass })
            let names = try await EmulatorAccount(server: server, password: Self.password).accessTokenNames()
            #expect(names.filter { $0.hasPrefix("cvat-authcheck-") }.isEmpty, "left behind: \(names)")
        }

        @Test("a run cancelled right after a token was created still revokes it")
        func tokensRevokedWhenInterrupted() async throws {
            let server = try await Emulators.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
            defer { Emulators.stopLater(server) }
            let (reference, environment) = Self.credentials()
            let slot = TaskSlot()
            let task = Task {
                await Harness.run(
                    [Target(name: "interrupted", url: server.baseURL, credentials: reference)],
                    options: Harness.options(timeout: 5, deadline: 60), environment: environment,
                    wrap: { _, transport in CancelAfterTokenCreated(transport) { slot.cancel() } })
            }
            slot.set(task)
            let record = await task.value
            #expect(record.interrupted)
            #expect(
                record.outcomes.contains { $0.cause == "interrupted" },
                "the run was not interrupted: \(record.outcomes.map { "\($0.probe) \($0.status)" })")
            let names = try await EmulatorAccount(server: server, password: Self.password).accessTokenNames()
            #expect(names.filter { $0.hasPrefix("cvat-authcheck-") }.isEmpty, "left behind after the interruption: \(names)")
            _ = try Harness.junit(record)
        }

        @Test("an account that owns other tokens is called shared; a dedicated one is not")
        func sharedAccountWarning() async throws {
            let server = try await Emulators.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
            defer { Emulators.stopLater(server) }
            let (reference, environment) = Self.credentials()
            let registry = BuiltInProbes.registry.adding([AccountDedicatedProbe()])
            let target = Target(name: "account", url: server.baseURL, credentials: reference)

            let clean = await Harness.run([target], options: Harness.options(timeout: 5, deadline: 60), environment: environment, registry: registry)
            let dedicated = try #require(clean.outcomes.first { $0.probe == AccountDedicatedProbe.id })
            #expect(dedicated.status == .pass)
            #expect(dedicated.facts["warning"] == nil, "\(dedicated.message)")

            _ = try await EmulatorAccount(server: server, password: Self.password).createAccessToken(name: "nightly-export-bot")
            let log = CapturedLog()
            let shared = await Harness.run(
                [target], options: Harness.options(timeout: 5, deadline: 60), environment: environment,
                registry: registry, logger: log.logger)
            let warning = try #require(shared.outcomes.first { $0.probe == AccountDedicatedProbe.id })
            #expect(warning.facts["warning"] == "shared-account")
            #expect(warning.status == .pass && warning.isAdvice && warning.cause == "shared-account")
            #expect(warning.message.hasPrefix("advice: the probe account looks shared"))
            #expect(warning.message.contains("'nightly-export-bot'"))
            #expect(log.text.contains("looks shared"))
            let xml = String(decoding: try Harness.junit(shared), as: UTF8.self)
            #expect(xml.contains("warning: shared-account") || xml.contains("looks shared"))
        }

        @Test(
            "a run with only a personal access token: its own token (any name) is the checker's, leftovers it may not revoke are reported, exit 0"
        )
        func accessTokenOnlyLeftovers() async throws {
            let server = try await Emulators.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
            defer { Emulators.stopLater(server) }
            let token = try #require(server.seedAccessToken(name: "ci-bot", readOnly: true, age: 86_400))
            let leftover = "cvat-authcheck-0badc0de-0001-lifecycle-280s"
            _ = try #require(server.seedAccessToken(name: leftover, readOnly: true, age: 7200))
            let target = Target(name: "pat-only", url: server.baseURL, credentials: CredentialReference(accessTokenEnv: "REL_PAT"))
            let record = await Harness.run([target], options: Harness.options(timeout: 5, deadline: 60), environment: ["REL_PAT": token])
            // The configured token, whatever its name, is the user's token for the checker: not another client.
            let dedicated = try #require(record.outcomes.first { $0.probe == AccountDedicatedProbe.id })
            #expect(dedicated.status == .pass && dedicated.cause == nil, "\(dedicated.message)")
            // CVAT lets no token-authenticated request manage tokens: the leftover is named, not revoked.
            let leftovers = try #require(record.outcomes.first { $0.probe == AccountLeftoversProbe.id })
            #expect(leftovers.isAdvice && leftovers.cause == "checker-leftovers-remain", "\(leftovers.message)")
            #expect(leftovers.message.contains(leftover))
            #expect(server.accessTokenNames().sorted() == [leftover, "ci-bot"].sorted())
            #expect(ExitStatus.code(for: record) == 0, "\(record.outcomes.filter { $0.status == .fail || $0.status == .error }.map(\.message))")
            #expect(!String(decoding: try Harness.junit(record), as: UTF8.self).contains(token))
        }

        @Test(
            "a run with only a personal access token behind a cookie-stripping proxy: says what it could not check, and still lists the account's tokens"
        )
        func accessTokenOnly() async throws {
            let server = try await Emulators.start(EmulatorConfiguration(version: "2.64.0", password: Self.password, faults: [.stripSetCookie]))
            defer { Emulators.stopLater(server) }
            let token = try await EmulatorAccount(server: server, password: Self.password).createAccessToken(name: "cvat-authcheck-nightly")
            let target = Target(name: "pat-only", url: server.baseURL, credentials: CredentialReference(accessTokenEnv: "REL_PAT"))
            let record = await Harness.run([target], options: Harness.options(timeout: 5, deadline: 60), environment: ["REL_PAT": token])
            let proxy = try #require(record.outcomes.first { $0.probe == "proxy.diagnosis" })
            #expect(proxy.status == .pass)
            // It never saw a login, so it cannot claim the cookies or the Origin are fine.
            #expect(!proxy.message.contains("login cookies intact"), "\(proxy.message)")
            #expect(!proxy.message.contains("CSRF with the SDK's Origin accepted"), "\(proxy.message)")
            #expect(proxy.message.contains("not checked: the login cookies"), "\(proxy.message)")
            #expect(proxy.facts["not_checked"]?.contains("CSRF and the Origin") == true, "\(proxy.facts)")
            // The token lists the account's tokens (Bearer GET): the check runs instead of being skipped.
            let dedicated = try #require(record.outcomes.first { $0.probe == AccountDedicatedProbe.id })
            #expect(dedicated.status == .pass)
            #expect(dedicated.evidence.contains { $0.requestHeaders.contains { $0.value == "Bearer [REDACTED]" } })
            #expect(ExitStatus.code(for: record) == 0, "\(record.outcomes.filter { $0.status == .fail || $0.status == .error }.map(\.message))")
            let xml = String(decoding: try Harness.junit(record), as: UTF8.self)
            #expect(!xml.contains(token))
        }
    }
}
