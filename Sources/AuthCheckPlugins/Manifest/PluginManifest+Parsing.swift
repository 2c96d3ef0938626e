import AuthCheckCore
import Foundation
import Yams

/// Reading `plugin.yaml`: every problem is collected with `file:line:column` and what was expected.
extension PluginManifest {
    static let probeShape = ProfileShape.record(
        ["id": .string, "summary": .string, "phase": .oneOf(PluginProtocol.phases.keys.sorted()), "needs_credentials": .boolean],
        required: ["id", "summary"])
    static let backendShape = ProfileShape.record(["name": .string, "versions": .range, "probes": .strings], required: ["name", "probes"])
    static let topShape = ProfileShape.record(
        [
            "name": .string, "protocol": .integer, "summary": .string, "command": .strings, "timeout": .integer, "servers": .range,
            "prepare": .strings, "prepare_timeout": .integer, "pass_environment": .strings,
        ],
        required: ["name", "protocol", "command"])

    /// Parses manifest text; `path` names the file in messages and anchors relative commands.
    ///
    /// - Throws: ``DataErrors`` listing every problem with `file:line:column`.
    public static func parse(_ text: String, path: String) throws(DataErrors) -> PluginManifest {
        let node: Node
        switch ProfileDocument.compose(text, file: path, expecting: "a plugin manifest (name, protocol, command, probes)") {
        case .success(let parsed): node = parsed
        case .failure(let error): throw DataErrors([error])
        }
        func at(_ node: Node) -> SourceLocation { ProfileDocument.location(of: node, in: path) }
        guard let root = node.mapping else {
            throw DataErrors([DataError(at(node), "expected a mapping (name, protocol, command, probes), found \(ProfileDocument.describe(node))")])
        }
        // Validate the scalar keys with the shared shape checker; the two lists are checked entry by entry.
        var scalarPart = root
        scalarPart["probes"] = nil
        scalarPart["backends"] = nil
        var errors = ProfileDocument.validate(.mapping(scalarPart), against: topShape, path: [], file: path)
            .map { error -> DataError in
                var error = error
                if error.location.line == nil { error.location = at(node) }
                return error
            }
        // `probes` and `backends` are known keys even though the shape above leaves them out.
        errors.removeAll { $0.message.hasPrefix("unknown key 'probes'") || $0.message.hasPrefix("unknown key 'backends'") }

        let name = root["name"]?.string ?? ""
        if let nameNode = root["name"], !name.isEmpty, !Self.isValidName(name) {
            errors.append(DataError(at(nameNode), "plugin name '\(name)' may use only letters, digits, '-', '_' and '.'"))
        }
        var protocolVersion = 0
        if let node = root["protocol"], let value = node.int {
            protocolVersion = value
            if value != PluginProtocol.version {
                errors.append(
                    DataError(
                        at(node), "protocol \(value) is not supported; this runner speaks protocol \(PluginProtocol.version)",
                        hint: "update the plugin or the tool"))
            }
        }
        var command: [String] = []
        if let node = root["command"], let list = node.sequence {
            command = list.compactMap(\.string)
            if command.isEmpty || command[0].isEmpty {
                errors.append(DataError(at(node), "'command' must name a program, e.g. [python3, driver.py]"))
            }
        }
        var timeout = defaultTimeout
        if let node = root["timeout"], let value = node.int {
            if value <= 0 || value > 3600 {
                errors.append(DataError(at(node), "'timeout' must be between 1 and 3600 seconds, found \(value)"))
            } else {
                timeout = Double(value)
            }
        }
        var servers: VersionRange?
        if let node = root["servers"], let text = node.string {
            do { servers = try VersionRange(parsing: text) } catch { errors.append(DataError(at(node), error.description)) }
        }

        var probes: [ProbeEntry] = []
        var seen: Set<String> = []
        if let probesNode = root["probes"] {
            if let list = probesNode.sequence {
                for (index, entry) in list.enumerated() {
                    let entryErrors = ProfileDocument.validate(entry, against: probeShape, path: ["probes[\(index)]"], file: path)
                    errors += entryErrors
                    guard entryErrors.isEmpty, let mapping = entry.mapping, let id = mapping["id"]?.string else { continue }
                    let idNode = mapping["id"] ?? entry
                    guard Self.isValidProbeID(id) else {
                        errors.append(DataError(at(idNode), "probe id '\(id)' must be dotted lower-case words, e.g. example.about-shape"))
                        continue
                    }
                    guard seen.insert(id).inserted else {
                        errors.append(DataError(at(idNode), "probe id '\(id)' is declared twice"))
                        continue
                    }
                    let phase = mapping["phase"]?.string.flatMap { PluginProtocol.phases[$0] } ?? .analysis
                    let descriptor = ProbeDescriptor(
                        id: id, summary: mapping["summary"]?.string ?? "", phase: phase, needsCredentials: mapping["needs_credentials"]?.bool ?? true)
                    probes.append(ProbeEntry(descriptor: descriptor, location: at(entry)))
                }
            } else {
                errors.append(
                    DataError(
                        at(probesNode), "'probes': expected a list of probes (id, summary, phase), found \(ProfileDocument.describe(probesNode))"))
            }
        }
        if probes.isEmpty && errors.isEmpty {
            errors.append(DataError(at(root["probes"] ?? node), "a plugin must provide at least one probe under 'probes:'"))
        }

        var backends: [BackendOffer] = []
        if let backendsNode = root["backends"] {
            if let list = backendsNode.sequence {
                for (index, entry) in list.enumerated() {
                    let entryErrors = ProfileDocument.validate(entry, against: backendShape, path: ["backends[\(index)]"], file: path)
                    errors += entryErrors
                    guard entryErrors.isEmpty, let mapping = entry.mapping, let backendName = mapping["name"]?.string else { continue }
                    if backendName == BackendSpec.native.name || !Self.isValidName(backendName) || backendName.contains(".") {
                        errors.append(
                            DataError(
                                at(mapping["name"] ?? entry), "backend name '\(backendName)' is not allowed",
                                hint: "use letters, digits and '-', and not 'native'"))
                        continue
                    }
                    var versions: VersionRange?
                    if let text = mapping["versions"]?.string {
                        do { versions = try VersionRange(parsing: text) } catch {
                            errors.append(DataError(at(mapping["versions"] ?? entry), error.description))
                        }
                    }
                    let ids = (mapping["probes"]?.sequence ?? []).compactMap(\.string)
                    for (offset, id) in ids.enumerated() where !seen.contains(id) {
                        let here = mapping["probes"]?.sequence.map { at($0[offset]) } ?? at(entry)
                        errors.append(
                            DataError(
                                here, "backend '\(backendName)' lists probe '\(id)', which 'probes:' does not declare",
                                hint: DidYouMean.suggestion(for: id, among: seen).map { "did you mean '\($0)'?" }))
                    }
                    if ids.isEmpty { errors.append(DataError(at(entry), "backend '\(backendName)' must list at least one probe")) }
                    backends.append(BackendOffer(name: backendName, versions: versions, probes: ids, location: at(entry)))
                }
            } else {
                errors.append(
                    DataError(
                        at(backendsNode),
                        "'backends': expected a list of backends (name, versions, probes), found \(ProfileDocument.describe(backendsNode))"))
            }
        }
        let prepare = root["prepare"]?.sequence?.compactMap(\.string) ?? []
        if let node = root["prepare"], prepare.isEmpty || prepare[0].isEmpty {
            errors.append(DataError(at(node), "'prepare' must name a program, e.g. [sh, ../../scripts/sdk-venv.sh]"))
        }
        if let node = root["prepare"], !prepare.isEmpty, backends.isEmpty {
            errors.append(DataError(at(node), "'prepare' runs once per backend version, but the plugin offers no backends"))
        }
        let prepareTimeout = root["prepare_timeout"]?.int.map(Double.init) ?? 900
        if let node = root["prepare_timeout"], !(1...7200).contains(prepareTimeout) {
            errors.append(DataError(at(node), "'prepare_timeout' must be between 1 and 7200 seconds"))
        }
        var passEnvironment: [String] = []
        for entry in root["pass_environment"]?.sequence ?? [] {
            guard let variable = entry.string else { continue }  // the shape check reported it
            if let problem = PluginEnvironment.problem(declaring: variable) {
                errors.append(DataError(at(entry), "'pass_environment': \(problem.message)", hint: problem.hint))
            } else if passEnvironment.contains(variable) {
                errors.append(DataError(at(entry), "'pass_environment': '\(variable)' is listed twice"))
            } else {
                passEnvironment.append(variable)
            }
        }
        guard errors.isEmpty else { throw DataErrors(errors) }
        let directory = (path as NSString).deletingLastPathComponent
        return PluginManifest(
            name: name, protocolVersion: protocolVersion, summary: root["summary"]?.string, command: command, timeout: timeout,
            servers: servers, probes: probes, backends: backends, prepare: prepare, prepareTimeout: prepareTimeout,
            passEnvironment: passEnvironment, path: path,
            directory: directory.isEmpty ? "." : directory)
    }

    /// Reads and parses a manifest file.
    public static func load(path: String) throws(DataErrors) -> PluginManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataErrors([DataError(SourceLocation(file: path), "cannot read the plugin manifest")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataErrors([DataError(SourceLocation(file: path), "the plugin manifest is not valid UTF-8")])
        }
        return try parse(text, path: path)
    }

    static func isValidName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    static func isValidProbeID(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2
            && parts.allSatisfy { part in
                !part.isEmpty && part.first != "-" && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            }
    }
}
