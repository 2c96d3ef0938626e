import AuthCheckCore
import Foundation

/// Finds plugin manifests: in each `--plugin-dir DIR` (in order), then on the default search path —
/// `$CVAT_AUTHCHECK_PLUGIN_PATH` (colon-separated), the package's `backends/` folder and
/// `~/.local/share/cvat-authcheck/plugins`. A directory is either a plugin itself (it holds
/// `plugin.yaml`) or holds plugins one level down.
///
/// The first plugin of a name wins; later ones of the same name are reported as shadowed. A probe id
/// that a built-in probe or an earlier plugin already uses rejects the later plugin.
public enum PluginDiscovery {
    /// The environment variable with extra plugin directories.
    public static let pathVariable = "CVAT_AUTHCHECK_PLUGIN_PATH"

    /// The built-in search path (after any `--plugin-dir`), each with where it came from.
    public static func defaultDirectories(environment: [String: String], packageRoot: String? = PluginDiscovery.packageRoot)
        -> [PluginSearchResult.Directory]
    {
        var directories: [PluginSearchResult.Directory] = []
        for path in (environment[pathVariable] ?? "").split(separator: ":").map(String.init) where !path.isEmpty {
            directories.append(.init(path: path, origin: "$\(pathVariable)", explicit: false))
        }
        if let packageRoot {
            directories.append(.init(path: (packageRoot as NSString).appendingPathComponent("backends"), origin: "the package's backends/", explicit: false))
        }
        if let home = environment["HOME"], !home.isEmpty {
            directories.append(.init(path: (home as NSString).appendingPathComponent(".local/share/cvat-authcheck/plugins"),
                                     origin: "user plugins", explicit: false))
        }
        return directories
    }

    /// The source checkout this binary was built from, when it still exists (the folder with `Package.swift`
    /// and `backends/`); `nil` for an installed binary.
    public static var packageRoot: String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }   // Plugins → AuthCheckCore → Sources → root
        let root = url.path
        let manager = FileManager.default
        guard manager.fileExists(atPath: (root as NSString).appendingPathComponent("Package.swift")),
              manager.fileExists(atPath: (root as NSString).appendingPathComponent("backends")) else { return nil }
        return root
    }

    /// Discovers plugins in the explicit directories, then (when `includeDefaults`) the default ones.
    ///
    /// - Parameter reservedProbeIDs: ids no plugin may reuse (the built-in probes and runner ids).
    public static func discover(
        explicit: [String], environment: [String: String], includeDefaults: Bool = true, reservedProbeIDs: Set<String> = [],
        packageRoot: String? = PluginDiscovery.packageRoot
    ) -> PluginSearchResult {
        var result = PluginSearchResult()
        result.directories = explicit.map { .init(path: $0, origin: "--plugin-dir", explicit: true) }
        if includeDefaults { result.directories += defaultDirectories(environment: environment, packageRoot: packageRoot) }
        var seenPaths: Set<String> = []
        var probeOwners: [String: String] = [:]
        for id in reservedProbeIDs { probeOwners[id] = "a built-in probe" }
        let manager = FileManager.default
        for (index, directory) in result.directories.enumerated() {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result.directories[index].exists = false
                if directory.explicit {
                    result.rejected.append(.init(path: directory.path, errors: [DataError(SourceLocation(file: directory.path), "--plugin-dir: no such directory")]))
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

/// What a plugin search found: valid plugins, rejected manifests with their errors, shadowed ones,
/// and every directory searched.
public struct PluginSearchResult: Sendable {
    /// A searched directory and why it was searched.
    public struct Directory: Hashable, Sendable {
        public var path: String
        /// `--plugin-dir`, `$CVAT_AUTHCHECK_PLUGIN_PATH`, `the package's backends/`, `user plugins`.
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
