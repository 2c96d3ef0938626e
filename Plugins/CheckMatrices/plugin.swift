import Foundation
import PackagePlugin

/// Command plugin `swift package check-matrices [DIR…] [--json]`: runs the same checks as
/// `cvat-authcheck profiles check --standalone` on a package's own profile folders (default: `matrices`).
///
/// It runs the small `AuthCheckMatrixTool` host tool (Yams + the core only) rather than the checker
/// executable, so using the plugin never builds the HTTP stack.
@main struct CheckMatrices: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        // `--json` as in `cvat-authcheck profiles check --json`; the older `--format text|json` still works.
        let json = extractor.extractFlag(named: "json") > 0
        let format = json ? "json" : (extractor.extractOption(named: "format").last ?? "text")
        _ = extractor.extractOption(named: "target")  // accepted for symmetry with other plugins; folders are positional
        let folders = extractor.remainingArguments.isEmpty ? ["matrices"] : extractor.remainingArguments
        let tool = try context.tool(named: "AuthCheckMatrixTool")

        let process = Process()
        process.executableURL = tool.url
        process.currentDirectoryURL = context.package.directoryURL  // so files show as matrices/servers/…
        process.arguments = ["check", "--format", format] + folders
        try process.run()
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return
        case 65: throw CheckFailed(message: "the profiles in \(folders.joined(separator: ", ")) have errors (listed above)")
        default: throw CheckFailed(message: "AuthCheckMatrixTool check exited with status \(process.terminationStatus)")
        }
    }

    /// The check found errors or could not run.
    struct CheckFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
