import AuthCheckCore

/// Client release lines (`cvat-sdk 2.24–2.29`, or one release `cvat-sdk 2.41.0`) ordered by client and
/// release, and runs of adjacent lines merged into one range (`cvat-sdk 2.24–2.35`), so a cause that
/// breaks ten lines names two ranges.
enum ClientLineRuns {
    /// A line split into its client and the bounds of its releases.
    struct Parsed {
        var client: String
        var low: String
        var high: String
        var lowVersion: CVATVersion
    }

    /// `cvat-sdk 2.24–2.29` → (`cvat-sdk`, `2.24`, `2.29`); `cvat-sdk 2.41.0` → (`cvat-sdk`, `2.41.0`, `2.41.0`).
    static func parse(_ line: String) -> Parsed? {
        guard let space = line.lastIndex(of: " ") else { return nil }
        let client = String(line[..<space])
        let bounds = line[line.index(after: space)...].split(separator: "–", omittingEmptySubsequences: false).map(String.init)
        guard !client.isEmpty, bounds.count == 1 || bounds.count == 2, let low = bounds.first, let version = CVATVersion(low) else { return nil }
        return Parsed(client: client, low: low, high: bounds.last ?? low, lowVersion: version)
    }

    /// `lines` by client, then by first release; lines that do not parse keep their order at the end.
    static func sorted(_ lines: [String]) -> [String] {
        let parsed = lines.map { ($0, parse($0)) }
        let known = parsed.compactMap { line, parsed in parsed.map { (line, $0) } }
            .sorted { ($0.1.client, $0.1.lowVersion) < ($1.1.client, $1.1.lowVersion) }
        return known.map(\.0) + parsed.filter { $0.1 == nil }.map(\.0)
    }

    /// `lines` in the order of `known`, each run of lines adjacent in `known` (same client) merged into
    /// `client first-low–last-high`; lines not in `known` follow unchanged.
    static func merge(_ lines: [String], known: [String]) -> [String] {
        let wanted = Set(lines)
        let ordered = known.filter { wanted.contains($0) }
        var result: [String] = []
        var run: [Parsed] = []
        var previousIndex = -2
        func flush() {
            guard let first = run.first, let last = run.last else { return }
            result.append(run.count == 1 && first.low == first.high ? "\(first.client) \(first.low)" : "\(first.client) \(first.low)–\(last.high)")
            run = []
        }
        for line in ordered {
            guard let index = known.firstIndex(of: line), let parsed = parse(line) else {
                flush()
                result.append(line)
                continue
            }
            if index != previousIndex + 1 || run.last?.client != parsed.client { flush() }
            run.append(parsed)
            previousIndex = index
        }
        flush()
        return result + lines.filter { !known.contains($0) }
    }
}
