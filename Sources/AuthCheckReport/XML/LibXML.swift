import CLibXML2
import Foundation

/// One-time libxml2 set-up and small helpers shared by the writer, the reader and the validator.
enum LibXML {
    /// `xmlInitParser` must run once before libxml2 is used from several threads.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensureInitialised() { _ = initialised }

    /// Parser options for untrusted input: no network, no entity expansion surprises, no console noise.
    static let safeParseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// Calls `body` with `text` as a NUL-terminated `xmlChar` pointer.
    static func withXMLChar<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        text.withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1) { body($0) }
        }
    }

    /// Takes ownership of a libxml2-allocated string, converting and freeing it.
    static func takeString(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { cvat_xml_free(pointer) }
        return String(cString: pointer)
    }

    /// The message of a libxml2 error, trimmed, and its line.
    static func describe(_ error: UnsafePointer<xmlError>?) -> (line: Int, message: String) {
        guard let error else { return (0, "unknown error") }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        return (Int(error.pointee.line), message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
