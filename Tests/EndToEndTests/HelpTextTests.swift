import Foundation
import Testing

/// Issue 17, point 3: help texts wrapped once (by the parser), names that say what they are, and a
/// `--version` that tells the release, the commit and the CVAT releases the profiles cover.
@Suite("Help, names and --version")
struct HelpTextTests {
    /// The two executables.
    enum Tool: String, CaseIterable, CustomTestStringConvertible {
        case checker = "cvat-authcheck"
        case bench = "cvat-authcheck-bench"

        var executable: URL { self == .checker ? CLIProcess.binary : CLIProcess.benchBinary }
        var testDescription: String { rawValue }
    }

    static func run(_ tool: Tool, _ arguments: [String], columns: Int? = nil) throws -> CLIProcess.Result {
        try CLIProcess.run(
            arguments, environment: columns.map { ["COLUMNS": String($0)] } ?? [:], directory: try CLIProcess.temporaryDirectory(),
            executable: tool.executable)
    }

    /// The tool's commands as swift-argument-parser describes them (`--experimental-dump-help`).
    static func dump(_ tool: Tool) throws -> [String: Any] {
        let result = try run(tool, ["--experimental-dump-help"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(object?["command"] as? [String: Any])
    }

    /// Every command of `command` with its path (`[]` for the tool itself), the parser's `help` left out.
    static func commands(_ command: [String: Any], path: [String] = []) -> [([String], [String: Any])] {
        let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).filter { $0["commandName"] as? String != "help" }
        return [(path, command)] + subcommands.flatMap { commands($0, path: path + [$0["commandName"] as? String ?? "?"]) }
    }

    /// The help texts of a command: its abstract and discussion and those of its arguments, with where each is from.
    static func texts(of command: [String: Any]) -> [(String, String)] {
        var texts: [(String, String)] = []
        for key in ["abstract", "discussion"] {
            if let text = command[key] as? String { texts.append((key, text)) }
        }
        for argument in command["arguments"] as? [[String: Any]] ?? [] {
            let name = (argument["preferredName"] as? [String: Any])?["name"] as? String ?? argument["valueName"] as? String ?? "?"
            for key in ["abstract", "discussion"] {
                if let text = argument[key] as? String { texts.append(("\(name) \(key)", text)) }
            }
        }
        return texts
    }

    /// Where a help page breaks a line although the next word would have fitted: a line break written
    /// into the text that the parser then wrapped again. An entry line (an option or a command, two
    /// spaces in), a section title, an option name alone on its line and blank lines are not breaks.
    /// swift-argument-parser keeps lines below the width, so a break is justified when the line, a
    /// space and the next word reach it.
    static func raggedBreaks(in help: String, width: Int) -> [String] {
        let lines = help.components(separatedBy: "\n")
        var found: [String] = []
        for (line, next) in zip(lines, lines.dropFirst()) {
            let indent = next.prefix { $0 == " " }.count
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty, !next.trimmingCharacters(in: .whitespaces).isEmpty, indent != 2,
                next.range(of: #"^[A-Z][A-Z ]+:"#, options: .regularExpression) == nil,
                line.range(of: #"^ +-\S+( <[^>]+>)?(\.\.\.)?(, -\S+( <[^>]+>)?(\.\.\.)?)*$"#, options: .regularExpression) == nil
            else { continue }
            let word = next.drop { $0 == " " }.prefix { $0 != " " }
            if line.count + 1 + word.count < width { found.append("'\(line)' ⏎ '\(next)'") }
        }
        return found
    }

    @Test("every help page is wrapped once, by the parser: no line is broken where the next word fits", arguments: Tool.allCases)
    func wrappedOnce(_ tool: Tool) throws {
        for (path, _) in Self.commands(try Self.dump(tool)) {
            for width in [80, 200] {
                let help = try Self.run(tool, path + ["--help"], columns: width)
                #expect(help.status == 0, "\(path): \(help.all)")
                let ragged = Self.raggedBreaks(in: help.stdout, width: width)
                #expect(ragged.isEmpty, "\(tool.rawValue) \(path.joined(separator: " ")) at \(width) columns:\n\(ragged.joined(separator: "\n"))")
            }
        }
    }

    @Test("help texts break lines only between paragraphs, and are plain ASCII so the manual page keeps every character", arguments: Tool.allCases)
    func paragraphs(_ tool: Tool) throws {
        for (path, command) in Self.commands(try Self.dump(tool)) {
            for (place, text) in Self.texts(of: command) {
                for paragraph in text.components(separatedBy: "\n\n") {
                    #expect(!paragraph.contains("\n"), "\(path) \(place): a line break inside a paragraph: \(paragraph)")
                }
                let foreign = text.unicodeScalars.filter { !$0.isASCII }
                #expect(foreign.isEmpty, "\(path) \(place): not ASCII (\(String(String.UnicodeScalarView(foreign)))): \(text)")
            }
        }
    }

    @Test("every option value has its own placeholder, and a list of values is shown once", arguments: Tool.allCases)
    func placeholdersAndValues(_ tool: Tool) throws {
        for (path, _) in Self.commands(try Self.dump(tool)) {
            let help = try Self.run(tool, path + ["--help"], columns: 400).stdout
            for line in help.components(separatedBy: "\n") {
                // `--concurrency <concurrency>`: the parser's default placeholder repeats the option's name.
                if let match = line.range(of: #"--([a-z-]+) <\1>"#, options: .regularExpression) {
                    Issue.record("\(tool.rawValue) \(path): placeholder repeats the option name: \(line[match])")
                }
                // `(values: a, b, c)` appended by the parser: the help text must not list them again.
                guard let values = line.range(of: "(values: ") else { continue }
                let listed = line[values.upperBound...].prefix { $0 != ";" && $0 != ")" }.components(separatedBy: ", ")
                guard listed.count >= 2 else { continue }
                let before = line[..<values.lowerBound]
                for spelling in [listed.prefix(2).joined(separator: ", "), listed.prefix(2).joined(separator: "|")] {
                    #expect(!before.contains(spelling), "\(tool.rawValue) \(path): values listed twice: \(line)")
                }
            }
        }
    }

    @Test("run --help: --concurrency <N>, --log-level <LEVEL> with its values once, --quiet says what it prints")
    func runHelp() throws {
        let help = try Self.run(.checker, ["run", "--help"], columns: 400).stdout
        #expect(help.contains("--concurrency <N>"))
        #expect(help.contains("--log-level <LEVEL>"))
        #expect(help.components(separatedBy: "notice").count == 2, "the levels are listed once: \(help)")
        let quiet = try #require(help.components(separatedBy: "\n").first { $0.contains("--quiet") })
        #expect(quiet.contains("only the summary line") && quiet.contains("Errors and warnings still go to standard error"), "\(quiet)")
        #expect(help.contains("--color <WHEN>") && help.contains("--progress <WHEN>"))
    }

    /// The coverage the bundled profiles should announce, worked out from `profiles list --json`.
    static func expectedCoverage() throws -> (servers: String, clients: [String]) {
        let listing = try run(.checker, ["profiles", "list", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        func bounds(_ row: [String: Any]) -> (low: String, high: String)? {
            let text = row["versions"] as? String ?? ""
            guard let low = text.range(of: #"(?<=>=)\S+"#, options: .regularExpression),
                let high = text.range(of: #"(?<=<)\d+\.\d+"#, options: .regularExpression)
            else { return nil }
            let parts = text[high].split(separator: ".").compactMap { Int($0) }
            return (String(text[low]), "\(parts[0]).\(parts[1] - 1)")
        }
        let servers = rows.filter { $0["kind"] as? String == "server" }.compactMap(bounds)
        let first = try #require(servers.first)
        let last = try #require(servers.last)
        var clients: [String] = []
        for kind in Set(rows.compactMap { $0["kind"] as? String }).subtracting(["server"]).sorted() {
            let ranges = rows.filter { $0["kind"] as? String == kind }.compactMap(bounds)
            let low = try #require(ranges.first?.low.split(separator: ".").prefix(2).joined(separator: "."))
            clients.append("\(kind) \(low)–\(try #require(ranges.last?.high))")
        }
        return ("CVAT \(first.low) to \(last.high).x", clients)
    }

    @Test("--version tells the release, the commit it was built from (or 'commit unknown') and the CVAT releases the profiles cover")
    func version() throws {
        let result = try Self.run(.checker, ["--version"])
        #expect(result.status == 0, "\(result.all)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let first = try #require(lines.first)
        #expect(
            first.range(of: #"^cvat-authcheck \d+\.\d+\.\d+ \((commit [0-9a-f]{7,40}|commit unknown)\)$"#, options: .regularExpression) != nil,
            "\(first)")
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", CLIProcess.packageRoot.path, "rev-parse", "--short", "HEAD"]
        let output = Pipe()
        git.standardOutput = output
        git.standardError = FileHandle(forWritingAtPath: "/dev/null")
        if (try? git.run()) != nil {
            let head = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            git.waitUntilExit()
            if git.terminationStatus == 0, !head.isEmpty {
                #expect(first.contains("commit \(head)"), "built from a work tree at \(head): \(first)")
            }
        }
        let coverage = try Self.expectedCoverage()
        #expect(result.stdout.contains("profiles: \(coverage.servers) ("), "\(result.stdout)")
        for client in coverage.clients { #expect(result.stdout.contains(client), "\(client): \(result.stdout)") }
        for needle in [CLIProcess.packageRoot.path, ".build/", "/checkouts/"] { #expect(!result.stdout.contains(needle)) }
    }

    @Test("emulate has one --version, the tool's; the CVAT version to emulate is --cvat-version, and the old spelling says so")
    func emulateVersion() throws {
        let tool = try Self.run(.checker, ["--version"])
        let emulate = try Self.run(.checker, ["emulate", "--version"])
        #expect(emulate.status == 0, "\(emulate.all)")
        #expect(emulate.stdout == tool.stdout)
        let help = try Self.run(.checker, ["emulate", "--help"], columns: 200).stdout
        #expect(help.contains("--cvat-version <X.Y.Z>"))
        #expect(help.components(separatedBy: "\n").filter { $0.hasPrefix("  --version") }.count == 1, "\(help)")
        for old in [["emulate", "--version", "2.48.0"], ["emulate", "--port", "0", "--version=2.48.0"]] {
            let result = try CLIProcess.run(old, environment: ["CVAT_PASSWORD": "Emulated-Pa55word"], directory: try CLIProcess.temporaryDirectory())
            #expect(result.status == 64, "\(old): \(result.all)")
            #expect(result.stderr.contains("--cvat-version 2.48.0"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("profiles check takes --json like every other command; its output is the JSON report")
    func profilesCheckJSON() throws {
        let result = try Self.run(.checker, ["profiles", "check", "--json"])
        #expect(result.status == 0, "\(result.all)")
        #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "\(result.stdout)")
        let help = try Self.run(.checker, ["profiles", "check", "--help"], columns: 200).stdout
        #expect(help.contains("--json") && !help.contains("--format"), "\(help)")
    }

    @Test("the benchmark's help names no internal issue")
    func benchHelp() throws {
        let help = try Self.run(.bench, ["--help"], columns: 200)
        #expect(help.status == 0)
        #expect(help.stdout.range(of: #"(?i)\bissue\b|#\d+"#, options: .regularExpression) == nil, "\(help.stdout)")
    }

    @Test("shell completion scripts for bash, zsh and fish know the commands and their options")
    func completion() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try Self.run(.checker, ["--generate-completion-script", shell])
            #expect(script.status == 0, "\(shell): \(script.all)")
            for word in ["emulate", "cvat-version", "log-level", "profiles"] { #expect(script.stdout.contains(word), "\(shell): \(word)") }
        }
    }

    @Test("the shipped manual page (docs/man) was generated by swift-argument-parser and lists every option of every command")
    func manualPage() throws {
        let page = try String(contentsOf: CLIProcess.packageRoot.appendingPathComponent("docs/man/cvat-authcheck.1"), encoding: .utf8)
        #expect(page.hasPrefix(#".\" "Generated by swift-argument-parser""#))
        for (path, command) in Self.commands(try Self.dump(.checker)) {
            if let name = path.last { #expect(page.contains(".It Em \(name)"), "\(path) missing") }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                guard argument["shouldDisplay"] as? Bool ?? true, let names = argument["names"] as? [[String: Any]] else { continue }
                for name in names where name["kind"] as? String == "long" {
                    let option = name["name"] as? String ?? ""
                    let entry = page.components(separatedBy: "\n").contains { line in
                        line.hasPrefix(".It Fl ") && (line + " ").contains("-\(option) ")
                    }
                    #expect(entry, "\(path) --\(option) is not in the manual page: regenerate it (see README.md, Manual page and shell completion)")
                }
            }
        }
        for needle in [CLIProcess.packageRoot.path, "/.build/"] { #expect(!page.contains(needle)) }
    }
}
