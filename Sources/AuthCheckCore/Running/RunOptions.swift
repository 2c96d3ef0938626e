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
        func matches(_ pattern: String) -> Bool { id == pattern || id.hasPrefix(pattern + ".") }
        if skipProbes.contains(where: matches) { return false }
        return onlyProbes.isEmpty || onlyProbes.contains(where: matches)
    }
}
