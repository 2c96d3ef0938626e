import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a callback instead of killing the process, until cancelled.
///
/// The handler is installed with `signal(2)` before the initialiser returns, so a signal that arrives
/// at any moment after it — the run's first request included — is caught: the C handler writes the
/// signal's number into a pipe (the only thing it does, async-signal-safe), and a dispatch source
/// reading the pipe calls the callback. (A dispatch signal source alone is registered asynchronously;
/// a signal that arrived before the registration was lost while the disposition was `SIG_IGN`.)
final class InterruptSignals {
    /// The write end of the live pipe (-1: none), read by the C handler.
    fileprivate static let writeEnd = Atomic<Int32>(-1)
    private let source: (any DispatchSourceRead)?

    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            // No pipe, no callback: at least never die of the signal mid-run.
            for number in [SIGINT, SIGTERM] { signal(number, SIG_IGN) }
            source = nil
            return
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // A full pipe must never block the handler (more signals than anyone reads are dropped).
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        Self.writeEnd.store(writeEnd, ordering: .sequentiallyConsistent)
        let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        self.source = source
        source.setEventHandler {
            var bytes = [UInt8](repeating: 0, count: 16)
            let count = read(readEnd, &bytes, bytes.count)
            for byte in bytes.prefix(max(0, count)) { handler(Int32(byte)) }
        }
        source.setCancelHandler {
            close(readEnd)
            close(writeEnd)
        }
        source.resume()
        for number in [SIGINT, SIGTERM] { signal(number, forwardSignal) }
    }

    /// Stops the callbacks; SIGINT and SIGTERM stay ignored (the reports are being written).
    func cancel() {
        for number in [SIGINT, SIGTERM] { signal(number, SIG_IGN) }
        Self.writeEnd.store(-1, ordering: .sequentiallyConsistent)
        source?.cancel()
    }
}

/// The C signal handler: writes the signal's number into the pipe, nothing else.
private func forwardSignal(_ number: Int32) {
    let end = InterruptSignals.writeEnd.load(ordering: .sequentiallyConsistent)
    guard end >= 0 else { return }
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(end, &byte, 1)
}
