import AuthCheckCore
import AuthCheckMatrices
import AuthCheckPlugins
import AuthCheckProbes

/// Loads the profile catalog the one way every command does: the profiles embedded in the binary,
/// then the overlays in precedence order, with `skip:` checked against the probes this run knows
/// (built-in, version detection, and every probe the loaded plugins declare).
public enum ProfileCatalogLoader {
    /// The probe ids a profile's `skip:` may name.
    public static func knownProbeIDs(plugins: PluginSet? = nil) -> Set<String> {
        let pluginIDs = plugins?.plugins.flatMap { $0.probes.map(\.descriptor.id) } ?? []
        return BuiltInProbes.registry.knownIDs.union(pluginIDs)
    }

    /// The embedded profiles followed by `overlays` (later ones win).
    public static func sources(overlays: [ProfileSource] = []) -> [ProfileSource] {
        AuthCheckMatrices.sources + overlays
    }

    /// The catalog of `sources` with its diagnostics, usable or not (`profiles check` reports them).
    public static func load(_ sources: [ProfileSource], plugins: PluginSet? = nil) -> ProfileCatalog {
        ProfileCatalog.load(sources, knownProbeIDs: knownProbeIDs(plugins: plugins))
    }

    /// The embedded profiles with `overlays` on top, refused when any of them has an error.
    ///
    /// - Throws: every error, each as `file:line:column: error: …`.
    public static func usable(overlays: [ProfileSource] = [], plugins: PluginSet? = nil) throws(DataErrors) -> ProfileCatalog {
        try load(sources(overlays: overlays), plugins: plugins).validated()
    }
}
