import Foundation

/// `Set-Cookie` values with the exact attribute order Django writes.
enum SetCookie {
    /// `csrftoken`: one year, readable by scripts.
    static let csrfMaxAge = 31_449_600
    /// `sessionid`: two weeks.
    static let sessionMaxAge = 1_209_600
    /// `sessionfresh`: min(1 day, half the session age).
    static let freshMaxAge = 86_400

    /// `name=value; expires=…; [HttpOnly; ]Max-Age=…; Path=/; SameSite=Lax`.
    static func make(name: String, value: String, maxAge: Int, httpOnly: Bool, now: Date) -> String {
        let expires = HTTPDate.rfc1123(now.addingTimeInterval(TimeInterval(maxAge)))
        return "\(name)=\(value); expires=\(expires); \(httpOnly ? "HttpOnly; " : "")Max-Age=\(maxAge); Path=/; SameSite=Lax"
    }

    static func csrf(_ secret: String, now: Date) -> String {
        make(name: "csrftoken", value: secret, maxAge: csrfMaxAge, httpOnly: false, now: now)
    }

    static func fresh(now: Date) -> String {
        make(name: "sessionfresh", value: "1", maxAge: freshMaxAge, httpOnly: true, now: now)
    }

    static func session(_ key: String, now: Date) -> String {
        make(name: "sessionid", value: key, maxAge: sessionMaxAge, httpOnly: true, now: now)
    }

    /// What Django's `delete_cookie("sessionid")` sends.
    static let sessionDeletion = "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"

    /// The cookie name of a raw `Set-Cookie` value.
    static func name(of value: String) -> String {
        String(value.prefix { $0 != "=" && $0 != ";" }).trimmingCharacters(in: .whitespaces)
    }
}
