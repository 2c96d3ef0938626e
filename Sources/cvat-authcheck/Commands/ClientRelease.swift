import ArgumentParser
import AuthCheckCore

/// The `--client` of `profiles draft`: one release of one client package, `cvat-sdk==2.48.0`.
struct ClientRelease: Hashable {
    /// `cvat-sdk` or `cvat-cli`.
    var client: String
    var version: CVATVersion

    static let packages = ["cvat-sdk", "cvat-cli"]

    /// Parses `NAME==X.Y.Z`; a usage error names what is wrong.
    init(parsing text: String) throws {
        let parts = text.components(separatedBy: "==")
        guard parts.count == 2 else {
            throw ValidationError("--client \(text): expected NAME==X.Y.Z, e.g. cvat-sdk==2.48.0 or cvat-cli==2.70.0")
        }
        guard Self.packages.contains(parts[0]) else {
            let hint = DidYouMean.suggestion(for: parts[0], among: Self.packages).map { " (did you mean '\($0)'?)" } ?? ""
            throw ValidationError("--client \(text): '\(parts[0])' is not a client this tool profiles\(hint); known: cvat-sdk, cvat-cli")
        }
        guard let version = CVATVersion(parts[1]), !version.isDevelopment, parts[1].split(separator: ".").count == 3 else {
            throw ValidationError("--client \(text): '\(parts[1])' is not a release such as 2.48.0")
        }
        client = parts[0]
        self.version = version
    }
}
