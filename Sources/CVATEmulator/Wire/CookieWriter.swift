import Foundation

/// Writes `Set-Cookie` values exactly as Django's `HttpResponse.set_cookie` does for the deployment's
/// cookie settings: attributes in Python's `Morsel` order (`expires`, `HttpOnly`, `Max-Age`, `Path`,
/// `SameSite`, `Secure`).
struct CookieWriter: Sendable {
    /// `CSRF_COOKIE_AGE`: one year (Django's default; CVAT does not change it).
    static let csrfMaxAge = 31_449_600

    let settings: EmulatorCookieSettings

    /// One cookie line; `expires` is `Max-Age` seconds after `now`, or the epoch for a deletion.
    static func line(
        name: String, value: String, maxAge: Int, httpOnly: Bool, sameSite: String?, secure: Bool, now: Date?
    ) -> String {
        let expires = now.map { HTTPDate.rfc1123($0.addingTimeInterval(TimeInterval(maxAge))) } ?? "Thu, 01 Jan 1970 00:00:00 GMT"
        var line = "\(name)=\(value); expires=\(expires); "
        if httpOnly { line += "HttpOnly; " }
        line += "Max-Age=\(maxAge); Path=/"
        if let sameSite { line += "; SameSite=\(sameSite)" }
        if secure { line += "; Secure" }
        return line
    }

    /// `csrftoken`: one year, `CSRF_COOKIE_*` attributes.
    func csrf(_ secret: String, now: Date) -> String {
        Self.line(
            name: "csrftoken", value: secret, maxAge: Self.csrfMaxAge, httpOnly: settings.csrfCookieHTTPOnly,
            sameSite: settings.csrfCookieSameSite, secure: settings.csrfCookieSecure, now: now)
    }

    /// `sessionfresh=1`: always HttpOnly, min(1 day, half the session age), the session's SameSite and Secure.
    func fresh(now: Date) -> String {
        Self.line(
            name: "sessionfresh", value: "1", maxAge: settings.freshMaxAge, httpOnly: true,
            sameSite: settings.sessionCookieSameSite, secure: settings.sessionCookieSecure, now: now)
    }

    /// `sessionid`: `SESSION_COOKIE_AGE` and the `SESSION_COOKIE_*` attributes.
    func session(_ key: String, now: Date) -> String {
        Self.line(
            name: "sessionid", value: key, maxAge: settings.sessionCookieAge, httpOnly: settings.sessionCookieHTTPOnly,
            sameSite: settings.sessionCookieSameSite, secure: settings.sessionCookieSecure, now: now)
    }

    /// Django's `delete_cookie` for a session cookie: empty value, the epoch, the session's SameSite,
    /// and `Secure` only when SameSite is `None` (Django ignores `SESSION_COOKIE_SECURE` here).
    func deletion(_ name: String) -> String {
        let sameSite = settings.sessionCookieSameSite
        return Self.line(
            name: name, value: "\"\"", maxAge: 0, httpOnly: false, sameSite: sameSite,
            secure: sameSite?.lowercased() == "none", now: nil)
    }

    /// The cookie name of a raw `Set-Cookie` value.
    static func name(of value: String) -> String {
        String(value.prefix { $0 != "=" && $0 != ";" }).trimmingCharacters(in: .whitespaces)
    }
}
