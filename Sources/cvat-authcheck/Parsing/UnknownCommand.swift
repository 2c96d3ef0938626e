import ArgumentParser
import AuthCheckCore

/// Names a misspelt command (`cvat-authcheck rnu`, `profiles lst`) and suggests the one meant;
/// swift-argument-parser only says "Unexpected argument".
enum UnknownCommand {
    /// The one-line message for the first word of `arguments` that should be a command of `root` (or
    /// of one of its subcommands) and is none; `nil` when every command word is known.
    static func message(arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command = root
        var path = [name(of: root)]
        for argument in arguments {
            let subcommands = subcommands(of: command)
            guard !argument.hasPrefix("-"), !subcommands.isEmpty else { return nil }
            if argument == "help" { return nil }
            if let next = subcommands.first(where: { name(of: $0) == argument || aliases(of: $0).contains(argument) }) {
                command = next
                path.append(argument)
                continue
            }
            let names = subcommands.map { name(of: $0) }
            let hint =
                DidYouMean.suggestion(for: argument, among: names).map { "did you mean '\($0)'?" } ?? "commands: \(names.joined(separator: ", "))"
            return "unknown command '\(argument)' for '\(path.joined(separator: " "))' (\(hint)); see '\(path.joined(separator: " ")) --help'"
        }
        return nil
    }

    // Generic helpers: reading static members through an existential metatype crashes the 6.3 compiler.
    private static func name<Command: ParsableCommand>(of type: Command.Type) -> String { Command._commandName }
    private static func subcommands<Command: ParsableCommand>(of type: Command.Type) -> [any ParsableCommand.Type] {
        Command.configuration.subcommands
    }
    private static func aliases<Command: ParsableCommand>(of type: Command.Type) -> [String] { Command.configuration.aliases }
}
