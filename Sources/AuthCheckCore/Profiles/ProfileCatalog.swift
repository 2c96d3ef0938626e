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

    /// The oldest release the tool must cover.
    public static let oldestSupported = CVATVersion(2, 24, 0)

    /// Loads profiles from sources given in precedence order (later sources override earlier ones with the same id).
    ///
    /// - Parameter knownProbeIDs: when given, `skip:` keys naming other probes are reported.
    public static func load(_ sources: [ProfileSource], knownProbeIDs: Set<String>? = nil) -> ProfileCatalog {
        var catalog = ProfileCatalog()
        var documents: [String: ProfileDocument] = [:]   // key: kind/id
        var order: [String] = []
        for source in sources {
            let (document, errors) = ProfileDocument.parse(source)
            catalog.diagnostics += errors.map(Diagnostic.init)
            guard let document else { continue }
            let key = "\(document.kind.rawValue)/\(document.id)"
            if let previous = documents[key] {
                if previous.source.isOverlay == source.isOverlay && !source.isOverlay {
                    catalog.diagnostics.append(Diagnostic(.error, document.location(ofKey: "id"),
                        "profile id '\(document.id)' is already defined in \(previous.source.path)", hint: "ids must be unique"))
                    continue
                }
                catalog.replacements.append((document.id, previous.source.path, source.path))
            } else {
                order.append(key)
            }
            documents[key] = document
        }
        for key in order {
            guard let document = documents[key] else { continue }
            catalog.resolve(document, among: documents, knownProbeIDs: knownProbeIDs)
        }
        catalog.servers.sort { ($0.profile.versions.lowerBound?.version ?? CVATVersion(0, 0)) < ($1.profile.versions.lowerBound?.version ?? CVATVersion(0, 0)) }
        catalog.clients.sort {
            ($0.profile.client, $0.profile.versions.lowerBound?.version ?? CVATVersion(0, 0))
                < ($1.profile.client, $1.profile.versions.lowerBound?.version ?? CVATVersion(0, 0))
        }
        catalog.checkCoverage()
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

    // MARK: - Inheritance

    private mutating func resolve(_ leaf: ProfileDocument, among documents: [String: ProfileDocument], knownProbeIDs: Set<String>?) {
        var chain: [ProfileDocument] = [leaf]
        var visited: Set<String> = [leaf.id]
        var current = leaf
        while let parentNode = current.node.mapping?["extends"], let parentID = parentNode.string {
            guard let parent = documents["\(leaf.kind.rawValue)/\(parentID)"] else {
                let known = documents.values.filter { $0.kind == leaf.kind }.map(\.id)
                let hint = DidYouMean.suggestion(for: parentID, among: known).map { "did you mean '\($0)'?" }
                diagnostics.append(Diagnostic(.error, ProfileDocument.location(of: parentNode, in: current.source.path),
                    "'\(current.id)' extends '\(parentID)', which does not exist", hint: hint))
                return
            }
            guard visited.insert(parentID).inserted else {
                let cycle = (chain.map(\.id) + [parentID]).joined(separator: " → ")
                diagnostics.append(Diagnostic(.error, ProfileDocument.location(of: parentNode, in: current.source.path),
                    "inheritance cycle: \(cycle)"))
                return
            }
            chain.append(parent)
            current = parent
        }
        let merged = ProfileMerger.merge(chain: chain.reversed().map(\.node))
        let reference = ProfileReference(id: leaf.id, file: leaf.source.path, sha256: leaf.source.sha256, chain: chain.map(\.id))
        let files = chain.map(\.source.path)
        do {
            switch leaf.kind {
            case .server:
                let profile = try YAMLDecoder().decode(ServerProfile.self, from: merged)
                if let knownProbeIDs {
                    for (probe, _) in profile.skip where !knownProbeIDs.contains(probe) {
                        let hint = DidYouMean.suggestion(for: probe, among: knownProbeIDs).map { "did you mean '\($0)'?" }
                        diagnostics.append(Diagnostic(.error, leaf.location(ofKey: "skip"), "unknown probe id '\(probe)' in skip", hint: hint))
                    }
                }
                servers.append(ResolvedProfile(profile: profile, reference: reference, chainFiles: files, isOverlay: leaf.source.isOverlay))
            case .client:
                let profile = try YAMLDecoder().decode(ClientProfile.self, from: merged)
                clients.append(ResolvedProfile(profile: profile, reference: reference, chainFiles: files, isOverlay: leaf.source.isOverlay))
            }
        } catch let error as DecodingError {
            diagnostics.append(Diagnostic(.error, leaf.location(ofKey: "id"),
                "'\(leaf.id)' is incomplete after inheritance: \(Self.describe(error))"))
        } catch {
            diagnostics.append(Diagnostic(.error, leaf.location(ofKey: "id"), "'\(leaf.id)' cannot be decoded: \(error)"))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, context): return "missing key '\(path(context.codingPath + [key]))'"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "'\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    // MARK: - Ranges

    private mutating func checkCoverage() {
        checkContiguous(servers.map { ($0.profile.id, $0.reference.file, $0.profile.versions) }, what: "server", mustStartAt: Self.oldestSupported)
        for client in Set(clients.map(\.profile.client)).sorted() {
            let lines = clients.filter { $0.profile.client == client }
            checkContiguous(lines.map { ($0.profile.id, $0.reference.file, $0.profile.versions) }, what: client, mustStartAt: nil)
        }
    }

    private mutating func checkContiguous(_ ranges: [(id: String, file: String, range: VersionRange)], what: String, mustStartAt oldest: CVATVersion?) {
        guard let first = ranges.first else { return }
        if let oldest, let lower = first.range.lowerBound, lower.version > oldest {
            diagnostics.append(Diagnostic(.error, SourceLocation(file: first.file), "\(what) releases from \(oldest) up to \(lower.version) are not covered by any profile"))
        }
        for (previous, next) in zip(ranges, ranges.dropFirst()) {
            guard let upper = previous.range.upperBound else {
                diagnostics.append(Diagnostic(.error, SourceLocation(file: previous.file),
                    "'\(previous.id)' (\(previous.range)) has no upper bound but '\(next.id)' (\(next.range)) comes after it: the ranges overlap",
                    hint: "close it with <\(next.range.lowerBound?.version.description ?? "X.Y.Z")"))
                continue
            }
            guard let lower = next.range.lowerBound else { continue }
            let touching = upper.inclusive != lower.inclusive && upper.version == lower.version
            if touching { continue }
            if upper.version > lower.version || (upper.version == lower.version && upper.inclusive && lower.inclusive) {
                diagnostics.append(Diagnostic(.error, SourceLocation(file: next.file),
                    "'\(next.id)' (\(next.range)) overlaps '\(previous.id)' (\(previous.range)) in \(previous.file)",
                    hint: "every release must resolve to exactly one profile"))
            } else {
                diagnostics.append(Diagnostic(.error, SourceLocation(file: next.file),
                    "gap between '\(previous.id)' (\(previous.range)) and '\(next.id)' (\(next.range)): releases in between resolve to no profile",
                    hint: "start '\(next.id)' at >=\(upper.version) or end '\(previous.id)' at <\(lower.version)"))
            }
        }
    }
}
