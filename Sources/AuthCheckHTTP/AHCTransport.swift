import AsyncHTTPClient
import AuthCheckCore
import Foundation
import NIOCore
import NIOHTTP1

/// Sends a target's requests through AsyncHTTPClient with full control: no redirects followed, no
/// cookie jar, no decompression, HTTP/1.1 only, every `Set-Cookie` line kept raw, bodies capped, and
/// one overall timeout per request (a server that trickles bytes cannot stretch it).
public struct AHCTransport: HTTPTransport {
    let client: HTTPClient
    let baseURL: URL
    let configuration: HTTPTransportConfiguration

    init(client: HTTPClient, baseURL: URL, configuration: HTTPTransportConfiguration) {
        self.client = client
        self.baseURL = baseURL
        self.configuration = configuration
    }

    /// The absolute URL for a request path.
    public func url(for path: String) -> String {
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + (path.hasPrefix("/") ? path : "/" + path)
    }

    public func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponseData {
        let url = url(for: spec.path)
        let endpoint = "\(spec.method) \(Self.withoutQueryValues(url))"
        let timeout = configuration.timeout
        let maxBody = configuration.maxBodyBytes
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: spec.method)
        if !spec.headers.contains(where: { $0.name.caseInsensitiveCompare("User-Agent") == .orderedSame }) {
            request.headers.add(name: "User-Agent", value: configuration.userAgent)
        }
        for header in spec.headers { request.headers.add(name: header.name, value: header.value) }
        if let body = spec.body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let client = self.client
        let prepared = request
        do {
            return try await Self.within(seconds: timeout, endpoint: endpoint) {
                let response = try await client.execute(prepared, timeout: .milliseconds(Int64(timeout * 1000)))
                var collected: [UInt8] = []
                var truncated = false
                for try await chunk in response.body {
                    let room = maxBody - collected.count
                    if chunk.readableBytes > room {
                        collected += chunk.getBytes(at: chunk.readerIndex, length: max(0, room)) ?? []
                        truncated = true
                        break
                    }
                    collected += chunk.readableBytesView
                }
                return HTTPResponseData(
                    status: Int(response.status.code), headers: response.headers.map { HeaderField($0.name, $0.value) },
                    body: collected, bodyTruncated: truncated)
            }
        } catch {
            throw TransportError.classify(error, endpoint: endpoint, timeout: timeout)
        }
    }

    public func shutdown() async {}

    /// Runs `operation`, failing with a timeout when it takes longer than `seconds` in total.
    static func within<T: Sendable>(seconds: Double, endpoint: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                throw TransportError.timeout("\(endpoint): no complete answer within \(TransportError.format(seconds)) s (request timeout)")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    /// A URL with query values replaced by `…`, for error texts (a signed URL's `sign=` is a secret).
    static func withoutQueryValues(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...].split(separator: "&").map { pair in
            pair.split(separator: "=", maxSplits: 1).first.map { "\($0)=…" } ?? String(pair)
        }
        return String(url[..<question]) + "?" + query.joined(separator: "&")
    }
}

/// One `HTTPClient` per distinct TLS setting, shared by every target of a run; shut down at the end.
public final class HTTPClientPool: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [TLSOptions: HTTPClient] = [:]
    private let configuration: HTTPTransportConfiguration

    public init(configuration: HTTPTransportConfiguration) { self.configuration = configuration }

    /// The shared client for these TLS options.
    ///
    /// - Throws: ``TransportError`` (`tls`) when the CA file cannot be read or parsed.
    public func client(for tls: TLSOptions) throws -> HTTPClient {
        lock.lock()
        defer { lock.unlock() }
        if let client = clients[tls] { return client }
        let client = try Self.makeClient(tls: tls, timeout: configuration.timeout)
        clients[tls] = client
        return client
    }

    /// A transport for one target; `timeout` overrides the pool's request timeout.
    public func transport(for target: Target, timeout: Double? = nil) throws -> AHCTransport {
        var configuration = self.configuration
        if let timeout { configuration.timeout = timeout }
        return AHCTransport(client: try client(for: target.tls), baseURL: target.url, configuration: configuration)
    }

    /// Shuts every client down.
    public func shutdown() async {
        let all = lock.withLock {
            defer { clients = [:] }
            return Array(clients.values)
        }
        for client in all { try? await client.shutdown() }
    }

    static func makeClient(tls: TLSOptions, timeout: Double) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .milliseconds(Int64(timeout * 1000)), read: .milliseconds(Int64(timeout * 1000)))
        configuration.tlsConfiguration = try TLSConfigurationFactory.make(tls)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
