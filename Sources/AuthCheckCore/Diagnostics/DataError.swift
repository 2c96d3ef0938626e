/// Invalid data in a profile, target file or plugin manifest (exit status 65).
///
/// The description says what happened, where (`file:line:column`) and what was expected.
public struct DataError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    /// What is wrong, e.g. "expected a mapping, found a list".
    public var message: String
    /// What to do about it, e.g. "did you mean 'cookies'?".
    public var hint: String?

    public init(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(location): error: \(message) (\($0))" } ?? "\(location): error: \(message)"
    }
}

/// Several data errors found at once (a checker reports them all, not only the first).
public struct DataErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [DataError]
    public init(_ errors: [DataError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
