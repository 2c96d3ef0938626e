import AuthCheckCore
import Foundation

/// One `Set-Cookie` header line parsed as RFC 6265 §5.2 describes: the name/value pair, then every
/// attribute in the order it was written (unknown ones included), with typed accessors for the
/// attributes the checker compares against profiles.
///
/// Parsing never fails: a line without `=` in its first part is kept with ``isValid`` `false`, so
/// diagnoses can quote it.
public struct SetCookie: Hashable, Sendable, CustomStringConvertible {
    /// One attribute as written: `Max-Age=1209600`, `HttpOnly`, `Partitioned`.
    public struct Attribute: Hashable, Sendable {
        /// The name as written (case kept).
        public var name: String
        /// The value, `nil` for a bare flag (`Secure`).
        public var value: String?

        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }

        /// The lower-cased name, for comparisons.
        public var key: String { name.lowercased() }
    }

    /// The raw header value.
    public var raw: String
    public var name: String
    public var value: String
    /// Attributes in the order they appear.
    public var attributes: [Attribute]
    /// `false` when the name/value pair has no `=` or an empty name (RFC 6265 §5.2 step 2/5: ignore the line).
    public var isValid: Bool

    /// Parses one `Set-Cookie` value (without the `Set-Cookie:` prefix).
    public init(parsing raw: String) {
        self.raw = raw
        let parts = raw.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let pair = parts.first ?? ""
        if let equals = pair.firstIndex(of: "=") {
            name = Self.trim(String(pair[..<equals]))
            value = Self.trim(String(pair[pair.index(after: equals)...]))
            isValid = !name.isEmpty
        } else {
            name = ""
            value = Self.trim(pair)
            isValid = false
        }
        attributes = parts.dropFirst().compactMap { part -> Attribute? in
            let trimmed = Self.trim(part)
            guard !trimmed.isEmpty else { return nil }
            if let equals = trimmed.firstIndex(of: "=") {
                return Attribute(name: Self.trim(String(trimmed[..<equals])), value: Self.trim(String(trimmed[trimmed.index(after: equals)...])))
            }
            return Attribute(name: trimmed, value: nil)
        }
    }

    /// The last attribute with this name (case-insensitive), as RFC 6265 §5.3 applies them.
    public func attribute(_ name: String) -> Attribute? {
        let key = name.lowercased()
        return attributes.last { $0.key == key }
    }

    /// `true` when the attribute is present (flag or with value).
    public func has(_ name: String) -> Bool { attribute(name) != nil }

    public var secure: Bool { has("secure") }
    public var httpOnly: Bool { has("httponly") }
    public var partitioned: Bool { has("partitioned") }
    /// The `SameSite` value as written (`Lax`, `Strict`, `None`), if any.
    public var sameSite: String? { attribute("samesite")?.value }
    public var path: String? { attribute("path")?.value }
    /// The `Domain` value without a leading dot, lower-cased.
    public var domain: String? {
        guard let value = attribute("domain")?.value, !value.isEmpty else { return nil }
        return (value.hasPrefix(".") ? String(value.dropFirst()) : value).lowercased()
    }
    /// `Max-Age` as an integer, if present and numeric.
    public var maxAge: Int? { attribute("max-age")?.value.flatMap { Int($0) } }
    /// `Expires` as written.
    public var expires: String? { attribute("expires")?.value }

    /// The name followed by the attribute names (values of secrets are not shown): `sessionid (HttpOnly; Max-Age=1209600; Path=/)`.
    public var description: String {
        let attrs = attributes.map { attribute -> String in
            guard let value = attribute.value else { return attribute.name }
            return attribute.key == "expires" ? "\(attribute.name)=…" : "\(attribute.name)=\(value)"
        }
        return attrs.isEmpty ? name : "\(name) (\(attrs.joined(separator: "; ")))"
    }

    /// The line with the cookie value replaced by `mask` (empty values stay empty: they are deletions).
    public func masked(_ mask: String = "[REDACTED]") -> String {
        guard isValid, !value.isEmpty, value != "\"\"" else { return raw }
        let parts = raw.split(separator: ";", omittingEmptySubsequences: false)
        let rest = parts.dropFirst().joined(separator: ";")
        return "\(name)=\(mask)" + (parts.count > 1 ? ";" + rest : "")
    }

    /// `text` without leading and trailing spaces and tabs (only those two, as Python's cookie parser).
    static func trim(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let end = bytes.index(after: bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!)
        return first == bytes.startIndex && end == bytes.endIndex ? text : String(text[first..<end])
    }
}

extension HTTPResponseData {
    /// Every `Set-Cookie` line parsed, in order.
    public var setCookies: [SetCookie] { setCookieLines.map(SetCookie.init(parsing:)) }
}
