import AuthCheckCore
import Foundation

/// Finds plugin manifests: in each explicitly given folder (the CLI's `--plugin-dir DIR`, in order), then on the default search path —
/// `$CVAT_AUTHCHECK_PLUGIN_PATH` (colon-separated), the tool's bundled `backends/` folder
/// (``BundledBackends``) and `~/.local/share/cvat-authcheck/plugins`. A directory is either a plugin
/// itself (it holds `plugin.yaml`) or holds plugins one level down.
///
/// The first plugin of a name wins; later ones of the same name are reported as shadowed. A probe id
/// that a built-in probe or an earlier plugin already uses rejects the later plugin.
public enum PluginDiscovery {
    /// The environment variable with extra plugin directories.
    public static let pathVariable = "CVAT_AUTHCHECK_PLUGIN_PATH"

    /// The built-in search path (after the explicit folders), each with where it came from.
    ///
    /// - Parameter bundled: the plugins shipped with the tool; by default ``BundledBackends/located``.
    public static func defaultDirectories(
        environment: [String: String], bundled: BundledBackends? = .located
    )
        -> [PluginSearchResult.Directory]
    {
        var directories: [PluginSearchResult.Directory] = []
        for path in (environment[pathVariable] ?? "").split(separator: ":").map(String.init) where !path.isEmpty {
            directories.append(.init(path: path, origin: "$\(pathVariable)", explicit: false))
        }
        if let bundled {
            directories.append(.init(path: bundled.path, origin: bundled.origin, explicit: false))
        }
        if let home = environment["HOME"], !home.isEmpty {
            directories.append(
                .init(
                    path: (home as NSString).appendingPathComponent(".local/share/cvat-authcheck/plugins"),
                    origin: "user plugins", explicit: false))
        }
        return directories
    }

    /// Discovers plugins in the explicit directories, then (when `includeDefaults`) the default ones.
    ///
    /// - Parameters:
    ///   - explicitOrigin: how the caller names where `explicit` folders came from (the CLI: `--plugin-dir`).
    ///   - reservedProbeIDs: ids no plugin may reuse (the built-in probes and runner ids).
    public static func discover(
        explicit: [String], explicitOrigin: String = "plugin folder", environment: [String: String], includeDefaults: Bool = true,
        reservedProbeIDs: Set<String> = [], bundled: BundledBackends? = .located
    ) -> PluginSearchResult {
        var result = PluginSearchResult()
        result.directories = explicit.map { .init(path: $0, origin: explicitOrigin, explicit: true) }
        if includeDefaults { result.directories += defaultDirectories(environment: environment, bundled: bundled) }
        var seenPaths: Set<String> = []
        var probeOwners: [String: String] = [:]
        for id in reservedProbeIDs { probeOwners[id] = "a built-in probe" }
        let manager = FileManager.default
        for (index, directory) in result.directories.enumerated() {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result.directories[index].exists = false
                if directory.explicit {
                    result.rejected.append(
                        .init(
                            path: directory.path, errors: [DataError(SourceLocation(file: directory.path), "\(directory.origin): no such directory")])
                    )
                }
                continue
            }
            result.directories[index].exists = true
            for manifestPath in manifests(in: directory.path) {
                let canonical = URL(fileURLWithPath: manifestPath).standardizedFileURL.resolvingSymlinksInPath().path
                guard seenPaths.insert(canonical).inserted else { continue }
                let manifest: PluginManifest
                do {
                    manifest = try PluginManifest.load(path: manifestPath)
                } catch {
                    result.rejected.append(.init(path: manifestPath, errors: error.errors))
                    continue
                }
                if let first = result.plugins.first(where: { $0.name == manifest.name }) {
                    result.shadowed.append(.init(path: manifestPath, name: manifest.name, by: first.path))
                    continue
                }
                let clashes = manifest.probes.compactMap { entry -> DataError? in
                    guard let owner = probeOwners[entry.descriptor.id] else { return nil }
                    return DataError(entry.location, "probe id '\(entry.descriptor.id)' is already used by \(owner)", hint: "choose another id")
                }
                guard clashes.isEmpty else {
                    result.rejected.append(.init(path: manifestPath, errors: clashes))
                    continue
                }
                for entry in manifest.probes { probeOwners[entry.descriptor.id] = "plugin '\(manifest.name)' (\(manifest.path))" }
                result.plugins.append(manifest)
            }
        }
        return result
    }

    /// `DIR/plugin.yaml`, or else `DIR/*/plugin.yaml` in name order.
    static func manifests(in directory: String) -> [String] {
        let manager = FileManager.default
        let own = (directory as NSString).appendingPathComponent(PluginManifest.fileName)
        if manager.fileExists(atPath: own) { return [own] }
        let children = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        return children.compactMap { child in
            guard !child.hasPrefix(".") else { return nil }
            let path = ((directory as NSString).appendingPathComponent(child) as NSString).appendingPathComponent(PluginManifest.fileName)
            return manager.fileExists(atPath: path) ? path : nil
        }
    }
}
