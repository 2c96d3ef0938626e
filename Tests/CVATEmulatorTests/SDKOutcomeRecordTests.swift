import Foundation
import Testing

/// The SDK tier's expectations that cite a row of the shared `sdk-outcomes.jsonl` say what that row
/// says (outcome and step), so the table cannot drift from the real cvat-sdk's recorded behaviour.
@Suite(
    "SDK expectations match the shared records",
    .enabled(
        if: SharedRecords.sdkOutcomes != nil,
        "the shared records (../shared/real-cvat/sdk-outcomes.jsonl or $CVAT_AUTHCHECK_REAL_RECORDS) are not present")
)
struct SDKOutcomeRecordTests {
    struct Row: Decodable {
        let server: String
        let front: String
        let mode: String
        let sdk: String
        let outcome: String
        let step: String?
    }

    @Test("every cited row exists and has the expected outcome and step", arguments: SDKCase.all.filter { $0.row != nil })
    func cited(_ sdkCase: SDKCase) throws {
        let rows = try #require(SharedRecords.sdkOutcomes).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Row.self, from: Data($0.utf8))
        }
        let key = "\(sdkCase.row!) \(sdkCase.sdk)"
        let row = try #require(rows.first { "\($0.server) \($0.front) \($0.mode) \($0.sdk)" == key }, "no row \(key)")
        let expected = sdkCase.expected.recordedOutcome
        #expect(row.outcome == expected.outcome, "\(key)")
        #expect(row.step == expected.step, "\(key)")
    }
}

/// Where the shared real-CVAT records are: `$CVAT_AUTHCHECK_REAL_RECORDS`, else `../shared/real-cvat`
/// next to the package.
enum SharedRecords {
    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["CVAT_AUTHCHECK_REAL_RECORDS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return SDKEnvironment.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-cvat")
    }

    /// The text of `sdk-outcomes.jsonl`, if present.
    static var sdkOutcomes: String? {
        try? String(contentsOf: directory.appendingPathComponent("sdk-outcomes.jsonl"), encoding: .utf8)
    }
}
