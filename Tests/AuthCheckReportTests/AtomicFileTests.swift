import AuthCheckReport
import Foundation
import Testing

@Suite struct AtomicFileTests {
    @Test("writes create parent folders and leave no temporary file")
    func createsFolders() throws {
        let folder = try TestFiles.temporaryFolder()
        let path = folder + "/deep/er/junit.xml"
        try AtomicFile.write(Array("one".utf8), to: path)
        try AtomicFile.write(Array("two".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("two".utf8))
        #expect(try TestFiles.listing(folder + "/deep/er") == ["junit.xml"])
    }

    @Test("a failure while writing leaves the old file intact and no temporary file")
    func failureKeepsOldFile() throws {
        let folder = try TestFiles.temporaryFolder()
        let path = folder + "/junit.xml"
        try AtomicFile.write(Array("old report".utf8), to: path)
        #expect(throws: ReportError.io(path: path, reason: "interrupted")) {
            try AtomicFile.write(to: path) { sink throws(ReportError) in
                try sink.write(Array("half of a new rep".utf8))
                throw .io(path: path, reason: "interrupted")
            }
        }
        #expect(FileManager.default.contents(atPath: path) == Data("old report".utf8))
        #expect(try TestFiles.listing(folder) == ["junit.xml"])
    }

    @Test("a destination that cannot be replaced is reported with its path, and nothing is left behind")
    func renameFailure() throws {
        let folder = try TestFiles.temporaryFolder()
        let path = folder + "/report"
        try FileManager.default.createDirectory(atPath: path + "/occupied", withIntermediateDirectories: true)
        do {
            try AtomicFile.write(Array("x".utf8), to: path)
            Issue.record("replaced a non-empty folder")
        } catch {
            guard case .io(let failedPath, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(failedPath == path)
            #expect(reason.contains("cannot replace"))
        }
        #expect(try TestFiles.listing(folder) == ["report"])
        #expect(try TestFiles.listing(path) == ["occupied"])
    }
}
