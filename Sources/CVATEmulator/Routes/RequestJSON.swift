import Foundation

/// A JSON request body as DRF's `JSONParser` and a serializer see it.
struct RequestJSON {
    /// A top-level member's value.
    enum Value: Decodable {
        case string(String)
        case bool(Bool)
        case number(Double)
        case null
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .other
            }
        }
    }

    let members: [String: Value]

    /// Parses the body DRF-style; returns the error response to send when it cannot.
    static func parse(_ request: WireRequest) -> Result<RequestJSON, WireResponseBox> {
        guard let contentType = request.header("content-type"), !request.body.isEmpty else {
            return .success(RequestJSON(members: [:]))
        }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" else {
            return .failure(WireResponseBox(.json(415, .detail("Unsupported media type \"\(contentType)\" in request."))))
        }
        let data = Data(request.body)
        if let members = try? JSONDecoder().decode([String: Value].self, from: data) {
            return .success(RequestJSON(members: members))
        }
        let kind: String
        if (try? JSONDecoder().decode([Value].self, from: data)) != nil {
            kind = "list"
        } else if let scalar = try? JSONDecoder().decode(Value.self, from: data) {
            switch scalar {
            case .string: kind = "str"
            case .bool: kind = "bool"
            case .null: kind = "NoneType"
            default: kind = "int"
            }
        } else {
            return .failure(WireResponseBox(.json(400, .detail("JSON parse error - Expecting value: line 1 column 1 (char 0)"))))
        }
        return .failure(
            WireResponseBox(
                .json(
                    400,
                    .object([
                        ("non_field_errors", .array([.string("Invalid data. Expected a dictionary, but got \(kind).")]))
                    ]))))
    }

    /// A non-blank string field, or the DRF field error for it.
    func requiredString(_ name: String) -> Result<String, FieldError> {
        switch members[name] {
        case nil: .failure(FieldError(field: name, message: "This field is required."))
        case .null?: .failure(FieldError(field: name, message: "This field may not be null."))
        case .string(let text)? where text.isEmpty: .failure(FieldError(field: name, message: "This field may not be blank."))
        case .string(let text)?: .success(text)
        case .number(let number)?: .success(number == number.rounded() ? String(Int(number)) : String(number))
        default: .failure(FieldError(field: name, message: "Not a valid string."))
        }
    }

    /// A string field that may be absent or blank.
    func optionalString(_ name: String) -> String? {
        if case .string(let text)? = members[name] { return text }
        return nil
    }
}

/// A serializer error for one field.
struct FieldError: Error {
    let field: String
    let message: String
}

/// Wraps a response so it can be a `Result` failure.
struct WireResponseBox: Error {
    let response: WireResponse
    init(_ response: WireResponse) { self.response = response }
}

extension WireResponse {
    /// 400 with DRF's `{field: [message, …]}` validation body.
    static func validation(_ errors: [FieldError]) -> WireResponse {
        var order: [String] = []
        var grouped: [String: [String]] = [:]
        for error in errors {
            if grouped[error.field] == nil { order.append(error.field) }
            grouped[error.field, default: []].append(error.message)
        }
        return .json(400, .object(order.map { ($0, .array(grouped[$0]!.map(JSONValue.string))) }))
    }
}
