/// Where streamed report bytes go: a file being written atomically, a gzip stream, memory, or nowhere
/// (to measure). Reports are written through a sink so that no format needs its whole output in memory.
public protocol ByteSink: AnyObject {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(ReportError)
}

extension ByteSink {
    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(ReportError) {
        try withBuffer(of: bytes, range: 0..<bytes.count) { buffer throws(ReportError) in try write(buffer) }
    }
}

/// Collects the bytes in memory (for callers that want a `[UInt8]`).
public final class MemorySink: ByteSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ReportError) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// Discards the bytes and counts them (to measure a rendering without storing it).
public final class CountingSink: ByteSink {
    /// Bytes written so far.
    public private(set) var count = 0

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ReportError) {
        count += bytes.count
    }
}

/// Calls `body` with the bytes of `array[range]` (`withUnsafeBytes` only rethrows untyped errors).
func withBuffer(of array: [UInt8], range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws(ReportError) -> Void) throws(ReportError) {
    var failure: ReportError?
    array.withUnsafeBytes { buffer in
        do throws(ReportError) { try body(UnsafeRawBufferPointer(rebasing: buffer[range])) } catch { failure = error }
    }
    if let failure { throw failure }
}
