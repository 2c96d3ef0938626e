import Foundation

/// A request a probe wants sent, relative to the target's base URL.
public struct HTTPRequestSpec: Hashable, Sendable {
    public var method: String
    /// A path (`/api/users/self`, with optional query) appended to the target URL, or an absolute URL.
    public var path: String
    public var headers: [HeaderField]
    public var body: [UInt8]?

    public init(method: String = "GET", path: String, headers: [HeaderField] = [], body: [UInt8]? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// A JSON request: sets `Content-Type: application/json` and encodes `object` (an array or dictionary).
    public static func json(_ method: String, _ path: String, _ object: Any, headers: [HeaderField] = []) -> HTTPRequestSpec {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return HTTPRequestSpec(method: method, path: path, headers: [HeaderField("Content-Type", "application/json")] + headers, body: Array(data))
    }
}

/// A response exactly as received: every header line in order (repeated `Set-Cookie` lines kept apart).
public struct HTTPResponseData: Hashable, Sendable {
    public var status: Int
    public var headers: [HeaderField]
    /// The body, capped at the transport's size limit.
    public var body: [UInt8]
    /// `true` when the body was longer than the cap and was cut.
    public var bodyTruncated: Bool

    public init(status: Int, headers: [HeaderField], body: [UInt8], bodyTruncated: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyTruncated = bodyTruncated
    }

    /// Values of every header with this name (case-insensitive), in order.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.sameHeaderName(as: name) }.map(\.value)
    }

    /// The first value of a header.
    public func header(_ name: String) -> String? { headers(named: name).first }

    /// The raw `Set-Cookie` lines, in order.
    public var setCookieLines: [String] { headers(named: "Set-Cookie") }

    /// The body as text (invalid UTF-8 repaired to U+FFFD).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object, if it is one.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) as? [String: Any]
    }

    /// The content type without parameters, lower-cased.
    public var mediaType: String? {
        header("Content-Type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}

/// Sends requests to one target. Implemented by the HTTP layer (AsyncHTTPClient), faked in tests.
///
/// A transport never follows redirects and never stores cookies: probes see exactly what the server sent.
public protocol HTTPTransport: Sendable {
    /// Sends one request. Throws a ``CategorizedError`` for transport failures (timeout, refused, TLS, …).
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData
    /// Releases connections; called once when the target is done.
    func shutdown() async
    /// Transport retries spent so far (reported per suite); 0 for transports that never retry.
    var retriesSpent: Int { get }
}

extension HTTPTransport {
    public var retriesSpent: Int { 0 }
}

/// An error that knows its bounded category (`timeout`, `refused`, `tls`, `dns`, `protocol`, …) for reports.
public protocol CategorizedError: Error, CustomStringConvertible {
    var category: String { get }
}
