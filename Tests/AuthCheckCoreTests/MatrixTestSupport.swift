import AuthCheckCore
import AuthCheckMatrices
import AuthCheckProbeIDs
import Foundation

/// Shared data and helpers for the matrix and profile tests.
enum MatrixTestSupport {
    /// Every CVAT release from 2.24.0 on, as listed in the reference ("Released versions").
    static let releases: [String] = """
        2.24.0 2.25.0 2.26.0 2.26.1 2.27.0 2.28.0 2.29.0 2.30.0 2.31.0 2.32.0 2.33.0 2.34.0 2.35.0 2.36.0 2.37.0
        2.38.0 2.39.0 2.40.0 2.40.1 2.41.0 2.42.0 2.43.0 2.44.0 2.44.1 2.44.2 2.44.3 2.45.0 2.46.0 2.46.1 2.47.0
        2.48.0 2.48.1 2.49.0 2.50.0 2.51.0 2.52.0 2.53.0 2.54.0 2.55.0 2.56.0 2.56.1 2.57.0 2.58.0 2.59.0 2.59.1
        2.60.0 2.61.0 2.62.0 2.63.0 2.64.0 2.65.0 2.66.0 2.67.0 2.68.0 2.69.0 2.70.0 2.71.0 2.73.0 2.74.0 2.74.1
        2.75.0 2.76.0 2.77.0 2.78.0 2.79.0 2.80.0
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// The package root, found from this file's path (Tests/AuthCheckCoreTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of golden profile-check fixtures.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/profiles")

    /// The bundled catalog, checked against the built-in probe ids.
    static func bundled(overlays: [ProfileSource] = []) -> ProfileCatalog {
        overlays.isEmpty ? bundledCatalog : ProfileCatalog.load(AuthCheckMatrices.sources + overlays, knownProbeIDs: ProbeID.builtIn)
    }

    /// Loaded once: parsing 30 files per parameterised case would dominate the test time.
    private static let bundledCatalog = ProfileCatalog.load(AuthCheckMatrices.sources, knownProbeIDs: ProbeID.builtIn)

    static func version(_ text: String) -> CVATVersion {
        guard let version = CVATVersion(text) else { fatalError("test data: '\(text)' is not a version") }
        return version
    }

    /// A temporary folder removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "authcheck-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
