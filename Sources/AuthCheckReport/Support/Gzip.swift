import CZlib

/// gzip compression and decompression through zlib.
public enum Gzip {
    /// `true` when `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Compresses `bytes` into one gzip member. `file` only names the output in errors.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6, file: String = "<memory>") throws(ReportError) -> [UInt8] {
        let output = MemorySink()
        let gzip = try GzipSink(into: output, level: level, file: file)
        try gzip.write(bytes)
        try gzip.finish()
        return output.bytes
    }

    /// Decompresses gzip data (several concatenated members are accepted).
    /// - Throws: ``ReportError/gzip(file:reason:)`` for corrupt or truncated input, naming `file`.
    public static func decompress(_ bytes: [UInt8], file: String = "<memory>") throws(ReportError) -> [UInt8] {
        var stream = z_stream()
        guard cvat_inflate_init_gzip(&stream) == Z_OK else { throw .gzip(file: file, reason: "inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while true {
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: outBuffer[0..<(outBuffer.count - Int(stream.avail_out))])
                }
                if status == Z_STREAM_END {
                    // Another member may follow (`cat a.gz b.gz`).
                    if stream.avail_in > 0, inflateReset(&stream) == Z_OK {
                        status = Z_OK
                        continue
                    }
                    break
                }
                if status != Z_OK { break }
                if stream.avail_in == 0 && stream.avail_out != 0 {
                    status = Z_BUF_ERROR
                    break
                }
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case Z_BUF_ERROR: throw .gzip(file: file, reason: "truncated gzip data")
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw .gzip(file: file, reason: "corrupt gzip data: \(message)")
        }
    }
}
