import AuthCheckCore
import Foundation

/// One request/response pair seen by a probe: the raw response for decisions and a redacted
/// ``ExchangeRecord`` for evidence.
public struct Exchange: Sendable {
    public var request: HTTPRequestSpec
    public var response: HTTPResponseData
    /// The redacted record for reports.
    public var record: ExchangeRecord

    public init(request: HTTPRequestSpec, response: HTTPResponseData, record: ExchangeRecord) {
        self.request = request
        self.response = response
        self.record = record
    }

    public var status: Int { response.status }
    /// The response's cookies parsed per RFC 6265.
    public var setCookies: [SetCookie] { response.setCookies }
    /// The response body as a JSON object, if it is one.
    public var json: [String: Any]? { response.jsonObject }
    /// CVAT's error text: `detail`, or the first `non_field_errors` entry, or the body's first 200 characters.
    public var detail: String? {
        if let json {
            if let detail = json["detail"] as? String { return detail }
            if let errors = json["non_field_errors"] as? [String], let first = errors.first { return first }
        }
        let text = response.text.trimmedWhitespace
        return text.isEmpty ? nil : String(text.prefix(200))
    }
}

/// The recording HTTP helper probes use: sends ``HTTPRequestSpec``s through the target's
/// ``HTTPTransport``, registers every secret the server mints with the ``Redactor`` the moment it is
/// seen (cookie values, JSON `key`/`value`/`token` fields, CSRF tokens), and returns the raw response
/// with a redacted ``ExchangeRecord``.
///
/// In records, `Authorization` values become `<scheme> [REDACTED]`, cookie values in `Cookie` and
/// `Set-Cookie` become `[REDACTED]` (attributes stay visible), `X-CSRFToken` is masked, and JSON
/// `password` fields in request bodies are masked even when the password is not a registered secret.
public struct Exchanger: Sendable {
    public let transport: any HTTPTransport
    public let redactor: Redactor
    public let baseURL: URL
    /// Response bodies longer than this are cut in records. Default 2,000 characters.
    public var bodyExcerptLimit: Int

    public init(transport: any HTTPTransport, redactor: Redactor, baseURL: URL, bodyExcerptLimit: Int = 2000) {
        self.transport = transport
        self.redactor = redactor
        self.baseURL = baseURL
        self.bodyExcerptLimit = bodyExcerptLimit
    }

    /// JSON fields whose string values are secrets minted by the server.
    public static let secretJSONFields: Set<String> = ["key", "value", "token", "access_token", "csrftoken", "password"]

    /// Sends one request. Transport failures are rethrown (the runner turns them into `error` outcomes).
    public func send(_ request: HTTPRequestSpec) async throws -> Exchange {
        registerRequestSecrets(request)
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await transport.send(request)
        let elapsed = clock.now - start
        registerResponseSecrets(response)
        let duration = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Exchange(request: request, response: response, record: record(request, response: response, duration: duration))
    }

    /// Sends a request, returning the transport error as a record instead of throwing (for probes whose
    /// verdict is "the request failed" — e.g. fingerprints).
    public func attempt(_ request: HTTPRequestSpec) async -> Result<Exchange, TransportFailure> {
        do { return .success(try await send(request)) } catch {
            let text = redactor.redact("\(error)")
            let category = (error as? any CategorizedError)?.category ?? "other"
            return .failure(TransportFailure(category: category, message: text, record: record(request, response: nil, error: text)))
        }
    }

    /// A failed attempt: the error category, its text and a record of the request.
    public struct TransportFailure: Error, Sendable {
        public var category: String
        public var message: String
        public var record: ExchangeRecord
    }

    // MARK: - Secrets

    private func registerRequestSecrets(_ request: HTTPRequestSpec) {
        for header in request.headers {
            switch header.name.lowercased() {
            case "authorization":
                if let space = header.value.firstIndex(of: " ") {
                    redactor.register(String(header.value[header.value.index(after: space)...]))
                }
            case "cookie":
                for pair in header.value.split(separator: ";") {
                    if let equals = pair.firstIndex(of: "=") { redactor.register(String(pair[pair.index(after: equals)...])) }
                }
            case "x-csrftoken":
                redactor.register(header.value)
            default: break
            }
        }
    }

    private func registerResponseSecrets(_ response: HTTPResponseData) {
        for cookie in response.setCookies where cookie.isValid && !cookie.value.isEmpty {
            redactor.register(cookie.value)
            redactor.register(PythonCookieView.unquote(cookie.value))
        }
        if let json = response.jsonObject { registerJSON(json) }
    }

    private func registerJSON(_ object: Any) {
        if let dictionary = object as? [String: Any] {
            for (key, value) in dictionary {
                if Self.secretJSONFields.contains(key.lowercased()), let text = value as? String { redactor.register(text) }
                registerJSON(value)
            }
        } else if let array = object as? [Any] {
            for element in array { registerJSON(element) }
        }
    }

    // MARK: - Records

    /// The absolute URL for a path (as the transport builds it).
    public func url(for path: String) -> String {
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + (path.hasPrefix("/") ? path : "/" + path)
    }

    func record(_ request: HTTPRequestSpec, response: HTTPResponseData?, duration: Double = 0, error: String? = nil) -> ExchangeRecord {
        let requestBody = request.body.map { Self.maskPasswordField(String(decoding: $0, as: UTF8.self)) }
        var record = ExchangeRecord(
            method: request.method, url: redactor.redact(Self.maskSignature(url(for: request.path))),
            requestHeaders: request.headers.map { HeaderField($0.name, redactor.redact(Self.maskHeader($0))) },
            requestBody: requestBody.map { redactor.redact($0) }, error: error, duration: duration)
        if let response {
            record.status = response.status
            record.responseHeaders = response.headers.map { HeaderField($0.name, redactor.redact(Self.maskHeader($0))) }
            var body = response.text
            if body.count > bodyExcerptLimit { body = String(body.prefix(bodyExcerptLimit)) + "…" }
            if response.bodyTruncated { body += " [truncated by the transport]" }
            record.responseBody = redactor.redact(body)
        }
        return record
    }

    /// Masks secret-bearing header values, keeping their structure.
    public static func maskHeader(_ header: HeaderField) -> String {
        switch header.name.lowercased() {
        case "authorization", "proxy-authorization":
            let scheme = header.value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            return scheme.isEmpty || scheme == header.value ? Redactor.mask : "\(scheme) \(Redactor.mask)"
        case "cookie":
            return header.value.split(separator: ";").map { pair -> String in
                let trimmed = pair.trimmedSpaces
                guard let equals = trimmed.firstIndex(of: "=") else { return trimmed }
                return "\(trimmed[..<equals])=\(Redactor.mask)"
            }.joined(separator: "; ")
        case "set-cookie":
            return SetCookie(parsing: header.value).masked(Redactor.mask)
        case "x-csrftoken":
            return Redactor.mask
        default:
            return header.value
        }
    }

    /// Replaces `"password": "…"` values in a JSON text.
    static func maskPasswordField(_ text: String) -> String {
        guard text.contains("password"),
            let data = text.data(using: .utf8),
            var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return text }
        for key in object.keys where key.lowercased().contains("password") { object[key] = Redactor.mask }
        guard let encoded = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return text }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Masks the value of a `sign=` query parameter (URL signing, ≤ 2.45).
    static func maskSignature(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...].split(separator: "&").map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return parts.first == "sign" ? "sign=\(Redactor.mask)" : String(pair)
        }
        return String(url[..<question]) + "?" + query.joined(separator: "&")
    }
}
