import Foundation
import PackagePlugin

/// Build-tool plugin: validates every profile file of the target it is applied to (`matrices/`) and
/// generates `EmbeddedMatrices.swift`, which holds their text as `AuthCheckMatrices.sources`.
///
/// The YAML files are members of the target, so SwiftPM re-runs the command when a file is added,
/// edited or removed. An invalid profile makes the command print `path:line:column: error: …` and fail
/// the build.
@main struct EmbedMatrices: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let module = target.sourceModule else { return [] }
        let profiles = module.sourceFiles
            .map(\.url)
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMatrices.swift")
        let tool = try context.tool(named: "AuthCheckMatrixTool")
        let arguments = ["embed", "--root", context.package.directoryURL.path, "--output", output.path] + profiles.map(\.path)
        return [
            .buildCommand(
                displayName: "Checking and embedding \(profiles.count) CVAT profiles of \(target.name)",
                executable: tool.url,
                arguments: arguments,
                inputFiles: profiles,
                outputFiles: [output]
            )
        ]
    }
}
