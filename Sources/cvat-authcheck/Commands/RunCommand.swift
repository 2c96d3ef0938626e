import ArgumentParser
import AuthCheckCore
import AuthCheckReport
import AuthCheckRun
import Foundation

/// `cvat-authcheck run`: probe the targets and write the requested reports.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Check the authentication of CVAT servers and write reports.",
        discussion: """
            Credentials are read from environment variables or files only, never from arguments:
              CVAT_USER=probe CVAT_PASSWORD=... cvat-authcheck run --target https://cvat.example.com
            or --user probe --password-env MY_VAR / --password-file /run/secrets/cvat.
            """)

    @OptionGroup(title: "Targets and credentials") var targetOptions: TargetOptions
    @OptionGroup(title: "Run") var runnerOptions: RunnerOptions
    @OptionGroup(title: "Profiles") var matrixOptions: MatrixOptions
    @OptionGroup(title: "Reports") var reportOptions: ReportOptions
    @OptionGroup(title: "Plugins and backends") var pluginOptions: PluginOptions

    @Option(
        help: ArgumentHelp("Check only slice INDEX of COUNT of the targets (1-based, e.g. 3/8).", valueName: "INDEX/COUNT"),
        transform: ShardSpec.init(parsing:))
    var shard: ShardSpec?

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp("Which outcomes fail the process: any, new (regressions against --baseline only) or none.", valueName: "policy"))
    var failOn: FailPolicy = .any

    @Flag(help: "Print only the summary line, not the table of outcomes.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "List every outcome, not only fails and errors.")
    var verbose = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let loaded = try pluginOptions.load(environment: environment)
        let catalog: ProfileCatalog
        var targets: [Target]
        do {
            catalog = try ProfileCatalogLoader.usable(overlays: try matrixOptions.overlaySources(), plugins: loaded.plugins)
            targets = try targetOptions.targets(environment: environment, catalog: catalog)
        } catch let error as DataErrors {
            throw CLIError(error)
        } catch let error as DataError {
            throw CLIError(error)
        }
        if let shard { targets = shard.slice(targets) }
        // Everything the run needs is checked before the first request: a mistake is a usage error, never a quiet pass.
        try targetOptions.preflight(targets, environment: environment)
        let redactor = Redactor()
        let pipeline = RunPipeline(
            catalog: catalog, options: runnerOptions.runOptions, redactor: redactor, environment: environment,
            logger: runnerOptions.logger, plugins: loaded.plugins, backends: loaded.backends)
        try runnerOptions.checkProbeSelection(known: pipeline.selectableProbeIDs)
        let baseline = try reportOptions.loadBaseline()
        let result = await pipeline.run(targets)
        let record = result.record
        let written = try reportOptions.write(record, suites: result.suites, failOn: failOn, baseline: baseline)
        let table = OutcomeTable(record: record)
        print(redactor.redact(quiet ? table.summaryLine : table.render(verbose: verbose)))
        if !quiet, let changes = written.changesSection { print("\n" + redactor.redact(changes), terminator: "") }
        if !quiet { print("\n" + redactor.redact(SeedCaseSummary(record: record).render())) }
        for path in written.paths { print("wrote \(path)") }
        if written.exitCode != 0 { throw ExitCode(written.exitCode) }
    }
}
