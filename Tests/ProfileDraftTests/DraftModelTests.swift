import AuthCheckCore
import Foundation
import Testing
import Yams

@Suite("Draft model: placement, differences, YAML")
struct DraftModelTests {
    static let catalog = DraftHarness.catalog

    @Test("a release whose line has a profile replaces that file: same id and range, extending its parent")
    func replacesOwnLine() throws {
        let placement = try DraftPlacement.server(CVATVersion(2, 48, 1), in: Self.catalog)
        #expect(placement.id == "cvat-2.48")
        #expect(placement.versions.description == ">=2.48.0 <2.49.0")
        #expect(placement.extends == "cvat-2.46")
        #expect(placement.replaces == "matrices/servers/cvat-2.48.yaml")
        #expect(placement.summary?.hasPrefix("Personal access tokens") == true)
        #expect(placement.narrowed == nil)
        let root = try DraftPlacement.server(CVATVersion(2, 24, 0), in: Self.catalog)
        #expect(root.extends == nil)
    }

    @Test("a release newer than every profile opens a line from where the newest ends to its own minor")
    func newLineAfterNewest() throws {
        let next = try DraftPlacement.server(CVATVersion(2, 81, 2), in: Self.catalog)
        #expect(next.id == "cvat-2.81")
        #expect(next.versions.description == ">=2.81.0 <2.82.0")
        #expect(next.extends == "cvat-2.80")
        let later = try DraftPlacement.server(CVATVersion(2, 83, 0), in: Self.catalog)
        #expect(later.id == "cvat-2.81")
        #expect(later.versions.description == ">=2.81.0 <2.84.0")
        let client = try DraftPlacement.client("cvat-sdk", CVATVersion(2, 85, 0), in: Self.catalog)
        #expect(client.id == "cvat-sdk-2.81")
        #expect(client.client == "cvat-sdk")
        #expect(client.versions.description == ">=2.81.0 <2.86.0")
        #expect(client.extends == "cvat-sdk-2.70")
    }

    @Test("a release inside another line's range splits it")
    func splitsCovering() throws {
        let placement = try DraftPlacement.client("cvat-cli", CVATVersion(2, 75, 0), in: Self.catalog)
        #expect(placement.id == "cvat-cli-2.75")
        #expect(placement.versions.description == ">=2.75.0 <2.81.0")
        #expect(placement.extends == "cvat-cli-2.70")
        #expect(placement.narrowed?.id == "cvat-cli-2.70")
        #expect(placement.narrowed?.file == "matrices/clients/cvat-cli-2.70.yaml")
        #expect(placement.narrowed?.versions.description == ">=2.70.0 <2.75.0")
    }

    @Test("what cannot be placed is said: older than every profile, an unknown or newer --extends")
    func problems() {
        #expect(throws: DraftPlacement.Problem.self) { try DraftPlacement.server(CVATVersion(2, 20, 0), in: Self.catalog) }
        do {
            _ = try DraftPlacement.server(CVATVersion(2, 81, 0), in: Self.catalog, extends: "cvat-2.8x")
            Issue.record("no problem")
        } catch {
            #expect(error.description == "the profile to extend, 'cvat-2.8x', is not another server profile (did you mean 'cvat-2.80'?)")
        }
        do {
            _ = try DraftPlacement.server(CVATVersion(2, 46, 0), in: Self.catalog, extends: "cvat-2.48")
            Issue.record("no problem")
        } catch {
            #expect(error.description == "a draft for 2.46.0 cannot extend 'cvat-2.48', which is not an older line")
        }
        #expect((try? DraftPlacement.server(CVATVersion(2, 81, 0), in: Self.catalog, extends: "cvat-2.41"))?.extends == "cvat-2.41")
    }

    @Test("differences: equal values vanish, lists compare as sets of words, ~ only where the base states something")
    func differences() throws {
        let base = try #require(
            try Yams.compose(
                yaml: """
                    auth:
                      token: {state: deprecated, scheme: Token, note: "n"}
                    about:
                      fields: [name, description, version]
                    responses:
                      logout: {status: 200, text: "Successfully logged out."}
                    """))
        let observed = DraftNode.mapping([
            DraftEntry(
                "auth", .mapping([DraftEntry("token", .mapping([DraftEntry("state", .string("removed")), DraftEntry("scheme", .string("Token"))]))])),
            DraftEntry("about", .mapping([DraftEntry("fields", .list(["version", "name", "description"]))])),
            DraftEntry("responses", .mapping([DraftEntry("logout", .removed), DraftEntry("signing_absent", .removed)])),
        ])
        let difference = try #require(DraftDifference.of(observed, from: base))
        #expect(
            difference
                == .mapping([
                    DraftEntry("auth", .mapping([DraftEntry("token", .mapping([DraftEntry("state", .string("removed"))]))])),
                    DraftEntry("responses", .mapping([DraftEntry("logout", .removed)])),
                ]))
        #expect(
            DraftDifference.lines(difference, base: base) == [
                "~ auth.token.state: deprecated → removed", "- responses.logout (was {status: 200, text: \"Successfully logged out.\"})",
            ])
        #expect(
            DraftDifference.of(
                .mapping([DraftEntry("about", .mapping([DraftEntry("fields", .list(["name", "description", "version"]))]))]), from: base) == nil)
    }

    @Test("the YAML reads back as the values written: plain words stay plain, anything YAML could misread is quoted")
    func yamlRoundTrip() throws {
        let texts = ["Lax", "/api/server/about", "true", "no", "2.48", "0", "CSRF Failed: x", "a \"quoted\" \\ text", "- dash", "#hash", "", "é"]
        let placement = try DraftPlacement.server(CVATVersion(2, 81, 0), in: Self.catalog)
        let draft = ProfileDraft(
            placement: placement, source: "observed on h 2026-12-01 (CVAT 2.81.0)",
            facts: .mapping([
                DraftEntry(
                    "responses",
                    .mapping(
                        texts.enumerated().map {
                            DraftEntry("r\($0.offset)", .mapping([DraftEntry("status", .integer(400)), DraftEntry("text", .string($0.element))]))
                        })),
                DraftEntry("schema", .mapping([DraftEntry("security_schemes", .list(["basicAuth", "true"]))])),
            ]), todo: ["summary: x: y"])
        let node = try #require(try Yams.compose(yaml: draft.yaml))
        for (index, text) in texts.enumerated() {
            #expect(node["responses"]?["r\(index)"]?["text"]?.string == text)
            #expect(node["responses"]?["r\(index)"]?["status"]?.int == 400)
        }
        #expect(node["schema"]?["security_schemes"]?.sequence?.compactMap(\.string) == ["basicAuth", "true"])
        #expect(node["todo"]?.sequence?.first?.string == "summary: x: y")
        #expect(node["versions"]?.string == ">=2.81.0 <2.82.0")
        #expect(draft.yaml.contains("  r0: {status: 400, text: Lax}\n"))
    }

    @Test("texts a server chose (line breaks, control characters, Unicode separators, YAML syntax) read back as sent, one line each")
    func hostileTextsRoundTrip() throws {
        // YAML 1.1 (what Yams reads) allows only printable characters in a document; line breaks in a
        // double-quoted scalar fold into spaces, and U+0085, U+2028 and U+2029 are line breaks too.
        let texts = [
            "two\nlines", "crlf\r\nend", "cr\ronly", "\u{1B}[31mred\u{1B}[0m", "nul\u{0}byte", "bell\u{7}", "del\u{7F}", "c1\u{9B}csi",
            "nel\u{85}x", "ls\u{2028}x", "ps\u{2029}x", "bom\u{FEFF}x", "tab\tx", " lead", "trail ", "ünï: #x - y", "emoji 🧪",
        ]
        let keys = ["a: b", "#x", "- y", "line\nbreak", "", "esc\u{1B}", "true", "k "]
        let placement = try DraftPlacement.server(CVATVersion(2, 81, 0), in: Self.catalog)
        let draft = ProfileDraft(
            placement: placement, source: "observed on h 2026-12-01 (CVAT 2.81.0)",
            facts: .mapping([
                DraftEntry("about", .mapping([DraftEntry("fields", .list(texts + keys))])),
                DraftEntry(
                    "responses",
                    .mapping(texts.enumerated().map { DraftEntry("r\($0.offset)", .mapping([DraftEntry("text", .string($0.element))])) })),
                DraftEntry("cookies", .mapping(keys.map { DraftEntry($0, .mapping([DraftEntry("path", .string("/"))])) })),
            ]), todo: texts)
        let yaml = draft.yaml
        let printable = yaml.unicodeScalars.allSatisfy { $0 == "\n" || (0x20..<0x7F).contains($0.value) || $0.value >= 0xA0 }
        #expect(printable, "\(yaml.debugDescription)")
        #expect(!yaml.unicodeScalars.contains { [0x85, 0x2028, 0x2029, 0xFEFF].contains($0.value) })
        let node = try #require(try Yams.compose(yaml: yaml))
        for (index, text) in texts.enumerated() {
            #expect(node["responses"]?["r\(index)"]?["text"]?.string == text, "\(text.debugDescription)")
            #expect(node["todo"]?[index]?.string == text, "\(text.debugDescription)")
        }
        #expect(node["about"]?["fields"]?.sequence?.compactMap(\.string) == texts + keys)
        #expect(node["cookies"]?.mapping?.keys.compactMap(\.string) == keys)
        for line in draft.todo.map(DraftNode.string).map(\.inline) { #expect(!line.contains { $0.isNewline }, "\(line.debugDescription)") }
    }
}
