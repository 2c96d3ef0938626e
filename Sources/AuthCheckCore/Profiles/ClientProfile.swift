/// What a client release range (cvat-sdk, cvat-cli) needs from a server, after inheritance.
///
/// Decoded from `matrices/clients/*.yaml`; see `docs/PROFILES.md`.
public struct ClientProfile: Hashable, Sendable, Codable {
    /// Stable id, e.g. `cvat-sdk-2.41`.
    public var id: String
    /// The client package: `cvat-sdk` or `cvat-cli`.
    public var client: String
    /// The client releases covered, e.g. `>=2.41.0 <2.48.0`.
    public var versions: VersionRange
    public var extends: String?
    public var source: String?
    public var summary: String?
    /// Fields the client's `About` model requires from `/api/server/about`.
    public var aboutFields: [String]
    /// The client accepts servers of its own minor and this many minors above without a warning.
    public var versionWindow: Int
    /// Password login (`make_client(host, credentials=(user, password))`).
    public var password: PasswordMode
    /// Personal access token login (`make_client(host, access_token=…)`).
    public var accessToken: AccessTokenMode

    /// How the client logs in with a password and what it sends afterwards.
    public struct PasswordMode: Hashable, Sendable, Codable {
        /// Cookies the client asserts after login (`assert "sessionid" in cookies`).
        public var assertsCookies: [String]
        /// How the client parses `Set-Cookie`: `python-simplecookie` (urllib3 joins lines with ", ").
        public var cookieParser: String
        /// What authenticates later requests: `token` (Authorization: Token) or `session` (cookie + X-CSRFToken).
        public var authenticatesWith: String
        /// Whether unsafe requests carry `Origin: <scheme>://<host>`.
        public var sendsOrigin: Bool

        enum CodingKeys: String, CodingKey {
            case assertsCookies = "asserts_cookies"
            case cookieParser = "cookie_parser"
            case authenticatesWith = "authenticates_with"
            case sendsOrigin = "sends_origin"
        }

        public init(assertsCookies: [String], cookieParser: String, authenticatesWith: String, sendsOrigin: Bool) {
            self.assertsCookies = assertsCookies
            self.cookieParser = cookieParser
            self.authenticatesWith = authenticatesWith
            self.sendsOrigin = sendsOrigin
        }
    }

    /// Whether the client supports personal access tokens.
    public struct AccessTokenMode: Hashable, Sendable, Codable {
        public var supported: Bool
        /// The header scheme (`Bearer`).
        public var scheme: String?
        public init(supported: Bool, scheme: String? = nil) {
            self.supported = supported
            self.scheme = scheme
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, client, versions, extends, source, summary
        case aboutFields = "about_fields"
        case versionWindow = "version_window"
        case password
        case accessToken = "access_token"
    }

    public init(
        id: String, client: String, versions: VersionRange, extends: String? = nil, source: String? = nil, summary: String? = nil,
        aboutFields: [String], versionWindow: Int = 1, password: PasswordMode, accessToken: AccessTokenMode
    ) {
        self.id = id
        self.client = client
        self.versions = versions
        self.extends = extends
        self.source = source
        self.summary = summary
        self.aboutFields = aboutFields
        self.versionWindow = versionWindow
        self.password = password
        self.accessToken = accessToken
    }

    /// A human label for the release range, e.g. `cvat-sdk 2.41–2.47`.
    public var label: String {
        guard let lower = versions.lowerBound?.version else { return client }
        if let upper = versions.upperBound, !upper.inclusive {
            let last = upper.version.minor > 0 ? "\(upper.version.major).\(upper.version.minor - 1)" : "\(upper.version)"
            return last == lower.line ? "\(client) \(lower.line)" : "\(client) \(lower.line)–\(last)"
        }
        return "\(client) ≥\(lower.line)"
    }
}
