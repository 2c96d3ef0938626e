import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbes
import Foundation
import Yams

/// `profiles draft --target`: observes one live server and drafts the profile of its release line —
/// placed among the catalog's profiles (``DraftPlacement``), holding only what differs from the
/// profile it extends, and checked by loading it over the catalog as `profiles check` would.
public struct ServerProfileDrafting: Sendable {
    public var target: Target
    public var credentials: ResolvedCredentials
    public var catalog: ProfileCatalog
    /// The catalog's files (to narrow a covering profile's range).
    public var sources: [ProfileSource]
    public var redactor: Redactor
    public var requestTimeout: Double
    /// Observe logout (see ``ServerObserver/observesLogout``).
    public var observesLogout: Bool
    /// The profile to extend instead of the nearest.
    public var extends: String?
    /// The day written in `source:` (`YYYY-MM-DD`).
    public var date: String

    public init(
        target: Target, credentials: ResolvedCredentials, catalog: ProfileCatalog, sources: [ProfileSource], redactor: Redactor,
        requestTimeout: Double, observesLogout: Bool, extends: String?, date: String
    ) {
        self.target = target
        self.credentials = credentials
        self.catalog = catalog
        self.sources = sources
        self.redactor = redactor
        self.requestTimeout = requestTimeout
        self.observesLogout = observesLogout
        self.extends = extends
        self.date = date
    }

    /// Observes the server and drafts the profile.
    public func draft() async throws -> DraftResult {
        let pool = HTTPClientPool(
            configuration: HTTPTransportConfiguration(timeout: requestTimeout, userAgent: "cvat-authcheck/\(ToolVersion.current)"))
        do {
            let result = try await draft(transport: try pool.transport(for: target))
            await pool.shutdown()
            return result
        } catch {
            await pool.shutdown()
            throw error
        }
    }

    private func draft(transport: any HTTPTransport) async throws -> DraftResult {
        var observer = ServerObserver(
            target: target, credentials: credentials, transport: transport, redactor: redactor, base: nil, observesLogout: observesLogout,
            serverVersion: target.pinnedVersion)
        let version = try await observer.version()
        let placement: DraftPlacement
        do { placement = try DraftPlacement.server(version, in: catalog, extends: extends) } catch {
            throw DraftFailure(description: error.description, isUsage: error.isChoice)
        }
        let base = placement.extends.flatMap { catalog.server(id: $0) }
        observer.base = base?.profile
        if placement.extends == nil { observer.replaced = catalog.server(id: placement.id)?.profile }
        let observed = try await observer.observe()
        let baseNode = placement.extends.flatMap { catalog.mergedYAML(id: $0) }.flatMap { try? Yams.compose(yaml: $0) }
        let differences = DraftDifference.of(observed.facts, from: baseNode)
        let host = target.url.host ?? target.name
        let draft = ProfileDraft(
            placement: placement, source: "observed on \(host) \(date) (CVAT \(observed.version))", facts: differences,
            todo: (placement.summary == nil ? ["summary: say in one line what changed in this release line"] : []) + observed.todo)
        return DraftResult(
            draft: draft, changes: differences.map { DraftDifference.lines($0, base: baseNode) } ?? [], evidence: observed.evidence,
            narrowedFile: DraftResult.narrowedFile(placement, in: sources), observedVersion: observed.version)
    }

}

/// What a draft produced: the profile, its differences from the extended profile (one line each), the
/// observations behind them, and the covering profile's narrowed file when the draft splits a line.
public struct DraftResult: Sendable {
    public var draft: ProfileDraft
    /// `~ auth.token.state: deprecated → removed` lines.
    public var changes: [String]
    /// One line per observation.
    public var evidence: [String]
    /// The covering profile, its range narrowed, to be written next to the draft.
    public var narrowedFile: ProfileSource?
    /// The release the facts were read from.
    public var observedVersion: CVATVersion

    public init(draft: ProfileDraft, changes: [String], evidence: [String], narrowedFile: ProfileSource?, observedVersion: CVATVersion) {
        self.draft = draft
        self.changes = changes
        self.evidence = evidence
        self.narrowedFile = narrowedFile
        self.observedVersion = observedVersion
    }

    /// `true` when the release lies inside another line's range and differs from it in nothing: that
    /// line already describes it, and splitting it would only add a file.
    public var isRedundant: Bool { draft.placement.narrowed != nil && draft.facts == nil }

    /// The covering profile's file with its range ending below the draft, when the draft splits it.
    static func narrowedFile(_ placement: DraftPlacement, in sources: [ProfileSource]) -> ProfileSource? {
        guard let narrowing = placement.narrowed, let source = sources.first(where: { $0.path == narrowing.file }) else { return nil }
        return narrow(source, to: narrowing.versions)
    }

    /// A profile file with its `versions:` line replaced.
    static func narrow(_ source: ProfileSource, to versions: VersionRange) -> ProfileSource {
        let lines = source.text.components(separatedBy: "\n").map { line in
            line.hasPrefix("versions:") ? "versions: \"\(versions)\"" : line
        }
        return ProfileSource(path: source.path, text: lines.joined(separator: "\n"), isOverlay: true)
    }
}

/// Why a draft could not be made.
public struct DraftFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// `true` when the caller's choice (the profile to extend) is the problem, not the server or release.
    public var isUsage: Bool
    public init(description: String, isUsage: Bool = false) {
        self.description = description
        self.isUsage = isUsage
    }
}
