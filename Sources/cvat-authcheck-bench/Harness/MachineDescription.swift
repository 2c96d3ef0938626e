import AuthCheckRun
import Foundation

/// The machine the figures were measured on.
struct MachineDescription {
    var processors: Int
    var memoryBytes: UInt64
    var system: String
    var build: String

    static var current: MachineDescription {
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
            .map { $0.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        #if DEBUG
        let build = "debug build (figures are not representative; use -c release)"
        #else
        let build = "release build"
        #endif
        return MachineDescription(
            processors: ProcessInfo.processInfo.activeProcessorCount, memoryBytes: ProcessInfo.processInfo.physicalMemory,
            system: release ?? ProcessInfo.processInfo.operatingSystemVersionString, build: build)
    }

    func render() -> String {
        "# cvat-authcheck bench\n\nMachine: \(processors) cores, \(Spread.decimal(Double(memoryBytes) / 1_073_741_824, 1)) GiB memory, \(system); cvat-authcheck \(ToolVersion.current), \(build)."
    }
}
