import CVATEmulator
import Foundation

/// N emulated CVAT servers on loopback in this process, each with the same injected latency.
struct ServerFleet {
    let servers: [EmulatedCVATServer]
    /// Seconds it took to start them all.
    let startSeconds: Double

    var urls: [String] { servers.map(\.baseURL.absoluteString) }

    /// Starts `count` servers (at most 32 starting at once); stops the ones started if one fails.
    static func start(count: Int, version: String, latencyMilliseconds: Int, password: String) async throws -> ServerFleet {
        let faults: [EmulatorFault] = latencyMilliseconds > 0 ? [.slow(milliseconds: latencyMilliseconds)] : []
        let configuration = EmulatorConfiguration(version: version, password: password, faults: faults)
        var servers: [EmulatedCVATServer] = []
        let clock = ContinuousClock()
        let begin = clock.now
        do {
            for chunk in stride(from: 0, to: count, by: 32) {
                let batch = try await withThrowingTaskGroup(of: (Int, EmulatedCVATServer).self) { group in
                    for index in chunk..<min(count, chunk + 32) {
                        group.addTask { (index, try await EmulatedCVATServer.start(configuration)) }
                    }
                    var batch: [(Int, EmulatedCVATServer)] = []
                    for try await started in group { batch.append(started) }
                    return batch
                }
                servers += batch.sorted { $0.0 < $1.0 }.map(\.1)
            }
        } catch {
            await ServerFleet(servers: servers, startSeconds: 0).stop()
            throw error
        }
        return ServerFleet(servers: servers, startSeconds: BenchClock.seconds(clock.now - begin))
    }

    func stop() async {
        await withTaskGroup(of: Void.self) { group in
            for server in servers { group.addTask { await server.stop() } }
        }
    }
}
