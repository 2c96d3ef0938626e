import CVATEmulator
import Foundation
import Testing

@Suite struct ReleaseLineTests {
    @Test(
        "a version picks the newest line at or below it",
        arguments: [
            ("2.24.0", "2.24"), ("2.29.9", "2.24"), ("2.30.0", "2.30"), ("2.40.1", "2.30"), ("2.41.0", "2.41"),
            ("2.44.3", "2.42"), ("2.46.1", "2.46"), ("2.47.0", "2.46"), ("2.48.1", "2.48"), ("2.62.0", "2.49"),
            ("2.64.0", "2.63"), ("2.79.0", "2.70"), ("2.80.0", "2.80"), ("2.95.3", "2.80"), ("3.1.0", "2.80"),
        ])
    func lineSelection(version: String, line: String) async throws {
        try await withEmulator(version) { harness in
            #expect(harness.server.releaseLine == line)
            let about = try await harness.send("GET", "/api/server/about")
            #expect(about.json["version"] as? String == version)
        }
    }

    @Test("versions before 2.24.0 or malformed ones are refused", arguments: ["2.23.9", "1.0.0", "2.48", "abc", ""])
    func refused(version: String) async {
        await #expect(throws: EmulatorError.unsupportedVersion(version)) {
            _ = try await EmulatedCVATServer.start(EmulatorConfiguration(version: version, password: "x"))
        }
    }

    @Test("every documented line is emulated")
    func lines() {
        #expect(EmulatedCVATServer.releaseLines == ["2.24", "2.30", "2.41", "2.42", "2.46", "2.48", "2.49", "2.63", "2.70", "2.80"])
    }
}
