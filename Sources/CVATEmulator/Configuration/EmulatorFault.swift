import Foundation

/// A deployment fault the emulator injects, as a misconfigured proxy or server would.
///
/// Parsed from the CLI spelling with ``init(parsing:)`` (`"strip-set-cookie"`, `"slow=200"`,
/// `"rate-limit=5"`); ``description`` gives that spelling back. `docs/EMULATOR.md` describes the
/// wire effect of each.
public enum EmulatorFault: Hashable, Sendable, CustomStringConvertible {
    /// A proxy drops every `Set-Cookie` header.
    case stripSetCookie
    /// Something in the path drops only the `sessionid` cookie; `csrftoken` and `sessionfresh` pass.
    case stripSessionCookie
    /// Every cookie ends in `; Secure` (as nginx `proxy_cookie_flags ~ secure` emits) although the
    /// emulator is served over plain http.
    case secureCookies
    /// Every cookie gets an extra `; Partitioned` attribute.
    case partitionedCookie
    /// The server believes it is reached over https (TLS terminated by a proxy that does not pass
    /// `X-Forwarded-Proto`), so CSRF Origin and Referer checks fail for http origins.
    case originMismatch
    /// The auth endpoints (`/api/auth/…`) answer 302 to an HTML single-sign-on page.
    case ssoRedirect
    /// A proxy answers every request with a 502 HTML error page.
    case htmlErrors
    /// Every response is delayed by this many milliseconds.
    case slow(milliseconds: Int)
    /// At most this many requests per minute per client; more get 429 with `Retry-After`.
    case rateLimit(perMinute: Int)
    /// A proxy blocks `/api/server/about` (403 HTML page).
    case noAbout
    /// Legacy `Authorization: Token` authentication is switched off (a possible future release).
    case tokenDisabled
    /// `/api/server/about` reports a development build, `X.Y.Z.dev<UTC timestamp>`.
    case devVersion

    /// Parses the CLI spelling of a fault; `nil` if the text names no fault or has a bad value.
    ///
    /// Names are case-insensitive; `slow` and `rate-limit` need a positive integer after `=`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        let value = parts.count == 2 ? Int(parts[1]) : nil
        if parts.count == 2, value == nil || value! <= 0 { return nil }
        switch (name, value) {
        case ("strip-set-cookie", nil): self = .stripSetCookie
        case ("strip-session-cookie", nil): self = .stripSessionCookie
        case ("secure-cookies", nil): self = .secureCookies
        case ("partitioned-cookie", nil): self = .partitionedCookie
        case ("origin-mismatch", nil): self = .originMismatch
        case ("sso-redirect", nil): self = .ssoRedirect
        case ("html-errors", nil): self = .htmlErrors
        case ("slow", let ms?): self = .slow(milliseconds: ms)
        case ("rate-limit", let n?): self = .rateLimit(perMinute: n)
        case ("no-about", nil): self = .noAbout
        case ("token-disabled", nil): self = .tokenDisabled
        case ("dev-version", nil): self = .devVersion
        default: return nil
        }
    }

    /// The CLI spelling, e.g. `"strip-set-cookie"` or `"slow=200"`.
    public var description: String {
        switch self {
        case .stripSetCookie: "strip-set-cookie"
        case .stripSessionCookie: "strip-session-cookie"
        case .secureCookies: "secure-cookies"
        case .partitionedCookie: "partitioned-cookie"
        case .originMismatch: "origin-mismatch"
        case .ssoRedirect: "sso-redirect"
        case .htmlErrors: "html-errors"
        case .slow(let ms): "slow=\(ms)"
        case .rateLimit(let n): "rate-limit=\(n)"
        case .noAbout: "no-about"
        case .tokenDisabled: "token-disabled"
        case .devVersion: "dev-version"
        }
    }

    /// Every fault's CLI spelling; the ones that take a value show it as `=MS` or `=N`.
    public static var allNames: [String] {
        [
            "strip-set-cookie", "strip-session-cookie", "secure-cookies", "partitioned-cookie",
            "origin-mismatch", "sso-redirect", "html-errors", "slow=MS", "rate-limit=N", "no-about",
            "token-disabled", "dev-version",
        ]
    }
}
