import Foundation

/// The result of `profiles check` (and of the `check-matrices` plugin): every diagnostic plus counts,
/// rendered as compiler-style text or as JSON.
public struct ProfileCheckReport: Sendable, Codable, Hashable {
    /// Profile files read.
    public var files: Int
    /// Server profiles that resolved.
    public var servers: Int
    /// Client profiles that resolved.
    public var clients: Int
    /// Number of error diagnostics.
    public var errors: Int
    /// Number of warning diagnostics.
    public var warnings: Int
    /// Every finding, in the order found (file by file).
    public var diagnostics: [Diagnostic]

    public init(catalog: ProfileCatalog, files: Int) {
        self.files = files
        servers = catalog.servers.count
        clients = catalog.clients.count
        diagnostics = catalog.diagnostics
        errors = catalog.diagnostics.filter { $0.severity == .error }.count
        warnings = catalog.diagnostics.filter { $0.severity == .warning }.count
    }

    /// `true` when the check found no error (warnings allowed).
    public var passed: Bool { errors == 0 }

    /// The exit status for the check: 0, or 65 (invalid data) when any error was found.
    public var exitStatus: Int32 { passed ? 0 : 65 }

    /// `file:line:column: error: message (hint)` lines, then a one-line summary.
    public var text: String {
        let summary =
            "\(files) files, \(servers) server profiles, \(clients) client profiles: "
            + "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
        return (diagnostics.map(\.description) + [summary]).joined(separator: "\n")
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
