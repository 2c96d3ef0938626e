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
            Credentials are read from environment variables or files only, never from arguments: CVAT_USER and \
            CVAT_PASSWORD (or CVAT_ACCESS_TOKEN) by default, or --user, --user-env, --password-env, --password-file \
            and --access-token-env. A run without any credential stops before the first request unless \
            --anonymous-only is given.

            Standard output gets one row per target, what the results mean for cvat-sdk and cvat-cli clients, \
            what broke grouped by cause with its remedy, and a summary line; on a terminal it fits the window \
            and is coloured, in a file or a pipe every line is whole. Progress and logs go to standard error.
            """)

    @OptionGroup(title: "Targets and credentials") var targetOptions: TargetOptions
    @OptionGroup(title: "Run") var runnerOptions: RunnerOptions
    @OptionGroup(title: "Profiles") var matrixOptions: MatrixOptions
    @OptionGroup(title: "Reports") var reportOptions: ReportOptions
    @OptionGroup(title: "Plugins and backends") var pluginOptions: PluginOptions
    @OptionGroup(title: "Console") var consoleOptions: ConsoleOptions

    @Option(
        help: ArgumentHelp("Check only slice INDEX of COUNT of the targets (1-based, e.g. 3/8).", valueName: "INDEX/COUNT"),
        transform: ShardSpec.init(parsing:))
    var shard: ShardSpec?

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Which outcomes fail the process: new counts only regressions against --baseline, none always exits 0.", valueName: "POLICY"))
    var failOn: FailPolicy = .any

    @Flag(
        help:
            "Print only the summary line on standard output: no table, no client summary, no list of the files written. Errors and warnings still go to standard error; progress is off unless --progress always."
    )
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
        let session = ConsoleSession(options: consoleOptions, quiet: quiet, environment: environment)
        let pipeline = RunPipeline(
            catalog: catalog, options: runnerOptions.runOptions, redactor: redactor, environment: environment,
            logger: session.logger(level: runnerOptions.logLevel, redactor: redactor), plugins: loaded.plugins, backends: loaded.backends,
            notice: session.notice, observer: session.progress?.observer)
        try runnerOptions.checkProbeSelection(known: pipeline.selectableProbeIDs)
        let baseline = try reportOptions.loadBaseline()
        session.progress?.start()
        let result = await pipeline.run(targets)
        session.progress?.finish()
        let record = result.record
        let written = try reportOptions.write(record, suites: result.suites, failOn: failOn, baseline: baseline)
        let output = RunConsoleOutput(record: record, redactor: redactor, width: session.terminal.stdoutWidth, style: session.style)
        print(quiet ? output.summaryOnly() : output.full(verbose: verbose))
        if !quiet {
            if let changes = written.changesSection { print("\n" + redactor.redact(changes)) }
            for path in written.paths { print("wrote \(path)") }
        }
        if written.exitCode != 0 { throw ExitCode(written.exitCode) }
    }
}
