import Foundation

/// One request in flight: the request plus what the server believes about it and the Django
/// session bookkeeping the middleware turns into `Set-Cookie` lines at the end.
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
    /// A new CSRF secret to send as `csrftoken` (login rotates it).
    var rotatedCSRF: String?

    init(request: WireRequest, now: Date, settings: EngineSettings, sessions: [String: Int]) {
        self.request = request
        self.now = now
        let forwardedProto = request.header("x-forwarded-proto")?.split(separator: ",").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        secure = settings.servesTLS || forwardedProto == "https" || settings.faults.contains(.originMismatch)
        host = request.header("x-forwarded-host")?.split(separator: ",").first.map {
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

    /// Django's `request.build_absolute_uri()` without the `sign` parameter.
    var absoluteURIWithoutSign: String {
        let kept = request.rawQuery?.split(separator: "&").filter { !$0.hasPrefix("sign=") } ?? []
        return baseURL + request.path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    /// The client identity DRF throttles key on: `X-Forwarded-For` (whitespace removed) or the peer.
    var throttleIdent: String {
        if let forwarded = request.header("x-forwarded-for") {
            return forwarded.filter { !$0.isWhitespace }
        }
        return request.clientAddress
    }

    /// The `Set-Cookie` lines Django's session, CSRF and CVAT's session-refresh middleware add.
    var middlewareCookies: [String] {
        var lines: [String] = []
        if let rotatedCSRF { lines.append(SetCookie.csrf(rotatedCSRF, now: now)) }
        if let key = finalSessionKey {
            if !hadFreshCookie { lines.append(SetCookie.fresh(now: now)) }
            if sessionModified || !hadFreshCookie { lines.append(SetCookie.session(key, now: now)) }
        } else if sessionCookie != nil {
            lines.append(SetCookie.sessionDeletion)
        }
        return lines
    }
}
