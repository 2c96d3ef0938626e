import AuthCheckCore

/// Errors the CLI reports with a specific exit status.
enum CLIError: Error, CustomStringConvertible {
    /// Invalid matrix, targets file or plugin manifest: exit 65.
    case invalidData(String)

    /// Invalid data from a profile, targets file or manifest check, every problem listed.
    init(_ errors: DataErrors, hint: String? = nil) {
        self = .invalidData(errors.description + (hint.map { "\n(\($0))" } ?? ""))
    }

    /// One invalid-data problem.
    init(_ error: DataError) {
        self = .invalidData(error.description)
    }

    var description: String {
        switch self {
        case .invalidData(let text): text
        }
    }
}
