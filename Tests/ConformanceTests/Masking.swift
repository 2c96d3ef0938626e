import Foundation

/// What legitimately differs between a recording and its replay, replaced by placeholders on both
/// sides before they are compared: ports (each origin becomes `<main>`, `<tls>`), ids, secrets,
/// cookie values and dates (a date keeps its shape, so `…21Z` and `…21.000000Z` still differ).
struct Masker: Sendable {
    /// `host:port` → placeholder, for the recorded and the live authorities alike.
    let authorities: [(text: String, placeholder: String)]

    /// Replaces every known authority in `text`.
    func maskAuthorities(_ text: String) -> String {
        authorities.reduce(text) { $0.replacingOccurrences(of: $1.text, with: $1.placeholder) }
    }

    /// A header value (`Location`, …): authorities only.
    func header(_ value: String?) -> String? { value.map(maskAuthorities) }

    /// A `Set-Cookie` line: the name, every attribute and their order kept; the value masked unless
    /// it is Django's deletion value `""`; `expires` masked.
    func setCookie(_ line: String) -> String {
        let parts = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first else { return line }
        let pair = first.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let value = pair.count > 1 ? String(pair[1]) : ""
        var masked = ["\(pair[0])=\(value == "\"\"" ? value : "<value>")"]
        for attribute in parts.dropFirst() {
            masked.append(attribute.lowercased().hasPrefix("expires=") ? "expires=<date>" : attribute)
        }
        return masked.joined(separator: "; ")
    }

    /// A JSON value with ids, secrets, dates and URL ids masked.
    func json(_ value: JSONNode, key: String? = nil) -> JSONNode {
        switch value {
        case .object(let members):
            return .object(members.reduce(into: [:]) { $0[$1.key] = json($1.value, key: $1.key) })
        case .array(let items):
            return .array(items.map { json($0) })
        case .string(let text):
            if text == "[REDACTED]" || key == "key" || key == "value" { return .string("<secret>") }
            return .string(string(text))
        case .number:
            if let key, key == "id" || key.hasSuffix("_id") || key == "organization" { return .string("<id>") }
            return value
        case .null, .bool:
            return value
        }
    }

    /// A string value: dates keep their shape with every digit as 9; origins are masked everywhere,
    /// and in URLs numeric path segments and query values become `<id>`.
    func string(_ text: String) -> String {
        if text.wholeMatch(of: Self.datePattern) != nil {
            return String(text.map { $0.isNumber ? "9" : $0 })
        }
        var masked = maskAuthorities(text)
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else { return masked }
        masked.replace(/\/\d+(?=\/|\?|$)/) { _ in "/<id>" }
        masked.replace(/=\d+(?=&|$)/) { _ in "=<id>" }
        return masked
    }

    nonisolated(unsafe) private static let datePattern = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?/

    /// The `<title>` of an HTML page, if any.
    static func htmlTitle(_ html: String) -> String? {
        guard let match = html.firstMatch(of: /<title>(.*?)<\/title>/) else { return nil }
        return String(match.1)
    }
}
