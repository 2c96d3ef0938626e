import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

@Suite struct GzipTests {
    @Test("compress then decompress gives the same bytes", arguments: [0, 1, 100, 70_000, 1_000_000])
    func roundTrip(size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<size).map { index in index % 7 == 0 ? UInt8.random(in: 0...255, using: &generator) : UInt8(index % 251) }
        let packed = try Gzip.compress(bytes)
        #expect(Gzip.isGzip(packed))
        #expect(try Gzip.decompress(packed) == bytes)
    }

    @Test("the output is real gzip: the system gunzip reads it")
    func systemGunzip() throws {
        let folder = try TestFiles.temporaryFolder()
        let xml = try JUnitReport.render(Samples.record())
        let path = try ReportFile.write(xml, to: folder + "/junit.xml", gzip: true)
        #expect(path == folder + "/junit.xml.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\"", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect([UInt8](output) == xml)
        #expect(try ReportFile.read(path) == xml)
    }

    @Test("concatenated members are read; corrupt and truncated data are refused with the file name")
    func members() throws {
        let joined = try Gzip.compress(Array("ab".utf8)) + Gzip.compress(Array("cd".utf8))
        #expect(try Gzip.decompress(joined) == Array("abcd".utf8))
        let packed = try Gzip.compress(Array(String(repeating: "cvat ", count: 1000).utf8))
        #expect(throws: ReportError.gzip(file: "x.gz", reason: "truncated gzip data")) {
            try Gzip.decompress(Array(packed.prefix(packed.count / 2)), file: "x.gz")
        }
        var corrupt = packed
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        #expect(throws: ReportError.self) { try Gzip.decompress(corrupt, file: "x.gz") }
    }
}
