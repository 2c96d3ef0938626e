import AuthCheckCore
import Foundation
import Synchronization

/// The real cvat-sdk and cvat-cli releases of the shipped client profiles, each in a cached venv made by
/// `scripts/sdk-venv.sh VERSION PACKAGE` (.ci/run makes them beforehand).
enum RealReleases {
    /// The shipped client profiles the tier proves, one per client line.
    static let profileIDs = ["cvat-sdk", "cvat-cli"].flatMap { client in
        ["2.24", "2.30", "2.36", "2.41", "2.48", "2.70"].map { "\(client)-\($0)" }
    }

    private static let checked = Mutex<String??>(nil)

    /// `nil` when every venv exists or could be made; otherwise why not (no python3, no PyPI), said once.
    static func unavailable() async -> String? {
        if let known = checked.withLock({ $0 }) { return known }
        var reason: String?
        for id in profileIDs {
            let client = String(id.prefix(8))
            let version = id.dropFirst(9) + ".0"
            let script = DraftTestSupport.packageRoot.appendingPathComponent("scripts/sdk-venv.sh").path
            let output = await DraftTestSupport.run("/bin/sh", [script, String(version), client])
            if output.status != 0 {
                reason = "\(client) \(version) cannot be installed (scripts/sdk-venv.sh): \(output.stderr.suffix(300))"
                FileHandle.standardError.write(Data("client-draft tier: \(reason ?? "")\n".utf8))
                break
            }
        }
        checked.withLock { $0 = .some(reason) }
        return reason
    }

    static func available() async -> Bool { await unavailable() == nil }
}
