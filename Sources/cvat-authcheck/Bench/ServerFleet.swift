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
        let (started, seconds) = await BenchClock.time {
            await withTaskGroup(of: (Int, Result<EmulatedCVATServer, any Error>).self) { group in
                var results = [Result<EmulatedCVATServer, any Error>?](repeating: nil, count: count)
                var next = 0
                func launch() {
                    let index = next
                    next += 1
                    group.addTask {
                        do { return (index, .success(try await EmulatedCVATServer.start(configuration))) } catch { return (index, .failure(error)) }
                    }
                }
                while next < min(32, count) { launch() }
                while let (index, result) = await group.next() {
                    results[index] = result
                    if next < count { launch() }
                }
                return results.compactMap { $0 }
            }
        }
        let servers = started.compactMap { try? $0.get() }
        if let failure = started.first(where: { (try? $0.get()) == nil }), case .failure(let error) = failure {
            await ServerFleet(servers: servers, startSeconds: seconds).stop()
            throw error
        }
        return ServerFleet(servers: servers, startSeconds: seconds)
    }

    func stop() async {
        await withTaskGroup(of: Void.self) { group in
            for server in servers { group.addTask { await server.stop() } }
        }
    }
}
