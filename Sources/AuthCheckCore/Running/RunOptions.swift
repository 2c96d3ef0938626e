/// How a run behaves: limits, timeouts and selection. Defaults are the CLI's defaults.
public struct RunOptions: Hashable, Sendable {
    /// Targets checked at once. Default 8.
    public var concurrency: Int
    /// Seconds allowed for one HTTP request. Default 10.
    public var requestTimeout: Double
    /// Seconds allowed for one whole target. Default 120.
    public var targetDeadline: Double
    /// Extra attempts for transport failures of idempotent requests (never for auth verdicts). Default 1.
    public var transportRetries: Int
    /// Only probes whose id or family matches one of these (empty: all).
    public var onlyProbes: [String]
    /// Probes to leave out (reported as skipped "filtered").
    public var skipProbes: [String]
    /// The tool version, written into records.
    public var toolVersion: String

    public init(
        concurrency: Int = 8, requestTimeout: Double = 10, targetDeadline: Double = 120, transportRetries: Int = 1,
        onlyProbes: [String] = [], skipProbes: [String] = [], toolVersion: String = "dev"
    ) {
        self.concurrency = concurrency
        self.requestTimeout = requestTimeout
        self.targetDeadline = targetDeadline
        self.transportRetries = transportRetries
        self.onlyProbes = onlyProbes
        self.skipProbes = skipProbes
        self.toolVersion = toolVersion
    }

    /// Whether a probe id is selected by ``onlyProbes`` and ``skipProbes``.
    public func selects(_ id: String) -> Bool {
        if skipProbes.contains(where: { Self.pattern($0, matches: id) }) { return false }
        return onlyProbes.isEmpty || onlyProbes.contains { Self.pattern($0, matches: id) }
    }

    /// A selection entry that names no probe: the entry, whether it came from ``skipProbes``, and the
    /// closest id or family, if one is close.
    public struct UnknownSelection: Hashable, Sendable {
        public var pattern: String
        public var skipping: Bool
        public var suggestion: String?
    }

    /// The entries of ``onlyProbes`` and ``skipProbes`` that match none of `ids` (an id, or a family:
    /// a dotted prefix such as `login` or `access-token`), each with a suggestion.
    public func unknownSelections(among ids: Set<String>) -> [UnknownSelection] {
        let families = Set(
            ids.flatMap { id in
                let parts = id.split(separator: ".")
                return (1..<max(parts.count, 1)).map { parts.prefix($0).joined(separator: ".") }
            })
        let entries = onlyProbes.map { ($0, false) } + skipProbes.map { ($0, true) }
        return entries.filter { pattern, _ in !ids.contains { Self.pattern(pattern, matches: $0) } }.map { pattern, skipping in
            UnknownSelection(
                pattern: pattern, skipping: skipping, suggestion: DidYouMean.suggestion(for: pattern, among: ids.union(families).sorted()))
        }
    }

    private static func pattern(_ pattern: String, matches id: String) -> Bool { id == pattern || id.hasPrefix(pattern + ".") }
}
