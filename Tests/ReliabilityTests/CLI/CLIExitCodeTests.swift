import Foundation
import Testing

/// Where the built `cvat-authcheck` lies: next to the test bundle in `.build/debug`.
enum CLIBinary {
    static var path: String? {
        let folder = Bundle.module.bundleURL.deletingLastPathComponent()
        let path = folder.appendingPathComponent("cvat-authcheck").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}

/// The built binary (`.build/debug/cvat-authcheck`): exit 65 with `file:line` for invalid data,
/// 64 for bad usage, and never a crash on broken input files.
@Suite(
    "CLI exit codes", .timeLimit(.minutes(1)), .enabled(if: CLIBinary.path != nil, "the cvat-authcheck binary is not built next to the test bundle"))
struct CLIExitCodeTests {
    static var binary: String? { CLIBinary.path }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary!)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func file(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reliability-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var line: Int
        var testDescription: String { label }
    }

    static let badFiles: [BadFile] = [
        BadFile(label: "YAML syntax error", text: "targets:\n  - url: http://127.0.0.1:1\n   name: [unclosed\n", line: 3),
        BadFile(label: "unknown key", text: "targets:\n  - url: http://127.0.0.1:1\n    nmae: typo\n", line: 3),
        BadFile(label: "bad version", text: "targets:\n  - url: http://127.0.0.1:1\n    version: two.forty\n", line: 3),
        BadFile(label: "url not a string", text: "targets:\n  - name: x\n    url: [1, 2]\n", line: 3),
        BadFile(label: "targets not a list", text: "\n\ntargets: 42\n", line: 3),
        BadFile(label: "NUL byte and tab", text: "targets:\n\t- url: \u{0}\n", line: 2),
        BadFile(
            label: "unknown client package", text: "targets:\n  - url: http://127.0.0.1:1\n    clients: [cvat-sdk@2.41, cvat-sdkk@2.41]\n", line: 3),
        BadFile(label: "client release no line covers", text: "targets:\n  - url: http://127.0.0.1:1\n    clients: [cvat-sdk@1.0]\n", line: 3),
        BadFile(label: "client not a name@release", text: "targets:\n  - url: http://127.0.0.1:1\n    clients: [\"cvat-sdk@two\"]\n", line: 3),
    ]

    @Test("invalid targets files exit 65 and name file:line", arguments: badFiles)
    func invalidData(_ bad: BadFile) throws {
        let path = try Self.file("targets.yaml", bad.text)
        let result = try Self.run(["run", "--targets", path])
        #expect(result.status == 65, "exit \(result.status); stderr: \(result.stderr)")
        #expect(result.stderr.contains("targets.yaml:\(bad.line)"), "no file:line in: \(result.stderr)")
    }

    @Test(
        "bad usage exits 64",
        arguments: [
            ["run", "--no-such-flag"], ["run", "--concurrency", "many"], ["no-such-command"], ["run", "--target"],
            // A client no profile covers is a usage error before the first request (127.0.0.1:1 would be refused: exit 2).
            ["run", "--target", "http://127.0.0.1:1", "--client", "cvat-sdk@9.99"],
            ["run", "--target", "http://127.0.0.1:1", "--client", "cvat-skd@2.41"],
            ["run", "--target", "http://127.0.0.1:1", "--client", "cvat-sdk@@2.41"],
        ])
    func badUsage(_ arguments: [String]) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 64, "exit \(result.status) for \(arguments); stderr: \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }
}
