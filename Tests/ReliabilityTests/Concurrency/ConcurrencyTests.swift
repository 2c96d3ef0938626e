import AuthCheckCore
import CVATEmulator
import Foundation
import Testing

extension EmulatorSuites {
    /// 200 targets at `--concurrency 32`, some dead (refused), some slow: the run completes, and every
    /// target has exactly one suite — nothing lost, nothing duplicated, nothing mixed up.
    @Suite("Concurrency", .timeLimit(.minutes(2)))
    struct ConcurrencyTests {
        static let password = "Concurrency-Pass-8Hd"

        @Test("200 targets, 32 at a time, dead and slow ones included")
        func twoHundredTargets() async throws {
            let fast = try await Emulators.start(EmulatorConfiguration(version: "2.48.0", password: Self.password))
            defer { Emulators.stopLater(fast) }
            let slow = try await Emulators.start(
                EmulatorConfiguration(version: "2.44.0", password: Self.password, faults: [.slow(milliseconds: 100)]))
            defer { Emulators.stopLater(slow) }
            // Dead: ports that were bound and released, so connecting is refused.
            let deadPorts = try Nginx.freePorts(5)

            let reference = CredentialReference(user: "probe", passwordEnv: "REL_CONCURRENCY_PASSWORD")
            var targets: [Target] = []
            for index in 0..<200 {
                let name = String(format: "target-%03d", index)
                switch index % 10 {
                case 0, 1: targets.append(Target(name: name, url: URL(string: "http://127.0.0.1:\(deadPorts[index % deadPorts.count])")!))
                case 2: targets.append(Target(name: name, url: slow.baseURL, tags: ["slow"]))
                case 4: targets.append(Target(name: name, url: fast.baseURL, credentials: reference, tags: ["credentials"]))
                default: targets.append(Target(name: name, url: fast.baseURL))
                }
            }
            let journal = RunJournal()
            let (record, seconds) = await measure {
                // Discovery, anonymous and login probes only: the point is scheduling, not probe depth, and a
                // full catalogue × 200 saturates two cores for minutes.
                await Harness.run(
                    targets,
                    options: RunOptions(
                        concurrency: 32, requestTimeout: 5, targetDeadline: 60, transportRetries: 1,
                        onlyProbes: ["about", "anonymous", "credentials", "login"]),
                    environment: ["REL_CONCURRENCY_PASSWORD": Self.password], journal: journal)
            }
            #expect(seconds < 100)
            #expect(!record.interrupted)
            #expect(record.suites.count == 200)
            #expect(record.suites.map(\.target) == targets.map(\.name), "suites are not one per target in order")
            #expect(Set(record.suites.map(\.target)).count == 200)
            let journaled = await journal.suites.map(\.target)
            #expect(journaled.count == 200)
            #expect(Set(journaled) == Set(targets.map(\.name)))

            for (target, suite) in zip(targets, record.suites) {
                #expect(suite.url == target.url.absoluteString, "\(target.name) got the suite of \(suite.url)")
                let about = suite.outcomes.first { $0.probe == "about.version" }
                let names = suite.outcomes.map { "\($0.probe)/\($0.name)" }
                #expect(Set(names).count == names.count, "\(target.name): duplicated outcomes")
                if target.url.port.map(deadPorts.contains) == true {
                    #expect(about?.status == .error && about?.cause == "refused", "\(target.name): \(about?.message ?? "no about")")
                } else if target.tags.contains("slow") {
                    #expect(suite.serverVersion == "2.44.0", "\(target.name): \(about?.message ?? "no about")")
                } else {
                    #expect(suite.serverVersion == "2.48.0", "\(target.name): \(about?.message ?? "no about")")
                }
                if target.tags.contains("credentials") {
                    // Every credentialed target has its own login verdict; the emulator throttles logins
                    // like CVAT does, so some are refused with 429 and must be named as rate limiting.
                    let login = suite.outcomes.first { $0.probe == "login.password" }
                    #expect(login?.status == .pass || login?.cause == "rate-limited", "\(target.name): \(login?.message ?? "no login outcome")")
                }
            }
            #expect(record.suites.contains { $0.outcomes.contains { $0.probe == "login.password" && $0.status == .pass } }, "no login passed at all")
            _ = try Harness.junit(record)
        }
    }
}

/// Collects finished suites while a run is in progress (in completion order); the record keeps them whole.
actor RunJournal: SuiteSink {
    private var finished: [SuiteRecord] = []
    /// Records a finished suite and gives it back unchanged.
    func take(_ suite: SuiteRecord, at index: Int) -> SuiteRecord {
        finished.append(suite)
        return suite
    }
    /// The suites finished so far.
    var suites: [SuiteRecord] { finished }
}
