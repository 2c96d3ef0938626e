/// When a probe runs relative to the others; probes run in phase order within a target because
/// some are destructive to shared state (logout deletes the user's legacy token).
public enum ProbePhase: Int, Hashable, Sendable, Codable, Comparable, CaseIterable {
    /// Version detection and server facts.
    case discovery = 0
    /// Anonymous requests (no credentials, or wrong ones).
    case anonymous = 10
    /// Password login.
    case login = 20
    /// Requests that reuse the login (its token, session and cookies, Basic auth, URL signing).
    case authenticated = 30
    /// Personal access tokens (create, use, revoke).
    case accessTokens = 40
    /// Logout and what it invalidates; always after everything that needs the login.
    case logout = 80
    /// Analysis over earlier evidence, no requests of its own (proxy diagnosis, client predictions).
    case analysis = 90

    public static func < (lhs: ProbePhase, rhs: ProbePhase) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Describes a probe: stable id, one-line summary, phase.
public struct ProbeDescriptor: Hashable, Sendable, Codable {
    /// Stable dotted id (`access-token.lifecycle`).
    public var id: String
    /// One line for `probes list`.
    public var summary: String
    public var phase: ProbePhase
    /// Whether the probe needs the probe account's credentials.
    public var needsCredentials: Bool

    public init(id: String, summary: String, phase: ProbePhase, needsCredentials: Bool = true) {
        self.id = id
        self.summary = summary
        self.phase = phase
        self.needsCredentials = needsCredentials
    }

    /// The family: the id up to the first dot.
    public var family: String { String(id.split(separator: ".").first ?? Substring(id)) }
}

/// A check run against one target. Built-in probes are Swift types in `AuthCheckProbes`;
/// external plugins are wrapped as probes too.
public protocol Probe: Sendable {
    var descriptor: ProbeDescriptor { get }
    /// Runs the probe; deviations are outcomes, never throws. A thrown error (transport failure,
    /// deadline) becomes an `error` outcome named after the probe.
    func run(in context: ProbeContext) async throws -> [Outcome]
}
