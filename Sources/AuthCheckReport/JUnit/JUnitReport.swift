import AuthCheckCore

/// The JUnit XML report: render a run record, validate, read back.
///
/// ```swift
/// let xml = try JUnitReport.render(record)
/// try JUnitReport.validate(xml)                 // the project's XSD, through libxml2
/// try JUnitReport.write(record, to: "reports/junit.xml")   // streamed, atomic
/// ```
public enum JUnitReport {
    /// Renders `record` as JUnit XML (UTF-8 bytes), truncating transcripts to honour `options.maxBytes`.
    public static func render(_ record: RunRecord, options: JUnitOptions = .init()) throws(ReportError) -> [UInt8] {
        let stream = JUnitRecordStream(record: record, suites: .inMemory(record), options: options)
        var result: [UInt8] = []
        try TranscriptBudget(maxBytes: options.maxBytes).fit(lengths: stream.transcriptLengths) { caps, keep throws(ReportError) in
            let sink = MemorySink()
            let size = try stream.write(caps: caps, into: sink)
            if keep.accepts(size, within: options.maxBytes) { result = sink.bytes }
            return size
        }
        return result
    }

    /// Writes `record` as JUnit XML to `path` atomically, suite by suite: each complete suite is read
    /// from `suites` (the record itself by default, or a spool), rendered, handed to the file (through
    /// gzip when `gzip` is set, adding `.gz`) and let go, so memory does not grow with the number of
    /// suites. Returns the path written.
    @discardableResult
    public static func write(
        _ record: RunRecord, suites: SuiteStore? = nil, options: JUnitOptions = .init(), to path: String, gzip: Bool = false
    ) throws(ReportError) -> String {
        let stream = JUnitRecordStream(record: record, suites: suites ?? .inMemory(record), options: options)
        var written = path
        try TranscriptBudget(maxBytes: options.maxBytes).fit(lengths: stream.transcriptLengths) { caps, keep throws(ReportError) in
            if case .never = keep { return try stream.write(caps: caps, into: CountingSink()) }
            var size = 0
            written = try ReportFile.stream(to: path, gzip: gzip) { sink throws(ReportError) in
                size = try stream.write(caps: caps, into: sink)
                return keep.accepts(size, within: options.maxBytes)
            }
            return size
        }
        return written
    }

    /// Renders a document (for instance a merge of shard files) with the same size limit.
    public static func render(_ document: JUnitDocument, options: JUnitOptions = .init()) throws(ReportError) -> [UInt8] {
        var result: [UInt8] = []
        let lengths = { () throws(ReportError) -> [Int] in document.cases.compactMap { $0.systemOut?.utf8.count } }
        try TranscriptBudget(maxBytes: options.maxBytes).fit(lengths: lengths) { caps, keep throws(ReportError) in
            var capped = document
            capped.suites = document.suites.map(caps.apply)
            let bytes = try JUnitWriter.write(capped, indent: options.indent)
            if keep.accepts(bytes.count, within: options.maxBytes) { result = bytes }
            return bytes.count
        }
        return result
    }

    /// Validates `xml` against `xsd` with libxml2's schema API.
    /// - Throws: ``ReportError/schemaViolation(file:schema:issues:)`` listing every problem with its line.
    public static func validate(_ xml: [UInt8], xsd: XSD = .project) throws(ReportError) {
        try xsd.validate(xml, file: "report.xml")
    }

    /// Validates `xml` naming it `file` in messages.
    public static func validate(_ xml: [UInt8], file: String, xsd: XSD = .project) throws(ReportError) {
        try xsd.validate(xml, file: file)
    }

    /// Parses JUnit XML (ours or another tool's) into a document.
    /// - Throws: ``ReportError/malformedXML(file:line:reason:)`` naming `file` and the line.
    public static func read(_ xml: [UInt8], file: String) throws(ReportError) -> JUnitDocument {
        try JUnitReader.read(xml, file: file)
    }

    /// Reads a JUnit file (gzip or not).
    public static func read(file path: String) throws(ReportError) -> JUnitDocument {
        try JUnitReader.read(ReportFile.read(path), file: path)
    }
}

extension TranscriptBudget.Keep {
    /// Whether a rendering of `size` bytes is kept under a budget of `limit` bytes.
    func accepts(_ size: Int, within limit: Int) -> Bool {
        switch self {
        case .never: false
        case .ifWithinBudget: size <= limit
        case .always: true
        }
    }
}
