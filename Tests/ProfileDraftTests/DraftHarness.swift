import AuthCheckCore
import AuthCheckMatrices
import AuthCheckProbeIDs
import AuthCheckRun
import CVATEmulator
import EmulatorTestSupport
import Foundation
import Yams

/// Drafts server profiles from emulated CVAT servers, in process, as `profiles draft --target` does.
enum DraftHarness {
    static let username = "probe"
    static let password = "draft-test-pw-7781"
    static let day = "2026-12-01"

    static let sources = AuthCheckMatrices.sources
    static let catalog = ProfileCatalog.load(AuthCheckMatrices.sources, knownProbeIDs: ProbeID.builtIn)

    /// Starts an emulator, drafts, stops it.
    static func draft(
        version: String, faults: [EmulatorFault] = [], tls: Bool = false, cookies: EmulatorCookieSettings = .init(), logout: Bool = true,
        extends: String? = nil, seedAccessToken: Bool = false, accountPassword: String = password
    ) async throws -> (result: DraftResult, requests: Int, token: String?) {
        let ca = tls ? try TestCertificateAuthority.shared() : nil
        var configuration = EmulatorConfiguration(version: version, password: password, faults: faults, username: username, tls: ca?.emulatorTLS)
        configuration.cookieSettings = cookies
        let server = try await EmulatedCVATServer.start(configuration)
        do {
            let token = seedAccessToken ? server.seedAccessToken(name: "ci-pipeline") : nil
            let target = Target(
                name: "draft", url: server.baseURL,
                credentials: CredentialReference(user: username, passwordEnv: "P", accessTokenEnv: token == nil ? nil : "T"),
                tls: TLSOptions(caFile: ca?.caPath))
            let redactor = Redactor()
            let credentials = try ResolvedCredentials.resolve(
                target.credentials, environment: ["P": accountPassword, "T": token ?? ""], redactor: redactor)
            let drafting = ServerProfileDrafting(
                target: target, credentials: credentials, catalog: catalog, sources: sources, redactor: redactor, requestTimeout: 10,
                observesLogout: logout, extends: extends, date: day)
            let result = try await drafting.draft()
            let requests = server.requestsAnswered
            await server.stop()
            return (result, requests, token)
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Drafts from any server (not started or stopped here), with the probe account's password.
    static func draft(url: URL, logout: Bool = false) async throws -> DraftResult {
        let target = Target(name: "draft", url: url, credentials: CredentialReference(user: username, passwordEnv: "P"))
        let redactor = Redactor()
        let credentials = try ResolvedCredentials.resolve(target.credentials, environment: ["P": password], redactor: redactor)
        return try await ServerProfileDrafting(
            target: target, credentials: credentials, catalog: catalog, sources: sources, redactor: redactor, requestTimeout: 10,
            observesLogout: logout, extends: nil, date: day
        )
        .draft()
    }

    /// The catalog with the draft (and a narrowed covering profile) layered over the bundled profiles.
    static func layered(_ result: DraftResult) -> ProfileCatalog {
        var overlays = [ProfileSource(path: "drafts/\(result.draft.placement.id).yaml", text: result.draft.yaml, isOverlay: true)]
        if let narrowed = result.narrowedFile { overlays.append(narrowed) }
        return ProfileCatalog.load(sources + overlays, knownProbeIDs: ProbeID.builtIn)
    }

    /// A server profile without what a draft cannot derive: notes, source, summary and the answers
    /// to situations the draft cannot provoke harmlessly.
    static func derivable(_ profile: ServerProfile, https: Bool = false) -> ServerProfile {
        var copy = profile
        copy.source = nil
        copy.summary = nil
        copy.extends = nil
        for key in copy.auth.keys { copy.auth[key]?.note = nil }
        for situation in ServerObserverSituations.unprovoked(https: https) { copy.responses[situation.rawValue] = nil }
        return copy
    }
}

/// The response situations `profiles draft` does not provoke (docs/PROFILES.md, "What a draft observes").
enum ServerObserverSituations {
    static func unprovoked(https: Bool) -> [ResponseSituation] {
        [.permissionDenied, .throttled, .emailUnverified, .basicEmailUnverified] + (https ? [] : [.refererMissing])
    }
}
