import ArgumentParser
import CVATEmulator
import Dispatch
import Foundation

/// `cvat-authcheck emulate`: serve emulated CVAT servers on loopback until SIGINT/SIGTERM.
struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract: "Serve an emulated CVAT server (one port per --version) until interrupted.",
        discussion: """
            Prints `listening on http://HOST:PORT` once per version, in the order given, then serves
            until SIGINT or SIGTERM. The emulator knows one user; its password is read from the
            environment variable named by --password-env (default CVAT_PASSWORD) and never printed.

            Release lines: \(EmulatedCVATServer.releaseLines.joined(separator: ", ")); any version from
            2.24.0 on picks the newest line at or below it.
            Faults: \(EmulatorFault.allNames.joined(separator: ", ")). See docs/EMULATOR.md.
            """)

    @Option(name: .customLong("version"), help: ArgumentHelp("CVAT version to emulate, e.g. 2.48.0 (repeat for several servers).", valueName: "X.Y.Z"))
    var versions: [String] = []

    @Option(name: .customLong("fault"), help: ArgumentHelp("Deployment fault to inject (repeatable): \(EmulatorFault.allNames.joined(separator: ", ")).", valueName: "NAME"))
    var faultNames: [String] = []

    @Option(help: "TCP port of the first server; 0 picks free ports. With several versions, later servers use the next ports.")
    var port: Int = 0

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "The emulated user's username.")
    var user: String = "probe"

    @Option(help: "The emulated user's e-mail address.")
    var email: String = "probe@example.com"

    @Option(help: ArgumentHelp("Environment variable holding the user's password.", valueName: "VAR"))
    var passwordEnv: String = "CVAT_PASSWORD"

    @Flag(help: "Require verified e-mail (the user's address is unverified).")
    var emailVerificationMandatory = false

    @Option(help: ArgumentHelp("PEM certificate chain: serve HTTPS (needs --tls-key).", valueName: "FILE"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key for --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    func validate() throws {
        if versions.isEmpty { throw ValidationError("give at least one --version, e.g. --version 2.48.0") }
        for name in faultNames where EmulatorFault(parsing: name) == nil {
            throw ValidationError("unknown fault '\(name)'; known faults: \(EmulatorFault.allNames.joined(separator: ", "))")
        }
        if !(0...65_535).contains(port) || (port > 0 && port + versions.count - 1 > 65_535) {
            throw ValidationError("--port must be 0 or a free port in 1...65535")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if ProcessInfo.processInfo.environment[passwordEnv].map(\.isEmpty) ?? true {
            throw ValidationError("set the emulated user's password in the environment variable \(passwordEnv) (or name another with --password-env)")
        }
    }

    func run() async throws {
        let password = ProcessInfo.processInfo.environment[passwordEnv] ?? ""
        let faults = faultNames.compactMap(EmulatorFault.init(parsing:))
        let tls = tlsCert.flatMap { cert in tlsKey.map { EmulatorTLS(certificateChainPath: cert, privateKeyPath: $0) } }
        let signals = TerminationSignals()
        var servers: [EmulatedCVATServer] = []
        do {
            for (index, version) in versions.enumerated() {
                let server = try await EmulatedCVATServer.start(EmulatorConfiguration(
                    version: version, password: password, faults: faults, username: user, email: email, host: host,
                    port: port == 0 ? 0 : port + index, tls: tls, emailVerificationMandatory: emailVerificationMandatory))
                servers.append(server)
                FileHandle.standardOutput.write(Data("listening on \(server.baseURL.absoluteString)\n".utf8))
                let faultText = faults.isEmpty ? "" : ", faults: \(faults.map(\.description).joined(separator: ", "))"
                FileHandle.standardError.write(Data("cvat \(server.reportedVersion) (release line \(server.releaseLine))\(faultText)\n".utf8))
            }
        } catch let error as EmulatorError {
            for server in servers { await server.stop() }
            if case .unsupportedVersion = error { throw ValidationError(error.description) }
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        await signals.next()
        for server in servers { await server.stop() }
    }
}

/// Waits for SIGINT or SIGTERM, which are otherwise ignored while it exists.
private final class TerminationSignals: @unchecked Sendable {
    // Only touched in init; the event handlers capture just the stream continuation.
    private var sources: [any DispatchSourceSignal] = []
    private let stream: AsyncStream<Int32>

    init() {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        let queue = DispatchQueue(label: "cvat-authcheck.emulate.signals")
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
    }

    func next() async {
        for await _ in stream { return }
    }
}
