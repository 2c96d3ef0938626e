import CVATEmulator
import Foundation
import Synchronization

/// Starts emulators for the reliability tests and keeps their stops in one place: a test hands its
/// server to ``stopLater(_:)`` from a `defer`, and the next ``start(_:)`` first waits until every
/// earlier stop has finished, so a graceful stop never competes with the next (heavy) test.
enum Emulators {
    private static let pending = Mutex<[Task<Void, Never>]>([])

    /// Waits for earlier stops, then starts a server.
    static func start(_ configuration: EmulatorConfiguration) async throws -> EmulatedCVATServer {
        await drain()
        return try await EmulatedCVATServer.start(configuration)
    }

    /// Stops `server` in the background (callable from `defer`).
    static func stopLater(_ server: EmulatedCVATServer) {
        let task = Task { await server.stop() }
        pending.withLock { $0.append(task) }
    }

    /// Waits for every stop begun so far.
    static func drain() async {
        let tasks = pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
        for task in tasks { await task.value }
    }
}
