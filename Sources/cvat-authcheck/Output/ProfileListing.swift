import AuthCheckCore
import Foundation

/// Text and JSON views of the profile catalog for `profiles list|show|explain`.
enum ProfileListing {
    /// One row of `profiles list`.
    struct Row: Codable, Hashable {
        var kind: String
        var id: String
        var versions: String
        var file: String
        var overlay: Bool
        var extends: String?
        var summary: String
    }

    static func rows(_ catalog: ProfileCatalog) -> [Row] {
        catalog.servers.map {
            Row(
                kind: "server", id: $0.profile.id, versions: $0.profile.versions.description, file: $0.reference.file,
                overlay: $0.isOverlay, extends: $0.profile.extends, summary: $0.profile.summary ?? "")
        }
            + catalog.clients.map {
                Row(
                    kind: $0.profile.client, id: $0.profile.id, versions: $0.profile.versions.description, file: $0.reference.file,
                    overlay: $0.isOverlay, extends: $0.profile.extends, summary: $0.profile.summary ?? "")
            }
    }

    static func table(_ rows: [Row]) -> String {
        let idWidth = (rows.map(\.id.count).max() ?? 2) + 2
        let rangeWidth = (rows.map(\.versions.count).max() ?? 5) + 2
        let fileWidth = (rows.map { $0.file.count + ($0.overlay ? 10 : 0) }.max() ?? 4) + 2
        func line(_ id: String, _ range: String, _ file: String, _ summary: String) -> String {
            id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + range.padding(toLength: rangeWidth, withPad: " ", startingAt: 0)
                + file.padding(toLength: fileWidth, withPad: " ", startingAt: 0) + summary
        }
        var lines = [line("ID", "VERSIONS", "FILE", "WHAT CHANGED")]
        var kind = rows.first?.kind
        for row in rows {
            if row.kind != kind {
                lines.append("")
                kind = row.kind
            }
            lines.append(line(row.id, row.versions, row.file + (row.overlay ? " (overlay)" : ""), row.summary))
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ rows: [Row]) throws -> String { try encode(rows) }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func explanation(_ explanation: ProfileExplanation, mergedYAML: String) -> String {
        let applied = explanation.applied
        var lines: [String] = []
        if explanation.isStale {
            lines.append(
                "CVAT \(explanation.version): matrix stale — newer than every profile; the newest, \(applied.id) (\(applied.versions)), is used")
        } else {
            lines.append("CVAT \(explanation.version) → \(applied.id) (\(applied.versions))")
        }
        lines.append("file:   \(applied.file)\(applied.isOverlay ? " (overlay)" : "")  sha256 \(explanation.sha256)")
        lines.append("chain:  " + explanation.chain.map(\.id).joined(separator: " ← "))
        for link in explanation.chain {
            lines.append(
                "  \(link.id.padding(toLength: 12, withPad: " ", startingAt: 0)) \(link.versions.padding(toLength: 20, withPad: " ", startingAt: 0)) \(link.file)"
            )
            if let summary = link.summary { lines.append("      \(summary)") }
            if let source = link.source { lines.append("      source: \(source)") }
        }
        let profile = explanation.profile
        lines.append(
            "auth:   "
                + AuthMethod.allCases.map { method in
                    let expectation = profile.auth[method.rawValue]
                    return "\(method.rawValue) \(profile.state(of: method).rawValue)" + (expectation?.scheme.map { " (\($0))" } ?? "")
                }.joined(separator: ", "))
        if !profile.skip.isEmpty {
            lines.append("skip:   " + profile.skip.keys.sorted().map { "\($0) (\(profile.skip[$0] ?? ""))" }.joined(separator: "; "))
        }
        lines.append("merged expectations:")
        lines += mergedYAML.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  \($0)" }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
