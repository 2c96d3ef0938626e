import Foundation

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is then renamed
/// over the destination. Readers see the old file or the new one, never half of one; a failure leaves
/// the old file untouched and no temporary file behind.
public enum AtomicFile {
    /// Receives the bytes of a streamed atomic write.
    public final class Sink {
        fileprivate let descriptor: Int32
        fileprivate let path: String

        fileprivate init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        /// Appends bytes to the temporary file.
        public func write(_ bytes: [UInt8]) throws(ReportError) {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .io(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    /// Writes `bytes` to `path` atomically, creating the parent folders.
    /// - Throws: ``ReportError/io(path:reason:)`` naming the destination.
    public static func write(_ bytes: [UInt8], to path: String) throws(ReportError) {
        try write(to: path) { sink throws(ReportError) in try sink.write(bytes) }
    }

    /// Streams bytes into `path` atomically. If `produce` throws, the destination is left as it was.
    public static func write(to path: String, _ produce: (Sink) throws(ReportError) -> Void) throws(ReportError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .io(path: path, reason: "cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        var closed = false
        do throws(ReportError) {
            try produce(Sink(descriptor: descriptor, path: path))
            guard fsync(descriptor) == 0 else { throw .io(path: path, reason: "fsync: \(String(cString: strerror(errno)))") }
            closed = true
            guard close(descriptor) == 0 else { throw .io(path: path, reason: "close: \(String(cString: strerror(errno)))") }
            guard rename(temporary, path) == 0 else {
                throw .io(path: path, reason: "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }
}
