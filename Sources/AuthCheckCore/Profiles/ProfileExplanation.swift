/// Why a CVAT version gets the expectations it gets: the file that applies, its inheritance chain
/// and the merged profile (`cvat-authcheck profiles explain VERSION`).
public struct ProfileExplanation: Sendable, Codable, Hashable {
    /// One profile of the inheritance chain.
    public struct Link: Sendable, Codable, Hashable {
        public var id: String
        public var versions: String
        /// Repository path for the embedded copy (`matrices/servers/cvat-2.48.yaml`), or the overlay path.
        public var file: String
        public var isOverlay: Bool
        /// What changed in this line.
        public var summary: String?
        /// The changelog entry or observation the line rests on.
        public var source: String?
    }

    /// The version asked about, as parsed.
    public var version: CVATVersion
    /// `true` when no profile contains the version and the newest one is used ("matrix stale").
    public var isStale: Bool
    /// The profile that applies, leaf first, then its ancestors to the root.
    public var chain: [Link]
    /// SHA-256 of the leaf file, as recorded in reports.
    public var sha256: String
    /// The merged expectations.
    public var profile: ServerProfile

    /// The leaf: the file that applies.
    public var applied: Link { chain[0] }
}

extension ProfileCatalog {
    /// Explains which server profile applies to `version`; `nil` when the version is older than every profile.
    public func explain(_ version: CVATVersion) -> ProfileExplanation? {
        guard let resolution = ProfileResolver(catalog: self).resolve(version) else { return nil }
        let leaf = resolution.profile
        let links = zip(leaf.reference.chain, leaf.chainFiles).map { id, file -> ProfileExplanation.Link in
            let member = server(id: id)
            return ProfileExplanation.Link(
                id: id, versions: member?.profile.versions.description ?? "", file: file, isOverlay: member?.isOverlay ?? false,
                summary: member?.profile.summary, source: member?.profile.source)
        }
        return ProfileExplanation(version: version, isStale: resolution.isStale, chain: links, sha256: leaf.reference.sha256, profile: leaf.profile)
    }
}
