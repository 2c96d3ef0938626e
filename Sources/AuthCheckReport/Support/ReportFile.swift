import Foundation

/// Reads report inputs: whole files, gunzipped transparently when they start with the gzip magic bytes.
public enum ReportFile {
    /// The bytes of `path`, decompressed if the file is gzip.
    public static func read(_ path: String) throws(ReportError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            guard FileManager.default.fileExists(atPath: path) else { throw .noInput(path: path) }
            throw .io(path: path, reason: "cannot read the file")
        }
        let bytes = [UInt8](data)
        return Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, file: path) : bytes
    }

    /// Writes `bytes` atomically to `path`, gzip-compressed when `gzip` is set (adding `.gz` to the
    /// path unless it already ends so). Returns the path written.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, gzip: Bool) throws(ReportError) -> String {
        try stream(to: path, gzip: gzip) { sink throws(ReportError) in
            try sink.write(bytes)
            return true
        }
    }

    /// Streams a file atomically: `produce` writes into the sink (compressed on the way when `gzip` is
    /// set, the path then getting `.gz`) and says whether to keep the result; `false` leaves the
    /// destination as it was. Returns the path.
    @discardableResult
    public static func stream(to path: String, gzip: Bool, _ produce: (any ByteSink) throws(ReportError) -> Bool) throws(ReportError) -> String {
        let target = gzip && !path.hasSuffix(".gz") ? path + ".gz" : path
        let file = try AtomicFile.begin(target)
        let keep: Bool
        if gzip {
            let compressor = try GzipSink(into: file, file: target)
            keep = try produce(compressor)
            try compressor.finish()
        } else {
            keep = try produce(file)
        }
        if keep { try file.commit() } else { file.discard() }
        return target
    }
}
