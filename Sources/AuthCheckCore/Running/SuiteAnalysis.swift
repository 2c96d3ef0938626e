/// Looks at one target's finished suites together — one per backend — and returns them, possibly with
/// outcomes added. The runner applies every analysis it was given as soon as a target is done; the
/// CLI wires them (the probe layer's prediction check compares the typed client predictions with what a
/// real client backend did). The core knows no analysis by name.
public protocol SuiteAnalysis: Sendable {
    /// The target's suites, in backend order; returns them in the same order.
    func analyse(_ suites: [SuiteRecord]) -> [SuiteRecord]
}
