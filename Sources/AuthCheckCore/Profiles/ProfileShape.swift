/// The allowed keys and value types of profile files: the single source the loader and
/// `profiles check` use for type errors and unknown keys ("did you mean …").
public indirect enum ProfileShape: Sendable {
    case string
    case integer
    case boolean
    case version
    case range
    case strings
    /// One of a fixed set of words.
    case oneOf([String])
    /// A mapping with known keys; `required` keys must be present in the file itself.
    case record([String: ProfileShape], required: Set<String> = [])
    /// A mapping with free keys, every value of the same shape.
    case dictionary(ProfileShape)

    /// A short phrase for messages: "expected a mapping".
    public var expectation: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .boolean: "true or false"
        case .version: "a version such as 2.48.0"
        case .range: "a version range such as \">=2.41.0 <2.46.0\""
        case .strings: "a list of strings"
        case .oneOf(let words): "one of " + words.joined(separator: ", ")
        case .record, .dictionary: "a mapping"
        }
    }

    /// The shape of a server profile file.
    public static let server: ProfileShape = {
        let authMethod = ProfileShape.record([
            "state": .oneOf(AuthMethodState.allCases.map(\.rawValue)), "scheme": .string, "note": .string,
        ])
        let cookie = ProfileShape.record([
            "http_only": .boolean, "secure": .boolean, "same_site": .oneOf(["Lax", "Strict", "None"]), "path": .string,
            "max_age": .integer, "required_by_sdk": .boolean,
        ])
        let response = ProfileShape.record(["status": .integer, "text": .string, "www_authenticate": .string])
        let defect = ProfileShape.record(
            [
                "versions": .range, "method": .oneOf(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
                "endpoint": .oneOf(EndpointRole.allCases.map(\.rawValue)), "authenticated": .boolean, "status": .integer, "text": .string,
                "summary": .string, "source": .string,
            ], required: ["versions", "method", "endpoint", "status", "summary", "source"])
        return .record(
            [
                "id": .string, "versions": .range, "extends": .string, "source": .string, "summary": .string, "todo": .strings,
                "auth": .record(Dictionary(uniqueKeysWithValues: AuthMethod.allCases.map { ($0.rawValue, authMethod) })),
                "endpoints": .record(Dictionary(uniqueKeysWithValues: EndpointRole.allCases.map { ($0.rawValue, ProfileShape.string) })),
                "about": .record(["fields": .strings]),
                "login": .record(["identifiers": .strings, "status": .integer, "returns_key": .boolean, "sets_cookies": .strings]),
                "cookies": .dictionary(cookie),
                "responses": .record(Dictionary(uniqueKeysWithValues: ResponseSituation.allCases.map { ($0.rawValue, response) })),
                "schema": .record(["security_schemes": .strings]),
                "skip": .dictionary(.string),
                "defects": .dictionary(defect),
            ], required: ["id", "versions"])
    }()

    /// The shape of a client profile file.
    public static let client: ProfileShape = .record(
        [
            "id": .string, "client": .oneOf(["cvat-sdk", "cvat-cli"]), "versions": .range, "extends": .string, "source": .string,
            "summary": .string, "todo": .strings, "about_fields": .strings, "version_window": .integer,
            "password": .record([
                "asserts_cookies": .strings, "cookie_parser": .oneOf(["python-simplecookie", "rfc6265"]),
                "authenticates_with": .oneOf(["token", "session"]), "sends_origin": .boolean,
            ]),
            "access_token": .record(["supported": .boolean, "scheme": .string]),
        ], required: ["id", "client", "versions"])
}
