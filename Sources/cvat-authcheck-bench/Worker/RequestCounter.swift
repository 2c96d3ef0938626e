import AuthCheckCore
import Foundation
import Synchronization

/// Counts the requests each target sends (and, optionally, what they were), across all tasks of a run.
final class RequestCounter: Sendable {
    /// Requests per target, and the traced target's requests.
    private struct Tally: Sendable {
        var counts: [String: Int] = [:]
        var traces: [String: [String]] = [:]
    }

    private let tally = Mutex(Tally())
    private let traceTarget: String?

    /// `traceTarget`: also remember method and path of every request this target sends.
    init(traceTarget: String? = nil) { self.traceTarget = traceTarget }

    func record(_ target: String, _ request: HTTPRequestSpec) {
        tally.withLock { tally in
            tally.counts[target, default: 0] += 1
            if target == traceTarget {
                let authorization =
                    request.headers.first { $0.name.sameHeaderName(as: "Authorization") }
                    .map { " [\($0.value.split(separator: " ").first.map(String.init) ?? "")]" } ?? ""
                let cookie = request.headers.contains { $0.name.sameHeaderName(as: "Cookie") } ? " [cookie]" : ""
                tally.traces[target, default: []].append("\(request.method) \(request.path)\(authorization)\(cookie)")
            }
        }
    }

    /// Requests per target so far.
    var perTarget: [String: Int] { tally.withLock { $0.counts } }

    /// The recorded requests of the traced target.
    var trace: [String] { tally.withLock { tally in traceTarget.flatMap { tally.traces[$0] } ?? [] } }
}

/// An ``HTTPTransport`` that counts every request before handing it on unchanged.
struct CountingTransport: HTTPTransport {
    let inner: any HTTPTransport
    let target: String
    let counter: RequestCounter

    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
        counter.record(target, request)
        return try await inner.send(request)
    }

    func shutdown() async { await inner.shutdown() }

    var retriesSpent: Int { inner.retriesSpent }
}
