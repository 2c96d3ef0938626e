import AuthCheckCore
import AuthCheckPlugins

/// `profiles draft --client`: reads one cvat-sdk / cvat-cli release's facts from its installed code
/// (``ClientFactsReader``) and drafts its client profile — placed among the profiles of that client,
/// holding only what differs from the profile it extends, with a todo line for each underived fact.
public struct ClientProfileDrafting: Sendable {
    /// `cvat-sdk` or `cvat-cli`.
    public var client: String
    public var version: CVATVersion
    public var catalog: ProfileCatalog
    /// The catalog's files (to narrow a covering profile's range).
    public var sources: [ProfileSource]
    /// The profile to extend instead of the nearest.
    public var extends: String?
    /// The day written in `source:` (`YYYY-MM-DD`).
    public var date: String
    /// Where `backends/` is; `nil`: found as plugin discovery finds it.
    public var backends: BundledBackends?

    public init(
        client: String, version: CVATVersion, catalog: ProfileCatalog, sources: [ProfileSource], extends: String?, date: String,
        backends: BundledBackends? = nil
    ) {
        self.client = client
        self.version = version
        self.catalog = catalog
        self.sources = sources
        self.extends = extends
        self.date = date
        self.backends = backends
    }

    /// Installs (or reuses) the release, reads its facts and drafts the profile.
    public func draft() async throws -> DraftResult {
        let placement: DraftPlacement
        do { placement = try DraftPlacement.client(client, version, in: catalog, extends: extends) } catch {
            throw DraftFailure(description: error.description, isUsage: error.isChoice)
        }
        let facts = try await ClientFactsReader.read(client: client, version: version, backends: backends)
        return Self.draft(facts, placement: placement, catalog: catalog, sources: sources, date: date)
    }

    /// The draft of `facts` at `placement` (no process started; for tests and for ``draft()``).
    public static func draft(
        _ facts: ObservedClientFacts, placement: DraftPlacement, catalog: ProfileCatalog, sources: [ProfileSource], date: String
    ) -> DraftResult {
        let todo = ObservedClientFacts.factPaths.compactMap { path in facts.underived[path].map { "\(path): not derived — \($0)" } }
        let evidence = ObservedClientFacts.factPaths.compactMap { path in facts.evidence[path].map { "\(path): \($0)" } }
        return DraftResult.assemble(
            observed(facts), placement: placement, catalog: catalog, sources: sources,
            source: "read from the installed \(facts.client) \(facts.version) package on \(date)", todo: todo, evidence: evidence,
            version: facts.version)
    }

    /// The derived facts in the shape of a client profile file.
    static func observed(_ facts: ObservedClientFacts) -> DraftNode {
        var entries: [DraftEntry] = []
        if let fields = facts.aboutFields { entries.append(DraftEntry("about_fields", .list(fields))) }
        if let window = facts.versionWindow { entries.append(DraftEntry("version_window", .integer(window))) }
        var password: [DraftEntry] = []
        if let cookies = facts.assertsCookies { password.append(DraftEntry("asserts_cookies", .list(cookies))) }
        if let parser = facts.cookieParser { password.append(DraftEntry("cookie_parser", .string(parser))) }
        if let with = facts.authenticatesWith { password.append(DraftEntry("authenticates_with", .string(with))) }
        if let origin = facts.sendsOrigin { password.append(DraftEntry("sends_origin", .boolean(origin))) }
        if !password.isEmpty { entries.append(DraftEntry("password", .mapping(password))) }
        var token: [DraftEntry] = []
        if let supported = facts.accessTokenSupported {
            token.append(DraftEntry("supported", .boolean(supported)))
            if supported, let scheme = facts.accessTokenScheme {
                token.append(DraftEntry("scheme", .string(scheme)))
            } else if !supported {
                token.append(DraftEntry("scheme", .removed))
            }
        }
        if !token.isEmpty { entries.append(DraftEntry("access_token", .mapping(token))) }
        return .mapping(entries)
    }
}
