/// A value that JSON and YAML hold as one string: decoded with ``init(parsing:)`` (its error text
/// becomes the decoding error) and encoded as its `description`, so both spellings stay one.
public protocol TextCodable: Codable, CustomStringConvertible {
    /// Why a text is not a value of this type.
    associatedtype ParseError: Error, CustomStringConvertible

    /// Parses the written form.
    init(parsing text: String) throws(ParseError)
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
