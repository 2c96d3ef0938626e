import Foundation

/// A deployment fault the emulator injects, as a misconfigured proxy or server would.
///
/// Parsed from the CLI spelling with ``init(parsing:)`` (`"strip-set-cookie"`, `"slow=200"`,
/// `"rate-limit=5"`, `"html-errors=503"`); ``description`` gives that spelling back.
/// `docs/EMULATOR.md` describes the wire effect of each and the real evidence it rests on.
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
    /// TLS is terminated by a proxy that does not forward `X-Forwarded-Proto`: the emulator serves
    /// TLS (needs ``EmulatorConfiguration/tls``) while Django believes the request is http, so the
    /// `https://` Origin cvat-sdk ≥2.41 sends fails the CSRF Origin check.
    case tlsNoForwardedProto
    /// An nginx front on a second, plain-http port answers every request with `301 Moved
    /// Permanently` to the TLS port (needs ``EmulatorConfiguration/tls``); see
    /// ``EmulatedCVATServer/redirectFrontURL``.
    case httpRedirectsToHTTPS
    /// The auth endpoints (`/api/auth/…`) answer 302 to an HTML single-sign-on page.
    case ssoRedirect
    /// A proxy answers every request with nginx's HTML error page of this status (502 by default,
    /// ``htmlErrors``).
    case htmlErrors(status: Int)
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

    /// nginx's 502 Bad Gateway page for every request (`html-errors`).
    public static var htmlErrors: EmulatorFault { .htmlErrors(status: 502) }

    /// The statuses `html-errors=N` accepts: those nginx 1.22 serves its own page for.
    public static let htmlErrorStatuses = NginxPages.statuses

    /// Parses the CLI spelling of a fault; `nil` if the text names no fault or has a bad value.
    ///
    /// Names are case-insensitive; `slow` and `rate-limit` need a positive integer after `=`;
    /// `html-errors` takes an optional status from ``htmlErrorStatuses``.
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
        case ("tls-no-forwarded-proto", nil): self = .tlsNoForwardedProto
        case ("http-redirects-to-https", nil): self = .httpRedirectsToHTTPS
        case ("sso-redirect", nil): self = .ssoRedirect
        case ("html-errors", nil): self = .htmlErrors
        case ("html-errors", let status?) where Self.htmlErrorStatuses.contains(status): self = .htmlErrors(status: status)
        case ("slow", let ms?): self = .slow(milliseconds: ms)
        case ("rate-limit", let n?): self = .rateLimit(perMinute: n)
        case ("no-about", nil): self = .noAbout
        case ("token-disabled", nil): self = .tokenDisabled
        case ("dev-version", nil): self = .devVersion
        default: return nil
        }
    }

    /// The CLI spelling, e.g. `"strip-set-cookie"`, `"slow=200"` or `"html-errors=503"`
    /// (`"html-errors"` for the default 502).
    public var description: String {
        switch self {
        case .stripSetCookie: "strip-set-cookie"
        case .stripSessionCookie: "strip-session-cookie"
        case .secureCookies: "secure-cookies"
        case .partitionedCookie: "partitioned-cookie"
        case .tlsNoForwardedProto: "tls-no-forwarded-proto"
        case .httpRedirectsToHTTPS: "http-redirects-to-https"
        case .ssoRedirect: "sso-redirect"
        case .htmlErrors(let status): status == 502 ? "html-errors" : "html-errors=\(status)"
        case .slow(let ms): "slow=\(ms)"
        case .rateLimit(let n): "rate-limit=\(n)"
        case .noAbout: "no-about"
        case .tokenDisabled: "token-disabled"
        case .devVersion: "dev-version"
        }
    }

    /// Whether the fault needs the emulator to serve TLS (``EmulatorConfiguration/tls``).
    public var needsTLS: Bool {
        self == .tlsNoForwardedProto || self == .httpRedirectsToHTTPS
    }

    /// Every fault's CLI spelling; the ones that take a value show it as `=MS`, `=N` or `[=STATUS]`.
    public static var allNames: [String] {
        [
            "strip-set-cookie", "strip-session-cookie", "secure-cookies", "partitioned-cookie",
            "tls-no-forwarded-proto", "http-redirects-to-https", "sso-redirect", "html-errors[=STATUS]",
            "slow=MS", "rate-limit=N", "no-about", "token-disabled", "dev-version",
        ]
    }
}
