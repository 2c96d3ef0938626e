import Foundation
import NIOCore
import NIOPosix

/// A real nginx master started from a generated config in a temporary prefix, on free loopback
/// ports; stopped (by its own pid) with ``stop()``.
final class Nginx: @unchecked Sendable {
    static let binary = "/usr/sbin/nginx"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let prefix: URL
    private let process: Process

    private init(prefix: URL, process: Process) {
        self.prefix = prefix
        self.process = process
    }

    /// Free TCP ports on 127.0.0.1 (bound then released).
    static func freePorts(_ count: Int) throws -> [Int] {
        let group = MultiThreadedEventLoopGroup.singleton
        var channels: [any Channel] = []
        for _ in 0..<count {
            channels.append(try ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).wait())
        }
        let ports = channels.compactMap { $0.localAddress?.port }
        for channel in channels { try? channel.close().wait() }
        return ports
    }

    /// Starts nginx with `servers` (the bodies of `server { … }` blocks) and waits until every port in
    /// `ports` accepts connections (bounded: 10 s).
    static func start(servers: [String], ports: [Int]) async throws -> Nginx {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("reliability-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("logs"), withIntermediateDirectories: true)
        let p = prefix.path
        let config = """
            worker_processes 1;
            daemon off;
            pid \(p)/nginx.pid;
            error_log \(p)/logs/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path \(p)/body;
                proxy_temp_path \(p)/proxy;
                fastcgi_temp_path \(p)/fastcgi;
                uwsgi_temp_path \(p)/uwsgi;
                scgi_temp_path \(p)/scgi;
            \(servers.map { "    server {\n\($0)\n    }" }.joined(separator: "\n"))
            }
            """
        let configPath = prefix.appendingPathComponent("nginx.conf")
        try config.write(to: configPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", p, "-c", configPath.path, "-e", "\(p)/logs/error.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let nginx = Nginx(prefix: prefix, process: process)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        for port in ports {
            while !(await canConnect(port)) {
                guard process.isRunning, clock.now < deadline else {
                    let log = (try? String(contentsOf: prefix.appendingPathComponent("logs/error.log"), encoding: .utf8)) ?? ""
                    nginx.stop()
                    throw NginxError(text: "nginx did not start listening on \(port): \(log.suffix(600))")
                }
                try await Task.sleep(for: .milliseconds(20))  // readiness poll, bounded by the deadline above
            }
        }
        return nginx
    }

    static func canConnect(_ port: Int) async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.milliseconds(200)).connect(host: "127.0.0.1", port: port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: prefix)
    }

    struct NginxError: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }
}
