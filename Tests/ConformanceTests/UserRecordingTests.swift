import Foundation
import Testing

/// A user's own recording: any folder name with a `deployment.json` next to `run.json`; and the tier
/// names every differing exchange when the deployment does not match.
@Suite(
    "Conformance: user recordings and differences",
    .enabled(if: RecordLocation.directory != nil, Comment(rawValue: RecordLocation.skipReason))
)
struct UserRecordingTests {
    /// Copies a shared run into a temporary folder `name` with `description` as its `deployment.json`.
    static func copy(run: String, as name: String, description: String?) throws -> RecordedRunFolder {
        let source = try #require(RecordLocation.runs.first { $0.name == run })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cvat-authcheck-recording-\(UUID().uuidString)/\(name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source.runJSON, to: folder.appendingPathComponent("run.json"))
        if let description { try description.write(to: folder.appendingPathComponent("deployment.json"), atomically: true, encoding: .utf8) }
        return RecordedRunFolder(name: name, folder: folder)
    }

    @Test("a recording under any name is replayed with its deployment.json")
    func ownRecording() async throws {
        let folder = try Self.copy(
            run: "2.64.0-direct-worker-account-password", as: "staging-cvat", description: #"{"server": "2.64.0", "role": "worker"}"#)
        defer { try? FileManager.default.removeItem(at: folder.folder.deletingLastPathComponent()) }
        let result = try await Replay.run(folder)
        #expect(result.compared == 21)
        #expect(result.differences.isEmpty, "\(result.differences)")
    }

    @Test("without a description or a known folder name the run is refused with the reason")
    func unknownDeployment() throws {
        let folder = try Self.copy(run: "2.64.0-direct-password", as: "mystery", description: nil)
        defer { try? FileManager.default.removeItem(at: folder.folder.deletingLastPathComponent()) }
        #expect(throws: ConformanceError.self) { try DeploymentDescription.find(for: folder) }
    }

    @Test("a wrong deployment yields differences that name the run, the exchange and the field")
    func differencesNameTheExchange() async throws {
        // The worker record replayed as an admin account: the rules and the user object differ.
        let folder = try Self.copy(
            run: "2.64.0-direct-worker-account-password", as: "as-admin", description: #"{"server": "2.64.0", "role": "admin"}"#)
        defer { try? FileManager.default.removeItem(at: folder.folder.deletingLastPathComponent()) }
        let result = try await Replay.run(folder)
        #expect(
            result.differences.contains {
                $0.hasPrefix("as-admin #10 session.csrf/with X-CSRFToken POST /api/projects: status: recorded \"403\", emulator \"400\"")
            },
            "\(result.differences)")
        #expect(result.differences.contains { $0.contains("#6 token.legacy/Token on users/self GET /api/users/self: body (JSON, masked)") })
    }
}
