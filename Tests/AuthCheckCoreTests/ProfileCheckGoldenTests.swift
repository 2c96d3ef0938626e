import AuthCheckCore
import AuthCheckMatrices
import Foundation
import Testing

/// Golden cases for `profiles check`: `Fixtures/profiles/<case>.yaml` is layered as an overlay over the
/// bundled profiles (as `--matrices` would), and the diagnostics must equal `<case>.err` line for line.
/// Set `AUTHCHECK_RECORD_GOLDEN=1` to rewrite the `.err` files after an intended change, then review the diff.
@Suite("profiles check: golden invalid cases")
struct ProfileCheckGoldenTests {
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: MatrixTestSupport.fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// The error classes the checker must cover, each with its own case.
    static let requiredCases: Set<String> = [
        "yaml-syntax", "empty-file", "not-a-mapping", "unknown-key", "wrong-type", "bad-enum", "bad-range", "bad-range-text",
        "missing-required", "broken-extends", "cycle", "overlap", "gap", "unknown-probe", "duplicate-key", "client-mismatch",
        "incomplete-root", "open-upper-bound", "many-problems",
    ]

    static func check(_ name: String) throws -> [String] {
        let text = try String(contentsOf: MatrixTestSupport.fixtures.appending(path: "\(name).yaml"), encoding: .utf8)
        let catalog = MatrixTestSupport.bundled(overlays: [ProfileSource(path: "\(name).yaml", text: text, isOverlay: true)])
        return ProfileCheckReport(catalog: catalog, files: AuthCheckMatrices.sources.count + 1).diagnostics.map(\.description)
    }

    @Test("every required error class has a golden case")
    func coverage() {
        #expect(Self.requiredCases.subtracting(Self.cases).sorted() == [])
    }

    @Test("the diagnostics equal the golden .err file", arguments: cases)
    func golden(_ name: String) throws {
        let actual = try Self.check(name)
        let expectedURL = MatrixTestSupport.fixtures.appending(path: "\(name).err")
        if ProcessInfo.processInfo.environment["AUTHCHECK_RECORD_GOLDEN"] == "1" {
            try Data((actual.joined(separator: "\n") + "\n").utf8).write(to: expectedURL)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(actual == expected)
        #expect(!actual.isEmpty, "a golden case must produce at least one diagnostic")
        // Every diagnostic points into the case's own file, with a line and a column.
        for line in actual { #expect(line.hasPrefix("\(name).yaml:"), "\(line)") }
    }

    @Test("errors make the check fail with exit status 65; a warning alone does not")
    func exitStatus() throws {
        let broken = ProfileCheckReport(
            catalog: MatrixTestSupport.bundled(overlays: [ProfileSource(path: "x.yaml", text: "id: x\n", isOverlay: true)]), files: 1)
        #expect(!broken.passed)
        #expect(broken.exitStatus == 65)
        #expect(broken.errors == 1)
        let servers = AuthCheckMatrices.sources.filter { $0.path.hasPrefix("matrices/servers/") }.count
        let clients = AuthCheckMatrices.sources.count - servers
        #expect(broken.text.hasSuffix("\n1 files, \(servers) server profiles, \(clients) client profiles: 1 error, 0 warnings"))
        #expect(broken.text.hasPrefix("x.yaml:1:1: error: missing required key 'versions'\n"))
        let text = try String(contentsOf: MatrixTestSupport.fixtures.appending(path: "open-upper-bound.yaml"), encoding: .utf8)
        let warned = ProfileCheckReport(
            catalog: MatrixTestSupport.bundled(overlays: [ProfileSource(path: "o.yaml", text: text, isOverlay: true)]), files: 1)
        #expect(warned.passed)
        #expect(warned.warnings == 1)
        let json = try warned.json()
        #expect(json.contains(#""severity" : "warning""#))
        #expect(json.contains(#""file" : "o.yaml""#))
    }
}
