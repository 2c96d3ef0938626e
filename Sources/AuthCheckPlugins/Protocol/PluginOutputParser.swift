import Foundation

/// Reads a plugin's stdout (protocol 1): splits it into lines, decodes each line once into a
/// ``PluginMessage`` and enforces the order (`hello` first, nothing after `done`) and the output
/// limits. It does no I/O; it tells the caller what to do through ``Event``s.
///
/// After the first problem it discards everything that follows.
struct PluginOutputParser {
    /// What the caller must act on.
    enum Event: Hashable {
        /// The plugin broke the protocol or a limit: stop it and report this.
        case failed(PluginFailure)
        /// The plugin sent `done`: it should exit soon.
        case done
    }

    let limits: PluginLimits
    /// The accepted messages, in order.
    private(set) var messages: [PluginMessage] = []
    private(set) var sawHello = false
    private(set) var sawDone = false
    private var outcomes = 0
    private var bytes = 0
    private var lineNumber = 0
    private var pending = Data()
    private var discarding = false

    init(limits: PluginLimits) {
        self.limits = limits
    }

    /// Takes the next piece of stdout.
    mutating func consume(_ chunk: Data) -> [Event] {
        if discarding { return [] }
        bytes += chunk.count
        if bytes > limits.maxOutputBytes {
            discarding = true
            return [.failed(.oversize("more than \(limits.maxOutputBytes) bytes on stdout"))]
        }
        pending.append(chunk)
        var lines: [Data] = []
        while let newline = pending.firstIndex(of: 0x0A) {
            lines.append(Data(pending[pending.startIndex..<newline]))
            pending = pending[(newline + 1)...]
        }
        pending = Data(pending)
        let overlong = pending.count > limits.maxLineBytes
        if overlong { discarding = true }
        var events: [Event] = []
        for line in lines {
            guard let event = handle(line: line) else { continue }
            events.append(event)
            if case .failed = event { return events }
        }
        if overlong { events.append(.failed(.oversize("a line longer than \(limits.maxLineBytes) bytes"))) }
        return events
    }

    /// Stdout closed: a last line without a newline still counts.
    mutating func finish() -> [Event] {
        let rest = discarding ? Data() : pending
        pending = Data()
        guard !rest.isEmpty, let event = handle(line: rest) else { return [] }
        return [event]
    }

    /// Decodes one line; returns the event it causes, if any.
    private mutating func handle(line raw: Data) -> Event? {
        lineNumber += 1
        let number = lineNumber
        if raw.count > limits.maxLineBytes {
            discarding = true
            return .failed(.oversize("a line longer than \(limits.maxLineBytes) bytes"))
        }
        let trimmed = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || sawDone { return nil }
        let message: PluginMessage
        switch Self.decode(trimmed) {
        case .success(let decoded): message = decoded
        case .failure(let problem):
            discarding = true
            return .failed(.garbage(line: number, excerpt: String(trimmed.prefix(120)), problem: problem.text))
        }
        if !sawHello {
            guard case .hello(let version, _) = message else {
                discarding = true
                return .failed(.missingHello(line: number))
            }
            guard version == PluginProtocol.version else {
                discarding = true
                return .failed(.protocolMismatch(version))
            }
            sawHello = true
        }
        if message.isOutcome {
            outcomes += 1
            if outcomes > limits.maxOutcomes {
                discarding = true
                return .failed(.oversize("more than \(limits.maxOutcomes) outcomes"))
            }
        }
        messages.append(message)
        guard message == .done else { return nil }
        sawDone = true
        return .done
    }

    /// Why a line is not a protocol message.
    struct Undecodable: Error {
        var text: String
    }

    /// One line as a message: a JSON object with a `type`, every key it uses of the right type.
    static func decode(_ line: String) -> Result<PluginMessage, Undecodable> {
        guard (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any] else {
            return .failure(Undecodable(text: "not a JSON object"))
        }
        do {
            return .success(try JSONDecoder().decode(PluginMessage.self, from: Data(line.utf8)))
        } catch {
            return .failure(Undecodable(text: describe(error)))
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}
