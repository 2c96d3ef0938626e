import Foundation

/// How the server version was determined, with the outcomes that report it (the detector's own probe id).
public struct VersionDetection: Sendable {
    /// The detected version; `nil` when nothing could decide it.
    public var version: CVATVersion?
    /// `about`, `pinned`, or `fingerprint: <evidence>`.
    public var source: String
    /// The detector's outcome(s) with their evidence.
    public var outcomes: [Outcome]
    /// Where the target's URL redirects every request to (its https form), when it does. The runner then
    /// checks that URL if the target allows following (``Target/followHTTPSRedirect``), and otherwise
    /// runs only the analysis probes, which say what the redirect means for clients.
    public var movedTo: URL?

    public init(version: CVATVersion?, source: String, outcomes: [Outcome], movedTo: URL? = nil) {
        self.version = version
        self.source = source
        self.outcomes = outcomes
        self.movedTo = movedTo
    }
}

/// Detects a target's CVAT version (normally `GET /api/server/about`, with fingerprints as a fallback)
/// and says whether a profile covers it. Implemented in the probe layer, which owns the ids of these
/// outcomes; the runner calls it before it chooses a profile.
public protocol VersionDetector: Sendable {
    /// The probe id of the detection outcome (and of the runner's stand-ins for it: interrupted, not run).
    var probeID: String { get }
    /// Every probe id the detector reports (detection and profile coverage).
    var reportedIDs: Set<String> { get }
    func detect(target: Target, transport: any HTTPTransport, redactor: Redactor, catalog: ProfileCatalog) async throws -> VersionDetection
    /// The outcome that says which profile covers `version` — or that the newest one had to be used
    /// (the matrix is stale), or that none does (`resolution` is `nil`).
    func coverage(of version: CVATVersion, resolution: ProfileResolver.Resolution?, catalog: ProfileCatalog) -> Outcome
    /// The same for one target, so a remedy can name what to run against it; by default the outcome above.
    func coverage(of version: CVATVersion, resolution: ProfileResolver.Resolution?, catalog: ProfileCatalog, target: Target) -> Outcome
}

extension VersionDetector {
    public func coverage(of version: CVATVersion, resolution: ProfileResolver.Resolution?, catalog: ProfileCatalog, target: Target) -> Outcome {
        coverage(of: version, resolution: resolution, catalog: catalog)
    }
}
