import Foundation
import Synchronization

/// The real cvat-sdk releases the SDK tier runs, each in a cached venv made by `scripts/sdk-venv.sh`.
enum SDKEnvironment {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let driver = packageRoot.appendingPathComponent("Tests/sdk/sdk_driver.py").path

    private static let cache = Mutex<[String: String?]>([:])

    /// The venv python for an SDK release, creating the venv on first use; `nil` when python3 or
    /// PyPI is unavailable (the reason is written to stderr once).
    static func python(sdk version: String) async -> String? {
        if let known = cache.withLock({ $0[version] }) { return known }
        var python: String?
        do {
            let result = try await ExternalProcess.run("/bin/sh", [packageRoot.appendingPathComponent("scripts/sdk-venv.sh").path, version])
            let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if result.status == 0, FileManager.default.isExecutableFile(atPath: path) {
                python = path
            } else {
                FileHandle.standardError.write(Data("SDK tier: cannot prepare cvat-sdk \(version) (exit \(result.status)): \(result.stderr)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("SDK tier: cannot run scripts/sdk-venv.sh: \(error)\n".utf8))
        }
        cache.withLock { $0[version] = python }
        return python
    }

    /// What `Tests/sdk/sdk_driver.py` reports.
    struct Report: Decodable, Sendable, CustomStringConvertible {
        let sdk: String
        let python: String
        let outcome: String
        let type: String?
        let message: String?
        let status: Int?
        let body: String?
        let line: String?
        let user: String?
        let step: String?

        var pythonAtLeast314: Bool {
            let parts = python.split(separator: ".").compactMap { Int($0) }
            return parts.count == 2 && (parts[0], parts[1]) >= (3, 14)
        }

        var description: String {
            "sdk \(sdk) python \(python): \(outcome) \(type ?? "") \(message ?? "") status=\(status.map(String.init) ?? "-") step=\(step ?? "-") line=\(line ?? "")"
        }
    }

    /// Runs the driver once and decodes its report; `caFile` is trusted through `SSL_CERT_FILE`.
    static func drive(
        sdk version: String, host: URL, mode: String, password: String? = nil, accessToken: String? = nil,
        user: String = "probe", caFile: String? = nil
    ) async throws -> Report {
        guard let python = await python(sdk: version) else { throw DriverError(text: "no venv for cvat-sdk \(version)") }
        var environment = ["PYTHONDONTWRITEBYTECODE": "1", "CVAT_USER": user]
        if let caFile { environment["SSL_CERT_FILE"] = caFile }
        if let password { environment["CVAT_PASSWORD"] = password }
        if let accessToken { environment["CVAT_ACCESS_TOKEN"] = accessToken }
        let result = try await ExternalProcess.run(python, [driver, host.absoluteString, mode], environment: environment)
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last,
            let report = try? JSONDecoder().decode(Report.self, from: Data(line.utf8))
        else { throw DriverError(text: "driver failed (exit \(result.status)): \(result.stdout) \(result.stderr)") }
        return report
    }

    struct DriverError: Error, CustomStringConvertible {
        let text: String
        var description: String { text }
    }
}
