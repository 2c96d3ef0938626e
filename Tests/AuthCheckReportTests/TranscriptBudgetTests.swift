import AuthCheckCore
import Foundation
import Testing

@testable import AuthCheckReport

@Suite struct TranscriptBudgetTests {
    /// `cases` outcomes, each with a transcript of `bytes` bytes.
    func bigRecord(cases: Int, bytes: Int) -> RunRecord {
        let body = String(repeating: "Set-Cookie: csrftoken=[REDACTED]; <b>&amp;</b>\n", count: bytes / 50)
        let outcomes = (0..<cases).map { index in
            Outcome(
                probe: "login.password", name: "case \(index)", status: index % 3 == 0 ? .fail : .pass, message: "m",
                evidence: [ExchangeRecord(method: "GET", url: "https://x/\(index)", status: 200, responseBody: body)])
        }
        let suite = SuiteRecord(target: "big", url: "https://x", hostname: "x", startedAt: Samples.start, outcomes: outcomes)
        return RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: [suite])
    }

    @Test("a report over GitLab's 30 MB limit is cut to fit by truncating transcripts, never dropping cases")
    func gitLabLimit() throws {
        let record = bigRecord(cases: 400, bytes: 100_000)
        let xml = try JUnitReport.render(record)
        #expect(xml.count <= JUnitOptions.gitLabFileLimit)
        #expect(xml.count > JUnitOptions.gitLabFileLimit * 8 / 10)
        try JUnitReport.validate(xml)
        let document = try JUnitReport.read(xml, file: "big.xml")
        #expect(document.cases.count == 400)
        #expect(document.cases.map(\.name) == (0..<400).map { "login.password: case \($0)" })
        #expect(document.counts.failures == 134)
        #expect(document.cases.allSatisfy { $0.systemOut?.contains("[transcript truncated: ") == true })
        #expect(document.cases.allSatisfy { $0.systemOut?.hasPrefix("> GET https://x/") == true })
    }

    @Test("small limits keep every case and still validate", arguments: [5_000, 50_000, 200_000])
    func smallLimits(limit: Int) throws {
        let record = bigRecord(cases: 20, bytes: 20_000)
        let xml = try JUnitReport.render(record, options: JUnitOptions(maxBytes: limit))
        try TestFiles.validateEverywhere(xml)
        #expect(try JUnitReport.read(xml, file: "x").cases.count == 20)
        if limit >= 50_000 { #expect(xml.count <= limit) }
    }

    @Test("a report under the limit is untouched")
    func untouched() throws {
        let record = bigRecord(cases: 3, bytes: 1_000)
        let xml = try JUnitReport.render(record)
        #expect(!String(decoding: xml, as: UTF8.self).contains("truncated"))
    }

    @Test(
        "the water level spreads the budget fairly",
        arguments: [
            ([10, 10, 10], 30, 10), ([1, 100, 100], 101, 50), ([5, 5], 0, 0), ([], 10, 0), ([1, 2, 300], 1000, 300),
        ])
    func waterLevel(lengths: [Int], budget: Int, level: Int) {
        #expect(TranscriptBudget.waterLevel(lengths, budget: budget) == level)
    }

    @Test("truncation cuts on character boundaries and says how much was cut")
    func truncate() {
        let cut = TranscriptCaps.truncate("ééé😀abc", to: 5, what: "transcript")
        #expect(cut.hasPrefix("éé\n[transcript truncated: 9 of 13 bytes omitted"))
    }
}
