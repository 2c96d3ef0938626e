/// Django's cookie settings as a deployment may override them (`SESSION_COOKIE_*`, `CSRF_COOKIE_*`).
///
/// The defaults are Django's and CVAT's (no override in CVAT's settings). Attributes are written in
/// the order Django's `set_cookie` produces: `expires`, `HttpOnly`, `Max-Age`, `Path`, `SameSite`,
/// `Secure` — `Secure` last, the form Python's `http.cookies` cannot parse when it is not the last
/// cookie of the joined header.
public struct EmulatorCookieSettings: Sendable, Hashable {
    /// `SESSION_COOKIE_SECURE`: `sessionid` and `sessionfresh` get `Secure`.
    public var sessionCookieSecure: Bool
    /// `CSRF_COOKIE_SECURE`: `csrftoken` gets `Secure`.
    public var csrfCookieSecure: Bool
    /// `SESSION_COOKIE_AGE` in seconds (default two weeks); `sessionfresh` lives min(1 day, half of it).
    public var sessionCookieAge: Int
    /// `SESSION_COOKIE_SAMESITE`: `"Lax"`, `"Strict"`, `"None"`, or `nil` for no attribute.
    public var sessionCookieSameSite: String?
    /// `CSRF_COOKIE_SAMESITE`: `"Lax"`, `"Strict"`, `"None"`, or `nil` for no attribute.
    public var csrfCookieSameSite: String?
    /// `SESSION_COOKIE_HTTPONLY` (`sessionfresh` is always HttpOnly).
    public var sessionCookieHTTPOnly: Bool
    /// `CSRF_COOKIE_HTTPONLY`.
    public var csrfCookieHTTPOnly: Bool

    /// Creates cookie settings; every default is Django's.
    public init(
        sessionCookieSecure: Bool = false,
        csrfCookieSecure: Bool = false,
        sessionCookieAge: Int = 1_209_600,
        sessionCookieSameSite: String? = "Lax",
        csrfCookieSameSite: String? = "Lax",
        sessionCookieHTTPOnly: Bool = true,
        csrfCookieHTTPOnly: Bool = false
    ) {
        self.sessionCookieSecure = sessionCookieSecure
        self.csrfCookieSecure = csrfCookieSecure
        self.sessionCookieAge = sessionCookieAge
        self.sessionCookieSameSite = sessionCookieSameSite
        self.csrfCookieSameSite = csrfCookieSameSite
        self.sessionCookieHTTPOnly = sessionCookieHTTPOnly
        self.csrfCookieHTTPOnly = csrfCookieHTTPOnly
    }

    /// The Django setting names ``set(_:to:)`` accepts.
    public static let settingNames = [
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_AGE", "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
    ]

    /// Sets one Django setting from its text form, as `NAME=VALUE` on the CLI: booleans are
    /// `true`/`false` (also `True`/`False`, `1`/`0`), the age a positive number of seconds, SameSite
    /// `Lax`, `Strict`, `None` or `unset` (no attribute, Django's `False`).
    /// - Throws: ``EmulatorError/invalidConfiguration(_:)`` for an unknown name or a bad value.
    public mutating func set(_ name: String, to value: String) throws(EmulatorError) {
        switch name.uppercased() {
        case "SESSION_COOKIE_SECURE": sessionCookieSecure = try Self.bool(name, value)
        case "CSRF_COOKIE_SECURE": csrfCookieSecure = try Self.bool(name, value)
        case "SESSION_COOKIE_HTTPONLY": sessionCookieHTTPOnly = try Self.bool(name, value)
        case "CSRF_COOKIE_HTTPONLY": csrfCookieHTTPOnly = try Self.bool(name, value)
        case "SESSION_COOKIE_SAMESITE": sessionCookieSameSite = try Self.sameSite(name, value)
        case "CSRF_COOKIE_SAMESITE": csrfCookieSameSite = try Self.sameSite(name, value)
        case "SESSION_COOKIE_AGE":
            guard let seconds = Int(value), seconds > 0 else {
                throw .invalidConfiguration("\(name) must be a positive number of seconds, not '\(value)'")
            }
            sessionCookieAge = seconds
        default:
            throw .invalidConfiguration("unknown Django setting '\(name)'; known: \(Self.settingNames.joined(separator: ", "))")
        }
    }

    /// Checks the SameSite values as Django's `set_cookie` does (`ValueError` otherwise).
    func validate() throws(EmulatorError) {
        for (name, value) in [("SESSION_COOKIE_SAMESITE", sessionCookieSameSite), ("CSRF_COOKIE_SAMESITE", csrfCookieSameSite)] {
            if let value, !["lax", "strict", "none"].contains(value.lowercased()) {
                throw .invalidConfiguration("\(name) must be Lax, Strict or None, not '\(value)'")
            }
        }
        if sessionCookieAge <= 0 { throw .invalidConfiguration("SESSION_COOKIE_AGE must be positive") }
    }

    /// `sessionfresh`'s Max-Age: min(1 day, half the session age) (CVAT `SessionRefreshMiddleware`).
    var freshMaxAge: Int { min(86_400, sessionCookieAge / 2) }

    private static func bool(_ name: String, _ value: String) throws(EmulatorError) -> Bool {
        switch value.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw .invalidConfiguration("\(name) must be true or false, not '\(value)'")
        }
    }

    private static func sameSite(_ name: String, _ value: String) throws(EmulatorError) -> String? {
        switch value.lowercased() {
        case "lax": return "Lax"
        case "strict": return "Strict"
        case "none": return "None"
        case "unset", "false": return nil
        default: throw .invalidConfiguration("\(name) must be Lax, Strict, None or unset, not '\(value)'")
        }
    }
}
