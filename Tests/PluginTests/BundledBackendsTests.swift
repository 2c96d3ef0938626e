import AuthCheckPlugins
import Foundation
import Testing

/// The bundled `backends/` folder is found from the running executable or the current directory,
/// never from the source path the tool was compiled at.
@Suite("Bundled backends")
struct BundledBackendsTests {
    /// A temporary tree: a key ending in `/` is a folder, any other key a file with its value as contents.
    static func tree(_ entries: [String: String]) throws -> URL {
        let root = PluginHarness.temporaryDirectory("bundled")
        for (path, contents) in entries {
            let url = root.appendingPathComponent(path)
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try contents.write(to: url, atomically: true, encoding: .utf8)
            }
        }
        return root.resolvingSymlinksInPath()
    }

    static let packageManifest = #"let package = Package(name: "cvat-authcheck", products: [])"#

    @Test("an installed binary uses <prefix>/share/cvat-authcheck/backends")
    func installed() throws {
        let root = try Self.tree(["bin/cvat-authcheck": "", "share/cvat-authcheck/backends/": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let found = BundledBackends.locate(executables: [root.appendingPathComponent("bin/cvat-authcheck").path], currentDirectory: "/")
        #expect(found?.path == root.appendingPathComponent("share/cvat-authcheck/backends").path)
        #expect(found?.origin.contains("installed") == true)
    }

    @Test("a binary built in a checkout (.build/debug, .build/<triple>/debug, through a symlink) uses the checkout's backends/")
    func builtInCheckout() throws {
        let root = try Self.tree([
            "Package.swift": Self.packageManifest, "backends/": "", ".build/x86_64-unknown-linux-gnu/debug/cvat-authcheck": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(".build/debug").path, withDestinationPath: "x86_64-unknown-linux-gnu/debug")
        for executable in [".build/debug/cvat-authcheck", ".build/x86_64-unknown-linux-gnu/debug/cvat-authcheck"] {
            let found = BundledBackends.locate(executables: [root.appendingPathComponent(executable).path], currentDirectory: "/")
            #expect(found == .checkout(root.path), "\(executable)")
        }
        // Relative to the current directory, as `.build/debug/cvat-authcheck` is often typed.
        #expect(BundledBackends.locate(executables: [".build/debug/cvat-authcheck"], currentDirectory: root.path) == .checkout(root.path))
    }

    @Test("otherwise the current directory's checkout is used; another package's folders are not")
    func currentDirectory() throws {
        let root = try Self.tree([
            "Package.swift": Self.packageManifest, "backends/": "", "docs/": "", "other/Package.swift": "let package = Package(name: \"other\")",
            "other/backends/": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let elsewhere = ["/usr/local/bin/some-tool"]
        let fromDocs = BundledBackends.locate(executables: elsewhere, currentDirectory: root.appendingPathComponent("docs").path)
        #expect(fromDocs?.path == root.appendingPathComponent("backends").path)
        #expect(fromDocs?.origin.contains("current directory") == true)
        // `other/` holds another package with a backends/ folder: the search goes on to this package above it.
        #expect(
            BundledBackends.locate(executables: elsewhere, currentDirectory: root.appendingPathComponent("other").path)?.path
                == root.appendingPathComponent("backends").path)
        let outside = try Self.tree(["other/Package.swift": "let package = Package(name: \"other\")", "other/backends/": ""])
        defer { try? FileManager.default.removeItem(at: outside) }
        #expect(BundledBackends.locate(executables: elsewhere, currentDirectory: outside.appendingPathComponent("other").path) == nil)
    }

    @Test("the tool built in this checkout finds this checkout's backends, wherever it is started")
    func thisCheckout() {
        let root = PluginHarness.repositoryRoot.resolvingSymlinksInPath()
        let found = BundledBackends.locate(executables: [root.appendingPathComponent(".build/debug/cvat-authcheck").path], currentDirectory: "/")
        #expect(found == .checkout(root.path))
        let defaults = PluginDiscovery.defaultDirectories(environment: [:], bundled: found)
        #expect(defaults.map(\.origin) == ["the package's backends/"])
    }
}
