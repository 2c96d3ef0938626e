import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbes
import CVATEmulator
import Foundation
import Testing

extension EmulatorSuites {
    /// The remedy the tool gives for `Secure` written last (Django's `SESSION_COOKIE_SECURE`, nginx
    /// `proxy_cookie_flags … secure`) is doable and works: a real nginx that adds `Secure` in the middle
    /// with `proxy_cookie_path / "/; Secure";` keeps the flag, and the real cvat-sdk logs in through it,
    /// while `proxy_cookie_flags ~ secure` (the control) breaks it with the cookie assert.
    @Suite(
        "Secure cookies: the remedy with a real nginx and the real cvat-sdk", .timeLimit(.minutes(2)),
        .enabled(if: Nginx.isAvailable, "nginx is not installed at /usr/sbin/nginx"),
        .enabled(if: RealSDK.python("2.80.0") != nil, "no cached cvat-sdk 2.80.0 venv (scripts/sdk-venv.sh 2.80.0)"))
    struct CookieRemedyTests {
        static let password = "Cookie-Remedy-Pass-2nV"

        @Test("proxy_cookie_path / \"/; Secure\" keeps Secure and the SDK works; proxy_cookie_flags ~ secure breaks it")
        func remedyWorks() async throws {
            #expect(DiagnosisCatalog.pythonBareFlag.remedy.contains("proxy_cookie_path / \"/; Secure\";"))
            let upstream = try await Emulators.start(EmulatorConfiguration(version: "2.80.0", password: Self.password))
            defer { Emulators.stopLater(upstream) }
            let ports = try Nginx.freePorts(2)
            let pass = "proxy_pass http://127.0.0.1:\(upstream.port); proxy_set_header Host $http_host;"
            let nginx = try await Nginx.start(
                servers: [
                    "listen 127.0.0.1:\(ports[0]); location / { \(pass) proxy_cookie_flags ~ secure; }",
                    "listen 127.0.0.1:\(ports[1]); location / { \(pass) proxy_cookie_path / \"/; Secure\"; }",
                ], ports: ports)
            defer { nginx.stop() }

            // The wire: Secure last (control) and Secure before SameSite (remedy).
            let control = try await RealSDK.loginCookies(URL(string: "http://127.0.0.1:\(ports[0])")!, password: Self.password)
            #expect(!control.isEmpty && control.allSatisfy { $0.hasSuffix("; Secure") }, "\(control)")
            let fixed = try await RealSDK.loginCookies(URL(string: "http://127.0.0.1:\(ports[1])")!, password: Self.password)
            #expect(!fixed.isEmpty && fixed.allSatisfy { $0.contains("; Path=/; Secure; SameSite=Lax") && !$0.hasSuffix("; Secure") }, "\(fixed)")
            #expect(PythonCookieView.sdk(setCookieLines: fixed).cookieNames.sorted() == ["csrftoken", "sessionfresh", "sessionid"])

            // The real SDK.
            let broken = try RealSDK.drive("2.80.0", URL(string: "http://127.0.0.1:\(ports[0])")!, password: Self.password)
            #expect(broken["type"] as? String == "AssertionError", "\(broken)")
            let works = try RealSDK.drive("2.80.0", URL(string: "http://127.0.0.1:\(ports[1])")!, password: Self.password)
            #expect(works["outcome"] as? String == "ok", "\(works)")
        }
    }
}

/// The real cvat-sdk from its cached venv, driven by `Tests/sdk/sdk_driver.py`.
enum RealSDK {
    /// The package root: this file is `Tests/<target>/<folder>/<file>`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The venv's python for a cached cvat-sdk release, if it exists.
    static func python(_ version: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let cache =
            environment["CVAT_AUTHCHECK_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/cvat-authcheck")
        let path = cache.appendingPathComponent("venvs/cvat-sdk-\(version)/bin/python").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// make_client → retrieve_self → logout with the real SDK; the driver's JSON report.
    static func drive(_ version: String, _ host: URL, password: String) throws -> [String: Any] {
        guard let python = python(version) else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot.appendingPathComponent("Tests/sdk/sdk_driver.py").path, host.absoluteString, "password"]
        process.environment = ["CVAT_USER": "probe", "CVAT_PASSWORD": password, "PYTHONDONTWRITEBYTECODE": "1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        return (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? ["raw": line]
    }

    /// The Set-Cookie lines of a password login through `host`, as the tool's own transport receives them.
    static func loginCookies(_ host: URL, password: String) async throws -> [String] {
        let pool = HTTPClientPool(configuration: HTTPTransportConfiguration(timeout: 5))
        let transport = try pool.transport(for: Target(name: "remedy", url: host), timeout: 5)
        let response = try await transport.send(.json("POST", "/api/auth/login", ["username": "probe", "password": password]))
        await transport.shutdown()
        await pool.shutdown()
        return response.setCookieLines
    }
}
