import CZlib

/// Compresses what it receives into one gzip member and passes the compressed bytes on to another
/// sink, 64 KiB at a time; ``finish()`` ends the member.
public final class GzipSink: ByteSink {
    private let downstream: any ByteSink
    private let file: String
    private var stream = z_stream()
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var finished = false

    /// `file` only names the output in errors.
    public init(into downstream: any ByteSink, level: Int32 = 6, file: String) throws(ReportError) {
        self.downstream = downstream
        self.file = file
        guard cvat_deflate_init_gzip(&stream, level) == Z_OK else { throw .gzip(file: file, reason: "deflateInit2 failed") }
    }

    deinit { deflateEnd(&stream) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ReportError) {
        guard !bytes.isEmpty else { return }
        guard !finished else { throw .gzip(file: file, reason: "write after the end of the stream") }
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = uInt(bytes.count)
        while stream.avail_in > 0 {
            try deflateChunk(flush: Z_NO_FLUSH)
        }
    }

    /// Ends the gzip member (trailer with CRC and length). Nothing may be written afterwards.
    public func finish() throws(ReportError) {
        guard !finished else { return }
        finished = true
        stream.next_in = nil
        stream.avail_in = 0
        while try deflateChunk(flush: Z_FINISH) != Z_STREAM_END {}
    }

    @discardableResult
    private func deflateChunk(flush: Int32) throws(ReportError) -> Int32 {
        var status: Int32 = Z_OK
        let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(buffer.count)
            status = deflate(&stream, flush)
            return buffer.count - Int(stream.avail_out)
        }
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
            throw .gzip(file: file, reason: "deflate failed (\(status))")
        }
        if produced > 0 {
            try withBuffer(of: chunk, range: 0..<produced) { buffer throws(ReportError) in try downstream.write(buffer) }
        }
        return status
    }
}
