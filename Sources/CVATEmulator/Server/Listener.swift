import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// One running Hummingbird server (its own service group), started and stopped as a unit.
struct Listener: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    /// Starts `responder` on `host:port` and returns once it accepts connections.
    static func start<Responder: HTTPResponder>(
        responder: Responder, server: HTTPServerBuilder, host: String, port: Int
    ) async throws(EmulatorError) -> Listener where Responder.Context: RequestContext, Responder.Context.Source == ApplicationRequestContextSource {
        var logger = Logger(label: "cvat-emulator")
        logger.logLevel = .critical
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let failure = Mutex<(text: String, addressInUse: Bool)?>(nil)
        let app = Application(
            responder: responder,
            server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .milliseconds(200)
        groupConfiguration.maximumCancellationDuration = .seconds(10)
        let group = ServiceGroup(configuration: groupConfiguration)
        let task = Task {
            do {
                try await group.run()
            } catch {
                let text = String(describing: error)
                let inUse = (error as? IOError)?.errnoCode == EADDRINUSE || text.contains("Address already in use")
                failure.withLock { $0 = (text, inUse) }
            }
            portSink.finish()
        }
        var bound = 0
        for await port in ports {
            bound = port
            break
        }
        guard bound > 0 else {
            await group.triggerGracefulShutdown()
            await task.value
            let failed = failure.withLock { $0 }
            if failed?.addressInUse == true { throw .addressInUse(host: host, port: port) }
            throw .startFailed(failed?.text ?? "the server stopped before it was listening")
        }
        return Listener(port: bound, group: group, task: task)
    }

    /// Stops accepting connections, closes open ones and waits until the server has stopped.
    func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }
}
