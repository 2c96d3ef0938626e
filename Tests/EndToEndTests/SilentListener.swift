import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that accepts connections and never answers: a server that hangs.
/// ``waitForConnection()`` returns once a client has connected, so tests need no sleeps.
final class SilentListener: @unchecked Sendable {
    let port: Int
    private let socketDescriptor: Int32
    private var accepted: [Int32] = []
    private let lock = NSLock()
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var connected = false

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
                lock.withLock {
                    accepted.append(client)
                    connected = true
                    let resumed = waiters
                    waiters = []
                    resumed.forEach { $0.resume() }
                }
            }
        }
    }

    func waitForConnection() async {
        await withCheckedContinuation { continuation in
            lock.withLock {
                if connected { continuation.resume() } else { waiters.append(continuation) }
            }
        }
    }

    func close() {
        shutdown(socketDescriptor, Int32(SHUT_RDWR))
        Glibc.close(socketDescriptor)
        lock.withLock { accepted.forEach { _ = Glibc.close($0) } }
    }
}
