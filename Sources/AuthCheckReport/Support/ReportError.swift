/// Why a report could not be written, read, validated or merged.
///
/// Every case names the file involved (and the line, where one is known) so the message alone tells a
/// user what to look at.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An input file does not exist.
    case noInput(path: String)
    /// Reading or writing a file failed.
    case io(path: String, reason: String)
    /// The input is not well-formed XML (or not a JUnit document).
    case malformedXML(file: String, line: Int, reason: String)
    /// The document is well-formed but violates the XML schema.
    case schemaViolation(file: String, schema: String, issues: [SchemaIssue])
    /// The XML schema itself could not be loaded.
    case invalidSchema(schema: String, reason: String)
    /// A JSON run record could not be read (bad JSON, unknown schema version, missing field).
    case malformedRecord(file: String, reason: String)
    /// gzip compression or decompression failed.
    case gzip(file: String, reason: String)
    /// Two inputs of a merge contain the same suite or case.
    case duplicate(what: String, first: String, second: String)
    /// The request cannot be served (unknown format, empty input list, …).
    case unsupported(String)
    /// libxml2 failed while writing.
    case xmlWriter(String)

    public var description: String {
        switch self {
        case .noInput(let path): "\(path): no such file"
        case .io(let path, let reason): "\(path): \(reason)"
        case .malformedXML(let file, let line, let reason): "\(file):\(line): malformed JUnit XML: \(reason)"
        case .schemaViolation(let file, let schema, let issues):
            "\(file): does not validate against \(schema):\n" + issues.map { "  \(file):\($0.line): \($0.message)" }.joined(separator: "\n")
        case .invalidSchema(let schema, let reason): "\(schema): cannot load the XML schema: \(reason)"
        case .malformedRecord(let file, let reason): "\(file): not a readable cvat-authcheck run record: \(reason)"
        case .gzip(let file, let reason): "\(file): gzip: \(reason)"
        case .duplicate(let what, let first, let second): "duplicate \(what) in \(first) and \(second); shards must be disjoint"
        case .unsupported(let message): message
        case .xmlWriter(let message): "libxml2 writer: \(message)"
        }
    }
}

/// One message of the XML schema validator, with the line of the offending node.
public struct SchemaIssue: Hashable, Sendable {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
