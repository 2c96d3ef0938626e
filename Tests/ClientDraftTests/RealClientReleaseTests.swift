import AuthCheckCore
import AuthCheckRun
import Foundation
import Testing

/// The real-wheel tier: for every shipped client profile, the facts read from the real release X.Y.0
/// (installed from PyPI) equal the shipped profile on every fact. The expected values are the shipped
/// YAML's, never the reader's output.
@Suite(
    "Client facts read from the real cvat-sdk and cvat-cli releases",
    .enabled(
        "needs python3 and the cvat-sdk/cvat-cli releases of the shipped client profiles from PyPI (scripts/sdk-venv.sh)", RealReleases.available)
)
struct RealClientReleaseTests {
    @Test("the tier covers every shipped client profile")
    func coversEveryProfile() {
        let shipped = DraftTestSupport.catalog.clients.map(\.profile.id).sorted()
        #expect(shipped == RealReleases.profileIDs.sorted())
    }

    @Test("the facts read from release X.Y.0 equal the shipped profile", arguments: RealReleases.profileIDs)
    func factsEqualShippedProfile(_ id: String) async throws {
        let profile = try #require(DraftTestSupport.catalog.client(id: id)?.profile)
        let version = try #require(profile.versions.lowerBound?.version)
        #expect(version.patch == 0 && !version.isDevelopment)

        let facts = try await ClientFactsReader.read(client: profile.client, version: version, backends: DraftTestSupport.backends)

        #expect(facts.client == profile.client)
        #expect(facts.version == version)
        #expect(facts.underived == [:])
        #expect(facts.differences(from: profile) == [:])
        // Every fact is stated (scheme only with tokens), and each names where it was read.
        let expectedPaths = ObservedClientFacts.factPaths.filter { $0 != "access_token.scheme" || profile.accessToken.supported }
        #expect(facts.evidence.keys.sorted() == expectedPaths.sorted())
        for (path, place) in facts.evidence {
            let parts = place.split(separator: ":")
            let file = parts.first.map(String.init) ?? ""
            #expect(
                parts.count == 2 && Int(parts[1]) != nil && file.hasSuffix(".py") && (file.hasPrefix("cvat_sdk/") || file.hasPrefix("cvat_cli/")),
                "\(path): \(place)")
        }
        #expect(facts.aboutFields == profile.aboutFields)
        #expect(facts.accessTokenScheme == profile.accessToken.scheme)
    }

    @Test(
        "the profile drafted from release X.Y.0, loaded over the bundled profiles, equals the shipped one on every field",
        arguments: RealReleases.profileIDs)
    func draftEqualsShippedProfile(_ id: String) async throws {
        let shipped = try #require(DraftTestSupport.catalog.client(id: id))
        let version = try #require(shipped.profile.versions.lowerBound?.version)
        let drafting = ClientProfileDrafting(
            client: shipped.profile.client, version: version, catalog: DraftTestSupport.catalog, sources: ProfileCatalogLoader.sources(),
            extends: nil,
            date: "2026-12-01", backends: DraftTestSupport.backends)
        let result = try await drafting.draft()
        let placement = result.draft.placement
        #expect(placement.id == id)
        #expect(placement.replaces == shipped.reference.file)
        #expect(placement.extends == shipped.profile.extends)
        #expect(result.draft.todo == [])
        #expect(result.draft.source == "read from the installed \(shipped.profile.client) \(version) package on 2026-12-01")
        let layered = ProfileCatalogLoader.load(
            ProfileCatalogLoader.sources() + [ProfileSource(path: "drafts/\(id).yaml", text: result.draft.yaml, isOverlay: true)])
        #expect(layered.diagnostics.map(\.description) == [])
        let drafted = try #require(layered.client(id: id))
        #expect(drafted.isOverlay)
        var expected = shipped.profile
        expected.source = nil
        var actual = drafted.profile
        actual.source = nil
        #expect(actual == expected)
    }
}
