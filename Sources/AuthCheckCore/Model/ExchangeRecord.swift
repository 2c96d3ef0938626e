import Foundation

/// One HTTP header line as sent or received, in order; repeated names stay separate lines.
public struct HeaderField: Hashable, Sendable, Codable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A redacted record of one HTTP request and its response (or the transport error instead).
///
/// This is evidence for reports; it never contains a secret (see ``Redactor``).
public struct ExchangeRecord: Hashable, Sendable, Codable {
    public var method: String
    /// The URL with any secret query value redacted.
    public var url: String
    public var requestHeaders: [HeaderField]
    /// The request body excerpt (secrets redacted), if any.
    public var requestBody: String?
    /// The response status, `nil` when the exchange failed before a response.
    public var status: Int?
    public var responseHeaders: [HeaderField]
    /// The first bytes of the response body, decoded leniently and redacted.
    public var responseBody: String?
    /// The transport error, when there was no response.
    public var error: String?
    /// Seconds from sending to the end of the response.
    public var duration: Double

    public init(
        method: String, url: String, requestHeaders: [HeaderField] = [], requestBody: String? = nil, status: Int? = nil,
        responseHeaders: [HeaderField] = [], responseBody: String? = nil, error: String? = nil, duration: Double = 0
    ) {
        self.method = method
        self.url = url
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.error = error
        self.duration = duration
    }

    enum CodingKeys: String, CodingKey {
        case method, url
        case requestHeaders = "request_headers"
        case requestBody = "request_body"
        case status
        case responseHeaders = "response_headers"
        case responseBody = "response_body"
        case error, duration
    }

    /// A curl-like text rendering, for `system-out` and transcripts.
    public var transcript: String {
        var lines = ["> \(method) \(url)"]
        lines += requestHeaders.map { "> \($0.name): \($0.value)" }
        if let requestBody, !requestBody.isEmpty {
            lines.append(">")
            lines.append("> \(requestBody)")
        }
        if let status {
            lines.append("< HTTP \(status)")
            lines += responseHeaders.map { "< \($0.name): \($0.value)" }
            if let responseBody, !responseBody.isEmpty {
                lines.append("<")
                lines.append(responseBody)
            }
        }
        if let error { lines.append("! \(error)") }
        return lines.joined(separator: "\n")
    }
}
