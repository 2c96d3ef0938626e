import AuthCheckCore
import AuthCheckProbes
import Foundation
import Testing

/// The version detector's profile-coverage outcome (`matrix.stale`), moved with the staleness check
/// from the runner to the probe layer (which owns the ids): stale when the server is newer than every
/// profile, an error when it is older than every profile.
@Suite("Profile coverage")
struct DetectorCoverageTests {
    static let catalog = ProfileCatalog.load([
        ProfileSource(path: "matrices/servers/a.yaml", text: "id: cvat-2.24\nversions: \">=2.24.0 <2.49.0\"\nauth:\n  token: {state: supported}\n"),
        ProfileSource(path: "matrices/servers/b.yaml", text: "id: cvat-2.49\nextends: cvat-2.24\nversions: \">=2.49.0 <2.50.0\"\n"),
    ])

    static func coverage(_ version: CVATVersion) -> Outcome {
        AboutVersionDetector().coverage(of: version, resolution: ProfileResolver(catalog: catalog).resolve(version), catalog: catalog)
    }

    @Test("a server newer than every profile uses the newest and reports the matrix as stale")
    func staleMatrix() {
        let stale = Self.coverage(CVATVersion(2, 81, 0))
        #expect(stale.probe == "matrix.stale")
        #expect(stale.status == .fail)
        #expect(stale.message.contains("matrix is stale: server 2.81.0, newest profile cvat-2.49"))
    }

    @Test("for a target, the stale remedy is the profiles draft command; no value given to a credential option is repeated")
    func staleRemedyNamesDraftCommand() throws {
        let version = CVATVersion(2, 81, 0)
        let resolution = ProfileResolver(catalog: Self.catalog).resolve(version)
        // A password pasted where a variable name belongs looks like a name: it must not reach a report.
        let target = Target(
            name: "lab", url: try #require(URL(string: "https://cvat.lab.example:8443/")),
            credentials: CredentialReference(userEnv: "LAB_USER", passwordEnv: "Hunter2CorrectHorse", passwordFile: nil), organization: "qa",
            tls: TLSOptions(caFile: "/etc/ssl/lab ca.pem"))
        let outcome = AboutVersionDetector().coverage(of: version, resolution: resolution, catalog: Self.catalog, target: target)
        #expect(outcome.status == .fail)
        let remedy = try #require(outcome.remedy)
        #expect(
            remedy.hasPrefix(
                "draft the 2.81 profile from this server: `cvat-authcheck profiles draft --target https://cvat.lab.example:8443/ --organization qa "
                    + "--ca-file '/etc/ssl/lab ca.pem'` with the credential options of this run "), "\(remedy)")
        #expect(!remedy.contains("Hunter2CorrectHorse") && !remedy.contains("LAB_USER"))
        let conventional = Target(
            name: "c", url: try #require(URL(string: "http://127.0.0.1:8080")),
            credentials: CredentialReference(userEnv: "CVAT_USER", passwordEnv: "CVAT_PASSWORD"))
        let plain = AboutVersionDetector().coverage(of: version, resolution: resolution, catalog: Self.catalog, target: conventional)
        #expect(
            plain.remedy?.hasPrefix("draft the 2.81 profile from this server: `cvat-authcheck profiles draft --target http://127.0.0.1:8080` (it")
                == true)
        let covered = AboutVersionDetector().coverage(
            of: CVATVersion(2, 48, 0), resolution: ProfileResolver(catalog: Self.catalog).resolve(CVATVersion(2, 48, 0)), catalog: Self.catalog,
            target: conventional)
        #expect(covered.remedy == nil)
    }

    @Test("a server older than every profile gets an error, not a guess")
    func tooOld() {
        let old = Self.coverage(CVATVersion(2, 20, 0))
        #expect(old.probe == "matrix.stale" && old.status == .error)
    }

    @Test("a covered server names its profile")
    func covered() {
        let covered = Self.coverage(CVATVersion(2, 48, 0))
        #expect(covered.status == .pass)
        #expect(covered.message == "server 2.48.0 resolves to cvat-2.24 (matrices/servers/a.yaml)")
    }

    @Test("the coverage case has one name whatever the version, so an upgrade renames nothing; the version is a fact")
    func stableName() {
        let outcomes = [CVATVersion(2, 20, 0), CVATVersion(2, 48, 0), CVATVersion(2, 81, 0)].map(Self.coverage)
        #expect(outcomes.map(\.status) == [.error, .pass, .fail])
        #expect(outcomes.map(\.name) == Array(repeating: "profile covers the server", count: 3))
        #expect(outcomes.map { $0.facts["server_version"] } == ["2.20.0", "2.48.0", "2.81.0"])
    }
}
