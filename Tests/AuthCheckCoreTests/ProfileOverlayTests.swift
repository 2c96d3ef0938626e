import AuthCheckCore
import AuthCheckMatrices
import Foundation
import Testing

@Suite("Overlays (--matrices DIR) over the embedded profiles")
struct ProfileOverlayTests {
    static let profile281 = """
        id: cvat-2.81
        versions: ">=2.81.0 <2.82.0"
        extends: cvat-2.80
        source: "CVAT 2.81.0 release notes"
        summary: "Legacy Token auth removed"
        auth:
          token: {state: removed}
        """

    @Test("a profile added only through an overlay folder is used for a matching server, and the server is not stale")
    func overlayOnlyProfile() throws {
        let folder = try MatrixTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appending(path: "servers"), withIntermediateDirectories: true)
        try Data(Self.profile281.utf8).write(to: folder.appending(path: "servers/cvat-2.81.yaml"))

        let version = CVATVersion(2, 81, 3)
        #expect(ProfileResolver(catalog: MatrixTestSupport.bundled()).resolve(version)?.isStale == true)

        let overlay = try ProfileSource.overlay(folder.path)
        #expect(overlay.map(\.path) == [folder.path + "/servers/cvat-2.81.yaml"])
        #expect(try ProfileSource.overlay(folder.path + "/servers/cvat-2.81.yaml") == overlay)
        let catalog = MatrixTestSupport.bundled(overlays: overlay)
        #expect(catalog.diagnostics.map(\.description) == [])
        let resolution = try #require(ProfileResolver(catalog: catalog).resolve(version))
        #expect(!resolution.isStale)
        #expect(resolution.profile.profile.id == "cvat-2.81")
        #expect(resolution.profile.isOverlay)
        #expect(resolution.profile.reference.file == folder.path + "/servers/cvat-2.81.yaml")
        #expect(resolution.profile.reference.sha256 == SHA256.hex(Self.profile281))
        #expect(resolution.profile.reference.chain.prefix(2) == ["cvat-2.81", "cvat-2.80"])
        #expect(resolution.profile.chainFiles[1] == "matrices/servers/cvat-2.80.yaml")
        // Inherited from the embedded chain, changed by the overlay.
        #expect(resolution.profile.profile.state(of: .token) == .removed)
        #expect(resolution.profile.profile.state(of: .accessToken) == .supported)
        #expect(resolution.profile.profile.about?.fields.contains("subtitle") == true)
        // 2.80 is unaffected, and a 2.82 server is now stale against the overlay.
        #expect(ProfileResolver(catalog: catalog).resolve(CVATVersion(2, 80, 1))?.profile.profile.state(of: .token) == .deprecated)
        #expect(ProfileResolver(catalog: catalog).resolve(CVATVersion(2, 82, 0))?.isStale == true)
    }

    @Test("a todo: line is a warning at its own line, never an error, and is not inherited")
    func todoLinesAreWarnings() throws {
        let draft = Self.profile281 + "\ntodo:\n  - \"summary: say what changed\"\n  - \"responses.basic_email_unverified: not observed\"\n"
        let child = """
            id: cvat-2.82
            versions: ">=2.82.0 <2.83.0"
            extends: cvat-2.81
            """
        let catalog = MatrixTestSupport.bundled(overlays: [
            ProfileSource(path: "site/cvat-2.81.yaml", text: draft, isOverlay: true),
            ProfileSource(path: "site/cvat-2.82.yaml", text: child, isOverlay: true),
        ])
        #expect(!catalog.hasErrors)
        #expect(
            catalog.diagnostics.map(\.description) == [
                "site/cvat-2.81.yaml:9:5: warning: todo: summary: say what changed (state it, or remove the line once reviewed)",
                "site/cvat-2.81.yaml:10:5: warning: todo: responses.basic_email_unverified: not observed (state it, or remove the line once reviewed)",
            ])
        #expect(catalog.mergedYAML(id: "cvat-2.82")?.contains("todo") == false)
        #expect(catalog.server(id: "cvat-2.81")?.profile.state(of: .token) == .removed)
    }

    @Test("an overlay file with an embedded id replaces it, and descendants inherit the replacement")
    func overlayReplacesEmbedded() throws {
        let secureBaseline = try #require(AuthCheckMatrices.sources.first { $0.path == "matrices/servers/cvat-2.24.yaml" })
            .text.replacingOccurrences(of: "sessionid: {http_only: true, secure: false", with: "sessionid: {http_only: true, secure: true")
        #expect(secureBaseline.contains("secure: true"))
        let catalog = MatrixTestSupport.bundled(overlays: [ProfileSource(path: "site/cvat-2.24.yaml", text: secureBaseline, isOverlay: true)])
        #expect(catalog.diagnostics.map(\.description) == [])
        #expect(catalog.replacements.map { "\($0.id) \($0.replaced) \($0.by)" } == ["cvat-2.24 matrices/servers/cvat-2.24.yaml site/cvat-2.24.yaml"])
        let baseline = try #require(catalog.server(id: "cvat-2.24"))
        #expect(baseline.isOverlay)
        #expect(baseline.reference.file == "site/cvat-2.24.yaml")
        let newest = try #require(catalog.server(id: "cvat-2.80"))
        #expect(newest.profile.cookies["sessionid"]?.secure == true)
        #expect(newest.profile.cookies["csrftoken"]?.secure == false)
        #expect(newest.chainFiles.last == "site/cvat-2.24.yaml")
        #expect(!newest.isOverlay)
    }

    @Test("later overlays win over earlier ones")
    func laterOverlayWins() throws {
        func overlay(_ path: String, summary: String) -> ProfileSource {
            ProfileSource(path: path, text: Self.profile281.replacingOccurrences(of: "Legacy Token auth removed", with: summary), isOverlay: true)
        }
        let catalog = MatrixTestSupport.bundled(overlays: [
            overlay("first/cvat-2.81.yaml", summary: "first"), overlay("second/cvat-2.81.yaml", summary: "second"),
        ])
        #expect(catalog.diagnostics.isEmpty)
        #expect(catalog.server(id: "cvat-2.81")?.profile.summary == "second")
        #expect(catalog.server(id: "cvat-2.81")?.reference.file == "second/cvat-2.81.yaml")
        #expect(catalog.servers.filter { $0.profile.id == "cvat-2.81" }.count == 1)
    }

    @Test("an id defined twice outside overlays is an error at the second file's id")
    func duplicateEmbeddedID() {
        let text = "id: cvat-2.24\nversions: \">=2.24.0 <2.30.0\"\n"
        let catalog = ProfileCatalog.load([ProfileSource(path: "a.yaml", text: text), ProfileSource(path: "b.yaml", text: text)])
        #expect(
            catalog.diagnostics.map(\.description) == ["b.yaml:1:5: error: profile id 'cvat-2.24' is already defined in a.yaml (ids must be unique)"])
    }

    @Test("a folder that does not exist is a data error naming it")
    func missingFolder() {
        #expect(throws: DataError.self) { try ProfileSource.directory("/nonexistent/authcheck-matrices") }
    }
}

@Suite("Inheritance: deep merge and removal")
struct ProfileInheritanceTests {
    static let root = """
        id: root
        versions: ">=2.24.0 <2.30.0"
        summary: root line
        auth:
          token: {state: supported, scheme: Token, note: "root note"}
        cookies:
          sessionid: {http_only: true, max_age: 10}
          legacy: {http_only: false}
        responses:
          invalid_signature: {status: 401, text: "Invalid signature."}
        skip:
          access-token.lifecycle: "not yet"
        """
    static let child = """
        id: child
        versions: ">=2.30.0 <2.40.0"
        extends: root
        auth:
          token: {state: deprecated}
        cookies:
          sessionid: {max_age: 20}
          legacy: ~
        responses:
          invalid_signature: null
        skip:
          access-token.lifecycle:
        """

    @Test("mappings merge key by key, the descendant wins, null removes, own keys are not inherited")
    func merge() throws {
        let catalog = ProfileCatalog.load([ProfileSource(path: "root.yaml", text: Self.root), ProfileSource(path: "child.yaml", text: Self.child)])
        #expect(catalog.diagnostics.map(\.description) == [])
        let child = try #require(catalog.server(id: "child")).profile
        #expect(child.auth["token"] == AuthMethodExpectation(state: .deprecated, scheme: "Token", note: "root note"))
        #expect(child.cookies == ["sessionid": CookieExpectation(httpOnly: true, maxAge: 20)])
        #expect(child.responses.isEmpty)
        #expect(child.skip.isEmpty)
        #expect(child.summary == nil)
        #expect(child.extends == "root")
        let yaml = try #require(catalog.mergedYAML(id: "child"))
        #expect(yaml.contains("max_age: 20"))
        #expect(!yaml.contains("legacy"))
    }

    @Test("a cycle between two files is reported once, with the path round the cycle")
    func twoFileCycle() {
        let a = "id: a\nversions: \">=2.24.0 <2.30.0\"\nextends: b\n"
        let b = "id: b\nversions: \">=2.30.0 <2.40.0\"\nextends: a\n"
        let catalog = ProfileCatalog.load([ProfileSource(path: "a.yaml", text: a), ProfileSource(path: "b.yaml", text: b)])
        #expect(
            catalog.diagnostics.map(\.description) == [
                "b.yaml:3:10: error: inheritance cycle: a → b → a (one profile of the cycle must extend an older line or nothing)"
            ])
        #expect(catalog.servers.isEmpty)
        #expect(catalog.hasErrors)
        #expect(throws: DataErrors.self) { try catalog.validated() }
    }
}
