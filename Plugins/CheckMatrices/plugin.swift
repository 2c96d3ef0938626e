import PackagePlugin
@main struct CheckMatrices: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {}
}
