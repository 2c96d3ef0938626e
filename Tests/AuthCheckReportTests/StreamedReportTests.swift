import AuthCheckCore
import Foundation
import Testing

@testable import AuthCheckReport

/// Reports streamed suite by suite (from the record or from a spool) are the same bytes as reports
/// rendered whole, honour the size budget and leave no temporary file behind.
@Suite struct StreamedReportTests {
    /// The sample record with a baseline diff, so every property and note is exercised.
    func sampleWithDiff() -> (RunRecord, RecordDiff) {
        let record = Samples.record()
        var baseline = record
        baseline.suites[0].outcomes[1].status = .fail
        baseline.suites[0].outcomes[2].status = .pass
        return (record, RecordDiff(baseline: baseline, current: record))
    }

    @Test("streamed JUnit equals the in-memory rendering, plain and gzip", arguments: [false, true])
    func junitStreamMatches(gzip: Bool) throws {
        let folder = try TestFiles.temporaryFolder()
        for (record, diff) in [sampleWithDiff(), (Samples.hostileRecord(), nil)] {
            let options = JUnitOptions(diff: diff)
            let path = try JUnitReport.write(record, options: options, to: folder + "/junit.xml", gzip: gzip)
            #expect(path == folder + (gzip ? "/junit.xml.gz" : "/junit.xml"))
            let written = try ReportFile.read(path)
            #expect(written == (try JUnitReport.render(record, options: options)))
            try TestFiles.validateEverywhere(written)
        }
        #expect(try TestFiles.listing(folder) == [gzip ? "junit.xml.gz" : "junit.xml"])
    }

    @Test("a streamed report over the byte limit is rewritten with shorter transcripts, every case kept", arguments: [6_000, 40_000])
    func streamedBudget(limit: Int) throws {
        let body = String(repeating: "Set-Cookie: csrftoken=[REDACTED]; Path=/\n", count: 100)
        let outcomes = (0..<12).map { index in
            Outcome(
                probe: "login.password", name: "case \(index)", status: index.isMultiple(of: 4) ? .fail : .pass, message: "m",
                evidence: [ExchangeRecord(method: "GET", url: "https://x/\(index)", status: 200, responseBody: body)])
        }
        let suites = (0..<3).map { SuiteRecord(target: "t\($0)", url: "https://x", hostname: "x", startedAt: Samples.start, outcomes: outcomes) }
        let record = RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: suites)
        let folder = try TestFiles.temporaryFolder()
        let options = JUnitOptions(maxBytes: limit)
        try JUnitReport.write(record, options: options, to: folder + "/junit.xml")
        let written = try ReportFile.read(folder + "/junit.xml")
        #expect(written == (try JUnitReport.render(record, options: options)))
        #expect(written.count <= limit || limit < 10_000)
        try TestFiles.validateEverywhere(written)
        let document = try JUnitReport.read(written, file: "junit.xml")
        #expect(document.cases.count == 36)
        #expect(document.counts.failures == 9)
        #expect(document.cases.contains { $0.systemOut?.contains("[transcript truncated: ") == true })
        #expect(try TestFiles.listing(folder) == ["junit.xml"])
    }

    @Test("streamed JSON equals the whole encoding, with a diff, without suites, and gzip")
    func jsonStreamMatches() throws {
        let (record, diff) = sampleWithDiff()
        let empty = RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: [])
        for (record, diff) in [(record, Optional(diff)), (record, nil), (Samples.hostileRecord(), nil), (empty, nil)] {
            let sink = MemorySink()
            try RunRecordJSON.write(record, suites: .inMemory(record), diff: diff, into: sink)
            #expect(sink.bytes == (try RunRecordJSON.encode(record, diff: diff)))
        }
        let folder = try TestFiles.temporaryFolder()
        let written = try ReportRequest(json: folder + "/run.json", gzip: true).write(record)
        #expect(written == [folder + "/run.json.gz"])
        #expect(try RunRecordJSON.read(file: folder + "/run.json.gz") == record)
    }

    @Test("the spool gives back each complete suite while the record keeps verdicts only")
    func spoolRoundTrip() async throws {
        let record = Samples.record()
        #expect(record.suites.contains { $0.outcomes.contains { !$0.evidence.isEmpty } })
        let spool = try SuiteSpool(directory: try TestFiles.temporaryFolder())
        var slim = record
        // Store all but the last suite, in reverse order (targets finish in any order).
        for index in record.suites.indices.dropLast().reversed() {
            slim.suites[index] = await spool.take(record.suites[index], at: index)
        }
        #expect(spool.count == record.suites.count - 1)
        #expect(slim.suites.dropLast().allSatisfy { $0.outcomes.allSatisfy(\.evidence.isEmpty) })
        #expect(slim.outcomes.map(\.status) == record.outcomes.map(\.status))
        let store = spool.suites(for: slim)
        for index in record.suites.indices {
            #expect(try store.suite(at: index) == record.suites[index])
        }
        #expect(try store.complete(slim) == record)
    }

    @Test("reports written from a slimmed record and its spool are the reports of the complete record")
    func reportsFromSpool() async throws {
        let (record, _) = sampleWithDiff()
        let folder = try TestFiles.temporaryFolder()
        let baseline = try ReportFile.write(RunRecordJSON.encode(Samples.record()), to: folder + "/base.json", gzip: false)
        let spool = try SuiteSpool(directory: folder)
        var slim = record
        for index in record.suites.indices { slim.suites[index] = await spool.take(record.suites[index], at: index) }
        func request(_ name: String) -> ReportRequest {
            ReportRequest(
                junit: "\(folder)/\(name)/junit.xml", json: "\(folder)/\(name)/run.json", markdown: "\(folder)/\(name)/summary.md",
                html: "\(folder)/\(name)/report.html", baseline: baseline)
        }
        _ = try request("whole").write(record)
        _ = try request("spooled").write(slim, suites: spool.suites(for: slim))
        for file in ["junit.xml", "run.json", "summary.md", "report.html"] {
            #expect(try ReportFile.read("\(folder)/spooled/\(file)") == (try ReportFile.read("\(folder)/whole/\(file)")), "\(file)")
        }
        #expect(try TestFiles.listing(folder) == ["base.json", "spooled", "whole"])
    }

    @Test("gzip streamed in pieces decompresses to the concatenation")
    func gzipSink() throws {
        let output = MemorySink()
        let gzip = try GzipSink(into: output, file: "x.gz")
        var expected: [UInt8] = []
        for piece in 0..<50 {
            let bytes = Array("piece \(piece): \(String(repeating: "abc", count: piece * 700))\n".utf8)
            expected += bytes
            try gzip.write(bytes)
        }
        try gzip.finish()
        #expect(Gzip.isGzip(output.bytes))
        #expect(try Gzip.decompress(output.bytes) == expected)
        #expect(throws: ReportError.self) { try gzip.write(Array("late".utf8)) }
    }
}

/// The spool's private form of exchanges keeps every field and refuses bytes that do not fit.
@Suite struct EvidenceCodecTests {
    static let exchanges = [
        ExchangeRecord(
            method: "POST", url: "https://x/api/auth/login?sign=[REDACTED]",
            requestHeaders: [HeaderField("Content-Type", "application/json"), HeaderField("X-É", "ünïcode ✓")],
            requestBody: "{\"password\":\"[REDACTED]\"}", status: 200,
            responseHeaders: [HeaderField("Set-Cookie", "a=1"), HeaderField("Set-Cookie", "b=2")],
            responseBody: "", error: nil, duration: 0.1 + 0.2),
        ExchangeRecord(method: "GET", url: "", status: nil, error: "connection refused", duration: .infinity),
        ExchangeRecord(method: "GET", url: "https://x/", status: -1, responseBody: String(repeating: "é", count: 300), duration: -0.0),
    ]

    func suite() -> SuiteRecord {
        SuiteRecord(
            target: "t", url: "https://x", hostname: "x", startedAt: Samples.start,
            outcomes: [
                Outcome(probe: "a", name: "a", status: .pass, message: "", evidence: Self.exchanges),
                Outcome(probe: "b", name: "b", status: .fail, message: ""),
                Outcome(probe: "c", name: "c", status: .error, message: "", evidence: [Self.exchanges[1]]),
            ])
    }

    @Test("every field of every exchange comes back")
    func roundTrip() throws {
        let suite = suite()
        let restored = try EvidenceCodec.restore(EvidenceCodec.encode(suite), into: suite.withoutEvidence, label: "spool")
        #expect(restored == suite)
        // A field added to ExchangeRecord must be added to the codec too (this count is the reminder).
        #expect(Mirror(reflecting: Self.exchanges[0]).children.count == 9)
    }

    @Test("truncated bytes, trailing bytes and a suite of another shape are errors, never a crash")
    func damaged() throws {
        let suite = suite()
        let bytes = EvidenceCodec.encode(suite)
        for cut in [0, 1, 2, bytes.count / 2, bytes.count - 1] {
            #expect(throws: ReportError.self) { try EvidenceCodec.restore(Array(bytes.prefix(cut)), into: suite.withoutEvidence, label: "spool") }
        }
        #expect(throws: ReportError.self) { try EvidenceCodec.restore(bytes + [0], into: suite.withoutEvidence, label: "spool") }
        var other = suite.withoutEvidence
        other.outcomes.removeLast()
        #expect(throws: ReportError.self) { try EvidenceCodec.restore(bytes, into: other, label: "spool") }
    }
}
