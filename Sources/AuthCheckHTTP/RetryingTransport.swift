import AuthCheckCore
import Foundation
import Synchronization

/// Retries transport failures (refused, closed, timeout) of idempotent requests only — never a
/// request whose answer is an auth verdict to judge, and never a non-idempotent one. Counts the
/// retries so reports can show flaky targets.
public final class RetryingTransport: HTTPTransport, Sendable {
    private let inner: any HTTPTransport
    private let retries: Int
    private let spent = Mutex(0)

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
                && Self.retriedCategories.contains(error.category) && !Task.isCancelled
            {
                attempt += 1
                spent.withLock { $0 += 1 }
            }
        }
    }

    public var retriesSpent: Int {
        spent.withLock { $0 }
    }

    public func shutdown() async { await inner.shutdown() }
}
