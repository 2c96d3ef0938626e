/// Compares a recorded answer with the emulator's: status, content type, `WWW-Authenticate`,
/// `allow`, `vary`, `location`, every `Set-Cookie` (name, attributes and their order; value and
/// expiry masked) and the body (JSON structurally after masking, HTML by its title, anything else as
/// text).
enum ExchangeComparison {
    /// The headers compared value for value (after masking origins).
    static let comparedHeaders = ["content-type", "www-authenticate", "allow", "vary", "location"]

    /// One line per difference, e.g. `vary: recorded "Accept, Origin", emulator "Accept, Origin, Cookie"`.
    static func differences(
        recorded: RecordedExchange, live: LiveResponse, recordedMasker: Masker, liveMasker: Masker
    ) -> [String] {
        var found: [String] = []
        func differ(_ field: String, _ expected: String?, _ actual: String?) {
            if expected != actual {
                found.append("\(field): recorded \(expected.map { "\"\($0)\"" } ?? "(none)"), emulator \(actual.map { "\"\($0)\"" } ?? "(none)")")
            }
        }
        differ("status", String(recorded.status), String(live.status))
        for name in comparedHeaders {
            differ(name, recordedMasker.header(recorded.responseHeader(name)), liveMasker.header(live.header(name)))
        }
        let recordedCookies = recorded.responseSetCookies.map(recordedMasker.setCookie)
        let liveCookies = live.setCookies.map(liveMasker.setCookie)
        if recordedCookies != liveCookies {
            found.append("set-cookie: recorded \(recordedCookies), emulator \(liveCookies)")
        }
        let contentType = (recorded.responseHeader("content-type") ?? "").lowercased()
        if contentType.contains("json"), let expected = JSONNode.parse(recorded.responseBody) {
            let masked = recordedMasker.json(expected)
            let actual = JSONNode.parse(live.body).map { liveMasker.json($0) }
            differ("body (JSON, masked)", masked.description, actual?.description ?? live.body)
        } else if contentType.hasPrefix("text/html"), let title = Masker.htmlTitle(recorded.responseBody) {
            differ("body (HTML title)", title, Masker.htmlTitle(live.body))
        } else {
            differ("body", recordedMasker.maskAuthorities(recorded.responseBody), liveMasker.maskAuthorities(live.body))
        }
        return found
    }
}
