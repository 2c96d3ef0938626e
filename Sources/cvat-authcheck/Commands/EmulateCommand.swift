import ArgumentParser
import AuthCheckCore
import CVATEmulator
import Dispatch
import Foundation

/// `cvat-authcheck emulate`: serve emulated CVAT servers on loopback until SIGINT/SIGTERM.
struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract: "Serve an emulated CVAT server (one port per --cvat-version) until interrupted.",
        discussion: """
            Prints `listening on http://HOST:PORT` once per CVAT version, in the order given (followed by \
            `redirect front on http://HOST:PORT` under http-redirects-to-https), then serves until \
            SIGINT or SIGTERM. The emulator knows one user; its password is read from the environment \
            variable named by --password-env (default CVAT_PASSWORD) and never printed.

            Release lines: \(EmulatedCVATServer.releaseLines.joined(separator: ", ")); any version from \
            2.24.0 on picks the newest line at or below it.

            Faults: \(EmulatorFault.allNames.joined(separator: ", ")); tls-no-forwarded-proto and \
            http-redirects-to-https need --tls-cert and --tls-key.

            Roles: \(EmulatorRole.allCases.map(\.rawValue).joined(separator: ", ")); organization roles: \
            \(EmulatorOrganizationRole.allCases.map(\.rawValue).joined(separator: ", ")).

            Django settings: \(EmulatorCookieSettings.settingNames.joined(separator: ", ")). See docs/EMULATOR.md.
            """)

    @Option(
        name: .customLong("cvat-version"),
        help: ArgumentHelp("CVAT version to emulate, e.g. 2.48.0 (repeat for several servers).", valueName: "X.Y.Z"))
    var versions: [String] = []

    @Option(
        name: .customLong("fault"),
        help: ArgumentHelp("Deployment fault to inject (repeatable): \(EmulatorFault.allNames.joined(separator: ", ")).", valueName: "NAME"))
    var faultNames: [String] = []

    @Option(
        help: ArgumentHelp(
            "TCP port of the first server; 0 picks free ports. With several CVAT versions, later servers use the next ports.", valueName: "PORT"))
    var port: Int = 0

    @Option(help: ArgumentHelp("Address to bind.", valueName: "ADDRESS"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The emulated user's username.", valueName: "NAME"))
    var user: String = "probe"

    @Option(help: ArgumentHelp("The emulated user's e-mail address.", valueName: "ADDRESS"))
    var email: String = "probe@example.com"

    @Option(help: ArgumentHelp("Environment variable holding the user's password.", valueName: "VAR"))
    var passwordEnv: String = "CVAT_PASSWORD"

    @Flag(help: "Require verified e-mail (the user's address is unverified).")
    var emailVerificationMandatory = false

    @Option(help: ArgumentHelp("PEM certificate chain: serve HTTPS (needs --tls-key).", valueName: "FILE"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key for --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("The user's system role: \(EmulatorRole.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "ROLE"))
    var role: String = EmulatorRole.admin.rawValue

    @Option(help: ArgumentHelp("The slug of an organization the user belongs to (needs --org-role).", valueName: "SLUG"))
    var org: String?

    @Option(
        help: ArgumentHelp(
            "The user's role in --org: \(EmulatorOrganizationRole.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "ROLE"))
    var orgRole: String?

    @Option(
        name: .customLong("django-setting"),
        help: ArgumentHelp(
            "A Django cookie setting (repeatable), e.g. SESSION_COOKIE_SECURE=true, SESSION_COOKIE_AGE=3600, CSRF_COOKIE_SAMESITE=Strict.",
            valueName: "NAME=VALUE"))
    var djangoSettings: [String] = []

    func validate() throws {
        guard !DeferredValidation.isDeferred else { return }
        if versions.isEmpty { throw ValidationError("give at least one --cvat-version, e.g. --cvat-version 2.48.0") }
        for name in faultNames where EmulatorFault(parsing: name) == nil {
            let hint = DidYouMean.suggestion(for: name, among: EmulatorFault.allNames).map { "did you mean '\($0)'? " } ?? ""
            throw ValidationError("unknown fault '\(name)'; \(hint)known faults: \(EmulatorFault.allNames.joined(separator: ", "))")
        }
        if !(0...65_535).contains(port) || (port > 0 && port + versions.count - 1 > 65_535) {
            throw ValidationError("--port must be 0 or a free port in 1...65535")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if tlsCert == nil, let fault = faultNames.compactMap(EmulatorFault.init(parsing:)).first(where: \.needsTLS) {
            throw ValidationError("the fault \(fault) needs --tls-cert and --tls-key")
        }
        if EmulatorRole(rawValue: role) == nil {
            throw ValidationError("unknown role '\(role)'; known roles: \(EmulatorRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if (org == nil) != (orgRole == nil) { throw ValidationError("--org and --org-role go together") }
        if let org, org.isEmpty { throw ValidationError("--org needs a slug") }
        if let orgRole, EmulatorOrganizationRole(rawValue: orgRole) == nil {
            throw ValidationError(
                "unknown organization role '\(orgRole)'; known: \(EmulatorOrganizationRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        _ = try cookieSettings()
        guard EnvironmentVariableName.isValid(passwordEnv) else {
            throw ValidationError(CredentialProblem(.notAVariableName(.passwordEnv), fromCommandLine: true).description)
        }
        if ProcessInfo.processInfo.environment[passwordEnv].map(\.isEmpty) ?? true {
            // The default name is ours to show; a name the user gave is not echoed (it might be the password).
            throw ValidationError(
                passwordEnv == "CVAT_PASSWORD"
                    ? "set the emulated user's password in the environment variable CVAT_PASSWORD (or name another with --password-env)"
                    : "the environment variable that --password-env names is not set or is empty (its name is not shown, in case it is the password itself)"
            )
        }
    }

    /// The Django cookie settings from --django-setting; a bad name or value is a usage error.
    func cookieSettings() throws -> EmulatorCookieSettings {
        var settings = EmulatorCookieSettings()
        for text in djangoSettings {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--django-setting needs NAME=VALUE, not '\(text)'") }
            do {
                try settings.set(parts[0], to: parts[1])
            } catch {
                throw ValidationError("--django-setting \(text): \(error.description)")
            }
        }
        return settings
    }

    func run() async throws {
        let password = ProcessInfo.processInfo.environment[passwordEnv] ?? ""
        let faults = faultNames.compactMap(EmulatorFault.init(parsing:))
        let tls = tlsCert.flatMap { cert in tlsKey.map { EmulatorTLS(certificateChainPath: cert, privateKeyPath: $0) } }
        let organization = org.flatMap { slug in
            orgRole.flatMap(EmulatorOrganizationRole.init(rawValue:)).map { EmulatorOrganization(slug: slug, role: $0) }
        }
        let cookies = try cookieSettings()
        let signals = TerminationSignals()
        var servers: [EmulatedCVATServer] = []
        do {
            for (index, version) in versions.enumerated() {
                let server = try await EmulatedCVATServer.start(
                    EmulatorConfiguration(
                        version: version, password: password, faults: faults, username: user, email: email, host: host,
                        port: port == 0 ? 0 : port + index, tls: tls, emailVerificationMandatory: emailVerificationMandatory,
                        role: EmulatorRole(rawValue: role) ?? .admin, organization: organization, cookieSettings: cookies))
                servers.append(server)
                FileHandle.standardOutput.write(Data("listening on \(server.baseURL.absoluteString)\n".utf8))
                if let front = server.redirectFrontURL {
                    FileHandle.standardOutput.write(Data("redirect front on \(front.absoluteString)\n".utf8))
                }
                let faultText = faults.isEmpty ? "" : ", faults: \(faults.map(\.description).joined(separator: ", "))"
                let orgText = organization.map { ", organization \($0.slug) as \($0.role.rawValue)" } ?? ""
                FileHandle.standardError.write(
                    Data("cvat \(server.reportedVersion) (release line \(server.releaseLine)), role \(role)\(orgText)\(faultText)\n".utf8))
            }
        } catch let error as EmulatorError {
            for server in servers { await server.stop() }
            switch error {
            case .unsupportedVersion: throw ValidationError(error.description)
            case .addressInUse: throw ValidationError("--port: \(error.description)")
            default: break
            }
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
