import Foundation

/// One CVAT deployment to check.
///
/// A target never holds secret values: ``credentials`` names environment variables or files.
public struct Target: Hashable, Sendable, Codable {
    /// A short stable name, used in report class names (`cvat.<name>.<family>`).
    public var name: String
    /// The server's base URL (`https://cvat.example.com`); paths such as `/api/...` are appended.
    public var url: URL
    /// Where the credentials come from.
    public var credentials: CredentialReference
    /// Organization slug sent as `X-Organization`, if any.
    public var organization: String?
    /// TLS options for this target.
    public var tls: TLSOptions
    /// Free-form tags for filtering and reports.
    public var tags: [String]
    /// A version to assume instead of detecting it (`/api/server/about` blocked, for instance).
    public var pinnedVersion: CVATVersion?
    /// The clients the user cares about on this target; `nil` means the default (the client lines at or
    /// below the server's release). A predicted break of a selected client fails the run.
    public var clients: [ClientSelector]?
    /// Whether to check the https URL when the target's http URL redirects to it (`false`: report the
    /// redirect and what it means for clients, and stop).
    public var followHTTPSRedirect: Bool
    /// Whether the probes that destroy state the probe account's other clients share (logout deletes
    /// the user's one legacy token) may run although the account is not shown to be dedicated to the
    /// checker: it looks shared, or this release line cannot tell. Default `false`: they are skipped
    /// with the reason.
    public var allowSharedAccount: Bool

    public init(
        name: String, url: URL, credentials: CredentialReference = .init(), organization: String? = nil,
        tls: TLSOptions = .init(), tags: [String] = [], pinnedVersion: CVATVersion? = nil, clients: [ClientSelector]? = nil,
        followHTTPSRedirect: Bool = false, allowSharedAccount: Bool = false
    ) {
        self.name = name
        self.url = url
        self.credentials = credentials
        self.organization = organization
        self.tls = tls
        self.tags = tags
        self.pinnedVersion = pinnedVersion
        self.clients = clients
        self.followHTTPSRedirect = followHTTPSRedirect
        self.allowSharedAccount = allowSharedAccount
    }

    /// Whether the user cares about a client line: it is named by one of ``clients``, or — without a
    /// selection — its first release is at or below the server's release.
    public func selects(client: String, versions: VersionRange, server: CVATVersion?) -> Bool {
        if let clients { return clients.contains { $0.selects(client: client, versions: versions) } }
        guard let server, let lower = versions.lowerBound?.version else { return true }
        return lower <= server.release
    }

    /// The host name shown in reports (`hostname` of a JUnit test suite).
    public var hostname: String { url.host ?? name }

    /// Derives a report-safe name from a URL: host and port with dots and colons turned into dashes.
    public static func defaultName(for url: URL) -> String {
        var name = url.host ?? "target"
        if let port = url.port { name += "-\(port)" }
        return name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.reduce(into: "") { $0.append($1) }
    }
}

/// Names the places a target's secrets are read from; never the secrets themselves.
public struct CredentialReference: Hashable, Sendable, Codable {
    /// Environment variable holding the user name (or e-mail).
    public var userEnv: String?
    /// Literal user name; not a secret, so it may be written in a targets file.
    public var user: String?
    /// Environment variable holding the password.
    public var passwordEnv: String?
    /// File whose first line is the password.
    public var passwordFile: String?
    /// Environment variable holding a personal access token (CVAT ≥ 2.48).
    public var accessTokenEnv: String?
    /// File whose first line is a personal access token.
    public var accessTokenFile: String?
    /// Environment variable holding the probe account's e-mail address (for the e-mail login form).
    public var emailEnv: String?

    public init(
        userEnv: String? = nil, user: String? = nil, passwordEnv: String? = nil, passwordFile: String? = nil,
        accessTokenEnv: String? = nil, accessTokenFile: String? = nil, emailEnv: String? = nil
    ) {
        self.userEnv = userEnv
        self.user = user
        self.passwordEnv = passwordEnv
        self.passwordFile = passwordFile
        self.accessTokenEnv = accessTokenEnv
        self.accessTokenFile = accessTokenFile
        self.emailEnv = emailEnv
    }

    enum CodingKeys: String, CodingKey {
        case userEnv = "user_env"
        case user
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case accessTokenEnv = "access_token_env"
        case accessTokenFile = "access_token_file"
        case emailEnv = "email_env"
    }

    /// `true` when no source is named at all.
    public var isEmpty: Bool { self == CredentialReference() }

    /// The sources named explicitly, with the conventional variables (`CVAT_USER`, `CVAT_PASSWORD`,
    /// `CVAT_ACCESS_TOKEN`) standing in where nothing was named and the variable holds something: CI
    /// systems set an undefined secret to the empty string, which must read as "not configured".
    public static func withConventionalDefaults(
        user: String?, userEnv: String?, passwordEnv: String?, passwordFile: String?, accessTokenEnv: String?, emailEnv: String?,
        environment: [String: String]
    ) -> CredentialReference {
        func conventional(_ name: String) -> String? { environment[name].map { $0.isEmpty ? nil : name } ?? nil }
        return CredentialReference(
            userEnv: user == nil ? (userEnv ?? conventional("CVAT_USER")) : nil, user: user,
            passwordEnv: passwordEnv ?? (passwordFile == nil ? conventional("CVAT_PASSWORD") : nil), passwordFile: passwordFile,
            accessTokenEnv: accessTokenEnv ?? conventional("CVAT_ACCESS_TOKEN"), emailEnv: emailEnv)
    }

    /// The environment variables this reference reads (user, password, token, e-mail).
    public var environmentVariables: [String] {
        [userEnv, passwordEnv, accessTokenEnv, emailEnv].compactMap { $0 }
    }
}

/// TLS settings of one target.
public struct TLSOptions: Hashable, Sendable, Codable {
    /// A PEM file with extra trusted roots (a private CA).
    public var caFile: String?
    /// Skip certificate verification. Every outcome obtained this way is marked in the report.
    public var insecure: Bool

    public init(caFile: String? = nil, insecure: Bool = false) {
        self.caFile = caFile
        self.insecure = insecure
    }

    enum CodingKeys: String, CodingKey {
        case caFile = "ca_file"
        case insecure
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        caFile = try container.decodeIfPresent(String.self, forKey: .caFile)
        insecure = try container.decodeIfPresent(Bool.self, forKey: .insecure) ?? false
    }
}
