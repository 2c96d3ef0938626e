import AuthCheckCore
import Foundation
import Logging

/// Logs every request of a target at `debug`: the request line, then the status (or the transport
/// error) and the time it took — `GET https://cvat.example.com/api/server/about → 200 in 12 ms`.
/// At `trace` it adds the request and response headers.
///
/// Nothing secret is logged: query values are replaced by `…`, header values go through
/// ``Exchanger/maskHeader(_:)`` (Authorization, Cookie, Set-Cookie, X-CSRFToken), bodies are never
/// logged, and every line passes the run's ``Redactor``. It wraps the transport below the retries, so
/// each attempt is one line.
public struct LoggingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let logger: Logger
    private let redactor: Redactor
    private let baseURL: URL

    /// Wraps `inner`; `logger` should carry the target's metadata.
    public init(inner: any HTTPTransport, logger: Logger, redactor: Redactor, baseURL: URL) {
        self.inner = inner
        self.logger = logger
        self.redactor = redactor
        self.baseURL = baseURL
    }

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
        let line = redactor.redact("\(request.method) \(AHCTransport.withoutQueryValues(absolute(request.path)))")
        if logger.logLevel <= .trace {
            logger.trace("\(line) request headers: \(headerText(request.headers))")
        }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await inner.send(request)
            logger.debug("\(line) → \(response.status) in \(Self.milliseconds(clock.now - start)) ms")
            if logger.logLevel <= .trace {
                logger.trace("\(line) response headers: \(headerText(response.headers))")
            }
            return response
        } catch {
            let category = (error as? any CategorizedError)?.category ?? "error"
            logger.debug("\(line) → \(category): \(redactor.redact("\(error)")) after \(Self.milliseconds(clock.now - start)) ms")
            throw error
        }
    }

    public func shutdown() async { await inner.shutdown() }

    public var retriesSpent: Int { inner.retriesSpent }

    private func absolute(_ path: String) -> String {
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + (path.hasPrefix("/") ? path : "/" + path)
    }

    private func headerText(_ headers: [HeaderField]) -> String {
        headers.isEmpty ? "none" : headers.map { "\($0.name): \(redactor.redact(Exchanger.maskHeader($0)))" }.joined(separator: " | ")
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let components = duration.components
        return Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
