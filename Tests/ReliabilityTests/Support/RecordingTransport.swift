import AuthCheckCore
import Foundation
import Synchronization

/// Wraps a transport and keeps every raw request and response (unredacted), so tests can count
/// attempts and learn the secrets the server minted independently of the redactor.
final class RecordingTransport: HTTPTransport, Sendable {
    struct Entry: Sendable {
        var request: HTTPRequestSpec
        var response: HTTPResponseData?
    }

    private let inner: any HTTPTransport
    private let log = Mutex<[Entry]>([])

    init(_ inner: any HTTPTransport) { self.inner = inner }

    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
        do {
            let response = try await inner.send(request)
            log.withLock { $0.append(Entry(request: request, response: response)) }
            return response
        } catch {
            log.withLock { $0.append(Entry(request: request, response: nil)) }
            throw error
        }
    }

    func shutdown() async { await inner.shutdown() }
    var retriesSpent: Int { inner.retriesSpent }

    var entries: [Entry] { log.withLock { $0 } }
}

/// Collects the recording transports a run created, one per target.
final class TransportRecorder: Sendable {
    private let made = Mutex<[String: [RecordingTransport]]>([:])

    func wrap(_ target: Target, _ transport: any HTTPTransport) -> any HTTPTransport {
        let recording = RecordingTransport(transport)
        made.withLock { $0[target.name, default: []].append(recording) }
        return recording
    }

    /// Every exchange, all targets.
    var entries: [RecordingTransport.Entry] { made.withLock { $0.values.flatMap { $0.flatMap(\.entries) } } }
    func entries(for target: String) -> [RecordingTransport.Entry] { made.withLock { ($0[target] ?? []).flatMap(\.entries) } }

    /// Secret values the server minted: cookie values, JSON `key`/`value`/`token` strings.
    var mintedSecrets: Set<String> {
        var secrets: Set<String> = []
        for entry in entries {
            guard let response = entry.response else { continue }
            for line in response.setCookieLines {
                let pair = line.split(separator: ";", maxSplits: 1).first ?? ""
                if let equals = pair.firstIndex(of: "=") {
                    let value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                        in: CharacterSet(charactersIn: "\""))
                    if value.count >= 8 { secrets.insert(value) }
                }
            }
            if let json = response.jsonObject {
                for key in ["key", "value", "token"] {
                    if let text = json[key] as? String, text.count >= 8 { secrets.insert(text) }
                }
            }
        }
        return secrets
    }
}
