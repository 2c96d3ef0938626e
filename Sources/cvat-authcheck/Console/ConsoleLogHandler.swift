import AuthCheckCore
import Logging

/// The swift-log handler of `run` and `demo`: `cvat-authcheck: LEVEL: [TARGET] message (key=value …)`
/// on standard error, above the progress line, every line passed through the run's ``Redactor``.
struct ConsoleLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level
    let console: StderrConsole
    let redactor: Redactor

    init(level: Logger.Level, console: StderrConsole, redactor: Redactor) {
        self.logLevel = level
        self.console = console
        self.redactor = redactor
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        let target = merged.removeValue(forKey: "target")
        let backend = merged.removeValue(forKey: "backend")
        var text = "cvat-authcheck: \(event.level): "
        if let target { text += "[\(target)\(backend.map { " \($0)" } ?? "")] " }
        text += "\(event.message)"
        if !merged.isEmpty {
            text += " (" + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + ")"
        }
        console.line(redactor.redact(text))
    }
}
