import ArgumentParser

/// `--color` and `--progress`: how `run` and `demo` talk to a terminal.
struct ConsoleOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "When to colour the output; auto colours it on a terminal unless the NO_COLOR environment variable is set (https://no-color.org).",
            valueName: "WHEN"))
    var color: ColorChoice = .auto

    @Option(
        help: ArgumentHelp(
            "When to show progress on standard error; auto shows one line, redrawn in place, when standard error is a terminal, and always writes one line per finished target elsewhere (a CI log).",
            valueName: "WHEN"))
    var progress: ProgressChoice = .auto
}

extension ColorChoice: ExpressibleByArgument {}

/// `--progress auto|always|never`.
enum ProgressChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case auto, always, never
}
