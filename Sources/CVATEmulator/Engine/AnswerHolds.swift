import Foundation
import Synchronization

/// What a test sees of a request when it decides whether to hold the answer.
public struct HeldRequestInfo: Sendable {
    /// `GET`, `POST`, …
    public let method: String
    /// The path without the query.
    public let path: String
    /// The request body as text.
    public let body: String
}

/// The answer to one request, processed by the emulated server but held back until ``release()``:
/// the server did the work (a token is created, a session logged out) while the client still waits, as
/// with a slow network — the moment a test delivers a signal to a client at a known step.
public final class HeldAnswer: Sendable {
    let matches: @Sendable (HeldRequestInfo) -> Bool
    private let arrival = OneShotEvent()
    private let released = OneShotEvent()
    private let holding = Mutex(false)

    init(matches: @escaping @Sendable (HeldRequestInfo) -> Bool) {
        self.matches = matches
    }

    /// Returns once a matching request has been processed and its answer is being held — or once the
    /// hold was released without one (the test gave up waiting, e.g. because its client ended first);
    /// ``isHolding`` tells which.
    public func arrived() async { await arrival.wait() }

    /// Whether a matching request's answer was held.
    public var isHolding: Bool { holding.withLock { $0 } }

    /// Lets the held answer go; before one arrived, the hold is disarmed and ``arrived()`` returns.
    public func release() {
        released.fire()
        arrival.fire()
    }

    /// Holds the current answer; `false` (no hold) when the hold was released before.
    func hold() async {
        let armed = holding.withLock { holding -> Bool in
            guard !released.hasFired else { return false }
            holding = true
            return true
        }
        guard armed else { return }
        arrival.fire()
        await released.wait()
    }
}

/// The holds a test armed on a server; each holds the first matching answer only.
final class AnswerHolds: Sendable {
    /// The holds not used yet, and every hold ever armed (to release them all when the server stops).
    private let holds = Mutex<(armed: [HeldAnswer], all: [HeldAnswer])>(([], []))

    func add(_ hold: HeldAnswer) {
        holds.withLock {
            $0.armed.append(hold)
            $0.all.append(hold)
        }
    }

    /// Holds `request`'s answer if an armed hold matches it (that hold is then used up).
    func holdIfArmed(_ request: HeldRequestInfo) async {
        let hold = holds.withLock { holds -> HeldAnswer? in
            guard let index = holds.armed.firstIndex(where: { $0.matches(request) }) else { return nil }
            return holds.armed.remove(at: index)
        }
        await hold?.hold()
    }

    /// Whether any hold was ever armed (requests need no inspection otherwise).
    var isEmpty: Bool { holds.withLock { $0.all.isEmpty } }

    /// Releases every hold, armed or holding (the server is stopping).
    func releaseAll() {
        for hold in holds.withLock({ $0.all }) { hold.release() }
    }
}

/// An event that happens once; waiters before and after it go on.
final class OneShotEvent: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Whether the event happened.
    var hasFired: Bool { state.withLock { $0.fired } }

    func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.fired else { return [] }
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let fired = state.withLock { state -> Bool in
                if state.fired { return true }
                state.waiters.append(continuation)
                return false
            }
            if fired { continuation.resume() }
        }
    }
}
