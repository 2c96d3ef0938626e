import Foundation
import PackagePlugin

/// Build-tool plugin: embeds the project's JUnit schema (`cvat-authcheck-junit.xsd`, a member of the
/// target it is applied to) as `ProjectJUnitSchema.text`, so the one schema file is what validation
/// uses at run time, with no resource bundle next to the binary and no hand-kept copy.
@main struct EmbedJUnitSchema: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let module = target.sourceModule,
            let schema = module.sourceFiles.map(\.url).first(where: { $0.pathExtension == "xsd" })
        else { return [] }
        let output = context.pluginWorkDirectoryURL.appending(path: "ProjectJUnitSchema.swift")
        let tool = try context.tool(named: "AuthCheckMatrixTool")
        return [
            .buildCommand(
                displayName: "Embedding \(schema.lastPathComponent) in \(target.name)",
                executable: tool.url,
                arguments: ["embed-text", "--type", "ProjectJUnitSchema", "--output", output.path, schema.path],
                inputFiles: [schema],
                outputFiles: [output]
            )
        ]
    }
}
