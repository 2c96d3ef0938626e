/// Chooses the server profile for a detected version.
public struct ProfileResolver: Sendable {
    public let catalog: ProfileCatalog

    public init(catalog: ProfileCatalog) { self.catalog = catalog }

    /// The result of resolving a version.
    public struct Resolution: Sendable, Hashable {
        public var profile: ResolvedProfile<ServerProfile>
        /// `true` when the server is newer than every profile and the newest was used instead.
        public var isStale: Bool
    }

    /// The profile whose range contains `version`; for a server newer than every profile, the newest
    /// profile with `isStale` set; `nil` for a server older than every profile.
    public func resolve(_ version: CVATVersion) -> Resolution? {
        if let match = catalog.servers.last(where: { $0.profile.versions.contains(version) }) {
            return Resolution(profile: match, isStale: false)
        }
        guard let newest = catalog.servers.last, let lower = newest.profile.versions.lowerBound, version.release >= lower.version else {
            return nil
        }
        return Resolution(profile: newest, isStale: true)
    }

    /// Client profiles of every line, for client predictions.
    public var clients: [ResolvedProfile<ClientProfile>] { catalog.clients }

    /// The profile of `client` (`cvat-sdk`, `cvat-cli`) whose range contains the client release `version`;
    /// `nil` when no line covers it (for example a client newer than the matrices).
    public func client(_ client: String, version: CVATVersion) -> ResolvedProfile<ClientProfile>? {
        catalog.clients.last { $0.profile.client == client && $0.profile.versions.contains(version) }
    }
}
