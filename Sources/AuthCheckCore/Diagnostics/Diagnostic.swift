/// One finding of a checker (`profiles check`): severity, position and message.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    /// How bad a finding is; errors make a catalog unusable.
    public enum Severity: String, Hashable, Sendable, Codable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public init(_ error: DataError) { self.init(.error, error.location, error.message, hint: error.hint) }

    public var description: String {
        let base = "\(location): \(severity.rawValue): \(message)"
        return hint.map { "\(base) (\($0))" } ?? base
    }
}
