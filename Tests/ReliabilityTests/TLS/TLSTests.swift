import AuthCheckCore
import AuthCheckHTTP
import CVATEmulator
import Foundation
import Testing

extension EmulatorSuites {
    /// TLS: verification is on by default and failures are explained (expired, self-signed, wrong
    /// host, untrusted CA); `--ca-file` trusts a private CA; `--insecure` works only when asked for and
    /// marks every outcome obtained that way — in the record and in the JUnit report.
    @Suite("TLS", .timeLimit(.minutes(1)))
    struct TLSTests {
        static let password = "Tls-Reliability-Pass-9f3"

        static func emulator(_ leaf: String) async throws -> EmulatedCVATServer {
            try await Emulators.start(
                EmulatorConfiguration(
                    version: "2.48.0", password: password,
                    tls: EmulatorTLS(certificateChainPath: Harness.fixture("tls/\(leaf).pem"), privateKeyPath: Harness.fixture("tls/\(leaf).key"))))
        }

        static func run(_ server: EmulatedCVATServer, tls: TLSOptions) async -> RunRecord {
            let target = Target(
                name: "tls", url: server.baseURL, credentials: CredentialReference(user: "probe", passwordEnv: "REL_TLS_PASSWORD"), tls: tls)
            return await Harness.run(
                [target], options: Harness.options(timeout: 3, deadline: 30, retries: 0), environment: ["REL_TLS_PASSWORD": password])
        }

        struct Failure: Sendable, CustomTestStringConvertible {
            var leaf: String
            var caFile: Bool
            var words: [String]
            var testDescription: String { "\(leaf)\(caFile ? " + --ca-file" : "")" }
        }

        static let failures: [Failure] = [
            Failure(
                leaf: "server", caFile: false,
                words: ["issued by CN=cvat-authcheck test CA, which is not a trusted CA", "give its CA as the target's tls.ca_file"]),
            Failure(leaf: "expired", caFile: true, words: ["expired on 2021-01-01"]),
            Failure(leaf: "selfsigned", caFile: true, words: ["self-signed", "the CA file given (the target's tls.ca_file) does not include it"]),
            Failure(leaf: "wronghost", caFile: true, words: ["issued for wrong.example.com, not for 127.0.0.1 (wrong host)"]),
        ]

        @Test("certificate verification failures are errors with the reason", arguments: failures)
        func verificationFailure(_ failure: Failure) async throws {
            let server = try await Self.emulator(failure.leaf)
            defer { Emulators.stopLater(server) }
            let (record, seconds) = await measure {
                await Self.run(server, tls: TLSOptions(caFile: failure.caFile ? Harness.fixture("tls/ca.pem") : nil))
            }
            #expect(seconds < 10)
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .error)
            #expect(about.cause == "tls")
            for word in failure.words { #expect(about.message.contains(word), "\(about.message)") }
            #expect(about.message.contains("tls.insecure skips verification"))
            // No probe ran against an unverified server.
            #expect(record.outcomes.allSatisfy { $0.status == .error }, "\(record.outcomes.map { "\($0.probe) \($0.status)" })")
            _ = try Harness.junit(record)
        }

        @Test("--ca-file trusts the private CA; nothing is marked insecure")
        func privateCA() async throws {
            let server = try await Self.emulator("server")
            defer { Emulators.stopLater(server) }
            let record = await Self.run(server, tls: TLSOptions(caFile: Harness.fixture("tls/ca.pem")))
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .pass, "\(about.message)")
            #expect(record.suites[0].serverVersion == "2.48.0")
            #expect(record.outcomes.contains { $0.probe == "login.password" && $0.status == .pass })
            #expect(record.outcomes.allSatisfy { $0.facts["tls"] == nil })
            #expect(record.suites[0].insecureTLS == false)
            let xml = String(decoding: try Harness.junit(record), as: UTF8.self)
            #expect(!xml.contains("verification disabled"))
        }

        @Test("--insecure is explicit and marks every outcome, also in the JUnit report")
        func insecureMarksEverything() async throws {
            #expect(TLSOptions().insecure == false, "verification must be on by default")
            let server = try await Self.emulator("selfsigned")
            defer { Emulators.stopLater(server) }
            let record = await Self.run(server, tls: TLSOptions(insecure: true))
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .pass, "\(about.message)")
            #expect(record.outcomes.count > 5)
            for outcome in record.outcomes {
                #expect(outcome.facts["tls"] == "verification disabled (tls.insecure)", "\(outcome.probe) is not marked")
            }
            #expect(record.suites[0].insecureTLS)
            let xml = String(decoding: try Harness.junit(record), as: UTF8.self)
            #expect(xml.contains(#"name="tls.insecure" value="true""#))
            let marks = xml.components(separatedBy: "verification disabled (tls.insecure)").count - 1
            #expect(marks >= record.outcomes.count, "\(marks) marks for \(record.outcomes.count) outcomes")
        }

        @Test("an unreadable --ca-file is an error before any request")
        func unreadableCAFile() async throws {
            let server = try await Self.emulator("server")
            defer { Emulators.stopLater(server) }
            let record = await Self.run(server, tls: TLSOptions(caFile: "/nonexistent/ca.pem"))
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .error)
            #expect(about.message.contains("CA file /nonexistent/ca.pem cannot be read"))
            _ = try Harness.junit(record)
        }
    }
}
