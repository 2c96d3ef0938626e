import Foundation

/// Everything one run decided, as data. Every report format is rendered from it, and two records can be diffed.
///
/// The JSON form is versioned by ``schema`` (`cvat-authcheck/run-record@1`); see `docs/REPORTS.md`.
public struct RunRecord: Hashable, Sendable, Codable {
    /// The schema identifier written into every record.
    public static let currentSchema = "cvat-authcheck/run-record@1"

    public var schema: String
    /// The tool version that produced the record.
    public var toolVersion: String
    public var startedAt: Date
    public var finishedAt: Date
    /// `true` when the run was cut short (SIGINT/SIGTERM); unfinished probes are `error` "interrupted".
    public var interrupted: Bool
    /// One suite per target × backend, in plan order.
    public var suites: [SuiteRecord]

    public init(
        toolVersion: String, startedAt: Date, finishedAt: Date, interrupted: Bool = false, suites: [SuiteRecord]
    ) {
        self.schema = Self.currentSchema
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.interrupted = interrupted
        self.suites = suites
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case toolVersion = "tool_version"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case interrupted, suites
    }

    /// All outcomes of all suites.
    public var outcomes: [Outcome] { suites.flatMap(\.outcomes) }

    /// Counts per status over the whole run.
    public var counts: [OutcomeStatus: Int] {
        outcomes.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }
}

/// The outcomes of one target checked through one backend.
public struct SuiteRecord: Hashable, Sendable, Codable {
    /// The target's name.
    public var target: String
    /// The target's base URL (never with credentials in it).
    public var url: String
    /// The host name (JUnit `hostname`).
    public var hostname: String
    /// `native`, or a real client such as `cvat-sdk@2.24.0`.
    public var backend: BackendSpec
    /// The detected (or pinned) server version, if known.
    public var serverVersion: String?
    /// How the version was learnt: `about`, `pinned`, `fingerprint: …`, or `unknown`.
    public var versionSource: String?
    /// The server profile behind every verdict in this suite.
    public var profile: ProfileReference?
    /// `true` when TLS verification was disabled for this target (the target's `tls.insecure`).
    public var insecureTLS: Bool
    /// Transport retries spent on this suite.
    public var retries: Int
    public var startedAt: Date
    /// Seconds the suite took.
    public var duration: Double
    public var outcomes: [Outcome]
    /// Extra properties (tags, organization, …) carried into reports.
    public var properties: [String: String]

    public init(
        target: String, url: String, hostname: String, backend: BackendSpec = .native, serverVersion: String? = nil,
        versionSource: String? = nil, profile: ProfileReference? = nil, insecureTLS: Bool = false, retries: Int = 0,
        startedAt: Date, duration: Double = 0, outcomes: [Outcome] = [], properties: [String: String] = [:]
    ) {
        self.target = target
        self.url = url
        self.hostname = hostname
        self.backend = backend
        self.serverVersion = serverVersion
        self.versionSource = versionSource
        self.profile = profile
        self.insecureTLS = insecureTLS
        self.retries = retries
        self.startedAt = startedAt
        self.duration = duration
        self.outcomes = outcomes
        self.properties = properties
    }

    enum CodingKeys: String, CodingKey {
        case target, url, hostname, backend
        case serverVersion = "server_version"
        case versionSource = "version_source"
        case profile
        case insecureTLS = "insecure_tls"
        case retries
        case startedAt = "started_at"
        case duration, outcomes, properties
    }

    /// Counts per status in this suite.
    public var counts: [OutcomeStatus: Int] { outcomes.reduce(into: [:]) { $0[$1.status, default: 0] += 1 } }

    /// The suite as reports name it: the target, with the backend in brackets when it is not native
    /// (`staging [cvat-sdk@2.24.0]`).
    public var label: String { backend.isNative ? target : "\(target) [\(backend)]" }
}

/// Names the profile file (and its content) a verdict came from.
public struct ProfileReference: Hashable, Sendable, Codable {
    /// The profile id (`cvat-2.48`).
    public var id: String
    /// The file as a repository path (`matrices/servers/cvat-2.48.yaml`) or the overlay path given by the user.
    public var file: String
    /// SHA-256 of the file's bytes, hex.
    public var sha256: String
    /// The inheritance chain, newest first (`cvat-2.48 → cvat-2.46 → …`).
    public var chain: [String]

    public init(id: String, file: String, sha256: String, chain: [String] = []) {
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.chain = chain
    }
}

extension SuiteRecord {
    /// The suite without its exchanges (what a run record keeps in memory once the complete suite is
    /// spooled to disk): every verdict, message, cause and fact stays.
    public var withoutEvidence: SuiteRecord {
        var copy = self
        for index in copy.outcomes.indices where !copy.outcomes[index].evidence.isEmpty {
            copy.outcomes[index].evidence = []
        }
        return copy
    }
}
