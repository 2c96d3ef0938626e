import AuthCheckCore

/// The JUnit XML report: render a run record, validate, read back.
///
/// ```swift
/// let xml = try JUnitReport.render(record)
/// try JUnitReport.validate(xml)                 // the project's XSD, through libxml2
/// try AtomicFile.write(xml, to: "reports/junit.xml")
/// ```
public enum JUnitReport {
    /// Renders `record` as JUnit XML (UTF-8 bytes), truncating transcripts to honour `options.maxBytes`.
    public static func render(_ record: RunRecord, options: JUnitOptions = .init()) throws(ReportError) -> [UInt8] {
        try render(JUnitModel.document(from: record, diff: options.diff, name: options.name), options: options)
    }

    /// Renders a document (for instance a merge of shard files) with the same size limit.
    public static func render(_ document: JUnitDocument, options: JUnitOptions = .init()) throws(ReportError) -> [UInt8] {
        try TranscriptBudget(maxBytes: options.maxBytes).fit(document) { document throws(ReportError) in
            try JUnitWriter.write(document, indent: options.indent)
        }
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
