import Logging
import Synchronization

/// A swift-log sink for tests that keeps every rendered line (`level message metadata`) from `level` up:
/// the runner's log lines, or everything at trace level for leak scans.
public final class CapturedLog: Sendable {
    private let list = Mutex<[String]>([])
    private let level: Logger.Level

    public init(level: Logger.Level = .trace) { self.level = level }

    /// The lines, in order.
    public var lines: [String] { list.withLock { $0 } }
    /// The lines joined by line feeds.
    public var text: String { lines.joined(separator: "\n") }

    /// A logger writing into this sink.
    public var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(sink: self) }
        logger.logLevel = level
        return logger
    }

    struct Handler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            sink.list.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
        }
    }
}
