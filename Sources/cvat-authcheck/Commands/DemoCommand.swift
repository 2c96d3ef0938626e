import ArgumentParser
import AuthCheckCore
import AuthCheckRun
import CVATEmulator
import Foundation

/// `cvat-authcheck demo`: the embedded default. Starts emulated CVAT servers on loopback (healthy
/// release lines and one behind a proxy that strips `Set-Cookie`), checks them, writes
/// `reports/junit.xml` and prints the outcomes. Exits 0 when the tool itself worked.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Check built-in emulated CVAT servers (no setup needed) and write reports/junit.xml.",
        discussion: """
            The emulated servers: CVAT 2.24.0 and 2.48.0 as shipped, and 2.48.0 behind a reverse proxy \
            that drops every Set-Cookie header: the classic deployment where cvat-sdk password login \
            dies with AssertionError while personal access tokens keep working. The output is what `run` \
            prints; the exit status is 0 whenever the tool itself worked.
            """)

    @OptionGroup(title: "Run") var runnerOptions: RunnerOptions
    @OptionGroup(title: "Reports") var reportOptions: ReportOptions
    @OptionGroup(title: "Console") var consoleOptions: ConsoleOptions

    @Flag(name: .shortAndLong, help: "List every outcome, not only fails and errors.")
    var verbose = false

    /// One emulated server of the demo.
    struct Scenario {
        var name: String
        var version: String
        var faults: [EmulatorFault]
        var story: String
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "cvat-2.24", version: "2.24.0", faults: [], story: "CVAT 2.24.0, no proxy"),
        Scenario(name: "cvat-2.48", version: "2.48.0", faults: [], story: "CVAT 2.48.0, no proxy"),
        Scenario(
            name: "cvat-2.48-behind-cookie-stripping-proxy", version: "2.48.0", faults: [.stripSetCookie],
            story: "CVAT 2.48.0 behind a proxy that drops Set-Cookie"),
    ]

    func run() async throws {
        try runnerOptions.checkProbeSelection(known: RunPipeline.selectableProbeIDs(plugins: nil))
        let password = EmulatorConfiguration.throwawayPassword()
        let passwordVariable = "CVAT_AUTHCHECK_DEMO_PASSWORD"
        var servers: [EmulatedCVATServer] = []
        var targets: [Target] = []
        do {
            for scenario in Self.scenarios {
                let server = try await EmulatedCVATServer.start(
                    EmulatorConfiguration(
                        version: scenario.version, password: password, faults: scenario.faults))
                servers.append(server)
                targets.append(
                    Target(
                        name: scenario.name, url: server.baseURL,
                        credentials: CredentialReference(user: "probe", passwordEnv: passwordVariable, emailEnv: "CVAT_AUTHCHECK_DEMO_EMAIL"),
                        // The demo's account exists only on its own emulated server: dedicated by construction.
                        tags: ["demo"], allowSharedAccount: true))
            }
        } catch {
            for server in servers { await server.stop() }
            throw error
        }
        let catalog: ProfileCatalog
        do {
            catalog = try ProfileCatalogLoader.usable()
        } catch {
            for server in servers { await server.stop() }
            throw CLIError(error)
        }
        let baseline: RunRecord?
        do {
            baseline = try reportOptions.loadBaseline()
        } catch {
            for server in servers { await server.stop() }
            throw error
        }
        var environment = ProcessInfo.processInfo.environment
        environment[passwordVariable] = password
        environment["CVAT_AUTHCHECK_DEMO_EMAIL"] = "probe@example.com"
        let redactor = Redactor()
        let session = ConsoleSession(options: consoleOptions, environment: environment)
        print(session.style.paint("Emulated CVAT servers on loopback:", .heading))
        var table = TextTable(columns: [.init(title: "TARGET"), .init(title: "URL"), .init(title: "DEPLOYMENT", flexible: true, minimum: 12)])
        for (scenario, server) in zip(Self.scenarios, servers) {
            table.rows.append([.init(scenario.name), .init(server.baseURL.absoluteString), .init(scenario.story)])
        }
        print(table.render(width: session.terminal.stdoutWidth, style: session.style).joined(separator: "\n") + "\n")
        fflush(nil)  // the table above is on screen before the progress line below it
        session.progress?.start()
        let result = await RunPipeline(
            catalog: catalog, options: runnerOptions.runOptions, redactor: redactor, environment: environment,
            logger: session.logger(level: runnerOptions.logLevel, redactor: redactor), notice: session.notice,
            observer: session.progress?.observer
        ).run(targets)
        session.progress?.finish()
        let record = result.record
        for server in servers { await server.stop() }
        let written = try reportOptions.write(record, suites: result.suites, baseline: baseline)
        print(RunConsoleOutput(record: record, redactor: redactor, width: session.terminal.stdoutWidth, style: session.style).full(verbose: verbose))
        if let changes = written.changesSection { print("\n" + redactor.redact(changes)) }
        for path in written.paths { print("wrote \(path)") }
    }
}
