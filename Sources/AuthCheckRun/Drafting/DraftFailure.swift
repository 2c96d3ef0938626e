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
