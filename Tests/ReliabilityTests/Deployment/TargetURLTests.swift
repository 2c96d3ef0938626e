import AuthCheckCore
import AuthCheckProbes
import AuthCheckReport
import AuthCheckRun
import CVATEmulator
import Foundation
import Testing

extension EmulatorSuites {
    /// Target URLs that do not lead to CVAT's API get their own cause and a one-line fix: a path CVAT
    /// does not have, plain http to a TLS port, a closed port — and an http URL that redirects to https
    /// is named for what it is (clients on it break and leak the password), with the https URL checked
    /// when the target allows following.
    @Suite("Target URLs", .timeLimit(.minutes(2)))
    struct TargetURLTests {
        static let password = "Target-Url-Pass-8rW"

        static func run(_ url: URL, tls: TLSOptions = .init(), follow: Bool = false) async -> RunRecord {
            let target = Target(
                name: "url", url: url, credentials: CredentialReference(user: "probe", passwordEnv: "REL_URL_PASSWORD"), tls: tls,
                followHTTPSRedirect: follow)
            return await Harness.run(
                [target], options: Harness.options(timeout: 5, deadline: 60, retries: 0), environment: ["REL_URL_PASSWORD": password])
        }

        @Test("a path CVAT does not serve (Django's HTML 404): cause not-cvat-path, fix: the host's root URL")
        func pathPrefix() async throws {
            let server = try await Emulators.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
            defer { Emulators.stopLater(server) }
            let record = await Self.run(server.baseURL.appendingPathComponent("cvat"))
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .error)
            #expect(about.cause == DiagnosisCatalog.notCVATPath.id)
            #expect(about.remedy?.hasPrefix("use \(server.baseURL.absoluteString)/ as the target URL") == true, "\(about.remedy ?? "")")
            #expect(ExitStatus.code(for: record) == 2)
            _ = try Harness.junit(record)
        }

        @Test(
            "plain http to nginx's TLS port: cause http-to-https-port, fix: the https URL", .enabled(if: Nginx.isAvailable, "nginx is not installed"))
        func plainHTTPToTLSPort() async throws {
            let server = try await Emulators.start(EmulatorConfiguration(version: "2.64.0", password: Self.password))
            defer { Emulators.stopLater(server) }
            let port = try Nginx.freePorts(1)[0]
            let nginx = try await Nginx.start(
                servers: [
                    """
                    listen 127.0.0.1:\(port) ssl;
                    ssl_certificate \(Harness.fixture("tls/server.pem"));
                    ssl_certificate_key \(Harness.fixture("tls/server.key"));
                    location / { proxy_pass http://127.0.0.1:\(server.port); proxy_set_header Host $http_host; proxy_set_header X-Forwarded-Proto $scheme; }
                    """
                ], ports: [port])
            defer { nginx.stop() }
            let record = await Self.run(URL(string: "http://127.0.0.1:\(port)")!)
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .error)
            #expect(about.cause == DiagnosisCatalog.httpToHTTPSPort.id)
            #expect(about.remedy?.hasPrefix("use https://127.0.0.1:\(port) as the target URL") == true, "\(about.remedy ?? "")")
        }

        @Test("a closed port: a plain 'connection refused' message, cause refused")
        func closedPort() async throws {
            let port = try Nginx.freePorts(1)[0]
            let record = await Self.run(URL(string: "http://127.0.0.1:\(port)")!)
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .error)
            #expect(about.cause == "refused")
            #expect(about.message.contains("connection refused: nothing accepts connections at this host and port"), "\(about.message)")
            #expect(!about.message.contains("errno"), "\(about.message)")
            #expect(DiagnosisCatalog.diagnosis(id: about.cause ?? "") != nil)
        }

        /// nginx on `http` answering `return 301 https://…$request_uri`, and the emulator serving TLS
        /// (a correct front) — the shared record `2.64.0-http-redirects-to-https`.
        static func redirecting() async throws -> (EmulatedCVATServer, Nginx, URL) {
            let server = try await Emulators.start(
                EmulatorConfiguration(
                    version: "2.64.0", password: password,
                    tls: EmulatorTLS(certificateChainPath: Harness.fixture("tls/server.pem"), privateKeyPath: Harness.fixture("tls/server.key"))))
            let port = try Nginx.freePorts(1)[0]
            let nginx = try await Nginx.start(
                servers: ["listen 127.0.0.1:\(port); return 301 https://127.0.0.1:\(server.port)$request_uri;"], ports: [port])
            return (server, nginx, URL(string: "http://127.0.0.1:\(port)")!)
        }

        @Test(
            "http → https redirect: a fail naming the https URL, every client predicted to get 401; the password never follows",
            .enabled(if: Nginx.isAvailable, "nginx is not installed"))
        func redirect() async throws {
            let (server, nginx, url) = try await Self.redirecting()
            defer {
                nginx.stop()
                Emulators.stopLater(server)
            }
            let record = await Self.run(url, tls: TLSOptions(caFile: Harness.fixture("tls/ca.pem")))
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .fail)
            #expect(about.cause == DiagnosisCatalog.httpRedirectsToHTTPS.id)
            #expect(about.message.contains("clients must use https://127.0.0.1:\(server.port)"), "\(about.message)")
            #expect(about.remedy?.contains("follow_https_redirect: true") == true)
            #expect(record.suites[0].serverVersion == "2.64.0")
            // Only the analysis ran: no request carried a credential to the http URL or anywhere else.
            let sent = record.outcomes.flatMap(\.evidence).flatMap(\.requestHeaders).map { $0.name.lowercased() }
            #expect(!sent.contains("authorization") && !sent.contains("cookie"), "\(sent)")
            #expect(record.outcomes.first { $0.probe == LoginPasswordProbe.id }?.status == .skipped)
            let predictions = record.outcomes.compactMap(\.prediction).filter { $0.selected }
            #expect(!predictions.isEmpty)
            #expect(
                predictions.allSatisfy { $0.exception == "UnauthorizedException" || $0.exception == "TypeError" || $0.verdict == .unknown },
                "\(predictions.map { "\($0.line) \($0.mode.rawValue): \($0.phrase)" })")
            #expect(ExitStatus.code(for: record) == 1)
            _ = try Harness.junit(record)
        }

        @Test(
            "with following allowed, the https URL is checked: a healthy deployment exits 0 and the redirect is advice",
            .enabled(if: Nginx.isAvailable, "nginx is not installed"))
        func redirectFollowed() async throws {
            let (server, nginx, url) = try await Self.redirecting()
            defer {
                nginx.stop()
                Emulators.stopLater(server)
            }
            let record = await Self.run(url, tls: TLSOptions(caFile: Harness.fixture("tls/ca.pem")), follow: true)
            let about = try #require(Harness.outcome("about.version", in: record))
            #expect(about.status == .pass && about.isAdvice)
            #expect(record.suites[0].properties["checked_url"] == "https://127.0.0.1:\(server.port)")
            #expect(record.outcomes.first { $0.probe == LoginPasswordProbe.id }?.status == .pass)
            let failing = record.outcomes.filter { $0.status == .fail || $0.status == .error }
            #expect(failing.isEmpty, "\(failing.map { "\($0.probe) \($0.name): \($0.message)" })")
            #expect(ExitStatus.code(for: record) == 0)
        }
    }
}
