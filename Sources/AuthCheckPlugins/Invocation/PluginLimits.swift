/// Limits on one plugin invocation. Going over any of them kills the plugin.
public struct PluginLimits: Hashable, Sendable {
    /// Bytes of stdout accepted in total. Default 1 MiB.
    public var maxOutputBytes: Int
    /// Bytes in one stdout line. Default 256 KiB.
    public var maxLineBytes: Int
    /// Outcome messages accepted from one run. Default 500.
    public var maxOutcomes: Int
    /// Bytes of stderr kept (the tail) for error outcomes. Default 4 KiB.
    public var stderrTailBytes: Int
    /// Seconds between SIGTERM and SIGKILL, and allowed after exit for the pipes to close. Default 1.
    public var killGrace: Double

    public init(
        maxOutputBytes: Int = 1 << 20, maxLineBytes: Int = 256 << 10, maxOutcomes: Int = 500, stderrTailBytes: Int = 4096, killGrace: Double = 1
    ) {
        self.maxOutputBytes = maxOutputBytes
        self.maxLineBytes = maxLineBytes
        self.maxOutcomes = maxOutcomes
        self.stderrTailBytes = stderrTailBytes
        self.killGrace = killGrace
    }
}

extension PluginLimits {
    /// The part of the limits the process supervisor enforces.
    var supervision: SupervisionLimits {
        SupervisionLimits(killGrace: killGrace, stderrTailBytes: stderrTailBytes)
    }
}
