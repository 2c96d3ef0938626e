import CVATEmulator
import Foundation
import Testing

/// A real nginx master (no daemon, no master process) in a private prefix directory, proxying one
/// loopback port to the emulator.
struct NginxProxy {
    static let binary: String? = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? ExternalProcess.which("nginx")

    let process: Process
    let prefix: URL
    let port: Int

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts nginx in front of `upstream` with extra `location` directives; retries on a port race.
    static func start(upstream: URL, directives: [String]) async throws -> NginxProxy {
        var lastError = ""
        for _ in 0..<3 {
            let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("cvat-emulator-nginx-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: prefix, withIntermediateDirectories: true)
            let port = try freePort()
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
                    server {
                        listen 127.0.0.1:\(port);
                        location / {
                            proxy_pass \(upstream.absoluteString);
                            proxy_set_header Host $http_host;
                            \(directives.joined(separator: "\n                "))
                        }
                    }
                }

                """
            try config.write(to: prefix.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary!)
            process.arguments = ["-p", prefix.path, "-e", "\(prefix.path)/error.log", "-c", "\(prefix.path)/nginx.conf"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let proxy = NginxProxy(process: process, prefix: prefix, port: port)
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
            if Self.canConnect(port: port) { return true }
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
    .enabled("needs python3 and cvat-sdk 2.24.0, 2.41.0, 2.48.0 and 2.80.0 from PyPI (scripts/sdk-venv.sh); they could not be prepared", sdkVenvsAvailable)
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
