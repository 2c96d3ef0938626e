import Foundation
import Testing

/// Where the recorded real-CVAT exchanges are: `$CVAT_AUTHCHECK_REAL_RECORDS`, else
/// `<package root>/../shared/real-cvat`. Runs are the folders holding a `run.json`, under `runs/` if
/// that folder exists, else directly in the directory.
enum RecordLocation {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The records directory, if it exists.
    static var directory: URL? {
        let candidate: URL
        if let path = ProcessInfo.processInfo.environment["CVAT_AUTHCHECK_REAL_RECORDS"], !path.isEmpty {
            candidate = URL(fileURLWithPath: path)
        } else {
            candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-cvat")
        }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) && isDirectory.boolValue ? candidate : nil
    }

    /// Every run folder (one `run.json` each), sorted by name.
    static var runs: [RecordedRunFolder] {
        guard let directory else { return [] }
        let runsDirectory = directory.appendingPathComponent("runs")
        let base = FileManager.default.fileExists(atPath: runsDirectory.path) ? runsDirectory : directory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = base.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("run.json").path) else { return nil }
            return RecordedRunFolder(name: name, folder: folder)
        }
    }

    /// Why the tier is skipped, for the test report.
    static let skipReason =
        "no recorded real-CVAT exchanges: set CVAT_AUTHCHECK_REAL_RECORDS or check out ../shared/real-cvat next to the package (docs/EMULATOR.md, \"Conformance tier\")"
}

/// One recorded run: a folder with `run.json` and, optionally, `deployment.json`.
struct RecordedRunFolder: Sendable, CustomTestStringConvertible {
    let name: String
    let folder: URL

    var testDescription: String { name }

    var runJSON: URL { folder.appendingPathComponent("run.json") }
    var descriptionFile: URL { folder.appendingPathComponent("deployment.json") }
}
