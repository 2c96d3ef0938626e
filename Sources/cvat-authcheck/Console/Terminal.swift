#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process writes to: whether standard output and standard error are terminals, and how wide.
struct Terminal: Sendable {
    /// Standard output is a terminal (`isatty(1)`).
    var stdoutIsTerminal: Bool
    /// Standard error is a terminal (`isatty(2)`).
    var stderrIsTerminal: Bool
    /// The width output on standard output must fit, or `nil` for no limit (not a terminal: a file or a
    /// pipe keeps every line whole).
    var stdoutWidth: Int?
    /// The width of the terminal on standard error (for the progress line); 80 when unknown.
    var stderrWidth: Int

    /// The process's terminal: the window size from `ioctl(TIOCGWINSZ)`, else `COLUMNS`, else 80 —
    /// for standard output only when it is a terminal.
    static func current(environment: [String: String]) -> Terminal {
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        let stderrIsTerminal = isatty(STDERR_FILENO) == 1
        return Terminal(
            stdoutIsTerminal: stdoutIsTerminal, stderrIsTerminal: stderrIsTerminal,
            stdoutWidth: stdoutIsTerminal ? width(of: STDOUT_FILENO, environment: environment) : nil,
            stderrWidth: width(of: STDERR_FILENO, environment: environment))
    }

    /// The window width of the terminal on `descriptor`, else `COLUMNS` when it is a positive number, else 80.
    static func width(of descriptor: Int32, environment: [String: String]) -> Int {
        var size = winsize()
        #if canImport(Glibc) || canImport(Musl)
        let status = ioctl(descriptor, UInt(TIOCGWINSZ), &size)
        #else
        let status = ioctl(descriptor, TIOCGWINSZ, &size)
        #endif
        if status == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 { return columns }
        return 80
    }
}
