import Foundation

/// A parsed JSON value that compares structurally (object member order does not matter).
indirect enum JSONNode: Decodable, Equatable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSONNode].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSONNode].self))
        }
    }

    /// Parses a body; `nil` if it is not JSON.
    static func parse(_ text: String) -> JSONNode? {
        try? JSONDecoder().decode(JSONNode.self, from: Data(text.utf8))
    }

    /// A member of an object.
    subscript(_ key: String) -> JSONNode? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var intValue: Int? {
        if case .number(let number) = self, number == number.rounded() { return Int(number) }
        return nil
    }

    /// Compact JSON with sorted keys.
    var description: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): Self.quote(text)
        case .array(let items): "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members): "{" + members.keys.sorted().map { Self.quote($0) + ":" + members[$0]!.description }.joined(separator: ",") + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(text)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
