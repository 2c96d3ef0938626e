import ArgumentParser
import AuthCheckCore
import AuthCheckReport
import AuthCheckRun
import Foundation

/// `cvat-authcheck profiles draft`: drafts the profile of a new CVAT release from a live server
/// (`--target`), or of a new cvat-sdk / cvat-cli release from its own installed code (`--client`).
struct ProfilesDraftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft a profile for a new CVAT release (observed on a live server) or a new cvat-sdk/cvat-cli release (read from its code).",
        discussion: """
            The draft extends the nearest profile and holds only what differs from it, with the source it was observed on and a todo line \
            for each fact that could not be derived. It is written to reports/drafts/ (or -o) and checked as `profiles check` would; it is \
            never written into matrices/ unless -o says so. See docs/PROFILES.md, "Adding a release".
            """)

    @Option(help: ArgumentHelp("A CVAT base URL to observe.", valueName: "URL")) var target: String?
    @Option(help: ArgumentHelp("A client release to read, e.g. cvat-sdk==2.48.0 or cvat-cli==2.70.0.", valueName: "NAME==X.Y.Z"))
    var client: String?
    @OptionGroup(title: "Probe account and TLS, for a server") var credentials: DraftCredentialOptions
    @Option(help: ArgumentHelp("Extend this profile instead of the nearest one.", valueName: "ID")) var extends: String?
    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("Write the draft to this .yaml file, or into this folder (default: reports/drafts/servers or clients).", valueName: "PATH")
    )
    var output: String?
    @Option(help: ArgumentHelp("The day written in source: (default: today, UTC).", valueName: "YYYY-MM-DD")) var observedOn: String?
    @Option(help: ArgumentHelp("Seconds to wait for each response.", valueName: "N")) var timeout: Double = 10
    @Flag(help: "Also print every observation the draft rests on.") var showEvidence = false
    @OptionGroup(title: "Profiles") var matrixOptions: MatrixOptions

    func validate() throws {
        guard !DeferredValidation.isDeferred else { return }
        switch (target, client) {
        case (nil, nil): throw ValidationError("give --target URL (a CVAT server) or --client NAME==X.Y.Z (a client release)")
        case (.some, .some): throw ValidationError("--target and --client draft different profiles; give one")
        default: break
        }
        if let target {
            guard let url = URL(string: target), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--target \(target): expected an http:// or https:// URL with a host")
            }
            if url.user != nil || url.password != nil {
                throw ValidationError("--target \(target): credentials in URLs are not accepted; use --user and --password-env")
            }
        }
        if let client { _ = try ClientRelease(parsing: client) }
        if let observedOn, !Self.isDay(observedOn) { throw ValidationError("--observed-on \(observedOn): expected a day such as 2026-12-05") }
        if timeout <= 0 { throw ValidationError("--timeout must be more than 0 seconds") }
        if let output, let problem = DraftOutput.problem(with: output) { throw ValidationError(problem) }
        try credentials.check()
    }

    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }

    var day: String {
        if let observedOn { return observedOn }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    func run() async throws {
        let overlays: [ProfileSource]
        do { overlays = try matrixOptions.overlaySources() } catch let error as DataError { throw CLIError(error) }
        let sources = ProfileCatalogLoader.sources(overlays: overlays)
        let catalog: ProfileCatalog
        do { catalog = try ProfileCatalogLoader.usable(overlays: overlays) } catch {
            throw CLIError(error, hint: "run `cvat-authcheck profiles check` for details")
        }
        if let extends, catalog.server(id: extends) == nil, catalog.client(id: extends) == nil {
            let hint = DidYouMean.suggestion(for: extends, among: catalog.ids).map { " (did you mean '\($0)'?)" } ?? ""
            throw ValidationError("--extends \(extends): no profile has that id\(hint); `cvat-authcheck profiles list` shows them")
        }
        let result: DraftResult
        if let target, let url = URL(string: target) {
            result = try await draftServer(url: url, catalog: catalog, sources: sources)
        } else if let client {
            result = try await draftClient(try ClientRelease(parsing: client), catalog: catalog, sources: sources)
        } else {
            return
        }
        try DraftOutput(result: result, output: output, showEvidence: showEvidence).write(over: sources)
    }

    private func draftClient(_ release: ClientRelease, catalog: ProfileCatalog, sources: [ProfileSource]) async throws -> DraftResult {
        let drafting = ClientProfileDrafting(
            client: release.client, version: release.version, catalog: catalog, sources: sources, extends: extends, date: day)
        do { return try await drafting.draft() } catch let failure as DraftFailure {
            throw failure.isUsage ? ValidationError(failure.description) : CLIError.invalidData(failure.description)
        } catch let error as ClientFactsError {
            throw CLIError.unavailable("cannot draft \(release.client)==\(release.version): \(error.description)")
        }
    }

    private func draftServer(url: URL, catalog: ProfileCatalog, sources: [ProfileSource]) async throws -> DraftResult {
        let environment = ProcessInfo.processInfo.environment
        let redactor = Redactor()
        let reference = credentials.reference(environment: environment)
        let needsAccount =
            "profiles draft --target observes login, its cookies and CSRF through the probe account: give its user name and password "
            + "(CVAT_USER and CVAT_PASSWORD, or --user/--user-env and --password-env/--password-file)"
        if let problem = ResolvedCredentials.preflight(reference, environment: environment, fromCommandLine: true) {
            switch problem.kind {
            case .noCredentials, .userWithoutPassword, .passwordWithoutUser: throw ValidationError(needsAccount)
            default: throw ValidationError(problem.description)
            }
        }
        let resolved: ResolvedCredentials
        do throws(CredentialProblem) {
            resolved = try ResolvedCredentials.resolve(reference, environment: environment, redactor: redactor)
        } catch {
            throw ValidationError(error.description)
        }
        guard resolved.hasPassword else { throw ValidationError(needsAccount) }
        let target = Target(
            name: Target.defaultName(for: url), url: url, credentials: reference, organization: credentials.organization,
            tls: TLSOptions(caFile: credentials.caFile, insecure: credentials.insecure),
            pinnedVersion: credentials.serverVersion.flatMap(CVATVersion.init), allowSharedAccount: credentials.allowSharedAccount)
        let drafting = ServerProfileDrafting(
            target: target, credentials: resolved, catalog: catalog, sources: sources, redactor: redactor, requestTimeout: timeout,
            observesLogout: credentials.allowSharedAccount, extends: extends, date: day)
        do { return try await drafting.draft() } catch let failure as DraftFailure {
            throw failure.isUsage ? ValidationError(failure.description) : CLIError.invalidData(failure.description)
        } catch {
            throw CLIError.unavailable("cannot draft from \(url.absoluteString): \(redactor.redact("\(error)"))")
        }
    }
}
