/// Django 4.2's `CsrfViewMiddleware` check as Django REST framework's `SessionAuthentication`
/// runs it for session-authenticated unsafe requests.
enum CSRFCheck {
    private static let alphabet = RandomText.csrfAlphabet
    private static let secretLength = 32
    private static let maskedLength = 64

    /// The reason the request fails the check (without DRF's `CSRF Failed: ` prefix), or `nil`.
    /// - Parameters:
    ///   - secure: whether the server believes the request came over https.
    ///   - host: the host (with port) the server believes it serves, as Django's `get_host()`.
    static func failure(_ request: WireRequest, secure: Bool, host: String) -> String? {
        if request.isSafeMethod { return nil }
        if let origin = request.header("origin") {
            let good = "\(secure ? "https" : "http")://\(host)"
            if origin != good {
                return "Origin checking failed - \(origin) does not match any trusted origins."
            }
        } else if secure, let reason = refererFailure(request, host: host) {
            return reason
        }
        return tokenFailure(request)
    }

    private static func refererFailure(_ request: WireRequest, host: String) -> String? {
        guard let referer = request.header("referer") else { return "Referer checking failed - no Referer." }
        guard let separator = referer.range(of: "://") else { return "Referer checking failed - Referer is malformed." }
        let scheme = referer[..<separator.lowerBound]
        let netloc = referer[separator.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if scheme.isEmpty || netloc.isEmpty { return "Referer checking failed - Referer is malformed." }
        if scheme.lowercased() != "https" {
            return "Referer checking failed - Referer is insecure while host is secure."
        }
        if netloc.lowercased() != host.lowercased() {
            return "Referer checking failed - \(referer) does not match any trusted origins."
        }
        return nil
    }

    private static func tokenFailure(_ request: WireRequest) -> String? {
        guard let cookie = request.cookies["csrftoken"] else { return "CSRF cookie not set." }
        if let problem = formatProblem(cookie) { return "CSRF cookie \(problem)." }
        let secret = cookie.count == maskedLength ? unmask(cookie) : cookie
        // Only an absent header is "missing"; an empty one fails the format check (Django's
        // `request.META[CSRF_HEADER_NAME]` then `_check_token_format("")`).
        guard let header = request.header("x-csrftoken") else { return "CSRF token missing." }
        if let problem = formatProblem(header) {
            return "CSRF token from the 'X-Csrftoken' HTTP header \(problem)."
        }
        let candidate = header.count == maskedLength ? unmask(header) : header
        if candidate != secret { return "CSRF token from the 'X-Csrftoken' HTTP header incorrect." }
        return nil
    }

    private static func formatProblem(_ token: String) -> String? {
        if token.count != secretLength && token.count != maskedLength { return "has incorrect length" }
        if token.contains(where: { !alphabet.contains($0) }) { return "has invalid characters" }
        return nil
    }

    /// Django's `_unmask_cipher_token`.
    static func unmask(_ token: String) -> String {
        let characters = Array(token)
        let mask = characters[0..<secretLength]
        let cipher = characters[secretLength...]
        return String(
            zip(cipher, mask).map { c, m in
                let difference = alphabet.firstIndex(of: c)! - alphabet.firstIndex(of: m)!
                return alphabet[(difference + alphabet.count) % alphabet.count]
            })
    }

    /// Django's `_mask_cipher_secret` with a random mask (used by tests and clients).
    static func mask(_ secret: String) -> String {
        let mask = Array(RandomText.csrfSecret())
        let cipher = zip(Array(secret), mask).map { s, m in
            alphabet[(alphabet.firstIndex(of: s)! + alphabet.firstIndex(of: m)!) % alphabet.count]
        }
        return String(mask) + String(cipher)
    }
}
