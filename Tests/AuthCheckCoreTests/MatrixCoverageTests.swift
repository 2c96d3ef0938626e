import AuthCheckCore
import AuthCheckMatrices
import Testing

@Suite("Bundled matrices: validity and coverage of 2.24.0–2.80.x")
struct MatrixCoverageTests {
    @Test("the bundled profiles load without any diagnostic")
    func bundledIsClean() throws {
        let catalog = MatrixTestSupport.bundled()
        #expect(catalog.diagnostics.map(\.description) == [])
        #expect(catalog.servers.count == AuthCheckMatrices.sources.filter { $0.path.hasPrefix("matrices/servers/") }.count)
        #expect(catalog.clients.count == AuthCheckMatrices.sources.filter { $0.path.hasPrefix("matrices/clients/") }.count)
        _ = try catalog.validated()
    }

    @Test("every server release in the reference resolves to exactly one profile", arguments: MatrixTestSupport.releases)
    func exactlyOneServerProfile(_ release: String) {
        let version = MatrixTestSupport.version(release)
        let catalog = MatrixTestSupport.bundled()
        let matches = catalog.servers.filter { $0.profile.versions.contains(version) }
        #expect(matches.count == 1, "\(release) matched \(matches.map(\.profile.id))")
        let resolution = ProfileResolver(catalog: catalog).resolve(version)
        #expect(resolution?.isStale == false)
        #expect(resolution?.profile.profile.id == matches.first?.profile.id)
        // Ids are named after the first release of the line, and the line starts at or before this release.
        if let id = matches.first?.profile.id, let line = CVATVersion(String(id.dropFirst("cvat-".count))) {
            #expect(line <= version)
        }
    }

    @Test("every client release resolves to exactly one cvat-sdk and one cvat-cli profile", arguments: MatrixTestSupport.releases)
    func exactlyOneClientProfile(_ release: String) {
        let version = MatrixTestSupport.version(release)
        let catalog = MatrixTestSupport.bundled()
        for client in ["cvat-sdk", "cvat-cli"] {
            let matches = catalog.clients.filter { $0.profile.client == client && $0.profile.versions.contains(version) }
            #expect(matches.count == 1, "\(client) \(release) matched \(matches.map(\.profile.id))")
            #expect(ProfileResolver(catalog: catalog).client(client, version: version)?.profile.id == matches.first?.profile.id)
        }
    }

    @Test("server ranges are contiguous from 2.24.0, each line extends its predecessor, the newest is closed at 2.81.0")
    func contiguousChain() throws {
        let servers = MatrixTestSupport.bundled().servers
        #expect(servers.first?.profile.versions.lowerBound?.version == ProfileCatalog.oldestSupported)
        #expect(servers.first?.profile.extends == nil)
        for (previous, next) in zip(servers, servers.dropFirst()) {
            let upper = try #require(previous.profile.versions.upperBound)
            let lower = try #require(next.profile.versions.lowerBound)
            #expect(upper.version == lower.version && !upper.inclusive && lower.inclusive, "\(previous.profile.id) → \(next.profile.id)")
            #expect(next.profile.extends == previous.profile.id)
        }
        let newest = try #require(servers.last)
        #expect(newest.profile.id == "cvat-2.80")
        #expect(newest.profile.versions.upperBound?.version == CVATVersion(2, 81, 0))
        #expect(newest.profile.versions.upperBound?.inclusive == false)
    }

    @Test("every profile names its source and says what changed")
    func sourcesAndSummaries() {
        let catalog = MatrixTestSupport.bundled()
        for server in catalog.servers {
            #expect(!(server.profile.source ?? "").isEmpty, "\(server.profile.id) has no source")
            #expect(!(server.profile.summary ?? "").isEmpty, "\(server.profile.id) has no summary")
            #expect(server.reference.file == "matrices/servers/\(server.profile.id).yaml")
        }
        for client in catalog.clients {
            #expect(!(client.profile.source ?? "").isEmpty, "\(client.profile.id) has no source")
            #expect(client.reference.file == "matrices/clients/\(client.profile.id).yaml")
        }
    }

    @Test("a 2.81 server uses the newest profile and is reported stale; development builds resolve by release")
    func staleAndDevelopment() {
        let resolver = ProfileResolver(catalog: MatrixTestSupport.bundled())
        let stale = resolver.resolve(CVATVersion(2, 81, 0))
        #expect(stale?.isStale == true)
        #expect(stale?.profile.profile.id == "cvat-2.80")
        let dev = resolver.resolve(MatrixTestSupport.version("2.80.0.dev20261015093000"))
        #expect(dev?.isStale == false)
        #expect(dev?.profile.profile.id == "cvat-2.80")
        #expect(resolver.resolve(CVATVersion(2, 23, 0)) == nil)
    }
}
