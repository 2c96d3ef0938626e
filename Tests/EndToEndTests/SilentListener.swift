import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that accepts connections and never answers: a server that hangs.
/// ``waitForConnection()`` returns once a client has connected, so tests need no sleeps.
final class SilentListener: Sendable {
    let port: Int
    private let socketDescriptor: Int32
    /// The accepted connections and who waits for the first one.
    private struct Connections: Sendable {
        var accepted: [Int32] = []
        var waiters: [CheckedContinuation<Void, Never>] = []
        var connected = false
    }

    private let connections = Mutex(Connections())

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socketDescriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(descriptor, nil, nil)
                if client < 0 { return }
                connections.withLock { connections in
                    connections.accepted.append(client)
                    connections.connected = true
                    let resumed = connections.waiters
                    connections.waiters = []
                    for waiter in resumed { waiter.resume() }
                }
            }
        }
    }

    func waitForConnection() async {
        await withCheckedContinuation { continuation in
            connections.withLock { connections in
                if connections.connected { continuation.resume() } else { connections.waiters.append(continuation) }
            }
        }
    }

    func close() {
        shutdown(socketDescriptor, Int32(SHUT_RDWR))
        Glibc.close(socketDescriptor)
        connections.withLock { connections in
            for socket in connections.accepted { _ = Glibc.close(socket) }
        }
    }
}
