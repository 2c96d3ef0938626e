import ArgumentParser
import AuthCheckCore
import AuthCheckRun
import Logging

/// Limits, selection and logging of a run.
struct RunnerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Targets checked at once.", valueName: "N"))
    var concurrency = 8

    @Option(help: ArgumentHelp("Seconds allowed for one HTTP request.", valueName: "SECONDS"))
    var timeout: Double = 10

    @Option(help: ArgumentHelp("Seconds allowed for one whole target.", valueName: "SECONDS"))
    var deadline: Double = 120

    @Option(help: ArgumentHelp("Extra attempts for transport failures of idempotent requests.", valueName: "N"))
    var retries = 1

    @Option(name: .customLong("probe"), help: ArgumentHelp("Run only this probe id or family (repeatable).", valueName: "ID"))
    var onlyProbes: [String] = []

    @Option(name: .customLong("skip-probe"), help: ArgumentHelp("Leave out this probe id or family (repeatable).", valueName: "ID"))
    var skipProbes: [String] = []

    @Option(
        help: ArgumentHelp(
            "What to log on standard error (secrets redacted): debug adds every request with its status and time, trace their headers, info each target's start and result.",
            valueName: "LEVEL"))
    var logLevel: Logger.Level = .warning

    func validate() throws {
        guard !DeferredValidation.isDeferred else { return }
        guard concurrency >= 1, concurrency <= 1024 else { throw ValidationError("--concurrency must be between 1 and 1024") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        guard deadline > 0, deadline <= 86_400 else { throw ValidationError("--deadline must be positive (seconds)") }
        guard retries >= 0, retries <= 5 else { throw ValidationError("--retries must be between 0 and 5") }
    }

    /// Refuses a `--probe`/`--skip-probe` entry that names no probe id or family of `known`, before
    /// the first request: a typo must not quietly run (almost) nothing.
    /// - Throws: `ValidationError` (exit 64) with a suggestion.
    func checkProbeSelection(known: Set<String>) throws {
        guard let unknown = runOptions.unknownSelections(among: known).first else { return }
        let hint = unknown.suggestion.map { "did you mean '\($0)'? " } ?? ""
        throw ValidationError(
            "\(unknown.skipping ? "--skip-probe" : "--probe") \(unknown.pattern): no probe id or family is called that (\(hint)`cvat-authcheck probes list` shows them)"
        )
    }

    var runOptions: RunOptions {
        RunOptions(
            concurrency: concurrency, requestTimeout: timeout, targetDeadline: deadline, transportRetries: retries,
            onlyProbes: onlyProbes, skipProbes: skipProbes, toolVersion: ToolVersion.current)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
