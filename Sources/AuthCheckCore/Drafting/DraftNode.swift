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
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
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
