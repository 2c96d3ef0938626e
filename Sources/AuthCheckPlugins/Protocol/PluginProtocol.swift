import AuthCheckCore
import Foundation

/// The external plugin protocol, version 1 (`docs/PLUGINS.md`).
///
/// The runner starts the plugin's command once per request, writes one JSON object (one line) to its
/// stdin and closes stdin. The plugin answers with JSON objects, one per line, on stdout:
/// `{"type":"hello","protocol":1}` first, then `outcome` (for `run`) or `describe` messages, optional
/// `secret` and `log` messages, and `{"type":"done"}` last. Credentials never appear in the JSON: they
/// are in the child's environment (``Environment``). Anything else — no hello, another protocol
/// version, a line that is not a JSON object, too much output, a crash, a hang — becomes an `error`
/// outcome with the plugin's stderr tail, redacted.
public enum PluginProtocol {
    /// The protocol version this runner speaks.
    public static let version = 1

    /// Names of the environment variables the runner sets for the plugin process.
    public enum Environment {
        /// The protocol version, as text (`1`).
        public static let protocolVersion = "CVAT_AUTHCHECK_PROTOCOL"
        /// The probe account's user name, when configured.
        public static let username = "CVAT_AUTHCHECK_USERNAME"
        /// The probe account's e-mail address, when configured.
        public static let email = "CVAT_AUTHCHECK_EMAIL"
        /// The probe account's password, when configured.
        public static let password = "CVAT_AUTHCHECK_PASSWORD"
        /// A personal access token, when configured.
        public static let accessToken = "CVAT_AUTHCHECK_ACCESS_TOKEN"
        /// The backend the probe runs for (`native`, `cvat-sdk@2.24.0`).
        public static let backend = "CVAT_AUTHCHECK_BACKEND"
        /// The backend's client version (`2.24.0`); unset for `native`.
        public static let backendVersion = "CVAT_AUTHCHECK_BACKEND_VERSION"
        /// The folder holding the plugin's manifest.
        public static let pluginDirectory = "CVAT_AUTHCHECK_PLUGIN_DIR"
        /// The path of the target's CA file, when configured.
        public static let caFile = "CVAT_AUTHCHECK_CA_FILE"

        /// The variables that carry secret values.
        public static let secretNames: Set<String> = [password, accessToken]
        /// The variables that carry the probe account's credentials.
        public static let credentialNames: Set<String> = [username, email, password, accessToken]
        /// Every variable the runner sets itself.
        public static let runnerNames: Set<String> = credentialNames.union([protocolVersion, backend, backendVersion, pluginDirectory, caFile])
        /// The prefix of the tool's own variables, which plugins inherit only when their manifest lists
        /// them under `pass_environment` (``PluginManifest/passEnvironment``).
        public static let toolPrefix = "CVAT_AUTHCHECK_"
    }

    /// The phase names a manifest may use, mapped to ``ProbePhase``.
    public static let phases: [String: ProbePhase] = [
        "discovery": .discovery, "anonymous": .anonymous, "login": .login, "authenticated": .authenticated,
        "access-tokens": .accessTokens, "logout": .logout, "analysis": .analysis,
    ]

    /// The manifest spelling of a phase.
    public static func phaseName(_ phase: ProbePhase) -> String {
        phases.first { $0.value == phase }?.key ?? "analysis"
    }
}
