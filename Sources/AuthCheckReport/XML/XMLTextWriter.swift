import CLibXML2

/// A thin, typed wrapper over libxml2's `xmlTextWriter` writing into memory.
///
/// Every string passes through ``XMLText/sanitise(_:)`` first; libxml2 does the escaping. This is the
/// only place that produces XML, so no report is ever built by string concatenation.
final class XMLTextWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init(indent: Bool) throws(ReportError) {
        LibXML.ensureInitialised()
        guard let buffer = xmlBufferCreate() else { throw .xmlWriter("cannot allocate a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .xmlWriter("cannot create a text writer")
        }
        self.buffer = buffer
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            LibXML.withXMLChar("  ") { _ = xmlTextWriterSetIndentString(writer, $0) }
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private func check(_ result: Int32, _ what: @autoclosure () -> String) throws(ReportError) {
        if result < 0 { throw .xmlWriter("failed to write \(what())") }
    }

    func startDocument() throws(ReportError) {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration")
    }

    func startElement(_ name: String) throws(ReportError) {
        try check(LibXML.withXMLChar(name) { xmlTextWriterStartElement(writer, $0) }, "<\(name)>")
    }

    func attribute(_ name: String, _ value: String) throws(ReportError) {
        let clean = XMLText.sanitise(value)
        let result = LibXML.withXMLChar(name) { namePointer in
            LibXML.withXMLChar(clean) { xmlTextWriterWriteAttribute(writer, namePointer, $0) }
        }
        try check(result, "attribute \(name)")
    }

    func text(_ value: String) throws(ReportError) {
        let clean = XMLText.sanitise(value)
        try check(LibXML.withXMLChar(clean) { xmlTextWriterWriteString(writer, $0) }, "text")
    }

    func endElement() throws(ReportError) {
        try check(xmlTextWriterEndElement(writer), "an end tag")
    }

    /// `<name attr…>text</name>` in one call; the element is written even when `text` is empty.
    func element(_ name: String, attributes: [(String, String)] = [], text: String? = nil) throws(ReportError) {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        if let text, !text.isEmpty { try self.text(text) }
        try endElement()
    }

    /// Ends the document (closing every open element).
    func endDocument() throws(ReportError) {
        try check(xmlTextWriterEndDocument(writer), "the end of the document")
    }

    /// Sends what has been written so far to `sink` and empties the buffer, so memory stays bounded by
    /// the largest piece written between two drains. Returns the number of bytes sent.
    @discardableResult
    func drain(into sink: any ByteSink) throws(ReportError) -> Int {
        try check(xmlTextWriterFlush(writer), "the buffer")
        let length = Int(xmlBufferLength(buffer))
        guard length > 0, let content = xmlBufferContent(buffer) else { return 0 }
        try sink.write(UnsafeRawBufferPointer(start: content, count: length))
        xmlBufferEmpty(buffer)
        return length
    }
}
