import Foundation
import Yams

/// One parsed profile file: its YAML tree with positions, checked against ``ProfileShape``.
///
/// Its YAML helpers (`compose`, `location`, `describe`, `validate`) are `package`: the package's other
/// YAML documents are checked with the same shapes, positions and messages.
package struct ProfileDocument {
    enum Kind: String { case server, client }

    let source: ProfileSource
    let kind: Kind
    let node: Node
    let id: String
    /// `true` when parsing already reported a problem in this file (later errors caused by it are not repeated).
    var hadErrors = false

    /// Parses and shape-checks a file. Returns the document (if usable) and every problem found.
    static func parse(_ source: ProfileSource) -> (ProfileDocument?, [DataError]) {
        let file = source.path
        let node: Node
        switch compose(source.text, file: file, expecting: "a profile mapping with id and versions") {
        case .success(let parsed): node = parsed
        case .failure(let error): return (nil, [error])
        }
        guard let mapping = node.mapping else {
            return (
                nil, [DataError(location(of: node, in: file), "expected a mapping with id and versions at the top level, found \(describe(node))")]
            )
        }
        let kind: Kind = mapping["client"] != nil ? .client : .server
        let shape = kind == .client ? ProfileShape.client : ProfileShape.server
        var errors = validate(node, against: shape, path: [], file: file)
        let id = mapping["id"]?.string ?? ""
        if let versions = mapping["versions"], let text = versions.string {
            do { _ = try VersionRange(parsing: text) } catch {
                errors.append(DataError(location(of: versions, in: file), error.description))
            }
        }
        return (id.isEmpty ? nil : ProfileDocument(source: source, kind: kind, node: node, id: id, hadErrors: !errors.isEmpty), errors)
    }

    /// Parses YAML text into a node tree with positions; an empty file or a syntax error becomes a ``DataError``.
    package static func compose(_ text: String, file: String, expecting: String) -> Result<Node, DataError> {
        do {
            guard let parsed = try Yams.compose(yaml: text) else {
                return .failure(DataError(SourceLocation(file: file, line: 1, column: 1), "the file is empty; expected \(expecting)"))
            }
            return .success(parsed)
        } catch let error as YamlError {
            return .failure(yamlError(error, file: file))
        } catch {
            return .failure(DataError(SourceLocation(file: file), "cannot parse YAML: \(error)"))
        }
    }

    /// One warning per entry of the file's `todo:` list: what a drafted profile (`profiles draft`) could
    /// not derive and a reviewer still has to state. A todo never makes a catalog unusable.
    var todoWarnings: [Diagnostic] {
        guard let entries = node.mapping?["todo"]?.sequence else { return [] }
        return entries.compactMap { entry in
            guard let text = entry.string, !text.isEmpty else { return nil }
            return Diagnostic(
                .warning, Self.location(of: entry, in: source.path), "todo: \(text)",
                hint: "state it, or remove the line once reviewed")
        }
    }

    /// The coverage set the profile belongs to: `server`, or the client name (`cvat-sdk`, `cvat-cli`).
    var coverageGroup: String { kind == .server ? "server" : (node.mapping?["client"]?.string ?? "client") }

    /// The position of a key's value (or the document) for messages.
    func location(ofValue key: String) -> SourceLocation {
        if let value = node.mapping?[key] { return Self.location(of: value, in: source.path) }
        return Self.location(of: node, in: source.path)
    }

    /// The position of a key (or the document) for messages.
    func location(ofKey key: String) -> SourceLocation {
        if let pair = node.mapping?.first(where: { $0.key.string == key }) { return Self.location(of: pair.key, in: source.path) }
        return Self.location(of: node, in: source.path)
    }

    /// The `file:line:column` of a node.
    package static func location(of node: Node, in file: String) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// What a node is, for messages ("a list", "'abc'").
    package static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar) where scalar.style == .singleQuoted || scalar.style == .doubleQuoted:
            "the quoted string \"\(scalar.string.prefix(40))\""
        case .scalar(let scalar): scalar.string.isEmpty ? "an empty value" : "'\(scalar.string.prefix(40))'"
        case .alias: "an alias"
        }
    }

    private static func yamlError(_ error: YamlError, file: String) -> DataError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text) that starts at \($0.mark.line):\($0.mark.column))" } ?? problem
            return DataError(SourceLocation(file: file, line: mark.line, column: mark.column), "invalid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return DataError(
                SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "duplicated key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping", hint: "each key may appear once")
        case .reader(let problem, let offset, _, let yaml):
            return DataError(readerLocation(offset: offset, in: yaml, file: file), "cannot read YAML: \(problem)")
        default:
            return DataError(SourceLocation(file: file), "invalid YAML: \(error)")
        }
    }

    /// The line and column of a reader error's byte offset (libyaml reports no mark for those); without
    /// an offset, the first character YAML does not allow (a control character other than tab and line breaks).
    static func readerLocation(offset: Int?, in yaml: String, file: String) -> SourceLocation {
        let disallowed = yaml.utf8.firstIndex { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }
            .map { yaml.utf8.distance(from: yaml.utf8.startIndex, to: $0) }
        guard let offset = offset.flatMap({ $0 >= 0 ? $0 : nil }) ?? disallowed else { return SourceLocation(file: file, line: 1, column: 1) }
        var line = 1
        var column = 1
        for byte in yaml.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Checks types and keys recursively; unknown keys get a "did you mean" hint.
    package static func validate(_ node: Node, against shape: ProfileShape, path: [String], file: String) -> [DataError] {
        let here = location(of: node, in: file)
        let key = path.isEmpty ? "the document" : "'\(path.joined(separator: "."))'"
        func mismatch() -> [DataError] { [DataError(here, "\(key): expected \(shape.expectation), found \(describe(node))")] }
        switch shape {
        case .string, .version, .range:
            guard case .scalar = node else { return mismatch() }
            if case .version = shape, let text = node.string, CVATVersion(text) == nil { return mismatch() }
            return []
        case .integer:
            guard case .scalar = node, node.int != nil else { return mismatch() }
            return []
        case .boolean:
            guard case .scalar = node, node.bool != nil else { return mismatch() }
            return []
        case .oneOf(let words):
            guard case .scalar = node, let text = node.string, words.contains(text) else {
                let hint = node.string.flatMap { DidYouMean.suggestion(for: $0, among: words) }.map { "did you mean '\($0)'?" }
                return [DataError(here, "\(key): expected \(shape.expectation), found \(describe(node))", hint: hint)]
            }
            return []
        case .strings:
            guard let sequence = node.sequence else { return mismatch() }
            return sequence.compactMap { element -> DataError? in
                guard case .scalar = element else {
                    return DataError(location(of: element, in: file), "\(key): expected a list of strings, found \(describe(element)) in it")
                }
                return nil
            }
        case .dictionary(let value):
            guard let mapping = node.mapping else { return mismatch() }
            return mapping.flatMap { pair in
                ProfileMerger.isNull(pair.value) ? [] : validate(pair.value, against: value, path: path + [pair.key.string ?? "?"], file: file)
            }
        case .record(let fields, let required):
            guard let mapping = node.mapping else { return mismatch() }
            var errors: [DataError] = []
            for pair in mapping {
                let name = pair.key.string ?? ""
                guard let field = fields[name] else {
                    let hint =
                        DidYouMean.suggestion(for: name, among: fields.keys.sorted()).map { "did you mean '\($0)'?" }
                        ?? "known keys: \(fields.keys.sorted().joined(separator: ", "))"
                    let owner = path.isEmpty ? "" : " in '\(path.joined(separator: "."))'"
                    errors.append(DataError(location(of: pair.key, in: file), "unknown key '\(name)'\(owner)", hint: hint))
                    continue
                }
                if ProfileMerger.isNull(pair.value) && !required.contains(name) { continue }  // removes an inherited value
                errors += validate(pair.value, against: field, path: path + [name], file: file)
            }
            for name in required.sorted() where mapping[name] == nil {
                errors.append(DataError(here, "missing required key '\(name)'" + (path.isEmpty ? "" : " in \(key)")))
            }
            return errors
        }
    }
}
