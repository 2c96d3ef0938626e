import AuthCheckCore

/// A report file given to `report merge`, `diff` or `render`: JUnit XML or a JSON run record, gzip or not.
public enum ReportInput: Sendable {
    case junit(JUnitDocument, file: String)
    case record(RunRecord, file: String)

    /// Reads `path`, deciding the format from the content (first non-blank byte `<` or `{`).
    public static func load(_ path: String) throws(ReportError) -> ReportInput {
        let bytes = try ReportFile.read(path)
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        switch first {
        case UInt8(ascii: "<"): return .junit(try JUnitReader.read(bytes, file: path), file: path)
        case UInt8(ascii: "{"): return .record(try RunRecordJSON.decode(bytes, file: path), file: path)
        case nil: throw .malformedXML(file: path, line: 1, reason: "the file is empty")
        default: throw .unsupported("\(path): neither JUnit XML nor a JSON run record")
        }
    }

    public var file: String {
        switch self {
        case .junit(_, let file), .record(_, let file): file
        }
    }

    /// The input as a run record (JUnit converted with ``JUnitRecordConverter``).
    public var record: RunRecord {
        switch self {
        case .junit(let document, _): JUnitRecordConverter.record(from: document)
        case .record(let record, _): record
        }
    }
}
