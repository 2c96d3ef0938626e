import AuthCheckCore

/// A plugin's `plugin.yaml`: what it is, how to start it, the probes it provides, the backends it
/// offers and the server versions it applies to.
///
/// ```yaml
/// name: cvat-sdk
/// protocol: 1
/// summary: Runs the real cvat-sdk from PyPI
/// command: [python3, driver.py]      # a relative path is resolved against the manifest's folder
/// timeout: 300                       # seconds per probe run (default 60)
/// servers: ">=2.24.0"                # optional; default: every server
/// probes:
///   - id: sdk.session
///     summary: make_client, retrieve_self, an unsafe request and logout through the real cvat-sdk
///     phase: authenticated
///     needs_credentials: true
/// prepare: [sh, ../../scripts/sdk-venv.sh]   # optional: run once per backend version before the targets
/// prepare_timeout: 900
/// pass_environment: [CVAT_AUTHCHECK_CACHE]   # optional: the tool's own variables this plugin may inherit
/// backends:
///   - name: cvat-sdk
///     versions: ">=2.24.0"
///     probes: [sdk.session]
/// ```
/// Probes a backend lists run only in that backend's suites; the others run in the native suite.
public struct PluginManifest: Hashable, Sendable {
    /// The file name the discovery looks for.
    public static let fileName = "plugin.yaml"
    /// The default per-probe timeout, in seconds.
    public static let defaultTimeout: Double = 60

    public var name: String
    /// The protocol version the plugin speaks (must be ``PluginProtocol/version``).
    public var protocolVersion: Int
    public var summary: String?
    /// The program and its arguments; element 0 is a path relative to ``directory`` when it contains a
    /// `/`, otherwise a program looked up on `PATH`.
    public var command: [String]
    /// Seconds one probe run may take before the plugin is killed.
    public var timeout: Double
    /// The server versions the plugin applies to; `nil`: all.
    public var servers: VersionRange?
    public var probes: [ProbeEntry]
    public var backends: [BackendOffer]
    /// A command run once per requested backend version before any target, outside the target
    /// deadlines (e.g. to create a venv); it gets `CVAT_AUTHCHECK_BACKEND_VERSION`. Empty: none.
    public var prepare: [String] = []
    /// Seconds the prepare command may take. Default 900.
    public var prepareTimeout: Double = 900
    /// The tool's own `CVAT_AUTHCHECK_*` variables this plugin's probe runs and prepare step inherit
    /// (`pass_environment`); plugins get none of them otherwise. Never a variable the runner sets,
    /// and a variable that holds a credential is removed all the same. Empty: none.
    public var passEnvironment: [String] = []
    /// The manifest's path, as found.
    public var path: String
    /// The folder holding the manifest (the plugin's working directory).
    public var directory: String

    /// A probe the plugin provides.
    public struct ProbeEntry: Hashable, Sendable {
        public var descriptor: ProbeDescriptor
        /// Where it was declared, for messages.
        public var location: SourceLocation
    }

    /// A backend the plugin offers: a client name, the client versions it can run, and its probes.
    public struct BackendOffer: Hashable, Sendable {
        public var name: String
        public var versions: VersionRange?
        public var probes: [String]
        public var location: SourceLocation
    }

    /// Ids of the probes that run only in backend suites.
    public var backendProbeIDs: Set<String> { Set(backends.flatMap(\.probes)) }

    /// Probes that run in the native suite.
    public var nativeProbes: [ProbeEntry] { probes.filter { !backendProbeIDs.contains($0.descriptor.id) } }

    /// The backend offer that can run `spec` (name matches and the version is in range).
    public func offer(for spec: BackendSpec) -> BackendOffer? {
        backends.first { offer in
            offer.name == spec.name && (offer.versions == nil || spec.version.map { offer.versions!.contains($0) } == true)
        }
    }
}
