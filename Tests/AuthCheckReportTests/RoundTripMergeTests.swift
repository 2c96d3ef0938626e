import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

@Suite struct RoundTripMergeTests {
    /// Splits the sample record into shards of one suite each.
    func shards(_ record: RunRecord, count: Int) -> [RunRecord] {
        (0..<count).map { index in
            var shard = record
            shard.suites = shardSlice(record.suites, index: index, count: count)
            return shard
        }
    }

    @Test("render → read → merge keeps every case, with counts recomputed")
    func junitRoundTrip() throws {
        let record = Samples.record()
        let folder = try TestFiles.temporaryFolder()
        var files: [String] = []
        for (index, shard) in shards(record, count: 3).enumerated() {
            let path = folder + "/junit-\(index + 1).xml"
            try ReportFile.write(JUnitReport.render(shard), to: path, gzip: index == 1)
            files.append(index == 1 ? path + ".gz" : path)
        }
        let output = try ReportMerger.merge(files: files).write(to: folder + "/merged.xml")
        let merged = try ReportFile.read(output)
        try TestFiles.validateEverywhere(merged, file: "merged.xml")
        let direct = try JUnitReport.read(JUnitReport.render(record), file: "direct.xml")
        let combined = try JUnitReport.read(merged, file: "merged.xml")
        #expect(combined.cases == direct.cases)
        #expect(combined.suites == direct.suites)
        #expect(combined.counts.tests == record.outcomes.count)
        #expect(combined.counts.failures == record.counts[.fail])
        #expect(combined.counts.errors == record.counts[.error])
        let text = String(decoding: merged, as: UTF8.self)
        #expect(text.contains(#"<testsuites name="cvat-authcheck" tests="13" failures="2" errors="2""#))
    }

    @Test("JSON shards merge into one record equal to the unsharded one")
    func jsonRoundTrip() throws {
        let record = Samples.record()
        let folder = try TestFiles.temporaryFolder()
        var files: [String] = []
        for (index, shard) in shards(record, count: 2).enumerated() {
            files.append(try ReportFile.write(RunRecordJSON.encode(shard), to: folder + "/run-\(index).json", gzip: true))
        }
        let output = try ReportMerger.merge(files: files).write(to: folder + "/merged.json")
        let merged = try RunRecordJSON.read(file: output)
        #expect(merged.suites == record.suites)
        #expect(merged.outcomes.count == record.outcomes.count)
        // JUnit from the merged JSON equals JUnit of the original record.
        let junitPath = try ReportMerger.merge(files: files).write(to: folder + "/merged.xml")
        #expect(try ReportFile.read(junitPath) == JUnitReport.render(record))
    }

    @Test("JUnit shards converted to a JSON record keep every case, probe and status")
    func junitToJSON() throws {
        let record = Samples.record()
        let folder = try TestFiles.temporaryFolder()
        let path = folder + "/a.xml"
        try AtomicFile.write(try JUnitReport.render(record), to: path)
        let output = try ReportMerger.merge(files: [path]).write(to: folder + "/out.json")
        let converted = try RunRecordJSON.read(file: output)
        #expect(converted.suites.map(\.target) == record.suites.map(\.target))
        #expect(converted.suites.map(\.backend) == record.suites.map(\.backend))
        #expect(converted.suites.map(\.serverVersion) == record.suites.map(\.serverVersion))
        let pairs = { (record: RunRecord) in
            record.suites.flatMap { suite in suite.outcomes.map { "\(suite.target)|\($0.probe)|\($0.name)|\($0.status)" } }
        }
        #expect(pairs(converted) == pairs(record))
        #expect(RecordDiff(baseline: record, current: converted).entries.allSatisfy { $0.kind == .unchanged || $0.kind == .stillFailing })
    }

    @Test("a suite or case present in two shards is refused, naming both files")
    func duplicates() throws {
        let record = Samples.record()
        let folder = try TestFiles.temporaryFolder()
        try AtomicFile.write(try JUnitReport.render(record), to: folder + "/a.xml")
        try AtomicFile.write(try JUnitReport.render(record), to: folder + "/b.xml")
        #expect(throws: ReportError.duplicate(what: "test suite \"alpha\"", first: folder + "/a.xml", second: folder + "/b.xml")) {
            _ = try ReportMerger.merge(files: [folder + "/a.xml", folder + "/b.xml"])
        }
        try AtomicFile.write(try RunRecordJSON.encode(record), to: folder + "/a.json")
        #expect(throws: ReportError.self) { _ = try ReportMerger.merge(files: [folder + "/a.json", folder + "/a.json"]) }
        var renamed = try JUnitReport.read(JUnitReport.render(record), file: "x")
        renamed.suites = [renamed.suites[0]]
        renamed.suites[0].name = "other"
        try AtomicFile.write(try JUnitReport.render(renamed), to: folder + "/c.xml")
        do {
            _ = try ReportMerger.merge(files: [folder + "/a.xml", folder + "/c.xml"])
            Issue.record("accepted a duplicate case")
        } catch {
            #expect(String(describing: error).contains("cvat.alpha.server / server.version: detect"))
        }
    }

    @Test("malformed shard input is refused with the file name")
    func malformedShard() throws {
        let folder = try TestFiles.temporaryFolder()
        try AtomicFile.write(Array("<testsuites>\n<testsuite>".utf8), to: folder + "/bad.xml")
        do {
            _ = try ReportMerger.merge(files: [folder + "/bad.xml"])
            Issue.record("accepted malformed XML")
        } catch {
            #expect(String(describing: error).hasPrefix(folder + "/bad.xml:2: malformed JUnit XML"))
        }
        try AtomicFile.write(Array(#"{"schema": "cvat-authcheck/run-record@9", "suites": []}"#.utf8), to: folder + "/future.json")
        #expect(
            throws: ReportError.malformedRecord(
                file: folder + "/future.json",
                reason: "schema \"cvat-authcheck/run-record@9\" is not supported; this version reads cvat-authcheck/run-record@1")
        ) {
            _ = try ReportMerger.merge(files: [folder + "/future.json"])
        }
    }
}
