import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import NIOSSL

/// An emulated CVAT server on loopback that behaves like a chosen CVAT release for everything
/// auth-related, optionally with deployment faults.
///
/// ```swift
/// let server = try await EmulatedCVATServer.start(.init(version: "2.48.0", password: secret, faults: [.stripSetCookie]))
/// defer { Task { await server.stop() } }
/// print(server.baseURL)   // http://127.0.0.1:PORT
/// ```
/// The server is written from the CVAT auth reference and proven on recorded real exchanges,
/// independently of the profiles in `matrices/`, so checks run against it can disagree with the
/// profiles.
public final class EmulatedCVATServer: Sendable {
    /// The emulated release lines, oldest first (`"2.24"`, `"2.30"`, …).
    public static var releaseLines: [String] { ReleaseLine.all.map(\.description) }

    /// Where the server listens, e.g. `http://127.0.0.1:54321` (`https` with TLS).
    public let baseURL: URL
    /// The plain-http nginx front that redirects every request to ``baseURL`` (the
    /// `http-redirects-to-https` fault), e.g. `http://127.0.0.1:54322`; `nil` without that fault.
    public let redirectFrontURL: URL?
    /// The release line in use, e.g. `"2.48"` for version 2.48.1.
    public let releaseLine: String
    /// The version `/api/server/about` reports.
    public let reportedVersion: String
    /// The bound TCP port.
    public let port: Int

    private let listeners: [Listener]
    private let engine: CVATEngine

    private init(
        baseURL: URL, redirectFrontURL: URL?, releaseLine: String, reportedVersion: String, port: Int, listeners: [Listener],
        engine: CVATEngine
    ) {
        self.baseURL = baseURL
        self.redirectFrontURL = redirectFrontURL
        self.releaseLine = releaseLine
        self.reportedVersion = reportedVersion
        self.port = port
        self.listeners = listeners
        self.engine = engine
    }

    /// Starts a server and returns once it accepts connections.
    /// - Throws: ``EmulatorError`` for an unsupported version, a bad configuration or a bind failure.
    public static func start(_ configuration: EmulatorConfiguration) async throws -> EmulatedCVATServer {
        guard !configuration.password.isEmpty else { throw EmulatorError.invalidConfiguration("the password is empty") }
        guard (0...65_535).contains(configuration.port) else {
            throw EmulatorError.invalidConfiguration("port \(configuration.port) is outside 0...65535")
        }
        let engine = try CVATEngine(configuration: configuration)
        let http = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(30)))
        var server = http
        if let tls = configuration.tls {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
                let key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
                server = try .tls(http, tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
            } catch {
                throw EmulatorError.invalidConfiguration("cannot load the TLS certificate or key: \(error)")
            }
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let main = try await Listener.start(
            responder: EmulatorResponder(engine: engine), server: server, host: configuration.host, port: configuration.port)
        let scheme = configuration.tls == nil ? "http" : "https"
        let baseURL = URL(string: "\(scheme)://\(host):\(main.port)")!
        var listeners = [main]
        var redirectFrontURL: URL?
        if configuration.faults.contains(.httpRedirectsToHTTPS) {
            do {
                let front = try await Listener.start(
                    responder: RedirectFrontResponder(target: baseURL.absoluteString), server: http, host: configuration.host, port: 0)
                listeners.append(front)
                redirectFrontURL = URL(string: "http://\(host):\(front.port)")!
            } catch {
                await main.stop()
                throw error
            }
        }
        return EmulatedCVATServer(
            baseURL: baseURL, redirectFrontURL: redirectFrontURL, releaseLine: engine.settings.line.description,
            reportedVersion: engine.settings.reportedVersion, port: main.port, listeners: listeners, engine: engine)
    }

    /// Puts a personal access token of the account straight into the emulated database, as one made
    /// earlier would be (for example before e-mail verification became mandatory, when the account
    /// can no longer make one itself, or by an earlier run of a client `age` seconds ago), and returns
    /// its value; `nil` before release line 2.48.
    public func seedAccessToken(name: String, readOnly: Bool = false, age: TimeInterval = 0) -> String? {
        engine.seedAccessToken(name: name, readOnly: readOnly, created: Date().addingTimeInterval(-age))
    }

    /// The names of the account's usable personal access tokens (not revoked, not expired), oldest
    /// first: what the server holds, read without a request.
    public func accessTokenNames() -> [String] {
        engine.store.with { state in state.accessTokens.filter { $0.isUsable(at: Date()) }.map(\.name) }
    }

    /// Every secret the server has handed out so far: legacy token keys, session keys, CSRF secrets and
    /// personal access token values, revoked or not (for tests that scan a client's output for them).
    public func issuedSecrets() -> [String] {
        engine.store.with { $0.issuedSecrets }
    }

    /// Holds back the answer to the next request for which `matches` is true: the server processes it
    /// (its effects happen) and keeps the answer until ``HeldAnswer/release()``. A test waits with
    /// ``HeldAnswer/arrived()`` for the client to reach that step, then acts (e.g. signals the client).
    /// ``stop()`` releases every hold.
    public func holdAnswer(to matches: @escaping @Sendable (HeldRequestInfo) -> Bool) -> HeldAnswer {
        let hold = HeldAnswer(matches: matches)
        engine.holds.add(hold)
        return hold
    }

    /// How many requests the server has answered since it started (redirect front not included).
    public var requestsAnswered: Int { engine.requestCount.load(ordering: .relaxed) }

    /// Stops accepting connections, closes open ones and waits until the server has stopped.
    public func stop() async {
        engine.holds.releaseAll()
        for listener in listeners.reversed() { await listener.stop() }
    }
}
