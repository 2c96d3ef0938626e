import AuthCheckCore
import AuthCheckProbeIDs
import Foundation

/// The two jobs of the host tool: embedding the bundled profiles at build time, and checking a folder.
enum MatrixToolCommands {
    /// A failure that ends the tool with a message on stderr and an exit status.
    struct Failure: Error {
        var message: String
        var status: Int32
    }

    /// `embed-text --type NAME --output FILE INPUT`: a Swift file declaring `enum NAME` whose
    /// `static let text` holds INPUT's text as a raw string literal.
    static func embedText(_ arguments: [String]) throws {
        var type: String?
        var output: String?
        var inputs: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--type": type = rest.popFirst()
            case "--output": output = rest.popFirst()
            default: inputs.append(argument)
            }
        }
        guard let type, let output, inputs.count == 1 else {
            throw Failure(message: "embed-text: --type, --output and one input file are required", status: 64)
        }
        guard let data = FileManager.default.contents(atPath: inputs[0]), let text = String(data: data, encoding: .utf8) else {
            throw Failure(message: "\(inputs[0]): cannot read it as UTF-8", status: 1)
        }
        let name = (inputs[0] as NSString).lastPathComponent
        let quotes = String(repeating: "\"", count: 3)
        var hashes = "#"
        while text.contains(quotes + hashes) { hashes += "#" }
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let source = [
            "// Generated at build time from \(name) by the AuthCheckMatrixTool host tool; do not edit.",
            "",
            "/// The text of `\(name)`, embedded at build time.",
            "enum \(type) {",
            "    static let text = \(hashes)\(quotes)",
            body,
            "\(quotes)\(hashes)",
            "}",
            "",
        ].joined(separator: "\n")
        try source.write(toFile: output, atomically: true, encoding: .utf8)
    }

    /// `embed --root DIR --output FILE PROFILE…`
    static func embed(_ arguments: [String]) throws {
        var root: String?
        var output: String?
        var files: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--root": root = rest.popFirst()
            case "--output": output = rest.popFirst()
            default: files.append(argument)
            }
        }
        guard let root, let output else { throw Failure(message: "embed: --root and --output are required", status: 64) }
        let sources = try files.map { try read($0, shownAs: relative($0, to: root)) }
        let catalog = ProfileCatalog.load(sources, knownProbeIDs: ProbeID.builtIn)
        if !catalog.diagnostics.isEmpty {
            FileHandle.standardError.write(Data((catalog.diagnostics.map(\.description).joined(separator: "\n") + "\n").utf8))
        }
        if catalog.hasErrors {
            throw Failure(
                message: "error: the bundled profiles in matrices/ are invalid; fix them or run `swift run cvat-authcheck profiles check`", status: 1)
        }
        let generated = ProfileEmbedding.swiftSource(for: sources)
        // Rewrite only when the text changed, so unchanged profiles do not recompile dependants.
        if let existing = FileManager.default.contents(atPath: output), String(decoding: existing, as: UTF8.self) == generated { return }
        try Data(generated.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }

    /// `check [--format text|json] DIR…`: the folders alone (a vendored, complete set of profiles).
    static func check(_ arguments: [String]) throws -> Int32 {
        var format = "text"
        var directories: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--format":
                guard let value = rest.popFirst(), ["text", "json"].contains(value) else {
                    throw Failure(message: "check: --format takes text or json", status: 64)
                }
                format = value
            default: directories.append(argument)
            }
        }
        guard !directories.isEmpty else { throw Failure(message: "check: name at least one folder", status: 64) }
        var sources: [ProfileSource] = []
        do {
            for directory in directories { sources += try ProfileSource.directory(directory, isOverlay: false) }
        } catch let error as DataError {
            throw Failure(message: error.description, status: 65)
        }
        let report = ProfileCheckReport(catalog: ProfileCatalog.load(sources, knownProbeIDs: ProbeID.builtIn), files: sources.count)
        print(format == "json" ? try report.json() : report.text)
        return report.exitStatus
    }

    /// The path relative to the package root (`matrices/servers/cvat-2.48.yaml`), or the path itself.
    static func relative(_ path: String, to root: String) -> String {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }

    static func read(_ path: String, shownAs shown: String) throws -> ProfileSource {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "\(shown): error: cannot read the file", status: 1)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(message: "\(shown): error: the file is not valid UTF-8", status: 1)
        }
        return ProfileSource(path: shown, text: text)
    }
}
