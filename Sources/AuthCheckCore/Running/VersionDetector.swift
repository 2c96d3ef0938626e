/// How the server version was determined, with the outcomes that report it (`about.version`).
public struct VersionDetection: Sendable {
    /// The detected version; `nil` when nothing could decide it.
    public var version: CVATVersion?
    /// `about`, `pinned`, or `fingerprint: <evidence>`.
    public var source: String
    /// The `about.version` outcome(s) with their evidence.
    public var outcomes: [Outcome]

    public init(version: CVATVersion?, source: String, outcomes: [Outcome]) {
        self.version = version
        self.source = source
        self.outcomes = outcomes
    }
}

/// Detects a target's CVAT version (normally `GET /api/server/about`, with fingerprints as a fallback).
/// Implemented in the probe layer; the runner calls it before it chooses a profile.
public protocol VersionDetector: Sendable {
    func detect(target: Target, transport: any HTTPTransport, redactor: Redactor, catalog: ProfileCatalog) async throws -> VersionDetection
}
