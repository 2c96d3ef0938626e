import AuthCheckCore
import Logging

/// Where one `run` or `demo` writes and how: the terminal's shape, colour, the shared standard error,
/// the progress display (if any) and the logger.
struct ConsoleSession {
    let terminal: Terminal
    let style: ConsoleStyle
    let stderr: StderrConsole
    /// `nil` when progress is off (`--progress never`, `--quiet`, or `auto` with standard error not a terminal or `TERM=dumb`).
    let progress: ProgressReporter?

    /// The session for `options`; `quiet` turns automatic progress off (it prints only the summary and errors).
    init(options: ConsoleOptions, quiet: Bool = false, environment: [String: String]) {
        terminal = Terminal.current(environment: environment)
        style = ConsoleStyle.resolve(options.color, terminal: terminal, environment: environment)
        stderr = StderrConsole(isTerminal: terminal.stderrIsTerminal, width: terminal.stderrWidth)
        switch options.progress {
        case .never: progress = nil
        case .always: progress = ProgressReporter(console: stderr, mode: terminal.stderrIsTerminal ? .redraw : .lines)
        case .auto:
            let capable = terminal.stderrIsTerminal && environment["TERM"] != "dumb"
            progress = capable && !quiet ? ProgressReporter(console: stderr, mode: .redraw) : nil
        }
    }

    /// A logger at `level` writing through the shared standard error, every line redacted by `redactor`.
    func logger(level: Logger.Level, redactor: Redactor) -> Logger {
        let console = stderr
        return Logger(label: "cvat-authcheck") { _ in ConsoleLogHandler(level: level, console: console, redactor: redactor) }
    }

    /// Writes a notice of the run pipeline (`cvat-authcheck: …`) above the progress line.
    var notice: @Sendable (String) -> Void {
        let console = stderr
        return { line in console.line("cvat-authcheck: \(line)") }
    }
}
