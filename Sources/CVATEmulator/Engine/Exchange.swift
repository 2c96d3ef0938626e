import Foundation

/// One request in flight: the request plus what the server believes about it and the Django
/// session bookkeeping the middleware turns into `Set-Cookie` and `Vary` at the end.
struct Exchange {
    let request: WireRequest
    let now: Date
    /// Whether Django's `request.is_secure()` is true.
    let secure: Bool
    /// Django's `request.get_host()`: `X-Forwarded-Host`, else `Host`.
    let host: String
    /// The `sessionid` cookie the client sent, if any.
    let sessionCookie: String?
    /// Whether the client sent `sessionfresh`.
    let hadFreshCookie: Bool
    /// The user of the session named by the cookie (Django's `request.user`), if the session is live.
    var sessionUserID: Int?
    /// The session key after the view ran; `nil` when there is none (logged out or never had one).
    var finalSessionKey: String?
    /// The session was created or cycled (login): its cookie must be sent.
    var sessionModified = false
    /// Something read the session (`request.session.accessed`): SessionMiddleware adds `Vary: Cookie`.
    var sessionAccessed = false
    /// A new CSRF secret to send as `csrftoken` (login rotates it).
    var rotatedCSRF: String?
    /// The organization the permission check found in the request's context (`nil`: sandbox).
    var organization: EmulatorOrganization?

    init(request: WireRequest, now: Date, settings: EngineSettings, sessions: [String: Int]) {
        self.request = request
        self.now = now
        let forwardedProto = request.header("x-forwarded-proto")?.split(separator: ",").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        // A correct TLS front sets X-Forwarded-Proto itself; without one (plain http, or a TLS front
        // that does not forward it) only a client-sent header can make Django believe https.
        secure = settings.djangoSeesTLS || forwardedProto == "https"
        host =
            request.header("x-forwarded-host")?.split(separator: ",").first.map {
                $0.trimmingCharacters(in: .whitespaces)
            } ?? request.header("host") ?? "localhost"
        let cookies = request.cookies
        sessionCookie = cookies["sessionid"]
        hadFreshCookie = cookies["sessionfresh"] != nil
        sessionUserID = sessionCookie.flatMap { sessions[$0] }
        finalSessionKey = sessionUserID == nil ? nil : sessionCookie
    }

    /// `scheme://host` as Django builds absolute URLs.
    var baseURL: String { "\(secure ? "https" : "http")://\(host)" }

    /// The client identity DRF throttles key on: `X-Forwarded-For` (whitespace removed) or the peer.
    var throttleIdent: String {
        if let forwarded = request.header("x-forwarded-for") {
            return forwarded.filter { !$0.isWhitespace }
        }
        return request.clientAddress
    }

    /// The `Set-Cookie` lines Django's CSRF middleware, CVAT's `SessionRefreshMiddleware` and
    /// Django's `SessionMiddleware` add, in that order, for a response of `status`.
    mutating func middlewareCookies(status: Int, cookies: CookieWriter) -> [String] {
        var lines: [String] = []
        if let rotatedCSRF { lines.append(cookies.csrf(rotatedCSRF, now: now)) }
        if let key = finalSessionKey {
            // SessionRefreshMiddleware reads the session's expiry age (the session is accessed);
            // neither it nor SessionMiddleware writes a cookie on a 5xx answer.
            let refresh = !hadFreshCookie && status < 500
            if refresh {
                lines.append(cookies.fresh(now: now))
                sessionAccessed = true
            }
            if (sessionModified || refresh) && status < 500 { lines.append(cookies.session(key, now: now)) }
        } else {
            if hadFreshCookie { lines.append(cookies.deletion("sessionfresh")) }
            if sessionCookie != nil {
                lines.append(cookies.deletion("sessionid"))
                sessionAccessed = true
            }
        }
        return lines
    }
}
