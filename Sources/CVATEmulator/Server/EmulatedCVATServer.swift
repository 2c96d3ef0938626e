import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// An emulated CVAT server on loopback that behaves like a chosen CVAT release for everything
/// auth-related, optionally with deployment faults.
///
/// ```swift
/// let server = try await EmulatedCVATServer.start(.init(version: "2.48.0", password: secret, faults: [.stripSetCookie]))
/// defer { Task { await server.stop() } }
/// print(server.baseURL)   // http://127.0.0.1:PORT
/// ```
/// The server is written from the CVAT auth reference, independently of the profiles in
/// `matrices/`, so checks run against it can disagree with the profiles.
public final class EmulatedCVATServer: Sendable {
    /// The emulated release lines, oldest first (`"2.24"`, `"2.30"`, …).
    public static var releaseLines: [String] { ReleaseLine.all.map(\.description) }

    /// Where the server listens, e.g. `http://127.0.0.1:54321` (`https` with TLS).
    public let baseURL: URL
    /// The release line in use, e.g. `"2.48"` for version 2.48.1.
    public let releaseLine: String
    /// The version `/api/server/about` reports.
    public let reportedVersion: String
    /// The bound TCP port.
    public let port: Int

    private let group: ServiceGroup
    private let task: Task<Void, Never>

    private init(baseURL: URL, releaseLine: String, reportedVersion: String, port: Int, group: ServiceGroup, task: Task<Void, Never>) {
        self.baseURL = baseURL
        self.releaseLine = releaseLine
        self.reportedVersion = reportedVersion
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts a server and returns once it accepts connections.
    /// - Throws: ``EmulatorError`` for an unsupported version, a bad configuration or a bind failure.
    public static func start(_ configuration: EmulatorConfiguration) async throws -> EmulatedCVATServer {
        guard !configuration.password.isEmpty else { throw EmulatorError.invalidConfiguration("the password is empty") }
        guard (0...65_535).contains(configuration.port) else {
            throw EmulatorError.invalidConfiguration("port \(configuration.port) is outside 0...65535")
        }
        let engine = try CVATEngine(configuration: configuration)
        var logger = Logger(label: "cvat-emulator")
        logger.logLevel = .critical

        var server = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(30)))
        if let tls = configuration.tls {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
                let key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
                server = try .tls(server, tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
            } catch {
                throw EmulatorError.invalidConfiguration("cannot load the TLS certificate or key: \(error)")
            }
        }

        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let failure = Mutex<String?>(nil)
        let app = Application(
            responder: EmulatorResponder(engine: engine),
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .milliseconds(200)
        groupConfiguration.maximumCancellationDuration = .seconds(10)
        let group = ServiceGroup(configuration: groupConfiguration)
        let task = Task {
            do {
                try await group.run()
            } catch {
                failure.withLock { $0 = String(describing: error) }
            }
            portSink.finish()
        }
        var bound = 0
        for await port in ports {
            bound = port
            break
        }
        guard bound > 0 else {
            await group.triggerGracefulShutdown()
            await task.value
            throw EmulatorError.startFailed(failure.withLock { $0 } ?? "the server stopped before it was listening")
        }
        let scheme = configuration.tls == nil ? "http" : "https"
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return EmulatedCVATServer(
            baseURL: URL(string: "\(scheme)://\(host):\(bound)")!,
            releaseLine: engine.settings.line.description,
            reportedVersion: engine.settings.reportedVersion,
            port: bound, group: group, task: task)
    }

    /// Stops accepting connections, closes open ones and waits until the server has stopped.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }
}
