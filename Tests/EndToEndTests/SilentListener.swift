import EmulatorTestSupport
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
        let (descriptor, port) = try LoopbackSocket.listen()
        socketDescriptor = descriptor
        self.port = port
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
