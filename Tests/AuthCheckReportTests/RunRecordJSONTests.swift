import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

@Suite struct RunRecordJSONTests {
    @Test("a record survives encode → decode, gzip included, with ISO-8601 dates")
    func roundTrip() throws {
        let record = Samples.record()
        let bytes = try RunRecordJSON.encode(record)
        #expect(try RunRecordJSON.decode(bytes, file: "run.json") == record)
        #expect(try RunRecordJSON.decode(Gzip.decompress(Gzip.compress(bytes)), file: "run.json") == record)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""schema" : "cvat-authcheck/run-record@1""#))
        #expect(text.contains(#""started_at" : "2025-11-28T03:20:00.250Z""#))
        #expect(text.contains(#""cause_text" : "a reverse proxy strips Set-Cookie""#))
        #expect(!text.contains("\"diff\""))
        let hostile = Samples.hostileRecord()
        #expect(try RunRecordJSON.decode(RunRecordJSON.encode(hostile), file: "h.json") == hostile)
    }

    @Test(
        "bad input is refused with the file and what is wrong",
        arguments: [
            ("{", "not valid JSON"),
            ("[1]", "the top level is not a JSON object"),
            (#"{"suites": []}"#, "no \"schema\" field"),
            (
                #"{"schema": "cvat-authcheck/run-record@1", "tool_version": "x", "started_at": "2025-01-01T00:00:00Z", "finished_at": "2025-01-01T00:00:00Z", "interrupted": false, "suites": [{"target": "a"}]}"#,
                "missing field \"url\" at $.suites[0]"
            ),
            (
                #"{"schema": "cvat-authcheck/run-record@1", "tool_version": "x", "started_at": "yesterday", "finished_at": "2025-01-01T00:00:00Z", "interrupted": false, "suites": []}"#,
                "$.started_at: not an ISO-8601 date: yesterday"
            ),
        ])
    func malformed(json: String, reason: String) {
        do {
            _ = try RunRecordJSON.decode(Array(json.utf8), file: "night/run.json")
            Issue.record("accepted bad input")
        } catch {
            #expect(error.description.hasPrefix("night/run.json: not a readable cvat-authcheck run record: "))
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test("dates without fractional seconds are accepted")
    func plainDates() throws {
        let json =
            #"{"schema": "cvat-authcheck/run-record@1", "tool_version": "x", "started_at": "2025-01-01T00:00:00Z", "finished_at": "2025-01-01T00:00:01+01:00", "interrupted": false, "suites": []}"#
        let record = try RunRecordJSON.decode(Array(json.utf8), file: "x")
        #expect(record.startedAt == Date(timeIntervalSince1970: 1_735_689_600))
        #expect(record.finishedAt == Date(timeIntervalSince1970: 1_735_689_600 - 3599))
    }
}
