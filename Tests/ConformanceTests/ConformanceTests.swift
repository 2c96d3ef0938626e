import Foundation
import Testing

/// The emulator proven on real CVAT exchanges: every recorded exchange of every run under the shared
/// records (or `$CVAT_AUTHCHECK_REAL_RECORDS`) is replayed against an emulator configured like the
/// recorded deployment, and each difference is an issue naming the run and the exchange.
@Suite(
    "Conformance: the emulator answers like the recorded real CVAT servers",
    .enabled(if: RecordLocation.directory != nil, Comment(rawValue: RecordLocation.skipReason)),
    .serialized
)
struct ConformanceTests {
    @Test("every exchange of the recorded run is answered as the real server answered it", arguments: RecordLocation.runs)
    func replay(_ folder: RecordedRunFolder) async throws {
        let result = try await Replay.run(folder)
        for note in result.notes { print("conformance: \(folder.name): reconstructed: \(note)") }
        for difference in result.differences { Issue.record(Comment(rawValue: difference)) }
        print("conformance: \(folder.name): \(result.compared) exchanges compared, \(result.differences.count) differences")
        #expect(result.compared > 0, "no exchange in \(folder.name)")
    }

    @Test("the tier covers every recorded exchange")
    func coverage() throws {
        let runs = RecordLocation.runs
        #expect(!runs.isEmpty)
        var total = 0
        for folder in runs {
            let run = try RecordedRun.load(folder.runJSON)
            _ = try DeploymentDescription.find(for: folder)
            total += run.exchanges.count
        }
        print("conformance: \(total) recorded exchanges in \(runs.count) runs (after removing repeated evidence)")
    }
}
