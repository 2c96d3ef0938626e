import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbes
import AuthCheckReport
import CVATEmulator
import EmulatorTestSupport
import Foundation
import LogTestSupport
import Testing

extension EmulatorSuites {
    /// Every probe, every report format and the log, against emulated CVATs with recognisable secrets:
    /// no output holds the password, the configured or minted access tokens, the legacy key, the
    /// session id or the CSRF token — not whole, not as any 8-character piece, not URL-encoded, not
    /// base64 (HTTP Basic), not JSON-escaped.
    @Suite("Secrets never leak", .timeLimit(.minutes(2)))
    struct SecretLeakTests {
        struct Scenario: Sendable, CustomTestStringConvertible {
            var version: String
            var faults: [EmulatorFault]
            var testDescription: String { "\(version) \(faults.map(\.description).joined(separator: ","))" }
        }

        static let scenarios: [Scenario] = [
            Scenario(version: "2.24.0", faults: []),
            Scenario(version: "2.44.0", faults: [.tlsNoForwardedProto]),
            Scenario(version: "2.48.0", faults: []),
            Scenario(version: "2.48.0", faults: [.secureCookies, .stripSessionCookie]),
        ]

        /// A password with characters that URL-encoding and JSON escaping change.
        static let password = "Kx9#vQ2!mW7$rT4p/Zq+\"w8&"

        @Test(arguments: scenarios)
        func noSecretInAnyOutput(_ scenario: Scenario) async throws {
            // TLS for the faults that need it (tls-no-forwarded-proto), with the committed test CA.
            let tls = scenario.faults.contains(where: \.needsTLS)
            let server = try await Emulators.start(
                EmulatorConfiguration(
                    version: scenario.version, password: Self.password, faults: scenario.faults,
                    tls: tls
                        ? EmulatorTLS(certificateChainPath: Harness.fixture("tls/server.pem"), privateKeyPath: Harness.fixture("tls/server.key"))
                        : nil))
            defer { Emulators.stopLater(server) }
            let account = EmulatorAccount(server: server, password: Self.password)
            var environment = ["REL_USER": "probe", "REL_PASSWORD": Self.password]
            var reference = CredentialReference(userEnv: "REL_USER", passwordEnv: "REL_PASSWORD")
            var configuredToken: String?
            if scenario.version == "2.48.0" {
                let token = try await account.createAccessToken(name: "configured-for-leak-test")
                configuredToken = token
                environment["REL_PAT"] = token
                reference.accessTokenEnv = "REL_PAT"
            }
            let recorder = TransportRecorder()
            let log = CapturedLog()
            let redactor = Redactor()
            let target = Target(
                name: "leaks", url: server.baseURL, credentials: reference,
                tls: TLSOptions(caFile: tls ? Harness.fixture("tls/ca.pem") : nil))
            // Every request is logged too, at trace level (request line, status, time, headers), as `--log-level trace` does.
            let record = await Harness.run(
                [target], options: Harness.options(timeout: 5, deadline: 60), environment: environment,
                redactor: redactor,
                wrap: { target, transport in
                    LoggingTransport(inner: recorder.wrap(target, transport), logger: log.logger, redactor: redactor, baseURL: target.url)
                }, logger: log.logger)
            #expect(record.outcomes.count > 10)
            #expect(
                log.text.contains("POST \(server.baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")))/api/auth/login → "))
            #expect(log.text.contains("request headers:"))

            let minted = recorder.mintedSecrets
            // The run really did mint secrets: a session id, a CSRF token, a key or a token value.
            #expect(minted.count >= 2, "only \(minted.count) minted secrets seen")
            var secrets = Array(minted) + [Self.password]
            if let configuredToken { secrets.append(configuredToken) }
            // Credentials the probes sent (Authorization, Cookie, X-CSRFToken values) count too.
            for entry in recorder.entries {
                for header in entry.request.headers where ["authorization", "x-csrftoken"].contains(header.name.lowercased()) {
                    if let value = header.value.split(separator: " ", maxSplits: 1).last, value.count >= 8, !value.contains("not-a-token") {
                        secrets.append(String(value))
                    }
                }
            }
            let scanner = SecretScanner(secrets: Array(Set(secrets)))

            let outputs: [(String, String)] = [
                ("JUnit", String(decoding: try Harness.junit(record), as: UTF8.self)),
                ("JSON", String(decoding: try RunRecordJSON.encode(record), as: UTF8.self)),
                ("Markdown", MarkdownReport.render(record)),
                ("HTML", HTMLReport.render(record)),
                ("log", log.text),
            ]
            for (format, text) in outputs {
                if format != "log" { #expect(!text.isEmpty, "\(format) is empty") }
                let leaks = scanner.leaks(in: text)
                #expect(leaks.isEmpty, "\(format) leaks: \(leaks.prefix(5))")
            }
            // The evidence is there (so the scan was not of empty shells): request headers are recorded, masked.
            let json = outputs[1].1
            #expect(json.contains("[REDACTED]"))
        }
    }
}
