import Foundation

/// Reads report inputs: whole files, gunzipped transparently when they start with the gzip magic bytes.
public enum ReportFile {
    /// The bytes of `path`, decompressed if the file is gzip.
    public static func read(_ path: String) throws(ReportError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw .io(path: path, reason: reason)
        }
        let bytes = [UInt8](data)
        return Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, file: path) : bytes
    }

    /// Writes `bytes` atomically to `path`, gzip-compressed when `gzip` is set (adding `.gz` to the
    /// path unless it already ends so). Returns the path written.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, gzip: Bool) throws(ReportError) -> String {
        guard gzip else {
            try AtomicFile.write(bytes, to: path)
            return path
        }
        let target = path.hasSuffix(".gz") ? path : path + ".gz"
        try AtomicFile.write(try Gzip.compress(bytes, file: target), to: target)
        return target
    }
}
