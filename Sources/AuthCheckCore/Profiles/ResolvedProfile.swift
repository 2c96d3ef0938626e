/// A profile after inheritance, with the file (and content hash) it came from.
public struct ResolvedProfile<Profile: Hashable & Sendable>: Hashable, Sendable {
    /// The merged profile.
    public var profile: Profile
    /// The leaf file, its hash and the inheritance chain (leaf first).
    public var reference: ProfileReference
    /// The files of the chain, leaf first, as shown to users.
    public var chainFiles: [String]
    /// `true` when the leaf file came from a user overlay.
    public var isOverlay: Bool

    public init(profile: Profile, reference: ProfileReference, chainFiles: [String], isOverlay: Bool) {
        self.profile = profile
        self.reference = reference
        self.chainFiles = chainFiles
        self.isOverlay = isOverlay
    }
}
