import EmulatorTestSupport
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A request as ``CannedServer`` read it.
struct CannedRequest: Sendable {
    var method: String
    /// The request target, query included.
    var path: String
    var headers: [String: String]
    var body: String

    /// A header by name, case-insensitively.
    func header(_ name: String) -> String? { headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value }
}

/// One answer of ``CannedServer``: status, headers (repeatable, e.g. `Set-Cookie`) and body.
struct CannedResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: String = ""

    static func json(_ status: Int, _ object: [String: Any], headers: [(String, String)] = []) -> CannedResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return CannedResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: String(decoding: data, as: UTF8.self))
    }
}

/// A loopback HTTP/1.1 server on 127.0.0.1 that answers each request with what its handler returns
/// (one request per connection, `Connection: close`): a server that is not CVAT, or one that says
/// odd things, for drafts to be drafted from.
final class CannedServer: Sendable {
    let port: Int
    private let socketDescriptor: Int32
    private let requests = Mutex<[CannedRequest]>([])

    /// The URL of the server.
    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
    /// Every request answered so far, in order.
    var seen: [CannedRequest] { requests.withLock { $0 } }

    init(_ handler: @escaping @Sendable (CannedRequest) -> CannedResponse) throws {
        let (descriptor, port) = try LoopbackSocket.listen()
        socketDescriptor = descriptor
        self.port = port
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(descriptor, nil, nil)
                if client < 0 { return }
                if let request = Self.read(client) {
                    requests.withLock { $0.append(request) }
                    Self.write(handler(request), to: client)
                }
                Glibc.close(client)
            }
        }
    }

    /// Stops accepting connections.
    func stop() {
        shutdown(socketDescriptor, Int32(SHUT_RDWR))
        Glibc.close(socketDescriptor)
    }

    private static func read(_ client: Int32) -> CannedRequest? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var expected = 0
        while true {
            if let end = headEnd, bytes.count >= end + expected { break }
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            bytes += buffer[0..<count]
            if headEnd == nil, let range = bytes.firstRange(of: separator) {
                headEnd = range.upperBound
                let head = String(decoding: bytes[..<range.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                    expected = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        guard let end = headEnd else { return nil }
        let lines = String(decoding: bytes[..<(end - 4)], as: UTF8.self).split(separator: "\r\n").map(String.init)
        let parts = lines.first?.split(separator: " ").map(String.init) ?? []
        guard parts.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return CannedRequest(method: parts[0], path: parts[1], headers: headers, body: String(decoding: bytes[end...], as: UTF8.self))
    }

    private static func write(_ response: CannedResponse, to client: Int32) {
        let body = Array(response.body.utf8)
        var head = "HTTP/1.1 \(response.status) X\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }
}
