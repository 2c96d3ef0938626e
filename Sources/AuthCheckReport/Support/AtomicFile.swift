import Foundation

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is then renamed
/// over the destination. Readers see the old file or the new one, never half of one; a failure leaves
/// the old file untouched and no temporary file behind.
public enum AtomicFile {
    /// A file being written: bytes go to its temporary file until ``commit()`` renames it over the
    /// destination or ``discard()`` removes it. Dropping it uncommitted discards it.
    public final class Pending: ByteSink {
        /// The destination.
        public let path: String
        private let temporary: String
        private var descriptor: Int32

        fileprivate init(path: String) throws(ReportError) {
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
            self.path = path
            self.temporary = temporary
            self.descriptor = descriptor
        }

        deinit { discard() }

        /// Appends bytes to the temporary file.
        public func write(_ bytes: UnsafeRawBufferPointer) throws(ReportError) {
            guard descriptor >= 0 else { throw .io(path: path, reason: "write after the file was committed or discarded") }
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .io(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }

        /// Flushes the temporary file to disk and renames it over the destination.
        public func commit() throws(ReportError) {
            guard descriptor >= 0 else { throw .io(path: path, reason: "the file was already committed or discarded") }
            do throws(ReportError) {
                guard fsync(descriptor) == 0 else { throw .io(path: path, reason: "fsync: \(String(cString: strerror(errno)))") }
                let closing = descriptor
                descriptor = -1
                guard close(closing) == 0 else { throw .io(path: path, reason: "close: \(String(cString: strerror(errno)))") }
                guard rename(temporary, path) == 0 else {
                    throw .io(path: path, reason: "cannot replace the file: \(String(cString: strerror(errno)))")
                }
            } catch {
                discard()
                throw error
            }
        }

        /// Removes the temporary file; the destination stays as it was.
        public func discard() {
            if descriptor >= 0 {
                close(descriptor)
                descriptor = -1
                unlink(temporary)
            } else if FileManager.default.fileExists(atPath: temporary) {
                unlink(temporary)
            }
        }
    }

    /// Starts an atomic write of `path`, creating the parent folders.
    /// - Throws: ``ReportError/io(path:reason:)`` naming the destination.
    public static func begin(_ path: String) throws(ReportError) -> Pending {
        try Pending(path: path)
    }

    /// Writes `bytes` to `path` atomically, creating the parent folders.
    /// - Throws: ``ReportError/io(path:reason:)`` naming the destination.
    public static func write(_ bytes: [UInt8], to path: String) throws(ReportError) {
        try write(to: path) { sink throws(ReportError) in try sink.write(bytes) }
    }

    /// Streams bytes into `path` atomically. If `produce` throws, the destination is left as it was.
    public static func write(to path: String, _ produce: (Pending) throws(ReportError) -> Void) throws(ReportError) {
        let file = try begin(path)
        try produce(file)
        try file.commit()
    }
}
