/// The probes a run can use, in execution order, plus the version detector.
public struct ProbeRegistry: Sendable {
    /// Probes sorted by phase; registration order breaks ties.
    public private(set) var probes: [any Probe]
    public var detector: any VersionDetector

    public init(probes: [any Probe], detector: any VersionDetector) {
        self.probes = probes.enumerated().sorted {
            ($0.element.descriptor.phase, $0.offset) < ($1.element.descriptor.phase, $1.offset)
        }.map(\.element)
        self.detector = detector
    }

    /// Every probe's descriptor, in execution order.
    public var descriptors: [ProbeDescriptor] { probes.map(\.descriptor) }

    /// All probe ids, including those the version detector reports (detection, profile coverage).
    public var knownIDs: Set<String> { Set(descriptors.map(\.id)).union(detector.reportedIDs) }

    /// Adds probes (for example from external plugins), keeping phase order.
    public func adding(_ extra: [any Probe]) -> ProbeRegistry { ProbeRegistry(probes: probes + extra, detector: detector) }
}
