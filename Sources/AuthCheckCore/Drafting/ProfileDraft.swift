/// A drafted profile file (`profiles draft`): the line's id and range, the profile it extends, only the
/// facts that differ from it, where they were observed, and a `todo:` line for each fact that could not
/// be derived. ``yaml`` writes it in the style of the bundled profiles; the same draft always gives the
/// same text.
public struct ProfileDraft: Hashable, Sendable {
    /// Where the draft goes among the existing profiles.
    public var placement: DraftPlacement
    /// `source:` — where the facts come from (`observed on cvat.example.org 2026-12-05`).
    public var source: String
    /// The facts that differ from the extended profile (`nil`: none).
    public var facts: DraftNode?
    /// What could not be derived and a reviewer must state.
    public var todo: [String]

    public init(placement: DraftPlacement, source: String, facts: DraftNode?, todo: [String]) {
        self.placement = placement
        self.source = source
        self.facts = facts
        self.todo = todo
    }

    /// The profile file.
    public var yaml: String {
        var lines = ["# A draft made by cvat-authcheck's profiles draft: review every line, then remove the todo list."]
        lines.append("id: \(placement.id)")
        if let client = placement.client { lines.append("client: \(client)") }
        lines.append("versions: \(DraftYAML.scalar(placement.versions.description))")
        if let extends = placement.extends { lines.append("extends: \(extends)") }
        lines.append("source: \(DraftYAML.scalar(source))")
        if let summary = placement.summary { lines.append("summary: \(DraftYAML.scalar(summary))") }
        if !todo.isEmpty {
            lines.append("todo:")
            lines += todo.map { "  - \(DraftYAML.scalar($0))" }
        }
        if case .mapping(let entries) = facts {
            for entry in entries {
                lines.append("")
                lines += DraftYAML.lines(key: entry.key, value: entry.value, indent: 0)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Where a drafted profile goes: its id, its range, the profile it extends, and the existing profile
/// it replaces or narrows.
///
/// - A release whose line has a profile of its own (`cvat-2.48` for 2.48.1) replaces that file: same
///   id and range, extending that profile's parent, so the draft restates the line's own differences.
/// - A release newer than every profile (the `matrix.stale` case) opens a one-minor line
///   from where the newest ends to the observed minor (`>=2.81.0 <2.82.0`), extending the newest profile.
/// - A release inside another line's range (2.64 in `cvat-2.63`) opens its own line there, extending the
///   covering profile, whose range is narrowed to end below it (``narrowed``).
public struct DraftPlacement: Hashable, Sendable {
    public var id: String
    /// `cvat-sdk` or `cvat-cli` for a client profile; `nil` for a server profile.
    public var client: String?
    public var versions: VersionRange
    /// The profile the draft extends (`nil`: a root profile that states every fact).
    public var extends: String?
    /// The summary kept from a replaced profile; `nil` when a reviewer must write one.
    public var summary: String?
    /// The file of the existing profile with the draft's id, which the draft replaces.
    public var replaces: String?
    /// The covering profile whose range must end below the draft: its id, file and new range.
    public var narrowed: Narrowing?

    /// An existing profile whose range the draft splits.
    public struct Narrowing: Hashable, Sendable {
        public var id: String
        public var file: String
        public var versions: VersionRange
    }

    /// Why a release cannot be placed.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
        /// `true` when the chosen profile to extend is the problem (the caller's choice), not the release.
        public var isChoice = false
    }

    /// Places a server release among the catalog's server profiles; `extends` forces the base.
    public static func server(_ version: CVATVersion, in catalog: ProfileCatalog, extends forced: String? = nil) throws(Problem) -> DraftPlacement {
        let lines = catalog.servers.map {
            Line(id: $0.profile.id, versions: $0.profile.versions, extends: $0.profile.extends, summary: $0.profile.summary, file: $0.reference.file)
        }
        return try place(version, id: "cvat-\(version.line)", client: nil, lines: lines, extends: forced, what: "server")
    }

    /// Places a client release among the catalog's profiles of that client; `extends` forces the base.
    public static func client(
        _ client: String, _ version: CVATVersion, in catalog: ProfileCatalog, extends forced: String? = nil
    ) throws(Problem) -> DraftPlacement {
        let lines = catalog.clients.filter { $0.profile.client == client }
            .map {
                Line(
                    id: $0.profile.id, versions: $0.profile.versions, extends: $0.profile.extends, summary: $0.profile.summary,
                    file: $0.reference.file)
            }
        return try place(version, id: "\(client)-\(version.line)", client: client, lines: lines, extends: forced, what: client)
    }

    struct Line {
        var id: String
        var versions: VersionRange
        var extends: String?
        var summary: String?
        var file: String
    }

    private static func place(
        _ version: CVATVersion, id: String, client: String?, lines: [Line], extends forced: String?, what: String
    ) throws(Problem) -> DraftPlacement {
        let release = version.release
        let lineStart = CVATVersion(version.major, version.minor, 0)
        func checked(_ base: String?) throws(Problem) -> String? {
            guard let forced else { return base }
            guard forced != id, let chosen = lines.first(where: { $0.id == forced }) else {
                let known = lines.map(\.id).filter { $0 != id }
                let hint = DidYouMean.suggestion(for: forced, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                throw Problem(description: "the profile to extend, '\(forced)', is not another \(what) profile\(hint)", isChoice: true)
            }
            guard let lower = chosen.versions.lowerBound?.version, lower < lineStart else {
                throw Problem(description: "a draft for \(version) cannot extend '\(forced)', which is not an older line", isChoice: true)
            }
            return chosen.id
        }
        if let own = lines.first(where: { $0.id == id }) {
            return DraftPlacement(
                id: id, client: client, versions: own.versions, extends: try checked(own.extends), summary: own.summary, replaces: own.file)
        }
        if let covering = lines.last(where: { $0.versions.contains(release) }) {
            guard let lower = covering.versions.lowerBound?.version, lower < lineStart else {
                throw Problem(description: "\(covering.id) starts inside the \(version.line) line; draft with its id")
            }
            var comparators = [VersionRange.Comparator(.greaterOrEqual, lineStart)]
            if let upper = covering.versions.upperBound {
                comparators.append(.init(upper.inclusive ? .lessOrEqual : .less, upper.version))
            }
            let narrowed = VersionRange([.init(.greaterOrEqual, lower), .init(.less, lineStart)])
            return DraftPlacement(
                id: id, client: client, versions: VersionRange(comparators), extends: try checked(covering.id),
                narrowed: Narrowing(id: covering.id, file: covering.file, versions: narrowed))
        }
        guard let newest = lines.last, let newestLower = newest.versions.lowerBound?.version, newestLower < release else {
            let oldest = lines.first?.versions.lowerBound?.version.description ?? "?"
            throw Problem(description: "\(what) \(version) is older than every \(what) profile (the oldest covers \(oldest))")
        }
        // The new line starts where the newest ends, so no release falls between them.
        let start = newest.versions.upperBound.flatMap { $0.inclusive ? nil : $0.version } ?? lineStart
        let next = CVATVersion(version.major, version.minor + 1, 0)
        let name = client.map { "\($0)-\(start.line)" } ?? "cvat-\(start.line)"
        return DraftPlacement(
            id: name, client: client, versions: VersionRange([.init(.greaterOrEqual, start), .init(.less, next)]),
            extends: try checked(newest.id))
    }
}
