import ArgumentParser
import AuthCheckCore
import AuthCheckPlugins
import Foundation

/// `cvat-authcheck plugins list`: the external plugins found, the folders searched, and why any
/// manifest was rejected or shadowed.
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "List external plugins and backends.", subcommands: [List.self], defaultSubcommand: List.self)

    /// `plugins list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Show the plugins found, their probes and backends, the folders searched and why anything was rejected.",
            discussion: "Exits 65 when a manifest was rejected (the same check `run` makes).")

        @OptionGroup var pluginOptions: PluginOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let found = pluginOptions.discover(environment: environment)
            print("Searched:")
            for directory in found.directories {
                print("  \(directory.path)  (\(directory.origin)\(directory.exists ? "" : ", not present"))")
            }
            print(found.plugins.isEmpty ? "Plugins: none" : "Plugins:")
            for plugin in found.plugins {
                let program = plugin.command[0]
                let resolved = ExecutableLookup.resolve(program, directory: plugin.directory, environment: environment)
                print(
                    "  \(plugin.name)  protocol \(plugin.protocolVersion), timeout \(Int(plugin.timeout)) s, servers \(plugin.servers.map { "\($0)" } ?? "all")"
                )
                print("    manifest: \(plugin.path)")
                print(
                    "    command:  \(plugin.command.joined(separator: " "))"
                        + (resolved == nil ? "   (warning: '\(program)' not found; its probes will be errors)" : ""))
                if let summary = plugin.summary { print("    summary:  \(summary)") }
                for entry in plugin.probes {
                    let owner = plugin.backends.filter { $0.probes.contains(entry.descriptor.id) }.map(\.name)
                    let suite = owner.isEmpty ? "native suite" : "backend \(owner.joined(separator: ", "))"
                    print(
                        "    probe \(entry.descriptor.id)  [\(PluginProtocol.phaseName(entry.descriptor.phase)), \(suite)]  \(entry.descriptor.summary)"
                    )
                }
                for offer in plugin.backends {
                    print("    backend \(offer.name)@VERSION  versions \(offer.versions.map { "\($0)" } ?? "any")  (--backend \(offer.name)@X.Y.Z)")
                }
            }
            for shadowed in found.shadowed {
                print("Shadowed: \(shadowed.path) — plugin '\(shadowed.name)' already loaded from \(shadowed.by)")
            }
            if !found.rejected.isEmpty {
                print("Rejected:")
                for rejected in found.rejected {
                    print("  \(rejected.path)")
                    for error in rejected.errors { print("    \(error)") }
                }
                throw ExitCode(65)
            }
        }
    }
}
