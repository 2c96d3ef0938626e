/// What `profiles draft --client` read from an installed client release: each fact of a client profile
/// it could derive, where in the package it read it, and what it could not derive (with why).
///
/// The facts come from `backends/cvat-sdk/describe_client.py`, which reads the installed code (never
/// its version number); ``init(from:)`` decodes that script's JSON:
///
/// ```json
/// {"client": "cvat-sdk", "version": "2.48.0",
///  "facts": {"about_fields": ["name", "description", "version", "logo_url", "subtitle"], "version_window": 1,
///            "password": {"asserts_cookies": ["sessionid", "csrftoken"], "cookie_parser": "python-simplecookie",
///                         "authenticates_with": "session", "sends_origin": true},
///            "access_token": {"supported": true, "scheme": "Bearer"}},
///  "evidence": {"password.asserts_cookies": "cvat_sdk/core/client.py:247"},
///  "underived": {}}
/// ```
///
/// A fact that could not be derived is `nil` here and has an entry in ``underived``.
public struct ObservedClientFacts: Sendable, Hashable, Codable {
    /// The client packages whose facts can be read.
    public static let clients = ["cvat-sdk", "cvat-cli"]

    /// Every fact path, in the order of a client profile file.
    public static let factPaths = [
        "about_fields", "version_window", "password.asserts_cookies", "password.cookie_parser", "password.authenticates_with",
        "password.sends_origin", "access_token.supported", "access_token.scheme",
    ]

    /// `cvat-sdk` or `cvat-cli`.
    public var client: String
    /// The release as installed (`importlib.metadata`).
    public var version: CVATVersion
    /// `about_fields`: the fields the `About` model requires.
    public var aboutFields: [String]?
    /// `version_window`: minors above its own the client accepts without a warning.
    public var versionWindow: Int?
    /// `password.asserts_cookies`: the cookies `Client.login` asserts.
    public var assertsCookies: [String]?
    /// `password.cookie_parser`: `python-simplecookie` or `rfc6265`.
    public var cookieParser: String?
    /// `password.authenticates_with`: `token` or `session`.
    public var authenticatesWith: String?
    /// `password.sends_origin`: whether unsafe requests carry `Origin`.
    public var sendsOrigin: Bool?
    /// `access_token.supported`: whether the client takes a personal access token.
    public var accessTokenSupported: Bool?
    /// `access_token.scheme`: the token's header scheme (`Bearer`); `nil` as well when tokens are unsupported.
    public var accessTokenScheme: String?
    /// Fact path ("password.asserts_cookies") → where it was read ("cvat_sdk/core/client.py:212").
    public var evidence: [String: String]
    /// Fact path → why it could not be derived.
    public var underived: [String: String]

    public init(
        client: String, version: CVATVersion, aboutFields: [String]? = nil, versionWindow: Int? = nil, assertsCookies: [String]? = nil,
        cookieParser: String? = nil, authenticatesWith: String? = nil, sendsOrigin: Bool? = nil, accessTokenSupported: Bool? = nil,
        accessTokenScheme: String? = nil, evidence: [String: String] = [:], underived: [String: String] = [:]
    ) {
        self.client = client
        self.version = version
        self.aboutFields = aboutFields
        self.versionWindow = versionWindow
        self.assertsCookies = assertsCookies
        self.cookieParser = cookieParser
        self.authenticatesWith = authenticatesWith
        self.sendsOrigin = sendsOrigin
        self.accessTokenSupported = accessTokenSupported
        self.accessTokenScheme = accessTokenScheme
        self.evidence = evidence
        self.underived = underived
    }

    /// The facts a resolved ClientProfile states that differ from these (fact path → "shipped X, derived Y");
    /// underived facts are not compared.
    ///
    /// `access_token.scheme` is compared only when a scheme was derived (a client without tokens has none).
    public func differences(from profile: ClientProfile) -> [String: String] {
        let shipped: [String: String?] = [
            "about_fields": Self.text(profile.aboutFields), "version_window": String(profile.versionWindow),
            "password.asserts_cookies": Self.text(profile.password.assertsCookies), "password.cookie_parser": profile.password.cookieParser,
            "password.authenticates_with": profile.password.authenticatesWith, "password.sends_origin": String(profile.password.sendsOrigin),
            "access_token.supported": String(profile.accessToken.supported), "access_token.scheme": profile.accessToken.scheme,
        ]
        var differences: [String: String] = [:]
        for (path, derived) in derivedTexts {
            guard let derived, underived[path] == nil else { continue }
            let stated = shipped[path] ?? nil
            if stated != derived { differences[path] = "shipped \(stated ?? "(none)"), derived \(derived)" }
        }
        return differences
    }

    /// Each fact as text (`[sessionid, csrftoken]`, `true`, `1`), `nil` when not derived.
    private var derivedTexts: [String: String?] {
        [
            "about_fields": aboutFields.map(Self.text), "version_window": versionWindow.map { String($0) },
            "password.asserts_cookies": assertsCookies.map(Self.text), "password.cookie_parser": cookieParser,
            "password.authenticates_with": authenticatesWith, "password.sends_origin": sendsOrigin.map { String($0) },
            "access_token.supported": accessTokenSupported.map { String($0) }, "access_token.scheme": accessTokenScheme,
        ]
    }

    private static func text(_ list: [String]) -> String { "[" + list.joined(separator: ", ") + "]" }
}
