import ArgumentParser
import AuthCheckCore
import Foundation

/// The probe account and TLS settings of `profiles draft --target`: the same options, defaults and
/// rules as `run` (env var names and files only, never a value on the command line).
struct DraftCredentialOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Probe account user name; not a secret (default: $CVAT_USER via --user-env).", valueName: "NAME"))
    var user: String?
    @Option(help: ArgumentHelp("Environment variable holding the user name.", valueName: "VAR")) var userEnv: String?
    @Option(help: ArgumentHelp("Environment variable holding the password (default CVAT_PASSWORD when set).", valueName: "VAR"))
    var passwordEnv: String?
    @Option(help: ArgumentHelp("File whose first line is the password.", valueName: "PATH")) var passwordFile: String?
    @Option(
        help: ArgumentHelp(
            "Environment variable holding a personal access token of the account, to see Bearer work (default CVAT_ACCESS_TOKEN when set).",
            valueName: "VAR"))
    var accessTokenEnv: String?
    @Option(help: ArgumentHelp("Environment variable holding the probe account's e-mail (for the e-mail login form).", valueName: "VAR"))
    var emailEnv: String?
    @Option(help: ArgumentHelp("Organization slug sent as X-Organization.", valueName: "SLUG")) var organization: String?
    @Option(help: ArgumentHelp("PEM file with extra trusted CA certificates.", valueName: "PATH")) var caFile: String?
    @Flag(help: "Disable TLS certificate verification.") var insecure = false
    @Option(help: ArgumentHelp("The release to draft for when /api/server/about does not state it.", valueName: "X.Y.Z"))
    var serverVersion: String?
    @Flag(
        help:
            "Also observe logout. Logging out deletes the account's legacy token, which its other clients share: use it on an account the checker alone uses."
    )
    var allowSharedAccount = false

    /// Usage errors found without reading any variable: a credential option that is not a variable name.
    func check() throws {
        let named: [(CredentialProblem.Setting, String?)] = [
            (.userEnv, userEnv), (.passwordEnv, passwordEnv), (.accessTokenEnv, accessTokenEnv), (.emailEnv, emailEnv),
        ]
        for case (let setting, let value?) in named where !EnvironmentVariableName.isValid(value) {
            throw ValidationError(CredentialProblem(.notAVariableName(setting), fromCommandLine: true).description)
        }
        if insecure && caFile != nil { throw ValidationError("--insecure and --ca-file contradict each other; choose one") }
        if let serverVersion, CVATVersion(serverVersion) == nil {
            throw ValidationError("--server-version \(serverVersion): expected a version such as 2.48.0")
        }
    }

    /// Where the credentials come from, with the conventional variables as defaults when they hold something.
    func reference(environment: [String: String]) -> CredentialReference {
        CredentialReference.withConventionalDefaults(
            user: user, userEnv: userEnv, passwordEnv: passwordEnv, passwordFile: passwordFile, accessTokenEnv: accessTokenEnv,
            emailEnv: emailEnv, environment: environment)
    }
}
