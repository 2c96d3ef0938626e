/// The auth contract of a range of CVAT server releases, after `extends:` inheritance is resolved.
///
/// Decoded from `matrices/servers/*.yaml`; every key is documented in `docs/PROFILES.md`.
public struct ServerProfile: Hashable, Sendable, Codable {
    /// Stable id, e.g. `cvat-2.48`.
    public var id: String
    /// The releases this profile covers, e.g. `>=2.48.0 <2.49.0`.
    public var versions: VersionRange
    /// The profile this one extends (states only what changed).
    public var extends: String?
    /// The changelog entry or observation the profile rests on.
    public var source: String?
    /// One line: what changed in this release line.
    public var summary: String?
    /// Auth methods by name: `token`, `signing`, `session`, `basic`, `access_token`.
    public var auth: [String: AuthMethodExpectation]
    /// Endpoint paths by role (`login`, `logout`, `users_self`, …).
    public var endpoints: [String: String]
    /// What `/api/server/about` must contain.
    public var about: AboutExpectation?
    /// How password login behaves.
    public var login: LoginExpectation?
    /// Cookies set by a successful login, by name.
    public var cookies: [String: CookieExpectation]
    /// Expected answers by situation (`bad_credentials`, `anonymous`, `csrf_missing`, …).
    public var responses: [String: ResponseExpectation]
    /// What `/api/schema/` advertises.
    public var schema: SchemaExpectation?
    /// Probes that do not apply to this release line, with the reason (reported as `skipped`).
    public var skip: [String: String]
    /// Known defects of stock CVAT releases, by id: an answer that is wrong on every deployment of
    /// those releases. A probe that sees exactly that answer reports it by name as an expected failure
    /// (`skipped`), never as a fail; any other answer is judged as usual.
    public var defects: [String: KnownDefect]

    public init(
        id: String, versions: VersionRange, extends: String? = nil, source: String? = nil, summary: String? = nil,
        auth: [String: AuthMethodExpectation] = [:], endpoints: [String: String] = [:], about: AboutExpectation? = nil,
        login: LoginExpectation? = nil, cookies: [String: CookieExpectation] = [:],
        responses: [String: ResponseExpectation] = [:], schema: SchemaExpectation? = nil, skip: [String: String] = [:],
        defects: [String: KnownDefect] = [:]
    ) {
        self.id = id
        self.versions = versions
        self.extends = extends
        self.source = source
        self.summary = summary
        self.auth = auth
        self.endpoints = endpoints
        self.about = about
        self.login = login
        self.cookies = cookies
        self.responses = responses
        self.schema = schema
        self.skip = skip
        self.defects = defects
    }

    enum CodingKeys: String, CodingKey {
        case id, versions, extends, source, summary, auth, endpoints, about, login, cookies, responses, schema, skip, defects
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        versions = try c.decode(VersionRange.self, forKey: .versions)
        extends = try c.decodeIfPresent(String.self, forKey: .extends)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        auth = try c.decodeIfPresent([String: AuthMethodExpectation].self, forKey: .auth) ?? [:]
        endpoints = try c.decodeIfPresent([String: String].self, forKey: .endpoints) ?? [:]
        about = try c.decodeIfPresent(AboutExpectation.self, forKey: .about)
        login = try c.decodeIfPresent(LoginExpectation.self, forKey: .login)
        cookies = try c.decodeIfPresent([String: CookieExpectation].self, forKey: .cookies) ?? [:]
        responses = try c.decodeIfPresent([String: ResponseExpectation].self, forKey: .responses) ?? [:]
        schema = try c.decodeIfPresent(SchemaExpectation.self, forKey: .schema)
        skip = try c.decodeIfPresent([String: String].self, forKey: .skip) ?? [:]
        defects = try c.decodeIfPresent([String: KnownDefect].self, forKey: .defects) ?? [:]
    }

    /// The state of an auth method; `.absent` when the profile does not mention it.
    public func state(of method: AuthMethod) -> AuthMethodState {
        auth[method.rawValue]?.state ?? .absent
    }

    /// The path for an endpoint role, falling back to CVAT's well-known path.
    public func endpoint(_ role: EndpointRole) -> String {
        endpoints[role.rawValue] ?? role.defaultPath
    }

    /// The expected answer for a situation, if the profile states one.
    public func response(_ situation: ResponseSituation) -> ResponseExpectation? {
        responses[situation.rawValue]
    }
}

/// The auth methods CVAT has had.
public enum AuthMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// Legacy DRF token, `Authorization: Token <key>`.
    case token
    /// URL signing, `?sign=…` (≤ 2.45).
    case signing
    /// Django session cookie + CSRF.
    case session
    /// HTTP Basic.
    case basic
    /// Personal access token, `Authorization: Bearer <value>` (≥ 2.48).
    case accessToken = "access_token"
}

/// Whether an auth method exists in a release line.
public enum AuthMethodState: String, Hashable, Sendable, Codable, CaseIterable {
    case supported, deprecated, removed, absent

    /// `true` for `supported` and `deprecated`: the server still accepts it.
    public var isAccepted: Bool { self == .supported || self == .deprecated }
}

/// One auth method's expectation.
public struct AuthMethodExpectation: Hashable, Sendable, Codable {
    public var state: AuthMethodState
    /// The `Authorization` scheme (`Token`, `Bearer`, `Basic`), where one applies.
    public var scheme: String?
    /// A short note shown in diagnoses (e.g. "deprecated in the schema only; no runtime warning").
    public var note: String?

    public init(state: AuthMethodState, scheme: String? = nil, note: String? = nil) {
        self.state = state
        self.scheme = scheme
        self.note = note
    }
}

/// Endpoint roles a profile can name.
public enum EndpointRole: String, Hashable, Sendable, CaseIterable {
    case about, login, logout
    case usersSelf = "users_self"
    case rules, signing
    case accessTokens = "access_tokens"
    case accessTokenSelf = "access_token_self"
    case passwordChange = "password_change"
    case health, schema
    case writeProbe = "write_probe"

    /// CVAT's path for the role.
    public var defaultPath: String {
        switch self {
        case .about: "/api/server/about"
        case .login: "/api/auth/login"
        case .logout: "/api/auth/logout"
        case .usersSelf: "/api/users/self"
        case .rules: "/api/auth/rules"
        case .signing: "/api/auth/signing"
        case .accessTokens: "/api/auth/access_tokens"
        case .accessTokenSelf: "/api/auth/access_tokens/self"
        case .passwordChange: "/api/auth/password/change"
        case .health: "/api/server/health/"
        case .schema: "/api/schema/"
        case .writeProbe: "/api/projects"
        }
    }
}

/// What `/api/server/about` must contain.
public struct AboutExpectation: Hashable, Sendable, Codable {
    /// JSON fields that must be present (`logo_url`, `subtitle` from 2.30).
    public var fields: [String]
    public init(fields: [String]) { self.fields = fields }
}

/// How password login behaves.
public struct LoginExpectation: Hashable, Sendable, Codable {
    /// Identifier forms accepted: `username`, `email`.
    public var identifiers: [String]
    /// Status of a successful login (200).
    public var status: Int
    /// Whether the body carries the legacy token `key`.
    public var returnsKey: Bool
    /// Cookies a successful login must set, in the order CVAT sends them.
    public var setsCookies: [String]

    public init(identifiers: [String] = ["username", "email"], status: Int = 200, returnsKey: Bool = true, setsCookies: [String] = []) {
        self.identifiers = identifiers
        self.status = status
        self.returnsKey = returnsKey
        self.setsCookies = setsCookies
    }

    enum CodingKeys: String, CodingKey {
        case identifiers, status
        case returnsKey = "returns_key"
        case setsCookies = "sets_cookies"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identifiers = try c.decodeIfPresent([String].self, forKey: .identifiers) ?? ["username", "email"]
        status = try c.decodeIfPresent(Int.self, forKey: .status) ?? 200
        returnsKey = try c.decodeIfPresent(Bool.self, forKey: .returnsKey) ?? true
        setsCookies = try c.decodeIfPresent([String].self, forKey: .setsCookies) ?? []
    }
}

/// The attributes a cookie must have.
public struct CookieExpectation: Hashable, Sendable, Codable {
    public var httpOnly: Bool?
    public var secure: Bool?
    /// `Lax`, `Strict` or `None`.
    public var sameSite: String?
    public var path: String?
    /// Seconds, as in `Max-Age`.
    public var maxAge: Int?
    /// Whether SDK password login needs this cookie (its `assert … in cookies`).
    public var requiredBySDK: Bool?

    public init(
        httpOnly: Bool? = nil, secure: Bool? = nil, sameSite: String? = nil, path: String? = nil, maxAge: Int? = nil, requiredBySDK: Bool? = nil
    ) {
        self.httpOnly = httpOnly
        self.secure = secure
        self.sameSite = sameSite
        self.path = path
        self.maxAge = maxAge
        self.requiredBySDK = requiredBySDK
    }

    enum CodingKeys: String, CodingKey {
        case httpOnly = "http_only"
        case secure
        case sameSite = "same_site"
        case path
        case maxAge = "max_age"
        case requiredBySDK = "required_by_sdk"
    }
}

/// An expected answer: status, and optionally the error text and challenge.
public struct ResponseExpectation: Hashable, Sendable, Codable {
    public var status: Int
    /// Text the body must contain (CVAT's `detail` or `non_field_errors` message).
    public var text: String?
    /// The `WWW-Authenticate` challenge expected, if any.
    public var wwwAuthenticate: String?

    public init(status: Int, text: String? = nil, wwwAuthenticate: String? = nil) {
        self.status = status
        self.text = text
        self.wwwAuthenticate = wwwAuthenticate
    }

    enum CodingKeys: String, CodingKey {
        case status, text
        case wwwAuthenticate = "www_authenticate"
    }
}

/// Named situations with an expected answer.
public enum ResponseSituation: String, Hashable, Sendable, CaseIterable {
    case badCredentials = "bad_credentials"
    case anonymous
    case invalidToken = "invalid_token"
    case invalidBasic = "invalid_basic"
    case csrfMissing = "csrf_missing"
    case csrfIncorrect = "csrf_incorrect"
    case csrfCookieNotSet = "csrf_cookie_not_set"
    case originMismatch = "origin_mismatch"
    case refererMissing = "referer_missing"
    case permissionDenied = "permission_denied"
    case logout
    case signingAbsent = "signing_absent"
    case accessTokensAbsent = "access_tokens_absent"
    case throttled
    case emailUnverified = "email_unverified"
    case basicEmailUnverified = "basic_email_unverified"
    case invalidSignature = "invalid_signature"
}

/// What `/api/schema/` advertises in `components.securitySchemes`.
public struct SchemaExpectation: Hashable, Sendable, Codable {
    public var securitySchemes: [String]
    public init(securitySchemes: [String]) { self.securitySchemes = securitySchemes }
    enum CodingKeys: String, CodingKey { case securitySchemes = "security_schemes" }
}
