import CLibXML2

/// A parsed libxml2 document, freed when released. Parsing refuses malformed input with the file and line.
final class XMLDocument {
    let pointer: xmlDocPtr
    let file: String

    /// Parses `bytes`; `file` names the input in errors.
    /// - Throws: ``ReportError/malformedXML(file:line:reason:)``.
    init(bytes: [UInt8], file: String) throws(ReportError) {
        LibXML.ensureInitialised()
        guard let context = xmlNewParserCtxt() else { throw .xmlWriter("cannot allocate a parser context") }
        defer { xmlFreeParserCtxt(context) }
        // Keep the *first* error: after a fatal error libxml2 goes on scanning and reports follow-up
        // errors ("Premature end of data"), so `lastError` would point at the end of the file.
        let first = FirstError()
        context.pointee._private = Unmanaged.passUnretained(first).toOpaque()
        context.pointee.sax.pointee.serror = { user, error in
            guard let user, let error else { return }
            let parser = user.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let sink = parser.pointee._private else { return }
            let first = Unmanaged<FirstError>.fromOpaque(sink).takeUnretainedValue()
            if first.value == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue { first.value = LibXML.describe(error) }
        }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), file, nil, LibXML.safeParseOptions)
            }
        }
        withExtendedLifetime(first) {}
        let wellFormed = context.pointee.wellFormed != 0
        guard let document, wellFormed else {
            if let document { xmlFreeDoc(document) }
            let (line, message) = first.value ?? withUnsafePointer(to: &context.pointee.lastError) { LibXML.describe($0) }
            throw .malformedXML(file: file, line: max(line, 1), reason: bytes.isEmpty ? "the file is empty" : message)
        }
        self.pointer = document
        self.file = file
    }

    deinit { xmlFreeDoc(pointer) }

    var root: XMLNode? { xmlDocGetRootElement(pointer).map(XMLNode.init) }
}

/// Holds the first parser error (used only on the parsing thread).
private final class FirstError {
    var value: (line: Int, message: String)?
}

/// A read-only view of an element node of an ``XMLDocument`` (valid while the document lives).
struct XMLNode {
    let pointer: xmlNodePtr

    var name: String { pointer.pointee.name.map { String(cString: $0) } ?? "" }
    var line: Int { Int(xmlGetLineNo(pointer)) }

    /// The child elements, in document order.
    var children: [XMLNode] {
        var result: [XMLNode] = []
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { result.append(XMLNode(pointer: node)) }
            child = node.pointee.next
        }
        return result
    }

    func attribute(_ name: String) -> String? {
        LibXML.takeString(LibXML.withXMLChar(name) { xmlGetProp(pointer, $0) })
    }

    /// The concatenated text of the node and its descendants.
    var text: String { LibXML.takeString(xmlNodeGetContent(pointer)) ?? "" }
}
