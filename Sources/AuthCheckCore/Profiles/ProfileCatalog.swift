import Yams

/// Every server and client profile available to a run: the embedded copy with user overlays on top,
/// inheritance resolved, and every problem found while loading (nothing is thrown away silently).
public struct ProfileCatalog: Sendable {
    /// Server profiles sorted by their lower version bound.
    public private(set) var servers: [ResolvedProfile<ServerProfile>] = []
    /// Client profiles sorted by client name, then lower bound.
    public private(set) var clients: [ResolvedProfile<ClientProfile>] = []
    /// Everything wrong or suspicious, with file:line:column.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Files replaced by a later source with the same profile id: (id, replaced file, replacing file).
    public private(set) var replacements: [(id: String, replaced: String, by: String)] = []
    /// The merged YAML (after inheritance) of every resolved profile, by id.
    private var merged: [String: String] = [:]

    /// The oldest release the tool must cover.
    public static let oldestSupported = CVATVersion(2, 24, 0)

    /// Loads profiles from sources given in precedence order (later sources override earlier ones with the same id).
    ///
    /// Within the non-overlay sources (the embedded copy, or a folder checked on its own) an id may
    /// appear once; an overlay file replaces an earlier file with the same id.
    ///
    /// - Parameter knownProbeIDs: when given, `skip:` keys naming other probes are reported.
    public static func load(_ sources: [ProfileSource], knownProbeIDs: Set<String>? = nil) -> ProfileCatalog {
        var catalog = ProfileCatalog()
        var documents: [String: ProfileDocument] = [:]  // key: kind/id
        var order: [String] = []
        for source in sources {
            let (document, errors) = ProfileDocument.parse(source)
            catalog.diagnostics += errors.map(Diagnostic.init)
            guard let document else { continue }
            catalog.diagnostics += document.todoWarnings
            let key = "\(document.kind.rawValue)/\(document.id)"
            if let previous = documents[key] {
                if !previous.source.isOverlay && !source.isOverlay {
                    catalog.diagnostics.append(
                        Diagnostic(
                            .error, document.location(ofValue: "id"),
                            "profile id '\(document.id)' is already defined in \(previous.source.path)", hint: "ids must be unique"))
                    continue
                }
                catalog.replacements.append((document.id, previous.source.path, source.path))
            } else {
                order.append(key)
            }
            documents[key] = document
        }
        if let knownProbeIDs {
            for key in order { if let document = documents[key] { catalog.checkSkips(of: document, known: knownProbeIDs) } }
        }
        var unresolved: Set<String> = []  // "server" or a client name whose set is incomplete
        var reportedCycles: Set<Set<String>> = []
        for key in order {
            guard let document = documents[key] else { continue }
            if !catalog.resolve(document, among: documents, reportedCycles: &reportedCycles) {
                unresolved.insert(document.coverageGroup)
            }
        }
        catalog.servers.sort {
            ($0.profile.versions.lowerBound?.version ?? CVATVersion(0, 0)) < ($1.profile.versions.lowerBound?.version ?? CVATVersion(0, 0))
        }
        catalog.clients.sort {
            ($0.profile.client, $0.profile.versions.lowerBound?.version ?? CVATVersion(0, 0))
                < ($1.profile.client, $1.profile.versions.lowerBound?.version ?? CVATVersion(0, 0))
        }
        catalog.checkCoverage(documents: documents, skipping: unresolved)
        return catalog
    }

    /// `true` when at least one diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Throws every error diagnostic at once (exit status 65) when the catalog is unusable.
    public func validated() throws(DataErrors) -> ProfileCatalog {
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw DataErrors(errors.map { DataError($0.location, $0.message, hint: $0.hint) }) }
        return self
    }

    /// The server profile with this id.
    public func server(id: String) -> ResolvedProfile<ServerProfile>? { servers.first { $0.profile.id == id } }

    /// The client profile with this id.
    public func client(id: String) -> ResolvedProfile<ClientProfile>? { clients.first { $0.profile.id == id } }

    /// What is wrong with a client selection (a target's `clients`): a package no client profile
    /// describes, or a release no line covers; `nil` when it selects at least one line.
    public func problem(with selector: ClientSelector) -> String? {
        let packages = Array(Set(clients.map(\.profile.client))).sorted()
        guard packages.contains(selector.client) else {
            let hint = DidYouMean.suggestion(for: selector.client, among: packages).map { " — did you mean '\($0)'?" } ?? ""
            return "client '\(selector)': no client profile describes '\(selector.client)' (known: \(packages.joined(separator: ", ")))\(hint)"
        }
        let lines = clients.filter { $0.profile.client == selector.client }
        guard lines.contains(where: { selector.selects(client: $0.profile.client, versions: $0.profile.versions) }) else {
            let covered = lines.map(\.profile.label).joined(separator: ", ")
            return "client '\(selector)': no \(selector.client) line covers that release (lines: \(covered))"
        }
        return nil
    }

    /// The profile after inheritance as YAML, keys in file order (ancestors' keys first), for `profiles show`.
    public func mergedYAML(id: String) -> String? { merged[id] }

    /// Every profile id, servers first, for suggestions.
    public var ids: [String] { servers.map(\.profile.id) + clients.map(\.profile.id) }

    // MARK: - Probe ids

    private mutating func checkSkips(of document: ProfileDocument, known: Set<String>) {
        guard let skip = document.node.mapping?["skip"]?.mapping else { return }
        for pair in skip {
            guard let probe = pair.key.string, !known.contains(probe) else { continue }
            let hint =
                DidYouMean.suggestion(for: probe, among: known.sorted()).map { "did you mean '\($0)'?" }
                ?? "known probes: \(known.sorted().joined(separator: ", "))"
            diagnostics.append(
                Diagnostic(
                    .error, ProfileDocument.location(of: pair.key, in: document.source.path),
                    "unknown probe id '\(probe)' in skip", hint: hint))
        }
    }

    // MARK: - Inheritance

    /// Resolves one profile; returns `false` (after recording why) when it cannot be used.
    private mutating func resolve(_ leaf: ProfileDocument, among documents: [String: ProfileDocument], reportedCycles: inout Set<Set<String>>) -> Bool
    {
        var chain: [ProfileDocument] = [leaf]
        var visited: Set<String> = [leaf.id]
        var current = leaf
        while let parentNode = current.node.mapping?["extends"], let parentID = parentNode.string {
            guard let parent = documents["\(leaf.kind.rawValue)/\(parentID)"] else {
                // Reported once, by the file that names the missing parent.
                guard current.id == leaf.id else { return false }
                let known = documents.values.filter { $0.kind == leaf.kind }.map(\.id)
                let hint = DidYouMean.suggestion(for: parentID, among: known.sorted()).map { "did you mean '\($0)'?" }
                diagnostics.append(
                    Diagnostic(
                        .error, ProfileDocument.location(of: parentNode, in: current.source.path),
                        "'\(current.id)' extends '\(parentID)', which does not exist", hint: hint))
                return false
            }
            if parent.kind == .client, let mine = current.node.mapping?["client"]?.string, let theirs = parent.node.mapping?["client"]?.string,
                mine != theirs, current.id == leaf.id
            {
                diagnostics.append(
                    Diagnostic(
                        .error, ProfileDocument.location(of: parentNode, in: current.source.path),
                        "'\(current.id)' (\(mine)) extends '\(parentID)', a \(theirs) profile",
                        hint: "a client profile extends a profile of the same client"))
                return false
            }
            guard visited.insert(parentID).inserted else {
                let ids = chain.map(\.id)
                let start = ids.firstIndex(of: parentID) ?? 0
                let members = Set(ids[start...])
                guard reportedCycles.insert(members).inserted else { return false }
                let cycle = (ids[start...] + [parentID]).joined(separator: " → ")
                diagnostics.append(
                    Diagnostic(
                        .error, ProfileDocument.location(of: parentNode, in: current.source.path),
                        "inheritance cycle: \(cycle)", hint: "one profile of the cycle must extend an older line or nothing"))
                return false
            }
            chain.append(parent)
            current = parent
        }
        let mergedNode = ProfileMerger.merge(chain: chain.reversed().map(\.node))
        let reference = ProfileReference(id: leaf.id, file: leaf.source.path, sha256: leaf.source.sha256, chain: chain.map(\.id))
        let files = chain.map(\.source.path)
        do {
            switch leaf.kind {
            case .server:
                let profile = try YAMLDecoder().decode(ServerProfile.self, from: mergedNode)
                servers.append(ResolvedProfile(profile: profile, reference: reference, chainFiles: files, isOverlay: leaf.source.isOverlay))
            case .client:
                let profile = try YAMLDecoder().decode(ClientProfile.self, from: mergedNode)
                clients.append(ResolvedProfile(profile: profile, reference: reference, chainFiles: files, isOverlay: leaf.source.isOverlay))
            }
            merged[leaf.id] = (try? Yams.serialize(node: mergedNode, width: -1, allowUnicode: true, sortKeys: false)) ?? ""
            return true
        } catch let error as DecodingError {
            // A file with shape errors fails to decode for the same reason: it was reported already.
            if chain.contains(where: \.hadErrors) { return false }
            diagnostics.append(
                Diagnostic(
                    .error, leaf.location(ofKey: "id"),
                    "'\(leaf.id)' is incomplete after inheritance: \(Self.describe(error))",
                    hint: leaf.node.mapping?["extends"] == nil ? "a profile without extends must state every required key" : nil))
        } catch {
            diagnostics.append(Diagnostic(.error, leaf.location(ofKey: "id"), "'\(leaf.id)' cannot be decoded: \(error)"))
        }
        return false
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context): return "missing key '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "'\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    // MARK: - Ranges

    private struct Line {
        var id: String
        var file: String
        var range: VersionRange
        var location: SourceLocation
    }

    private mutating func checkCoverage(documents: [String: ProfileDocument], skipping unresolved: Set<String>) {
        func location(_ kind: ProfileDocument.Kind, _ id: String, _ file: String) -> SourceLocation {
            documents["\(kind.rawValue)/\(id)"]?.location(ofValue: "versions") ?? SourceLocation(file: file)
        }
        if !unresolved.contains("server") {
            let lines = servers.map {
                Line(
                    id: $0.profile.id, file: $0.reference.file, range: $0.profile.versions,
                    location: location(.server, $0.profile.id, $0.reference.file))
            }
            checkContiguous(lines, what: "server", mustStartAt: Self.oldestSupported)
            if let newest = lines.last, newest.range.upperBound == nil {
                diagnostics.append(
                    Diagnostic(
                        .warning, newest.location,
                        "the newest server profile '\(newest.id)' (\(newest.range)) has no upper bound, so a newer CVAT release is never reported as 'matrix stale'",
                        hint: "close it with <\(newest.range.lowerBound.map { "\($0.version.major).\($0.version.minor + 1).0" } ?? "X.Y.0")"))
            }
        }
        for client in Set(clients.map(\.profile.client)).sorted() where !unresolved.contains(client) {
            let lines = clients.filter { $0.profile.client == client }
                .map {
                    Line(
                        id: $0.profile.id, file: $0.reference.file, range: $0.profile.versions,
                        location: location(.client, $0.profile.id, $0.reference.file))
                }
            checkContiguous(lines, what: client, mustStartAt: nil)
        }
    }

    private mutating func checkContiguous(_ lines: [Line], what: String, mustStartAt oldest: CVATVersion?) {
        guard let first = lines.first else { return }
        if let oldest {
            if let lower = first.range.lowerBound, lower.version > oldest {
                diagnostics.append(
                    Diagnostic(
                        .error, first.location,
                        "\(what) releases from \(oldest) up to \(lower.version) are not covered by any profile",
                        hint: "start '\(first.id)' at >=\(oldest)"))
            }
        }
        for (previous, next) in zip(lines, lines.dropFirst()) {
            guard let upper = previous.range.upperBound else {
                diagnostics.append(
                    Diagnostic(
                        .error, previous.location,
                        "'\(previous.id)' (\(previous.range)) has no upper bound but '\(next.id)' (\(next.range)) comes after it: the ranges overlap",
                        hint: "close it with <\(next.range.lowerBound?.version.description ?? "X.Y.Z")"))
                continue
            }
            guard let lower = next.range.lowerBound else { continue }
            let touching = upper.inclusive != lower.inclusive && upper.version == lower.version
            if touching { continue }
            if upper.version > lower.version || (upper.version == lower.version && upper.inclusive && lower.inclusive) {
                diagnostics.append(
                    Diagnostic(
                        .error, next.location,
                        "'\(next.id)' (\(next.range)) overlaps '\(previous.id)' (\(previous.range)) in \(previous.file)",
                        hint: "every release must resolve to exactly one profile"))
            } else {
                diagnostics.append(
                    Diagnostic(
                        .error, next.location,
                        "gap between '\(previous.id)' (\(previous.range)) and '\(next.id)' (\(next.range)): releases in between resolve to no profile",
                        hint: "start '\(next.id)' at >=\(upper.version) or end '\(previous.id)' at <\(lower.version)"))
            }
        }
    }
}
