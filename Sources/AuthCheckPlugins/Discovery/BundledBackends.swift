import Foundation

/// Where the plugins shipped with the tool are (the `backends/` folder with the cvat-sdk backend).
///
/// ``locate(executables:currentDirectory:)`` looks, in order, and the first found wins:
/// 1. next to an installed executable: `<prefix>/bin/cvat-authcheck` → `<prefix>/share/cvat-authcheck/backends`;
/// 2. in the package checkout the executable was built in: the nearest folder at most four levels
///    above it (`.build/debug/`, `.build/<triple>/debug/`) holding this package's `Package.swift`
///    and a `backends/` folder;
/// 3. in the package checkout of the current directory (the directory itself or the nearest folder
///    above it holding this package).
///
/// Each executable path is tried as invoked and with its symbolic links resolved. A `Package.swift`
/// of another package does not count.
public struct BundledBackends: Hashable, Sendable {
    /// The `backends/` folder.
    public var path: String
    /// Where it was found, as `plugins list` shows it.
    public var origin: String

    public init(path: String, origin: String) {
        self.path = path
        self.origin = origin
    }

    /// The `backends/` folder of the package checkout at `root`.
    public static func checkout(_ root: String, origin: String = "the package's backends/") -> BundledBackends {
        BundledBackends(path: (root as NSString).appendingPathComponent("backends"), origin: origin)
    }

    /// The bundled backends of the running executable, from the current directory; `nil` when none exist.
    public static var located: BundledBackends? {
        let arguments = ProcessInfo.processInfo.arguments
        let invoked = arguments.first.flatMap { $0.contains("/") ? $0 : nil }
        return locate(
            executables: [invoked, Bundle.main.executablePath].compactMap { $0 },
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The bundled backends for the given executable paths and working directory, in the order above.
    public static func locate(executables: [String], currentDirectory: String) -> BundledBackends? {
        var folders: [String] = []
        for executable in executables {
            let absolute = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
            for url in [absolute.standardizedFileURL, absolute.resolvingSymlinksInPath()] {
                let folder = url.deletingLastPathComponent().path
                if !folders.contains(folder) { folders.append(folder) }
            }
        }
        for folder in folders {
            let installed = URL(fileURLWithPath: folder).appendingPathComponent("../share/cvat-authcheck/backends").standardizedFileURL.path
            if isDirectory(installed) { return BundledBackends(path: installed, origin: "installed backends (share/cvat-authcheck/backends)") }
        }
        for folder in folders {
            if let root = checkout(enclosing: folder, levels: 4) { return checkout(root) }
        }
        if let root = checkout(enclosing: currentDirectory, levels: .max) {
            return checkout(root, origin: "the package's backends/ (current directory)")
        }
        return nil
    }

    /// The nearest folder at or above `folder` (at most `levels` up) that is a checkout of this package.
    private static func checkout(enclosing folder: String, levels: Int) -> String? {
        var url = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        var climbed = 0
        while climbed <= levels {
            if isPackageCheckout(url.path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
            climbed += 1
        }
        return nil
    }

    /// `true` when `root` holds the `Package.swift` of cvat-authcheck and a `backends/` folder.
    private static func isPackageCheckout(_ root: String) -> Bool {
        let manifest = (root as NSString).appendingPathComponent("Package.swift")
        guard isDirectory((root as NSString).appendingPathComponent("backends")),
            let data = FileManager.default.contents(atPath: manifest)
        else { return false }
        return String(decoding: data, as: UTF8.self).contains(#"name: "cvat-authcheck""#)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
