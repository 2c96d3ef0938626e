import AuthCheckCore
import Foundation
import Synchronization

/// Keeps the exchanges of a run's suites on disk while it runs, so the run record in memory holds
/// verdicts only and memory stays flat however many targets there are. Reports then ask for the
/// complete suites one at a time (``suites(for:)``): the record's suite with its exchanges put back.
///
/// The spool is an anonymous file: created owner-only in the temporary folder and unlinked at once, so
/// nothing is left behind even if the process is killed. It holds what the reports hold (redacted
/// exchanges), no more, in a compact private form (``EvidenceCodec``). If the spool cannot be written
/// (disk full), the suite simply stays whole in memory.
public final class SuiteSpool: SuiteSink, Sendable {
    private struct Entry: Sendable {
        var offset: Int64
        var length: Int
    }

    /// Where the next suite goes, and where each stored one is.
    private struct Layout: Sendable {
        var end: Int64 = 0
        var entries: [Int: Entry] = [:]
    }

    private let layout = Mutex(Layout())
    private let descriptor: Int32
    private let label: String

    /// Opens an anonymous spool file in `directory` (default: the temporary folder).
    /// - Throws: ``ReportError/io(path:reason:)`` when no file can be created there.
    public init(directory: String = NSTemporaryDirectory()) throws(ReportError) {
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var template = Array("\(folder)/cvat-authcheck-spool-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .io(path: folder, reason: "cannot create the suite spool: \(String(cString: strerror(errno)))")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(path)
        self.descriptor = descriptor
        label = "suite spool in \(folder)"
    }

    deinit { close(descriptor) }

    /// Stores the complete `suite` and returns it without its exchanges (or whole, if it could not be stored).
    public func take(_ suite: SuiteRecord, at index: Int) async -> SuiteRecord {
        guard append(EvidenceCodec.encode(suite), at: index) else { return suite }
        return suite.withoutEvidence
    }

    private func append(_ bytes: [UInt8], at index: Int) -> Bool {
        layout.withLock { layout in
            let offset = layout.end
            let written = bytes.withUnsafeBytes { buffer -> Bool in
                var done = 0
                while done < buffer.count {
                    let count = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                    if count < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    done += count
                }
                return true
            }
            guard written else { return false }
            layout.end += Int64(bytes.count)
            layout.entries[index] = Entry(offset: offset, length: bytes.count)
            return true
        }
    }

    /// How many suites are on disk.
    public var count: Int { layout.withLock { $0.entries.count } }

    /// The complete suites of `record`: from the spool where stored, from the record otherwise (suites
    /// that never reached the spool, such as those of targets an interruption kept from starting).
    public func suites(for record: RunRecord) -> SuiteStore {
        SuiteStore { index throws(ReportError) in
            guard let entry = self.entry(index) else { return record.suites[index] }
            return try EvidenceCodec.restore(try self.read(entry), into: record.suites[index], label: self.label)
        }
    }

    private func entry(_ index: Int) -> Entry? { layout.withLock { $0.entries[index] } }

    private func read(_ entry: Entry) throws(ReportError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: entry.length)
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(entry.offset) + off_t(done))
                if count < 0 && errno == EINTR { continue }
                if count == 0 { errno = EIO }
                if count <= 0 { return false }
                done += count
            }
            return true
        }
        guard complete else { throw .io(path: label, reason: "cannot read a suite back: \(String(cString: strerror(errno)))") }
        return bytes
    }
}
