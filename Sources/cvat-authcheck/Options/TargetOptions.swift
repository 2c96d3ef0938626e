import ArgumentParser
import AuthCheckCore
import Foundation

/// Which servers to check and where their credentials come from (env var names and files only).
struct TargetOptions: ParsableArguments {
    @Option(name: .customLong("target"), help: ArgumentHelp("A CVAT base URL to check (repeatable).", valueName: "URL"))
    var urls: [String] = []

    @Option(name: .customLong("targets"), help: ArgumentHelp("A YAML file listing targets (see docs/TARGETS.md).", valueName: "FILE"))
    var targetsFile: String?

    @Option(help: ArgumentHelp("Probe account user name; not a secret (default: $CVAT_USER via --user-env).", valueName: "NAME"))
    var user: String?

    @Option(help: ArgumentHelp("Environment variable holding the user name.", valueName: "VAR"))
    var userEnv: String?

    @Option(help: ArgumentHelp("Environment variable holding the password (default CVAT_PASSWORD when set).", valueName: "VAR"))
    var passwordEnv: String?

    @Option(help: ArgumentHelp("File whose first line is the password.", valueName: "PATH"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("Environment variable holding a personal access token (default CVAT_ACCESS_TOKEN when set).", valueName: "VAR"))
    var accessTokenEnv: String?

    @Option(help: ArgumentHelp("Environment variable holding the probe account's e-mail (for the e-mail login form).", valueName: "VAR"))
    var emailEnv: String?

    @Option(help: ArgumentHelp("Organization slug sent as X-Organization.", valueName: "SLUG"))
    var organization: String?

    @Option(help: ArgumentHelp("PEM file with extra trusted CA certificates.", valueName: "PATH"))
    var caFile: String?

    @Flag(help: "Disable TLS certificate verification (every outcome is marked as obtained insecurely).")
    var insecure = false

    @Option(help: ArgumentHelp("Assume this server version instead of detecting it.", valueName: "X.Y.Z"))
    var serverVersion: String?

    func validate() throws {
        if urls.isEmpty && targetsFile == nil {
            throw ValidationError("give at least one --target URL or a --targets FILE")
        }
        if insecure && caFile != nil {
            throw ValidationError("--insecure and --ca-file contradict each other; choose one")
        }
        for url in urls {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw ValidationError("--target \(url): expected an http:// or https:// URL with a host")
            }
            if parsed.user != nil || parsed.password != nil {
                throw ValidationError("--target \(url): credentials in URLs are not accepted; use --user and --password-env")
            }
        }
        if let serverVersion, CVATVersion(serverVersion) == nil {
            throw ValidationError("--server-version \(serverVersion): expected a version such as 2.48.0")
        }
    }

    /// The credential sources given on the command line, with the conventional env defaults.
    func credentialReference(environment: [String: String]) -> CredentialReference {
        CredentialReference(
            userEnv: user == nil ? (userEnv ?? (environment["CVAT_USER"] != nil ? "CVAT_USER" : nil)) : nil,
            user: user,
            passwordEnv: passwordEnv ?? (passwordFile == nil && environment["CVAT_PASSWORD"] != nil ? "CVAT_PASSWORD" : nil),
            passwordFile: passwordFile,
            accessTokenEnv: accessTokenEnv ?? (environment["CVAT_ACCESS_TOKEN"] != nil ? "CVAT_ACCESS_TOKEN" : nil),
            emailEnv: emailEnv)
    }

    /// The targets to check: `--targets` entries first (their own credentials win), then `--target` URLs.
    func targets(environment: [String: String]) throws -> [Target] {
        let cli = credentialReference(environment: environment)
        var targets: [Target] = []
        if let targetsFile {
            targets += try TargetFile.load(path: targetsFile).map { target in
                var target = target
                if target.credentials.isEmpty { target.credentials = cli }
                return target
            }
        }
        var names = Set(targets.map(\.name))
        for text in urls {
            guard let url = URL(string: text) else { continue }
            var name = Target.defaultName(for: url)
            var suffix = 2
            while names.contains(name) { name = "\(Target.defaultName(for: url))-\(suffix)"; suffix += 1 }
            names.insert(name)
            targets.append(Target(
                name: name, url: url, credentials: cli, organization: organization,
                tls: TLSOptions(caFile: caFile, insecure: insecure), pinnedVersion: serverVersion.flatMap(CVATVersion.init)))
        }
        return targets
    }
}
