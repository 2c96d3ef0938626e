import ArgumentParser
import AuthCheckCore
import AuthCheckProbes
import AuthCheckReport
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

    @Option(help: ArgumentHelp("Check only slice INDEX of COUNT of the targets (1-based, e.g. 3/8).", valueName: "INDEX/COUNT"))
    var shard: String?

    @Flag(help: "Print only the summary line, not the table of outcomes.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "List every outcome, not only fails and errors.")
    var verbose = false

    func validate() throws {
        if let shard { _ = try ShardSpec(parsing: shard) }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let catalog: ProfileCatalog
        var targets: [Target]
        let loaded = try pluginOptions.load(environment: environment)
        do {
            let pluginProbeIDs = Set(loaded.plugins.plugins.flatMap { $0.probes.map(\.descriptor.id) })
            catalog = try matrixOptions.loadCatalog(knownProbeIDs: BuiltInProbes.registry.knownIDs.union(pluginProbeIDs)).validated()
            targets = try targetOptions.targets(environment: environment, catalog: catalog)
        } catch let error as DataErrors {
            throw CLIError.invalidData(error.description)
        } catch let error as DataError {
            throw CLIError.invalidData(error.description)
        }
        if let shard {
            let spec = try ShardSpec(parsing: shard)
            targets = shardSlice(targets, index: spec.index - 1, count: spec.count)
        }
        let redactor = Redactor()
        let result = await RunExecution(
            catalog: catalog, options: runnerOptions.runOptions, redactor: redactor, environment: environment,
            logger: runnerOptions.logger, plugins: loaded.plugins, backends: loaded.backends
        ).run(targets)
        let record = result.record
        let written = try reportOptions.write(record, suites: result.suites)
        let table = OutcomeTable(record: record)
        print(redactor.redact(quiet ? table.summaryLine : table.render(verbose: verbose)))
        if !quiet { print("\n" + redactor.redact(SeedCaseSummary(record: record).render())) }
        for path in written { print("wrote \(path)") }
        let code = try reportOptions.exitCode(for: record)
        if code != 0 { throw ExitCode(code) }
    }
}

/// `--shard INDEX/COUNT`, 1-based.
struct ShardSpec: Hashable {
    var index: Int
    var count: Int

    init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ValidationError("--shard \(text): expected INDEX/COUNT with 1 <= INDEX <= COUNT, e.g. 3/8")
        }
        self.index = index
        self.count = count
    }
}

/// Errors the CLI reports with a specific exit status.
enum CLIError: Error, CustomStringConvertible {
    /// Invalid matrix, targets file or plugin manifest: exit 65.
    case invalidData(String)

    var description: String {
        switch self {
        case .invalidData(let text): text
        }
    }
}
