import AsyncHTTPClient
import AuthCheckCore
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Sends a target's requests through AsyncHTTPClient with full control: no redirects followed, no
/// cookie jar, no decompression, HTTP/1.1 only, every `Set-Cookie` line kept raw, bodies capped, and
/// one overall timeout per request (a server that trickles bytes cannot stretch it).
public struct AHCTransport: HTTPTransport {
    let client: HTTPClient
    let baseURL: URL
    let configuration: HTTPTransportConfiguration
    let tls: TLSOptions

    init(client: HTTPClient, baseURL: URL, configuration: HTTPTransportConfiguration, tls: TLSOptions = .init()) {
        self.client = client
        self.baseURL = baseURL
        self.configuration = configuration
        self.tls = tls
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
        try Self.checkOrigin(of: url, spec: spec, baseURL: baseURL, endpoint: endpoint)
        let timeout = configuration.timeout
        let limits = configuration
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: spec.method)
        if !spec.headers.contains(where: { $0.name.sameHeaderName(as: "User-Agent") }) {
            request.headers.add(name: "User-Agent", value: configuration.userAgent)
        }
        // The tool never decompresses; asking for identity makes a compressed answer a protocol error.
        if !spec.headers.contains(where: { $0.name.sameHeaderName(as: "Accept-Encoding") }) {
            request.headers.add(name: "Accept-Encoding", value: "identity")
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
                try Self.checkHead(response, limits: limits, endpoint: endpoint)
                var collected: [UInt8] = []
                var truncated = false
                for try await chunk in response.body {
                    let room = limits.maxBodyBytes - collected.count
                    if chunk.readableBytes > room {
                        if limits.oversizedBody == .fail {
                            throw TransportError.tooLarge(
                                "\(endpoint): response body larger than the \(Self.size(limits.maxBodyBytes)) cap; stopped reading after \(Self.size(collected.count + chunk.readableBytes))"
                            )
                        }
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
            let classified = TransportError.classify(error, endpoint: endpoint, timeout: timeout)
            if classified.category == "tls", classified.detail.contains("certificate verification failed"),
                let requestURL = URL(string: url), let host = requestURL.host, !Task.isCancelled,
                let reason = await TLSDiagnosis.explain(host: host, port: requestURL.port ?? 443, hasPrivateCA: tls.caFile != nil, timeout: timeout)
            {
                throw TransportError.tls(
                    "\(endpoint): TLS certificate rejected: \(reason); the target's tls.insecure skips verification (every outcome is then marked)")
            }
            throw classified
        }
    }

    /// Refuses to send credential headers to an origin other than the target's (an absolute URL a
    /// probe took from a `Location` header, for instance).
    static func checkOrigin(of url: String, spec: HTTPRequestSpec, baseURL: URL, endpoint: String) throws {
        guard let requestURL = URL(string: url) else {
            throw TransportError.invalidRequest("\(endpoint): invalid URL")
        }
        guard !RedirectPolicy.sameOrigin(requestURL, baseURL) else { return }
        let credentials = RedirectPolicy.credentials(in: spec.headers)
        guard !credentials.isEmpty else { return }
        throw TransportError.crossOrigin(
            "\(endpoint): refused to send \(credentials.joined(separator: ", ")) to \(RedirectPolicy.origin(of: requestURL)), which is not the target's origin \(RedirectPolicy.origin(of: baseURL))"
        )
    }

    /// Rejects answers the tool will not read: too many header lines, a compressed body, or a
    /// declared length over the body cap.
    static func checkHead(_ response: HTTPClientResponse, limits: HTTPTransportConfiguration, endpoint: String) throws {
        if response.headers.count > limits.maxHeaderCount {
            throw TransportError.tooLarge(
                "\(endpoint): \(response.headers.count) response header lines, more than the cap of \(limits.maxHeaderCount)")
        }
        if let encoding = response.headers.first(name: "Content-Encoding")?.trimmingCharacters(in: .whitespaces),
            !encoding.isEmpty, encoding.lowercased() != "identity"
        {
            throw TransportError.protocolViolation(
                "\(endpoint): compressed response (Content-Encoding: \(encoding.prefix(40))) although the request asked for identity; the tool never decompresses"
            )
        }
        if limits.oversizedBody == .fail, let declared = response.headers.first(name: "Content-Length").flatMap({ Int($0) }),
            declared > limits.maxBodyBytes
        {
            throw TransportError.tooLarge(
                "\(endpoint): response body of \(size(declared)) (Content-Length) exceeds the \(size(limits.maxBodyBytes)) cap; not read")
        }
    }

    /// "1 MiB", "50 MiB", "512 bytes".
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
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
public final class HTTPClientPool: Sendable {
    private let clients = Mutex<[TLSOptions: HTTPClient]>([:])
    private let configuration: HTTPTransportConfiguration

    public init(configuration: HTTPTransportConfiguration) { self.configuration = configuration }

    /// The shared client for these TLS options.
    ///
    /// - Throws: ``TransportError`` (`tls`) when the CA file cannot be read or parsed.
    public func client(for tls: TLSOptions) throws -> HTTPClient {
        try clients.withLock { clients in
            if let client = clients[tls] { return client }
            let client = try Self.makeClient(tls: tls, timeout: configuration.timeout)
            clients[tls] = client
            return client
        }
    }

    /// A transport for one target; `timeout` overrides the pool's request timeout.
    public func transport(for target: Target, timeout: Double? = nil) throws -> AHCTransport {
        var configuration = self.configuration
        if let timeout { configuration.timeout = timeout }
        return AHCTransport(client: try client(for: target.tls), baseURL: target.url, configuration: configuration, tls: target.tls)
    }

    /// Shuts every client down.
    public func shutdown() async {
        let all = clients.withLock { clients in
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
        // A target's requests follow one another closely and a finished target is never called again:
        // idle connections are dropped after 5 s instead of AHC's 60 s, so a long run does not hold a
        // connection to every target it has checked.
        configuration.connectionPool.idleTimeout = .seconds(5)
        configuration.timeout = .init(connect: .milliseconds(Int64(timeout * 1000)), read: .milliseconds(Int64(timeout * 1000)))
        configuration.tlsConfiguration = try TLSConfigurationFactory.make(tls)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
