import CLibXML2

/// An XML schema to validate reports against: the project's own (embedded) or one read from a file.
public struct XSD: Sendable, Hashable {
    /// A name for messages (the file name).
    public var name: String
    /// The schema document.
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The project's schema for its JUnit shape (`Sources/AuthCheckReport/Resources/cvat-authcheck-junit.xsd`),
    /// embedded at build time by the EmbedJUnitSchema plugin, so the binary needs no resource bundle.
    public static let project = XSD(name: "cvat-authcheck-junit.xsd", bytes: Array(ProjectJUnitSchema.text.utf8))

    /// Reads a schema from a file.
    public static func file(_ path: String) throws(ReportError) -> XSD {
        XSD(name: path, bytes: try ReportFile.read(path))
    }

    /// Validates `xml` against this schema; `file` names the document in errors.
    /// - Throws: ``ReportError/malformedXML(file:line:reason:)``, ``ReportError/schemaViolation(file:schema:issues:)``
    ///   or ``ReportError/invalidSchema(schema:reason:)``.
    public func validate(_ xml: [UInt8], file: String = "report.xml") throws(ReportError) {
        let document = try XMLDocument(bytes: xml, file: file)
        let sink = IssueSink()
        let opaque = Unmanaged.passUnretained(sink).toOpaque()
        let handler: xmlStructuredErrorFunc = { user, error in
            guard let user else { return }
            let (line, message) = LibXML.describe(UnsafePointer(error))
            Unmanaged<IssueSink>.fromOpaque(user).takeUnretainedValue().issues.append(SchemaIssue(line: line, message: message))
        }
        let parserContext = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlSchemaNewMemParserCtxt($0.baseAddress, Int32($0.count)) }
        }
        guard let parserContext else { throw .invalidSchema(schema: name, reason: "cannot create a schema parser") }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        xmlSchemaSetParserStructuredErrors(parserContext, handler, opaque)
        guard let schema = xmlSchemaParse(parserContext) else {
            throw .invalidSchema(schema: name, reason: sink.issues.map(\.message).joined(separator: "; "))
        }
        defer { xmlSchemaFree(schema) }
        guard let validContext = xmlSchemaNewValidCtxt(schema) else {
            throw .invalidSchema(schema: name, reason: "cannot create a validation context")
        }
        defer { xmlSchemaFreeValidCtxt(validContext) }
        xmlSchemaSetValidStructuredErrors(validContext, handler, opaque)
        let result = xmlSchemaValidateDoc(validContext, document.pointer)
        withExtendedLifetime(sink) {}
        if result != 0 {
            let issues = sink.issues.isEmpty ? [SchemaIssue(line: 0, message: "validation failed (\(result))")] : sink.issues
            throw .schemaViolation(file: file, schema: name, issues: issues)
        }
    }
}

/// Collects the validator's messages (used only from the validating thread).
private final class IssueSink {
    var issues: [SchemaIssue] = []
}
