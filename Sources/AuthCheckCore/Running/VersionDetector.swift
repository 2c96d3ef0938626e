import Foundation

/// How the server version was determined, with the outcomes that report it (`about.version`).
public struct VersionDetection: Sendable {
    /// The detected version; `nil` when nothing could decide it.
    public var version: CVATVersion?
    /// `about`, `pinned`, or `fingerprint: <evidence>`.
    public var source: String
    /// The `about.version` outcome(s) with their evidence.
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

/// Detects a target's CVAT version (normally `GET /api/server/about`, with fingerprints as a fallback).
/// Implemented in the probe layer; the runner calls it before it chooses a profile.
public protocol VersionDetector: Sendable {
    func detect(target: Target, transport: any HTTPTransport, redactor: Redactor, catalog: ProfileCatalog) async throws -> VersionDetection
}
