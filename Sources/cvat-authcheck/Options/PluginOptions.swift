import ArgumentParser
import AuthCheckCore
import AuthCheckPlugins
import AuthCheckProbeIDs

/// `--plugin-dir DIR` (repeatable) and `--backend native|NAME@X.Y.Z` (repeatable).
///
/// Plugins are searched in each `--plugin-dir` first, then on the default path (`$CVAT_AUTHCHECK_PLUGIN_PATH`,
/// the bundled `backends/` found by `BundledBackends`, `~/.local/share/cvat-authcheck/plugins`).
/// An invalid manifest stops the run with exit status 65; an unknown backend is a usage error (64).
struct PluginOptions: ParsableArguments {
    @Option(
        name: .customLong("plugin-dir"),
        help: ArgumentHelp("Load external plugins from DIR (a plugin folder with plugin.yaml, or a folder of them); repeatable.", valueName: "DIR"))
    var pluginDirectories: [String] = []

    @Option(
        name: .customLong("backend"),
        help: ArgumentHelp(
            "Check every target through this client stack: native (default) or a plugin backend such as cvat-sdk@2.24.0; repeatable, one suite per target and backend.",
            valueName: "BACKEND"))
    var backends: [String] = []

    @Flag(name: .customLong("no-default-plugins"), help: "Search only the --plugin-dir folders, not the default plugin path.")
    var noDefaultPlugins = false

    func validate() throws {
        guard !DeferredValidation.isDeferred else { return }
        _ = try specs()
    }

    /// The requested backends, in order (`native` when none was given).
    func specs() throws -> [BackendSpec] {
        do {
            let parsed = try backends.map { text throws(BackendSpecError) in try BackendSpec(parsing: text) }
            return parsed.isEmpty ? [.native] : parsed
        } catch {
            throw ValidationError("--backend: \(error.description)")
        }
    }

    /// Searches the plugin directories.
    func discover(environment: [String: String]) -> PluginSearchResult {
        PluginDiscovery.discover(
            explicit: pluginDirectories, explicitOrigin: "--plugin-dir", environment: environment, includeDefaults: !noDefaultPlugins,
            reservedProbeIDs: ProbeID.reserved)
    }

    /// The plugins and backends of a run.
    ///
    /// - Throws: ``CLIError/invalidData`` (exit 65) for a rejected manifest, `ValidationError` (exit 64) for a backend no plugin offers.
    func load(environment: [String: String]) throws -> (plugins: PluginSet, backends: [Backend]) {
        let found = discover(environment: environment)
        if let errors = found.errors { throw CLIError(errors) }
        let set = PluginSet(plugins: found.plugins, environment: environment)
        do {
            return (set, try set.backends(for: try specs()))
        } catch let error as BackendSpecError {
            throw ValidationError("--backend: \(error.description)")
        }
    }
}
