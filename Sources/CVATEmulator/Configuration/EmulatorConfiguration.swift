/// Everything an ``EmulatedCVATServer`` needs to start: the CVAT release it pretends to be, the
/// single user it knows and its rights, where it listens, the deployment's Django settings and which
/// deployment faults it injects.
///
/// The emulator knows exactly one user (id 1). Its password is required and never printed.
public struct EmulatorConfiguration: Sendable {
    /// The version `/api/server/about` reports, exactly as given (e.g. `"2.48.0"`).
    ///
    /// Any release from 2.24.0 on is accepted; the newest emulated release line at or below it is
    /// used (see ``EmulatedCVATServer/releaseLines``).
    public var version: String
    /// Deployment faults to inject; see ``EmulatorFault``. Default: none.
    public var faults: [EmulatorFault]
    /// The user's username. Default `"probe"`.
    public var username: String
    /// The user's e-mail address (login and Basic auth accept it too). Default `"probe@example.com"`.
    public var email: String
    /// The user's password.
    public var password: String
    /// The address to bind. Default `"127.0.0.1"`.
    public var host: String
    /// The TCP port to bind; 0 (the default) picks a free ephemeral port.
    public var port: Int
    /// Serve HTTPS with this certificate and key; `nil` (the default) serves plain http.
    public var tls: EmulatorTLS?
    /// Whether the deployment requires verified e-mail addresses (`ACCOUNT_EMAIL_VERIFICATION =
    /// 'mandatory'`) while the user's address is unverified. Default `false`.
    ///
    /// When `true`, password login answers 400 `Unverified email`, and from release line 2.42 on
    /// HTTP Basic answers 401 "E-mail is not verified.".
    public var emailVerificationMandatory: Bool
    /// The account's system group, which CVAT's permission rules read. Default ``EmulatorRole/admin``
    /// (also staff and superuser).
    public var role: EmulatorRole
    /// The organization the account is a member of, with its role there; `nil` (the default): none.
    public var organization: EmulatorOrganization?
    /// Django's cookie settings (`SESSION_COOKIE_SECURE`, `SESSION_COOKIE_AGE`, SameSite, …).
    public var cookieSettings: EmulatorCookieSettings
    /// The account's first name in user objects. Default empty.
    public var firstName: String
    /// The account's last name in user objects. Default empty.
    public var lastName: String

    /// Creates a configuration; only the version and the password are required.
    public init(
        version: String,
        password: String,
        faults: [EmulatorFault] = [],
        username: String = "probe",
        email: String = "probe@example.com",
        host: String = "127.0.0.1",
        port: Int = 0,
        tls: EmulatorTLS? = nil,
        emailVerificationMandatory: Bool = false,
        role: EmulatorRole = .admin,
        organization: EmulatorOrganization? = nil,
        cookieSettings: EmulatorCookieSettings = .init(),
        firstName: String = "",
        lastName: String = ""
    ) {
        self.version = version
        self.password = password
        self.faults = faults
        self.username = username
        self.email = email
        self.host = host
        self.port = port
        self.tls = tls
        self.emailVerificationMandatory = emailVerificationMandatory
        self.role = role
        self.organization = organization
        self.cookieSettings = cookieSettings
        self.firstName = firstName
        self.lastName = lastName
    }
}

/// PEM files for serving the emulator over HTTPS.
public struct EmulatorTLS: Sendable, Hashable {
    /// Path of the PEM certificate chain (leaf first).
    public var certificateChainPath: String
    /// Path of the PEM private key.
    public var privateKeyPath: String

    /// Creates TLS settings from two PEM file paths.
    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }
}
