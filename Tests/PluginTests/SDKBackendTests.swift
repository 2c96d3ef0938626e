import AuthCheckCore
import AuthCheckPlugins
import AuthCheckProbeIDs
import AuthCheckProbes
import AuthCheckReport
import AuthCheckRun
import CVATEmulator
import Foundation
import Testing

/// Whether the real cvat-sdk can run here: python3 and a venv per version (made or reused by
/// scripts/sdk-venv.sh, which needs PyPI the first time).
enum SDKAvailability {
    static let versions = ["2.24.0", "2.80.0"]

    /// `nil` when ready, else why not.
    static let problem: String? = {
        let environment = ProcessInfo.processInfo.environment
        guard ExecutableLookup.resolve(environment["CVAT_AUTHCHECK_PYTHON"] ?? "python3", directory: "/", environment: environment) != nil else {
            return "python3 is not installed"
        }
        let script = PluginHarness.repositoryRoot.appendingPathComponent("scripts/sdk-venv.sh").path
        for version in versions {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [script, version]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            do { try process.run() } catch { return "cannot run scripts/sdk-venv.sh: \(error)" }
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                return "the cvat-sdk \(version) venv cannot be created (scripts/sdk-venv.sh exit \(process.terminationStatus)): "
                    + (message.split(separator: "\n").last.map(String.init) ?? "")
            }
        }
        return nil
    }()
}

/// The real cvat-sdk backend against the emulator's healthy and strip-set-cookie lines: what the SDK
/// really does (as observed with real servers and proxies, reference parts B and C) and that the
/// `sdk.compat` predictions of the native suite agree with it.
@Suite("cvat-sdk backend", .serialized)
struct SDKBackendTests {
    struct Case: Sendable, CustomStringConvertible {
        var server: String
        var faults: [EmulatorFault]
        /// Real-client outcome per "sdk version, mode": "pass" or the exception type of the fail.
        var expected: [String: String]
        var description: String { "server \(server) \(faults.isEmpty ? "healthy" : faults.map(\.description).joined(separator: ","))" }
    }

    static let cases: [Case] = [
        Case(
            server: "2.24.0", faults: [],
            expected: [
                "2.24.0, password": "pass", "2.80.0, password": "TypeError", "2.24.0, access-token": "skipped", "2.80.0, access-token": "skipped",
            ]),
        Case(
            server: "2.24.0", faults: [.stripSetCookie],
            expected: [
                "2.24.0, password": "AssertionError", "2.80.0, password": "TypeError", "2.24.0, access-token": "skipped",
                "2.80.0, access-token": "skipped",
            ]),
        Case(
            server: "2.80.0", faults: [],
            expected: [
                "2.24.0, password": "pass", "2.80.0, password": "pass", "2.24.0, access-token": "skipped", "2.80.0, access-token": "pass",
            ]),
        Case(
            server: "2.80.0", faults: [.stripSetCookie],
            expected: [
                "2.24.0, password": "AssertionError", "2.80.0, password": "AssertionError", "2.24.0, access-token": "skipped",
                "2.80.0, access-token": "pass",
            ]),
    ]

    @Test(
        "the real SDK behaves as observed, and the predictions agree with it",
        .enabled(if: SDKAvailability.problem == nil, "real cvat-sdk unavailable: \(SDKAvailability.problem ?? "")"),
        arguments: cases)
    func realSDK(_ testCase: Case) async throws {
        let found = PluginDiscovery.discover(
            explicit: [], environment: [:], reservedProbeIDs: ProbeID.builtIn,
            bundled: .checkout(PluginHarness.repositoryRoot.path))
        #expect(found.rejected.isEmpty, "\(found.rejected)")
        let backends = try [BackendSpec.native] + SDKAvailability.versions.map { try BackendSpec(parsing: "cvat-sdk@\($0)") }
        let run = try await PluginHarness.run(
            plugins: found.plugins, backends: backends, builtIns: true, version: testCase.server,
            faults: testCase.faults, deadline: 300)
        #expect(run.record.suites.map(\.backend) == ["native", "cvat-sdk@2.24.0", "cvat-sdk@2.80.0"])

        // What the real SDK did.
        var observed: [String: String] = [:]
        for version in SDKAvailability.versions {
            let sessions = run.outcomes("sdk.session", backend: BackendSpec(stringLiteral: "cvat-sdk@\(version)"))
            for outcome in sessions {
                let key = "\(outcome.facts["sdk_version"] ?? "?"), \(outcome.facts["mode"] ?? "?")"
                observed[key] = outcome.status == .fail ? (outcome.facts["exception"] ?? "fail") : outcome.status.rawValue
            }
        }
        #expect(observed == testCase.expected, "\(testCase): \(Self.dump(run))")

        // Every decided real outcome was compared with its prediction, and every comparison agrees.
        for version in SDKAvailability.versions {
            let backend = BackendSpec(stringLiteral: "cvat-sdk@\(version)")
            let predictions = run.outcomes(PredictionCheck.probeID, backend: backend)
            let decided = run.outcomes("sdk.session", backend: backend).filter { $0.status == .pass || $0.status == .fail }
            #expect(predictions.filter { $0.status == .pass }.count == decided.count, "\(testCase) \(backend): \(Self.dump(run))")
            for prediction in predictions {
                #expect(prediction.status != .fail, "\(testCase) \(backend): \(prediction.message)")
            }
        }
        #expect(!run.everything.contains(PluginHarness.password), "the password leaked")
    }

    @Test(
        "behind a private-CA TLS front, the real SDK trusts the target's ca_file (and so does the check): a healthy target passes",
        .enabled(if: SDKAvailability.problem == nil, "real cvat-sdk unavailable: \(SDKAvailability.problem ?? "")"))
    func privateCA() async throws {
        let found = PluginDiscovery.discover(
            explicit: [], environment: [:], reservedProbeIDs: ProbeID.builtIn,
            bundled: .checkout(PluginHarness.repositoryRoot.path))
        let backends = [BackendSpec.native, try BackendSpec(parsing: "cvat-sdk@2.80.0")]
        let run = try await PluginHarness.run(
            plugins: found.plugins, backends: backends, builtIns: true, version: "2.80.0", deadline: 300,
            privateCATLS: true)
        let sessions = run.outcomes("sdk.session", backend: "cvat-sdk@2.80.0")
        #expect(sessions.count == 2)
        // Before the fix every session was an error: CERTIFICATE_VERIFY_FAILED.
        for session in sessions { #expect(session.status == .pass, "\(session.name): \(session.message)") }
        #expect(ExitStatus.code(for: run.record) == 0, "\(Self.dump(run))")
        #expect(!run.everything.contains(PluginHarness.password), "the password leaked")
    }

    static func dump(_ run: PluginHarness.Run) -> String {
        run.record.suites.flatMap { suite in
            suite.outcomes.filter { ["sdk.session", "sdk.compat", PredictionCheck.probeID].contains($0.probe) }
                .map { "[\(suite.backend)] \($0.probe) \($0.name): \($0.status.rawValue) — \($0.message)" }
        }.joined(separator: "\n")
    }
}
