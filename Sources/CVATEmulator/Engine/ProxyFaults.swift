import Foundation

extension CVATEngine {
    /// The path of the HTML page the `sso-redirect` fault sends auth endpoints to.
    static let ssoLoginPath = "/sso/login"

    /// A response from the (emulated) proxy in front of CVAT, or `nil` to pass the request on.
    func proxyResponse(_ request: WireRequest, now: Date) -> WireResponse? {
        let faults = settings.faults
        if let status = settings.htmlErrorStatus { return NginxPages.page(status) }
        if let limit = settings.proxyRateLimit {
            let wait: Int? = store.with { state in
                var history = state.proxyThrottle[request.clientAddress] ?? []
                defer { state.proxyThrottle[request.clientAddress] = history }
                return Throttle.check(history: &history, limit: limit, now: now)
            }
            if let wait { return Throttle.response(wait: wait) }
        }
        if faults.contains(.ssoRedirect) {
            if request.path == Self.ssoLoginPath { return DjangoPages.ssoLogin }
            if request.path.hasPrefix("/api/auth/") {
                let next = request.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? request.path
                return NginxPages.page(302, location: "\(Self.ssoLoginPath)?next=\(next)")
            }
        }
        if faults.contains(.noAbout), request.path == "/api/server/about" || request.path == "/api/server/about/" {
            return NginxPages.page(403)
        }
        return nil
    }

    /// Rewrites `Set-Cookie` lines as the cookie faults' proxies do.
    func applyCookieFaults(_ response: inout WireResponse) {
        let faults = settings.faults
        if faults.contains(.stripSetCookie) { response.setCookies = [] }
        if faults.contains(.stripSessionCookie) {
            response.setCookies.removeAll { CookieWriter.name(of: $0) == "sessionid" }
        }
        if faults.contains(.secureCookies) { response.setCookies = response.setCookies.map { $0 + "; Secure" } }
        if faults.contains(.partitionedCookie) { response.setCookies = response.setCookies.map { $0 + "; Partitioned" } }
    }
}
