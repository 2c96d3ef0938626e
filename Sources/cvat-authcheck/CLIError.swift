import AuthCheckCore
import AuthCheckReport

/// Errors the CLI reports as one message with a specific exit status (README, "Exit status";
/// the codes follow BSD `sysexits.h`).
enum CLIError: Error, CustomStringConvertible {
    /// Invalid matrix, targets file, plugin manifest or report input: exit 65 (`EX_DATAERR`).
    case invalidData(String)
    /// An input file that does not exist: exit 66 (`EX_NOINPUT`).
    case noInput(String)
    /// A file could not be read or written (permissions, a full disk): exit 74 (`EX_IOERR`).
    case io(String)
    /// A server or package the command must observe could not be reached or read (`profiles draft`):
    /// exit 69 (`EX_UNAVAILABLE`).
    case unavailable(String)
    /// The tool failed inside (libxml2 refused to write, its schema did not load): exit 70 (`EX_SOFTWARE`).
    case software(String)

    /// Invalid data from a profile, targets file or manifest check, every problem listed.
    init(_ errors: DataErrors, hint: String? = nil) {
        self = .invalidData(errors.description + (hint.map { "\n(\($0))" } ?? ""))
    }

    /// One invalid-data problem.
    init(_ error: DataError) {
        self = .invalidData(error.description)
    }

    /// A report that could not be read, merged or written, classified by whose problem it is.
    init(_ error: ReportError) {
        switch error {
        case .noInput: self = .noInput(error.description)
        case .io: self = .io(error.description)
        case .invalidSchema, .xmlWriter: self = .software(error.description)
        case .malformedXML, .schemaViolation, .malformedRecord, .gzip, .duplicate, .unsupported: self = .invalidData(error.description)
        }
    }

    /// `error` as the CLI reports it: a ``ReportError`` classified, anything else unchanged.
    static func reporting(_ error: any Error) -> any Error {
        (error as? ReportError).map { CLIError($0) } ?? error
    }

    var description: String {
        switch self {
        case .invalidData(let text), .noInput(let text), .io(let text), .software(let text), .unavailable(let text): text
        }
    }

    /// The process exit status.
    var exitCode: Int32 {
        switch self {
        case .invalidData: 65
        case .noInput: 66
        case .unavailable: 69
        case .io: 74
        case .software: 70
        }
    }
}
