import AuthCheckCore
import AuthCheckPlugins
import AuthCheckRun
import Foundation
import Synchronization

/// Shared helpers of the client-draft tests: the checkout's backends, the shipped client profiles, and
/// short supervised processes.
enum DraftTestSupport {
    /// The package root, found from this file's path (Tests/ClientDraftTests/Support/…).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The checkout's `backends/` folder.
    static let backends = BundledBackends.checkout(packageRoot.path)

    /// The shipped catalog (embedded profiles), loaded once.
    static let catalog = ProfileCatalogLoader.load(ProfileCatalogLoader.sources())

    /// The system python3, or `nil` when there is none.
    static let python3 = ExecutableLookup.resolve("python3", directory: "/", environment: ProcessInfo.processInfo.environment)

    /// A fresh temporary folder; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("authcheck-draft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// What a short command printed.
    struct Output {
        var status: Int32?
        var stdout: String
        var stderr: String
    }

    /// Runs a command to its end (at most `timeout` seconds) with the test's environment plus `extra`.
    static func run(_ executable: String, _ arguments: [String], extra: [String: String] = [:], timeout: Double = 900) async -> Output {
        let stdout = Mutex(Data())
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let command = SupervisedCommand(
            executable: executable, arguments: arguments, directory: packageRoot.path, environment: environment, timeout: timeout)
        let result = await ProcessSupervisor(command, limits: SupervisionLimits(stderrTailBytes: 16384)).run(
            output: .stream { event in
                if case .chunk(let data) = event { stdout.withLock { $0.append(data) } }
            })
        let status: Int32? = if case .exit(let code)? = result.termination, result.stop == nil { code } else { nil }
        return Output(
            status: status, stdout: String(decoding: stdout.withLock { $0 }, as: UTF8.self),
            stderr: result.launchError ?? String(decoding: result.stderrTail, as: UTF8.self))
    }
}
