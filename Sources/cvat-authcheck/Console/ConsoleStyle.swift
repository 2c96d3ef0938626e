/// ANSI colours for the console, or none: every text passes through ``paint(_:_:)``, which returns it
/// unchanged when colour is off.
struct ConsoleStyle: Sendable {
    /// What a piece of text is, which decides its colour.
    enum Role: Sendable {
        case pass, fail, error, skipped, advice, heading, dim

        var code: String {
            switch self {
            case .pass: "32"
            case .fail: "1;31"
            case .error: "1;33"
            case .skipped: "2"
            case .advice: "36"
            case .heading: "1"
            case .dim: "2"
            }
        }
    }

    /// `true` when ANSI escape sequences are written.
    var isColored: Bool

    /// No colour.
    static let plain = ConsoleStyle(isColored: false)

    /// `text` in the colour of `role` (unchanged without colour or when empty).
    func paint(_ text: String, _ role: Role) -> String {
        guard isColored, !text.isEmpty else { return text }
        return "\u{1B}[\(role.code)m\(text)\u{1B}[0m"
    }

    /// Whether to colour: `always` and `never` as said; `auto` on a terminal unless `NO_COLOR` is set to
    /// anything non-empty (https://no-color.org) or `TERM` is `dumb`.
    static func resolve(_ choice: ColorChoice, terminal: Terminal, environment: [String: String]) -> ConsoleStyle {
        switch choice {
        case .always: return ConsoleStyle(isColored: true)
        case .never: return .plain
        case .auto:
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
            return ConsoleStyle(isColored: terminal.stdoutIsTerminal && !noColor && environment["TERM"] != "dumb")
        }
    }
}

/// `--color auto|always|never`.
enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never
}
