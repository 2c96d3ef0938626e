import AuthCheckCore

/// What a plugin search found: valid plugins, rejected manifests with their errors, shadowed ones,
/// and every directory searched.
public struct PluginSearchResult: Sendable {
    /// A searched directory and why it was searched.
    public struct Directory: Hashable, Sendable {
        public var path: String
        /// the caller's label for explicit folders (the CLI: `--plugin-dir`), `$CVAT_AUTHCHECK_PLUGIN_PATH`, a ``BundledBackends/origin``, `user plugins`.
        public var origin: String
        public var explicit: Bool
        public var exists: Bool = false
    }

    /// A manifest that could not be used, with every reason.
    public struct Rejected: Hashable, Sendable {
        public var path: String
        public var errors: [DataError]
    }

    /// A manifest hidden by an earlier plugin of the same name.
    public struct Shadowed: Hashable, Sendable {
        public var path: String
        public var name: String
        public var by: String
    }

    public var directories: [Directory] = []
    public var plugins: [PluginManifest] = []
    public var rejected: [Rejected] = []
    public var shadowed: [Shadowed] = []

    public init() {}

    /// Every rejection as one error list (for exit status 65).
    public var errors: DataErrors? {
        rejected.isEmpty ? nil : DataErrors(rejected.flatMap(\.errors))
    }
}
