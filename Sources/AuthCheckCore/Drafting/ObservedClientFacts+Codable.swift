/// The JSON of `backends/cvat-sdk/describe_client.py` (see ``ObservedClientFacts``): the facts nested as
/// in a client profile file, with `evidence` and `underived` keyed by fact path.
extension ObservedClientFacts {
    private enum CodingKeys: String, CodingKey {
        case client, version, facts, evidence, underived
    }

    /// The `facts` object.
    private struct Facts: Codable {
        var aboutFields: [String]?
        var versionWindow: Int?
        var password: Password?
        var accessToken: AccessToken?

        enum CodingKeys: String, CodingKey {
            case aboutFields = "about_fields"
            case versionWindow = "version_window"
            case password
            case accessToken = "access_token"
        }
    }

    private struct Password: Codable, Equatable {
        var assertsCookies: [String]?
        var cookieParser: String?
        var authenticatesWith: String?
        var sendsOrigin: Bool?

        enum CodingKeys: String, CodingKey {
            case assertsCookies = "asserts_cookies"
            case cookieParser = "cookie_parser"
            case authenticatesWith = "authenticates_with"
            case sendsOrigin = "sends_origin"
        }
    }

    private struct AccessToken: Codable {
        var supported: Bool?
        var scheme: String?
    }

    /// Decodes the script's JSON; a `client` other than `cvat-sdk` or `cvat-cli` is an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let client = try container.decode(String.self, forKey: .client)
        guard Self.clients.contains(client) else {
            throw DecodingError.dataCorruptedError(
                forKey: .client, in: container, debugDescription: "expected cvat-sdk or cvat-cli, found '\(client)'")
        }
        let facts = try container.decodeIfPresent(Facts.self, forKey: .facts)
        self.init(
            client: client, version: try container.decode(CVATVersion.self, forKey: .version), aboutFields: facts?.aboutFields,
            versionWindow: facts?.versionWindow, assertsCookies: facts?.password?.assertsCookies, cookieParser: facts?.password?.cookieParser,
            authenticatesWith: facts?.password?.authenticatesWith, sendsOrigin: facts?.password?.sendsOrigin,
            accessTokenSupported: facts?.accessToken?.supported, accessTokenScheme: facts?.accessToken?.scheme,
            evidence: try container.decodeIfPresent([String: String].self, forKey: .evidence) ?? [:],
            underived: try container.decodeIfPresent([String: String].self, forKey: .underived) ?? [:])
    }

    /// Encodes the same shape the script prints (absent facts are left out).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(client, forKey: .client)
        try container.encode(version, forKey: .version)
        let password = Password(
            assertsCookies: assertsCookies, cookieParser: cookieParser, authenticatesWith: authenticatesWith, sendsOrigin: sendsOrigin)
        let accessToken = AccessToken(supported: accessTokenSupported, scheme: accessTokenScheme)
        let facts = Facts(
            aboutFields: aboutFields, versionWindow: versionWindow,
            password: password == Password() ? nil : password,
            accessToken: accessToken.supported == nil && accessToken.scheme == nil ? nil : accessToken)
        try container.encode(facts, forKey: .facts)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(underived, forKey: .underived)
    }
}
