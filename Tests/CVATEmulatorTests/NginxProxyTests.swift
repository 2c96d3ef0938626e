import CVATEmulator
import EmulatorTestSupport
import Foundation
import Testing

/// A real nginx master (no daemon, no master process) in a private prefix directory, serving the
/// `server` blocks a test gives it on free loopback ports.
struct NginxProxy {
    static let binary: String? =
        ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? ExternalProcess.which("nginx")

    let process: Process
    let prefix: URL
    /// The ports the server blocks listen on, in order.
    let ports: [Int]

    var port: Int { ports[0] }
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// One plain-http proxy in front of `upstream` with extra `location` directives.
    static func start(upstream: URL, directives: [String]) async throws -> NginxProxy {
        try await start(portCount: 1) { ports in
            [
                """
                listen 127.0.0.1:\(ports[0]);
                location / {
                    proxy_pass \(upstream.absoluteString);
                    proxy_set_header Host $http_host;
                    \(directives.joined(separator: "\n        "))
                }
                """
            ]
        }
    }

    /// Starts nginx with the server blocks `servers(ports)` makes for `portCount` free ports; retries
    /// on a port race.
    static func start(portCount: Int, servers: ([Int]) -> [String]) async throws -> NginxProxy {
        var lastError = ""
        for _ in 0..<3 {
            let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("cvat-emulator-nginx-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: prefix, withIntermediateDirectories: true)
            let ports = try (0..<portCount).map { _ in try freePort() }
            let blocks = servers(ports).map { "    server {\n\($0)\n    }" }.joined(separator: "\n")
            let config = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid \(prefix.path)/nginx.pid;
                error_log \(prefix.path)/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path \(prefix.path)/client_body;
                    proxy_temp_path \(prefix.path)/proxy;
                    fastcgi_temp_path \(prefix.path)/fastcgi;
                    uwsgi_temp_path \(prefix.path)/uwsgi;
                    scgi_temp_path \(prefix.path)/scgi;
                \(blocks)
                }

                """
            try config.write(to: prefix.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary!)
            process.arguments = ["-p", prefix.path, "-e", "\(prefix.path)/error.log", "-c", "\(prefix.path)/nginx.conf"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let proxy = NginxProxy(process: process, prefix: prefix, ports: ports)
            if try await proxy.waitUntilServing() { return proxy }
            lastError = (try? String(contentsOf: prefix.appendingPathComponent("error.log"), encoding: .utf8)) ?? "no error log"
            await proxy.stop()
        }
        throw SDKEnvironment.DriverError(text: "nginx did not start: \(lastError)")
    }

    /// Waits (bounded) until nginx accepts connections; false if it exited.
    private func waitUntilServing() async throws -> Bool {
        for _ in 0..<200 {
            if !process.isRunning { return false }
            if ports.allSatisfy(Self.canConnect(port:)) { return true }
            try await Task.sleep(for: .milliseconds(25))
        }
        return false
    }

    /// Stops our nginx (by its own pid) and removes its prefix directory.
    func stop() async {
        if process.isRunning {
            process.terminate()
            for _ in 0..<200 where process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
        try? FileManager.default.removeItem(at: prefix)
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw SDKEnvironment.DriverError(text: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

@Suite(
    "Real cvat-sdk through a real nginx",
    .enabled("needs nginx (Debian nginx-light: /usr/sbin/nginx); not found", { NginxProxy.binary != nil }),
    .enabled(
        "needs python3 and cvat-sdk 2.24.0, 2.41.0, 2.48.0 and 2.80.0 from PyPI (scripts/sdk-venv.sh); they could not be prepared", sdkVenvsAvailable)
)
struct NginxProxyTests {
    /// Runs the driver through nginx in front of a healthy emulator.
    private func drive(sdk: String, server: String, directives: [String], accessToken: Bool = false) async throws -> SDKEnvironment.Report {
        try await withEmulator(server) { harness in
            var token: String?
            if accessToken {
                let created = try await harness.send("POST", "/api/auth/access_tokens", headers: [harness.basic()], json: #"{"name":"nginx-tier"}"#)
                token = try #require(created.json["value"] as? String)
            }
            let proxy = try await NginxProxy.start(upstream: harness.server.baseURL, directives: directives)
            do {
                let report = try await SDKEnvironment.drive(
                    sdk: sdk, host: proxy.baseURL, mode: token == nil ? "password" : "access-token",
                    password: Harness.password, accessToken: token)
                await proxy.stop()
                return report
            } catch {
                await proxy.stop()
                throw error
            }
        }
    }

    @Test("proxy_hide_header Set-Cookie gives the sessionid AssertionError", arguments: [("2.24.0", "2.24.0"), ("2.80.0", "2.64.0")])
    func hiddenCookies(sdk: String, server: String) async throws {
        let report = try await drive(sdk: sdk, server: server, directives: ["proxy_hide_header Set-Cookie;"])
        SDKExpectation.cookieAssertion.verify(report)
    }

    @Test("the same nginx without proxy_hide_header passes the cookies and the SDK works", arguments: [("2.24.0", "2.24.0"), ("2.80.0", "2.64.0")])
    func control(sdk: String, server: String) async throws {
        let report = try await drive(sdk: sdk, server: server, directives: [])
        SDKExpectation.works.verify(report)
    }

    @Test("a PAT works through the cookie-stripping nginx")
    func accessToken() async throws {
        let report = try await drive(sdk: "2.80.0", server: "2.64.0", directives: ["proxy_hide_header Set-Cookie;"], accessToken: true)
        SDKExpectation.works.verify(report)
    }
}

/// A TLS front as the shared records' deployments had it: nginx terminating TLS with the tests' own
/// CA (made with openssl), proxying to the emulator over plain http.
enum TLSFront: String, Sendable, CustomTestStringConvertible {
    /// `Host $http_host` and no `X-Forwarded-Proto`: Django believes http (`tls-no-forwarded-proto`).
    case noForwardedProto = "tls-no-forwarded-proto"
    /// `X-Forwarded-Proto $scheme` too: Django believes https (the records' correct front).
    case correct = "correct TLS front"
    /// A plain-http nginx answering `return 301 https://127.0.0.1:TLS$request_uri;` in front of the
    /// correct TLS front (`http-redirects-to-https`).
    case httpRedirectsToHTTPS = "http-redirects-to-https"

    var testDescription: String { rawValue }

    /// Starts nginx for this front; the SDK's host is the first port's URL.
    func start(upstream: URL, ca: TestCertificateAuthority) async throws -> (proxy: NginxProxy, host: URL) {
        let forwarded = self == .noForwardedProto ? "" : "proxy_set_header X-Forwarded-Proto $scheme;"
        let proxy = try await NginxProxy.start(portCount: 2) { ports in
            var blocks = [
                """
                listen 127.0.0.1:\(ports[0]) ssl;
                ssl_certificate \(ca.certificatePath);
                ssl_certificate_key \(ca.keyPath);
                location / {
                    proxy_pass \(upstream.absoluteString);
                    proxy_set_header Host $http_host;
                    \(forwarded)
                }
                """
            ]
            blocks.append(
                """
                listen 127.0.0.1:\(ports[1]);
                location / { return 301 https://127.0.0.1:\(ports[0])$request_uri; }
                """)
            return blocks
        }
        let host = URL(string: self == .httpRedirectsToHTTPS ? "http://127.0.0.1:\(proxy.ports[1])" : "https://127.0.0.1:\(proxy.ports[0])")!
        return (proxy, host)
    }
}

/// One real-SDK run through a real nginx TLS front, with the `sdk-outcomes.jsonl` row it reproduces.
struct TLSFrontCase: Sendable, CustomTestStringConvertible {
    let sdk: String
    let front: TLSFront
    /// CVAT with `SESSION_COOKIE_SECURE`/`CSRF_COOKIE_SECURE` (record `tls-django-secure-cookies`).
    let djangoSecureCookies: Bool
    let accessToken: Bool
    let expected: SDKExpectation

    var testDescription: String {
        "cvat-sdk \(sdk) \(accessToken ? "PAT" : "password") through \(front.rawValue)\(djangoSecureCookies ? " + Django Secure cookies" : "") -> \(expected)"
    }

    static let all: [TLSFrontCase] = [
        // sdk-outcomes.jsonl: 2.64.0 tls-no-forwarded-proto
        TLSFrontCase(sdk: "2.24.0", front: .noForwardedProto, djangoSecureCookies: false, accessToken: false, expected: .works),
        TLSFrontCase(
            sdk: "2.41.0", front: .noForwardedProto, djangoSecureCookies: false, accessToken: false, expected: .originForbidden(scheme: "https")),
        TLSFrontCase(
            sdk: "2.48.0", front: .noForwardedProto, djangoSecureCookies: false, accessToken: false, expected: .originForbidden(scheme: "https")),
        TLSFrontCase(
            sdk: "2.80.0", front: .noForwardedProto, djangoSecureCookies: false, accessToken: false, expected: .originForbidden(scheme: "https")),
        TLSFrontCase(sdk: "2.48.0", front: .noForwardedProto, djangoSecureCookies: false, accessToken: true, expected: .works),
        TLSFrontCase(sdk: "2.80.0", front: .noForwardedProto, djangoSecureCookies: false, accessToken: true, expected: .works),
        // reference part C: nginx TLS with X-Forwarded-Proto $scheme → ok
        TLSFrontCase(sdk: "2.80.0", front: .correct, djangoSecureCookies: false, accessToken: false, expected: .works),
        // sdk-outcomes.jsonl: 2.64.0 tls-django-secure-cookies
        TLSFrontCase(sdk: "2.24.0", front: .correct, djangoSecureCookies: true, accessToken: false, expected: .cookieAssertion),
        TLSFrontCase(sdk: "2.48.0", front: .correct, djangoSecureCookies: true, accessToken: false, expected: .cookieAssertion),
        TLSFrontCase(sdk: "2.80.0", front: .correct, djangoSecureCookies: true, accessToken: false, expected: .cookieAssertion),
        TLSFrontCase(sdk: "2.48.0", front: .correct, djangoSecureCookies: true, accessToken: true, expected: .works),
        TLSFrontCase(sdk: "2.80.0", front: .correct, djangoSecureCookies: true, accessToken: true, expected: .works),
        // sdk-outcomes.jsonl: 2.64.0 http-redirects-to-https
        TLSFrontCase(
            sdk: "2.24.0", front: .httpRedirectsToHTTPS, djangoSecureCookies: false, accessToken: false, expected: .unauthorizedOnRetrieveSelf),
        TLSFrontCase(
            sdk: "2.48.0", front: .httpRedirectsToHTTPS, djangoSecureCookies: false, accessToken: false, expected: .unauthorizedOnRetrieveSelf),
        TLSFrontCase(
            sdk: "2.80.0", front: .httpRedirectsToHTTPS, djangoSecureCookies: false, accessToken: false, expected: .unauthorizedOnRetrieveSelf),
        TLSFrontCase(
            sdk: "2.48.0", front: .httpRedirectsToHTTPS, djangoSecureCookies: false, accessToken: true, expected: .unauthorizedOnRetrieveSelf),
        TLSFrontCase(
            sdk: "2.80.0", front: .httpRedirectsToHTTPS, djangoSecureCookies: false, accessToken: true, expected: .unauthorizedOnRetrieveSelf),
    ]
}

@Suite(
    "Real cvat-sdk through real nginx TLS fronts",
    .enabled("needs nginx (Debian nginx-light: /usr/sbin/nginx); not found", { NginxProxy.binary != nil }),
    .enabled("needs openssl (/usr/bin/openssl) to make the test CA; not found", { TestCertificateAuthority.isAvailable }),
    .enabled(
        "needs python3 and cvat-sdk 2.24.0, 2.41.0, 2.48.0 and 2.80.0 from PyPI (scripts/sdk-venv.sh); they could not be prepared", sdkVenvsAvailable)
)
struct NginxTLSFrontTests {
    @Test(arguments: TLSFrontCase.all)
    func run(_ tlsCase: TLSFrontCase) async throws {
        let ca = try TestCertificateAuthority.shared()
        let cookies =
            tlsCase.djangoSecureCookies ? EmulatorCookieSettings(sessionCookieSecure: true, csrfCookieSecure: true) : EmulatorCookieSettings()
        try await withEmulator(EmulatorConfiguration(version: "2.64.0", password: "-", cookieSettings: cookies)) { harness in
            var token: String?
            if tlsCase.accessToken { token = try #require(harness.server.seedAccessToken(name: "nginx-tls-tier")) as String }
            let (proxy, host) = try await tlsCase.front.start(upstream: harness.server.baseURL, ca: ca)
            do {
                let report = try await SDKEnvironment.drive(
                    sdk: tlsCase.sdk, host: host, mode: token == nil ? "password" : "access-token",
                    password: Harness.password, accessToken: token, caFile: ca.caPath)
                await proxy.stop()
                #expect(report.sdk == tlsCase.sdk)
                tlsCase.expected.verify(report)
            } catch {
                await proxy.stop()
                throw error
            }
        }
    }
}
