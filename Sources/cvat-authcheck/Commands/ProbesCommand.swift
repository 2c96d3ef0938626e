import ArgumentParser
import AuthCheckCore
import AuthCheckProbes

/// `cvat-authcheck probes list`: the probe catalogue with stable ids.
struct ProbesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probes", abstract: "List the probes.", subcommands: [List.self], defaultSubcommand: List.self)

    /// `probes list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every probe id, its phase and what it checks.")

        func run() async throws {
            let descriptors = BuiltInProbes.registry.descriptors
            let idWidth = max(24, (descriptors.map(\.id.count).max() ?? 0) + 2)
            print(
                "ID".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "PHASE".padding(toLength: 15, withPad: " ", startingAt: 0) + "SUMMARY")
            let runnerOwned: [(String, String)] = [
                ("about.version", "Detects the server version (about, or fingerprints when blocked)"),
                ("matrix.stale", "Checks that a profile covers the detected server version"),
            ]
            for (id, summary) in runnerOwned where !descriptors.contains(where: { $0.id == id }) {
                print(
                    id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "discovery".padding(toLength: 15, withPad: " ", startingAt: 0)
                        + summary)
            }
            for descriptor in descriptors {
                print(
                    descriptor.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                        + "\(descriptor.phase)".padding(toLength: 15, withPad: " ", startingAt: 0) + descriptor.summary)
            }
        }
    }
}
