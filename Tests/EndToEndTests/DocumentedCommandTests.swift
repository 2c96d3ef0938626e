import ArgumentParser
import Foundation
import Testing

@testable import cvat_authcheck
@testable import cvat_authcheck_bench

/// Every `cvat-authcheck` and `cvat-authcheck-bench` command line shown in a code block of README.md
/// or docs/*.md, or written in a CI recipe under examples/ci, parses with today's options (an example a
/// user copies must not fail with "unknown option").
@Suite("documented command lines")
struct DocumentedCommandTests {
    /// The two executables of the package.
    enum Tool: String {
        case checker = "cvat-authcheck"
        case bench = "cvat-authcheck-bench"
    }

    struct Example: CustomStringConvertible {
        var file: String
        var line: Int
        var tool: Tool = .checker
        var words: [String]
        var description: String { "\(file):\(line): \(tool.rawValue) \(words.joined(separator: " "))" }
    }

    static let subcommands: Set<String> = ["run", "demo", "profiles", "probes", "report", "emulate", "plugins"]

    /// The files under examples/ci (package-relative paths, sorted): every line of them is code.
    static func recipeFiles() throws -> [String] {
        let root = CLIProcess.packageRoot
        let folder = root.appendingPathComponent("examples/ci")
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.map { "examples/ci/\($0)" }
            .filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder) && !isFolder.boolValue
            }
            .sorted()
    }

    /// The documented examples: code-block lines of the Markdown files and every line of the CI recipes
    /// (joined across `\` continuations) that call the tool.
    static func examples() throws -> [Example] {
        let root = CLIProcess.packageRoot
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        var found: [Example] = []
        for file in ["README.md"] + docs + (try recipeFiles()) {
            let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
            let markdown = file.hasSuffix(".md")
            var inCode = !markdown
            var pending = ""
            var pendingLine = 0
            for (offset, line) in lines.enumerated() {
                if markdown, line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    inCode.toggle()
                    continue
                }
                guard inCode else { continue }
                if pending.isEmpty { pendingLine = offset + 1 }
                if line.hasSuffix("\\") {
                    pending += line.dropLast() + " "
                    continue
                }
                let full = pending + line
                pending = ""
                if let words = command(in: full) {
                    found.append(Example(file: file, line: pendingLine, words: words))
                } else if let words = command(in: full, tool: .bench) {
                    found.append(Example(file: file, line: pendingLine, tool: .bench, words: words))
                }
            }
        }
        return found
    }

    /// The arguments after `cvat-authcheck` (or `tool`) on `line`, with shell variables replaced by a
    /// sample value and the rest of the shell line (pipes, `&&`, comments, the closing quote of `sh '…'`) cut off.
    static func command(in line: String, tool: Tool = .checker) -> [String]? {
        guard let range = line.range(of: tool.rawValue + " ") else { return nil }
        var text = String(line[range.upperBound...])
        if text.contains("[") {
            // A synopsis (`profiles list [--matrices DIR] [--json]   what it shows`): drop the description
            // column, the brackets and ellipses, and keep the first of `a|b` alternatives.
            if let column = text.range(of: "  ") { text = String(text[..<column.lowerBound]) }
            text = text.replacingOccurrences(of: #"[\[\]…]"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"\|[a-z|]+"#, with: "", options: .regularExpression)
        }
        let before = line[..<range.lowerBound].last { $0 != "/" && $0 != "." && !$0.isLetter && $0 != "-" }
        // A command quoted in a line of output (`'…'`, `"…"` or `` `…` ``) ends at its closing quote.
        if let quote = before, quote == "'" || quote == "\"" || quote == "`", let end = text.firstIndex(of: quote) { text = String(text[..<end]) }
        for stop in [" |", " &&", " ;", " #", " >"] {
            if let cut = text.range(of: stop) { text = String(text[..<cut.lowerBound]) }
        }
        text = text.replacingOccurrences(of: #"\$\{\{[^}]*\}\}"#, with: "1", options: .regularExpression)
        var words: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            let unquoted = word.replacingOccurrences(of: "\"", with: "")
            // A lone variable (`$base`, `"$@"`) expands to optional arguments: leave it out.
            if unquoted.range(of: #"^\$(@|\{?[A-Za-z_]+\}?)$"#, options: .regularExpression) != nil, !(words.last?.hasPrefix("-") ?? false) {
                continue
            }
            words.append(unquoted.replacingOccurrences(of: #"\$\{?[A-Za-z_]+\}?"#, with: "1", options: .regularExpression))
        }
        if tool == .bench { return words }
        guard let first = words.first, subcommands.contains(first) else { return nil }
        return words
    }

    @Test("the docs show the tool's commands in code blocks")
    func found() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 25, "\(examples.count) examples")
        let checker = examples.filter { $0.tool == .checker }
        #expect(Set(checker.compactMap(\.words.first)).isSuperset(of: ["run", "demo", "report", "emulate", "profiles"]))
        #expect(examples.filter { $0.tool == .bench }.count >= 4, "the benchmark's examples in docs/PERFORMANCE.md")
        // Every CI recipe runs a shard and merges; each is read as a file, not only through docs/CI.md.
        for recipe in ["github-actions/cvat-auth.yml", "gitlab/gitlab-ci.yml", "kubernetes/cronjob.yaml", "jenkins/Jenkinsfile"] {
            let commands = checker.filter { $0.file == "examples/ci/" + recipe }.map(\.words)
            #expect(commands.contains { $0.first == "run" && $0.contains("--shard") && $0.contains("--junit") }, "\(recipe): \(commands)")
            #expect(commands.contains { $0.starts(with: ["report", "merge"]) }, "\(recipe): \(commands)")
            #expect(commands.contains { $0.starts(with: ["report", "render"]) && $0.contains("--openmetrics") }, "\(recipe): \(commands)")
        }
    }

    @Test("every documented command line parses")
    func parses() throws {
        var failures: [String] = []
        for example in try Self.examples() {
            do {
                switch example.tool {
                case .checker: _ = try CVATAuthCheck.parseAsRoot(example.words)
                case .bench: _ = try BenchCommand.parseAsRoot(example.words)
                }
            } catch {
                let message = example.tool == .checker ? CVATAuthCheck.message(for: error) : BenchCommand.message(for: error)
                // `emulate` checks at validation time that the password variable is set: the line parsed.
                if example.words.first == "emulate", message.contains("CVAT_PASSWORD") { continue }
                failures.append("\(example)\n    → \(message)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
