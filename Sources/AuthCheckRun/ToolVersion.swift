import AuthCheckBuildInfo
import AuthCheckCore

/// The version of cvat-authcheck, written into every report and the HTTP User-Agent, and the longer
/// text `cvat-authcheck --version` prints.
public enum ToolVersion {
    /// The release number.
    public static let current = "0.1.0"

    /// The short hash of the commit the binary was built from; `nil` when it was built without git
    /// (a source tarball).
    public static var commit: String? { BuildCommit.short }

    /// What `--version` prints: the release and the commit (or "commit unknown"), then the CVAT
    /// releases and client lines `catalog` (the embedded profiles) covers.
    public static func report(catalog: ProfileCatalog) -> String {
        var lines = ["cvat-authcheck \(current) (\(commit.map { "commit \($0)" } ?? "commit unknown"))"]
        if let first = catalog.servers.first, let last = catalog.servers.last {
            let from = first.profile.versions.lowerBound.map { "\($0.version)" } ?? "any release"
            lines.append(
                "profiles: CVAT \(from) to \(newestCovered(last.profile.versions)) (\(catalog.servers.count) server profiles, "
                    + "\(first.profile.id) … \(last.profile.id)); a newer server is checked against \(last.profile.id) and reported as matrix.stale")
        }
        var clientLines: [String] = []
        for client in Array(Set(catalog.clients.map(\.profile.client))).sorted() {
            let ranges = catalog.clients.filter { $0.profile.client == client }.map(\.profile.versions)
            guard let low = ranges.compactMap({ $0.lowerBound?.version }).min() else { continue }
            let newest = ranges.contains { $0.upperBound == nil } ? nil : ranges.compactMap { newestLine($0) }.max()
            clientLines.append("\(client) \(low.line)–\(newest?.line ?? "newer")")
        }
        if !clientLines.isEmpty {
            lines.append("clients: \(clientLines.joined(separator: ", ")) (\(catalog.clients.count) client profiles)")
        }
        return lines.joined(separator: "\n")
    }

    /// `2.80.x` for `<2.81.0`, `2.80.3` for `<=2.80.3`, `newer` without an upper bound.
    static func newestCovered(_ range: VersionRange) -> String {
        guard let upper = range.upperBound else { return "any newer release" }
        if upper.inclusive { return "\(upper.version)" }
        return newestLine(range).map { "\($0.line).x" } ?? "below \(upper.version)"
    }

    /// The newest release line inside `range` (2.80.0 for `<2.81.0`), when its upper bound is a line's
    /// first release or inclusive.
    static func newestLine(_ range: VersionRange) -> CVATVersion? {
        guard let upper = range.upperBound else { return nil }
        if upper.inclusive { return CVATVersion(upper.version.major, upper.version.minor) }
        guard upper.version.patch == 0, upper.version.minor > 0 else { return nil }
        return CVATVersion(upper.version.major, upper.version.minor - 1)
    }
}
