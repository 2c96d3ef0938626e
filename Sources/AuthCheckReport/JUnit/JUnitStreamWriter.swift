/// Writes a JUnit document suite by suite into a ``ByteSink``: the XML of one suite is handed on as
/// soon as it is written, so memory does not grow with the number of suites.
///
/// The `testsuites` totals come first in the file, so the caller passes them up front (they are cheap
/// to count from a run record without rendering anything).
final class JUnitStreamWriter {
    private let writer: XMLTextWriter
    private let sink: any ByteSink
    /// Bytes handed to the sink so far (uncompressed XML).
    private(set) var bytesWritten = 0

    init(name: String, totals: JUnitCounts, indent: Bool, into sink: any ByteSink) throws(ReportError) {
        self.sink = sink
        writer = try XMLTextWriter(indent: indent)
        try writer.startDocument()
        try writer.startElement("testsuites")
        try writer.attribute("name", name)
        try writer.attribute("tests", String(totals.tests))
        try writer.attribute("failures", String(totals.failures))
        try writer.attribute("errors", String(totals.errors))
        try writer.attribute("time", Seconds.format(totals.time))
    }

    /// Writes one `testsuite` and passes its bytes on.
    func append(_ suite: JUnitSuite) throws(ReportError) {
        try JUnitWriter.write(suite, with: writer)
        bytesWritten += try writer.drain(into: sink)
    }

    /// Closes the document; returns the total number of bytes written.
    func finish() throws(ReportError) -> Int {
        try writer.endElement()
        try writer.endDocument()
        bytesWritten += try writer.drain(into: sink)
        return bytesWritten
    }
}
