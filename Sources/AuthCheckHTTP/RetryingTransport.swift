import AuthCheckCore
import Foundation

/// Retries transport failures (refused, closed, timeout) of idempotent requests only — never a
/// request whose answer is an auth verdict to judge, and never a non-idempotent one. Counts the
/// retries so reports can show flaky targets.
public final class RetryingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let retries: Int
    private let lock = NSLock()
    private var spent = 0

    public init(inner: any HTTPTransport, retries: Int) {
        self.inner = inner
        self.retries = max(0, retries)
    }

    static let retriedCategories: Set<String> = ["refused", "closed", "timeout"]
    static let idempotentMethods: Set<String> = ["GET", "HEAD", "OPTIONS"]

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
        var attempt = 0
        while true {
            do {
                return try await inner.send(request)
            } catch let error as TransportError
                where attempt < retries && Self.idempotentMethods.contains(request.method.uppercased())
                && Self.retriedCategories.contains(error.category) && !Task.isCancelled {
                attempt += 1
                lock.withLock { spent += 1 }
            }
        }
    }

    public var retriesSpent: Int {
        lock.withLock { spent }
    }

    public func shutdown() async { await inner.shutdown() }
}
