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

    @Option(
        name: .customLong("client"),
        help: ArgumentHelp(
            "A client you care about, e.g. cvat-sdk@2.41 or cvat-cli@2.48 (repeatable; for every target without its own `clients:`). A predicted break of a selected client fails the run; default: the client lines at or below each server's release.",
            valueName: "NAME@X.Y"))
    var clients: [String] = []

    @Flag(help: "When a target's http URL redirects to https, check the https URL too (targets file: follow_https_redirect: true).")
    var followHTTPSRedirect = false

    @Flag(
        help:
            "Run without any credentials: only the probes that need no account (version, anonymous access, refusal of bad credentials). Without it, a run with no credentials is a usage error."
    )
    var anonymousOnly = false

    @Flag(
        help:
            "Run logout.invalidates even when the probe account is not shown to be used by the checker alone: logging out deletes the account's legacy token, which its other clients share (targets file: allow_shared_account: true)."
    )
    var allowSharedAccount = false

    /// The credential options that name environment variables, with the setting each one sets.
    private var variableOptions: [(CredentialProblem.Setting, String?)] {
        [(.userEnv, userEnv), (.passwordEnv, passwordEnv), (.accessTokenEnv, accessTokenEnv), (.emailEnv, emailEnv)]
    }

    func validate() throws {
        guard !DeferredValidation.isDeferred else { return }
        for case (let setting, let value?) in variableOptions where !EnvironmentVariableName.isValid(value) {
            throw ValidationError(CredentialProblem(.notAVariableName(setting), fromCommandLine: true).description)
        }
        if anonymousOnly, userEnv != nil || passwordEnv != nil || passwordFile != nil || accessTokenEnv != nil || user != nil {
            throw ValidationError(
                "--anonymous-only runs without credentials; leave out --user, --user-env, --password-env, --password-file and --access-token-env")
        }
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
        for client in clients {
            do throws(ClientSelector.ParseError) { _ = try ClientSelector(parsing: client) } catch {
                throw ValidationError("--client: \(error.description)")
            }
        }
    }

    /// The `--client` selection, checked against the loaded client profiles; `nil` when none was given.
    /// - Throws: `ValidationError` (a usage error) naming a client or release no profile covers.
    func clientSelection(catalog: ProfileCatalog) throws -> [ClientSelector]? {
        guard !clients.isEmpty else { return nil }
        return try clients.map { text in
            let selector: ClientSelector
            do throws(ClientSelector.ParseError) { selector = try ClientSelector(parsing: text) } catch {
                throw ValidationError("--client: \(error.description)")
            }
            if let problem = catalog.problem(with: selector) { throw ValidationError("--client: \(problem)") }
            return selector
        }
    }

    /// The credential sources given on the command line, with the conventional env defaults; none
    /// under `--anonymous-only`.
    func credentialReference(environment: [String: String]) -> CredentialReference {
        if anonymousOnly { return CredentialReference() }
        return CredentialReference.withConventionalDefaults(
            user: user, userEnv: userEnv, passwordEnv: passwordEnv, passwordFile: passwordFile, accessTokenEnv: accessTokenEnv,
            emailEnv: emailEnv, environment: environment)
    }

    /// Checks, before the first request, that every target has credentials to probe with (or that
    /// `--anonymous-only` was given): one line naming the setting that is wrong, never its value.
    /// - Throws: `ValidationError` (a usage error, exit 64).
    func preflight(_ targets: [Target], environment: [String: String]) throws {
        guard !anonymousOnly else { return }
        let cli = credentialReference(environment: environment)
        let failing = targets.compactMap { target -> (Target, CredentialProblem)? in
            let fromCommandLine = target.credentials == cli
            return ResolvedCredentials.preflight(target.credentials, environment: environment, fromCommandLine: fromCommandLine).map { (target, $0) }
        }
        guard let (target, problem) = failing.first else { return }
        let onlyCommandLine = targetsFile == nil && problem.fromCommandLine
        let more = failing.count > 1 ? " (and \(failing.count - 1) more target\(failing.count == 2 ? "" : "s"))" : ""
        throw ValidationError((onlyCommandLine ? "" : "target \(target.name): ") + problem.description + more)
    }

    /// The targets to check: `--targets` entries first (their own credentials, clients and redirect
    /// setting win), then `--target` URLs. `clients:` entries are checked against `catalog`.
    func targets(environment: [String: String], catalog: ProfileCatalog) throws -> [Target] {
        let cli = credentialReference(environment: environment)
        let selection = try clientSelection(catalog: catalog)
        var targets: [Target] = []
        if let targetsFile {
            targets += try TargetFile.load(path: targetsFile, checkClient: { catalog.problem(with: $0) }).map { target in
                var target = target
                if target.credentials.isEmpty || anonymousOnly { target.credentials = cli }
                if target.clients == nil { target.clients = selection }
                if followHTTPSRedirect { target.followHTTPSRedirect = true }
                if allowSharedAccount { target.allowSharedAccount = true }
                return target
            }
        }
        var names = Set(targets.map(\.name))
        for text in urls {
            guard let url = URL(string: text) else { continue }
            var name = Target.defaultName(for: url)
            var suffix = 2
            while names.contains(name) {
                name = "\(Target.defaultName(for: url))-\(suffix)"
                suffix += 1
            }
            names.insert(name)
            targets.append(
                Target(
                    name: name, url: url, credentials: cli, organization: organization,
                    tls: TLSOptions(caFile: caFile, insecure: insecure), pinnedVersion: serverVersion.flatMap(CVATVersion.init),
                    clients: selection, followHTTPSRedirect: followHTTPSRedirect, allowSharedAccount: allowSharedAccount))
        }
        return targets
    }
}
