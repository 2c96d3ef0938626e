/// The fastest a run can possibly be: every request of one target waits for the previous one, so a
/// target needs at least (its request count × the injected latency), and with `concurrency` slots the
/// targets go in ⌈N / concurrency⌉ waves.
///
/// The chain length is measured, not assumed: the longest per-target request count of the run
/// (counted by ``CountingTransport``), so a probe that sends one more request moves the bound with it.
struct CriticalPathBound: Hashable, Sendable {
    /// Requests of the longest chain (the target that sent the most).
    var chainLength: Int
    /// Injected latency per request, in seconds.
    var latency: Double
    var targets: Int
    var concurrency: Int

    init(chainLength: Int, latency: Double, targets: Int, concurrency: Int) {
        self.chainLength = max(0, chainLength)
        self.latency = max(0, latency)
        self.targets = max(0, targets)
        self.concurrency = max(1, concurrency)
    }

    /// From the requests each target sent (target name → count).
    init(requestsPerTarget: [String: Int], latency: Double, targets: Int? = nil, concurrency: Int) {
        self.init(
            chainLength: requestsPerTarget.values.max() ?? 0, latency: latency,
            targets: targets ?? requestsPerTarget.count, concurrency: concurrency)
    }

    /// ⌈targets / concurrency⌉: how many rounds of targets the run needs at least.
    var waves: Int { targets == 0 ? 0 : (targets + concurrency - 1) / concurrency }

    /// Seconds one target needs at least: chain length × latency.
    var perTarget: Double { Double(chainLength) * latency }

    /// Seconds the whole run needs at least: per-target bound × waves.
    var total: Double { perTarget * Double(waves) }

    /// wall / total; `nil` when the bound is zero (no latency injected, or no requests).
    func ratio(wall: Double) -> Double? { total > 0 ? wall / total : nil }
}
