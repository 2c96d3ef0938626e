import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A request as the hostile server parsed it (request line, headers, body).
struct SeenRequest: Sendable {
    var method: String
    var path: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What the hostile server does with one request: full control over the bytes on the wire.
enum HostileAction: Sendable {
    /// Writes these bytes, then closes the connection.
    case bytes([UInt8])
    /// Writes these bytes and keeps the connection open without ever finishing.
    case bytesThenHang([UInt8])
    /// Never answers; keeps the connection open.
    case silence
    /// Writes one byte of `bytes` every `interval`, then closes.
    case trickle([UInt8], interval: TimeAmount)
    /// Writes `head`, then `chunk` `count` times (with back-pressure), then closes.
    case stream(head: [UInt8], chunk: [UInt8], count: Int)
    /// Writes `head`, then `prefix` forever (with back-pressure) until the peer goes away.
    case endless(head: [UInt8], repeating: [UInt8])

    /// A complete HTTP/1.1 response with `Connection: close` and a Content-Length.
    static func response(
        _ status: Int, reason: String = "X", headers: [(String, String)] = [], body: [UInt8] = []
    ) -> HostileAction {
        .bytes(HostileServer.encode(status, reason: reason, headers: headers, body: body))
    }

    static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> HostileAction {
        response(status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
    }
}

/// A loopback TCP server (optionally TLS) that misbehaves on purpose. It parses just enough of each
/// request to record it, then performs the ``HostileAction`` its handler picks. Counts requests,
/// connections and bytes actually written, so tests can prove the client stopped reading.
final class HostileServer: Sendable {
    typealias Handler = @Sendable (SeenRequest) -> HostileAction

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    /// The requests seen and the bytes written so far.
    private struct Traffic: Sendable {
        var seen: [SeenRequest] = []
        var written = 0
    }

    private let traffic = Mutex(Traffic())

    /// The port bound on 127.0.0.1.
    let port: Int

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.group = group
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    /// Starts a server on 127.0.0.1 with an ephemeral port.
    static func start(tls: (certificate: String, key: String)? = nil, _ handler: @escaping Handler) async throws -> HostileServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var sslContext: NIOSSLContext?
        if let tls {
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.key, format: .pem)))
            sslContext = try NIOSSLContext(configuration: configuration)
        }
        let box = ServerBox()
        let context = sslContext
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if let context {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try child.pipeline.syncOperations.addHandler(ConnectionHandler(box: box, handler: handler))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = HostileServer(group: group, channel: channel)
        box.server = server
        return server
    }

    /// `http://127.0.0.1:<port>` (or https).
    func url(https: Bool = false, host: String = "127.0.0.1") -> URL {
        URL(string: "\(https ? "https" : "http")://\(host):\(port)")!
    }

    /// Every request seen so far.
    var requests: [SeenRequest] { traffic.withLock { $0.seen } }
    /// Bytes the server managed to write to clients.
    var bytesWritten: Int { traffic.withLock { $0.written } }

    func record(_ request: SeenRequest) { traffic.withLock { $0.seen.append(request) } }
    func addWritten(_ count: Int) { traffic.withLock { $0.written += count } }

    func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    static func encode(_ status: Int, reason: String = "X", headers: [(String, String)], body: [UInt8]) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + body
    }
}

/// Lets child channels reach the server object created after `bind`.
final class ServerBox: Sendable {
    private let stored = Mutex<HostileServer?>(nil)
    var server: HostileServer? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// Per connection: accumulates the request, then runs the action.
private final class ConnectionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let box: ServerBox
    private let handler: HostileServer.Handler
    private var buffer: [UInt8] = []
    private var answered = false

    init(box: ServerBox, handler: @escaping HostileServer.Handler) {
        self.box = box
        self.handler = handler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer += bytes.readBytes(length: bytes.readableBytes) ?? []
        guard !answered, let request = parse() else { return }
        answered = true
        box.server?.record(request)
        perform(handler(request), context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func parse() -> SeenRequest? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard let end = buffer.firstRange(of: marker) else { return nil }
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyStart = end.upperBound
        guard buffer.count - bodyStart >= length else { return nil }
        return SeenRequest(
            method: requestLine.first.map(String.init) ?? "", path: requestLine.count > 1 ? String(requestLine[1]) : "",
            headers: headers, body: Array(buffer[bodyStart..<(bodyStart + length)]))
    }

    private func write(_ bytes: [UInt8], on channel: any Channel) -> EventLoopFuture<Void> {
        let server = box.server
        let count = bytes.count
        return channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).map { server?.addWritten(count) }
    }

    private func perform(_ action: HostileAction, context: ChannelHandlerContext) {
        let channel = context.channel
        switch action {
        case .bytes(let bytes):
            write(bytes, on: channel).whenComplete { _ in channel.close(promise: nil) }
        case .bytesThenHang(let bytes):
            _ = write(bytes, on: channel)
        case .silence:
            break
        case .trickle(let bytes, let interval):
            trickle(bytes[...], interval: interval, on: channel)
        case .stream(let head, let chunk, let count):
            write(head, on: channel).whenSuccess { self.pump(chunk, remaining: count, on: channel) }
        case .endless(let head, let chunk):
            write(head, on: channel).whenSuccess { self.pump(chunk, remaining: nil, on: channel) }
        }
    }

    private func trickle(_ bytes: ArraySlice<UInt8>, interval: TimeAmount, on channel: any Channel) {
        guard let first = bytes.first else {
            channel.close(promise: nil)
            return
        }
        write([first], on: channel).whenComplete { result in
            guard case .success = result else { return }
            channel.eventLoop.scheduleTask(in: interval) {
                self.trickle(bytes.dropFirst(), interval: interval, on: channel)
            }
        }
    }

    /// Writes `chunk` repeatedly; each write waits for the previous one, so a client that stops
    /// reading stops the server too (bytesWritten then shows how much the client accepted).
    private func pump(_ chunk: [UInt8], remaining: Int?, on channel: any Channel) {
        if let remaining, remaining <= 0 {
            channel.close(promise: nil)
            return
        }
        write(chunk, on: channel).whenComplete { result in
            switch result {
            // Hop through the event loop: a write that completes at once would otherwise recurse without bound.
            case .success: channel.eventLoop.execute { self.pump(chunk, remaining: remaining.map { $0 - 1 }, on: channel) }
            case .failure: channel.close(promise: nil)
            }
        }
    }
}
