import Yams

/// A profile fact tree as a draft states it: ordered keys, scalars, lists of words, and "removed"
/// (`~`, which drops what the profile it extends says). Built by the observers of `profiles draft`,
/// compared with the profile it extends (``DraftDifference``) and written as YAML (``ProfileDraft``).
public indirect enum DraftNode: Hashable, Sendable {
    /// A string, written quoted when YAML could read it as something else.
    case string(String)
    case integer(Int)
    case boolean(Bool)
    /// A list of words (`[name, description, version]`).
    case list([String])
    /// Keys in the order they are written.
    case mapping([DraftEntry])
    /// Observed absent: written `~`, removing an inherited value.
    case removed

    /// The value under `key` of a mapping.
    public subscript(key: String) -> DraftNode? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// `true` for a mapping without entries.
    public var isEmptyMapping: Bool {
        if case .mapping(let entries) = self { return entries.isEmpty }
        return false
    }

    /// Whether this value says the same as a YAML node of a resolved profile (lists compare as sets of words).
    public func sameValue(as node: Node) -> Bool {
        switch self {
        case .string(let text): return node.scalar != nil && node.string == text
        case .integer(let number): return node.int == number
        case .boolean(let flag): return node.bool == flag
        case .list(let words):
            guard let sequence = node.sequence else { return false }
            return Set(words) == Set(sequence.compactMap(\.string)) && words.count == sequence.count
        case .removed: return node.null != nil
        case .mapping(let entries):
            guard let mapping = node.mapping, mapping.count == entries.count else { return false }
            return entries.allSatisfy { entry in mapping[entry.key].map { entry.value.sameValue(as: $0) } ?? false }
        }
    }

    /// A short rendering for the diff a draft prints: `[name, version]`, `"text"`, `~`.
    public var inline: String {
        switch self {
        case .string(let text): DraftYAML.scalar(text)
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .list(let words): "[" + words.map(DraftYAML.scalar).joined(separator: ", ") + "]"
        case .removed: "~"
        case .mapping(let entries): "{" + entries.map { "\($0.key): \($0.value.inline)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One key of a ``DraftNode`` mapping.
public struct DraftEntry: Hashable, Sendable {
    public var key: String
    public var value: DraftNode
    public init(_ key: String, _ value: DraftNode) {
        self.key = key
        self.value = value
    }
}

/// YAML spelling of draft values, in the style of the bundled profiles.
enum DraftYAML {
    /// A plain scalar when YAML reads it back as the same string, else a double-quoted one.
    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        let plain =
            !text.isEmpty && !reserved.contains(text.lowercased()) && Int(text) == nil && Double(text) == nil
            && text.unicodeScalars.allSatisfy { scalar in
                (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(Character(scalar))
                    || "_-./".unicodeScalars.contains(scalar)
            }
            && !(text.first.map { "-.".contains($0) } ?? false)
        if plain { return text }
        var escaped = ""
        // Scalar by scalar: `\r\n` is one Character, and a server's text may hold any code point.
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                // Every code point that is not printable is below U+10000: four hex digits suffice.
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += isPrintable(scalar) ? String(scalar) : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return "\"\(escaped)\""
    }

    /// A code point YAML reads as itself inside a double-quoted scalar on one line: printable
    /// (YAML 1.1, 5.1), and none of its line breaks (U+0085, U+2028, U+2029) or the byte order mark.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF:
            return scalar.value != 0x2028 && scalar.value != 0x2029
        default: return false
        }
    }

    /// `true` when a mapping is written on one line (`{a: 1, b: x}`): every value is a scalar or a list.
    static func isFlow(_ entries: [DraftEntry]) -> Bool {
        entries.allSatisfy {
            if case .mapping = $0.value { return false }
            return true
        }
    }

    /// Block lines for `key: value` at an indentation level.
    static func lines(key: String, value: DraftNode, indent: Int) -> [String] {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .mapping(let entries) where indent > 0 && isFlow(entries):
            return ["\(pad)\(scalar(key)): \(value.inline)"]
        case .mapping(let entries):
            return ["\(pad)\(scalar(key)):"] + entries.flatMap { lines(key: $0.key, value: $0.value, indent: indent + 1) }
        default:
            return ["\(pad)\(scalar(key)): \(value.inline)"]
        }
    }
}
