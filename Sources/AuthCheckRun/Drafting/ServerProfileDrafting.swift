import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbes
import Foundation

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
        let host = target.url.host ?? target.name
        return DraftResult.assemble(
            observed.facts, placement: placement, catalog: catalog, sources: sources,
            source: "observed on \(host) \(date) (CVAT \(observed.version))", todo: observed.todo, evidence: observed.evidence,
            version: observed.version)
    }
}
