import ArgumentParser
import AuthCheckRun

/// `--version` (on the tool or any command, `emulate --version` included): the release, the commit the
/// binary was built from and the CVAT releases the bundled profiles cover.
///
/// swift-argument-parser prints the configured version string itself; the longer text needs the
/// profile catalog, which is loaded only when it is asked for.
enum VersionRequest {
    /// `true` when parsing stopped because `--version` was given.
    static func isRequest<Root: ParsableCommand>(_ error: any Error, root: Root.Type) -> Bool {
        root.exitCode(for: error) == .success && root.message(for: error) == ToolVersion.current
    }

    /// The text `--version` prints.
    static func text() -> String {
        let catalog = (try? ProfileCatalogLoader.usable()) ?? ProfileCatalogLoader.load(ProfileCatalogLoader.sources())
        return ToolVersion.report(catalog: catalog)
    }
}
