import AuthCheckCore
import Yams

/// What a draft produced: the profile, its differences from the extended profile (one line each), the
/// observations behind them, and the covering profile's narrowed file when the draft splits a line.
public struct DraftResult: Sendable {
    public var draft: ProfileDraft
    /// `~ auth.token.state: deprecated → removed` lines.
    public var changes: [String]
    /// One line per observation.
    public var evidence: [String]
    /// The covering profile, its range narrowed, to be written next to the draft.
    public var narrowedFile: ProfileSource?
    /// The release the facts were read from.
    public var observedVersion: CVATVersion

    public init(draft: ProfileDraft, changes: [String], evidence: [String], narrowedFile: ProfileSource?, observedVersion: CVATVersion) {
        self.draft = draft
        self.changes = changes
        self.evidence = evidence
        self.narrowedFile = narrowedFile
        self.observedVersion = observedVersion
    }

    /// `true` when the release lies inside another line's range and differs from it in nothing: that
    /// line already describes it, and splitting it would only add a file.
    public var isRedundant: Bool { draft.placement.narrowed != nil && draft.facts == nil }

    /// The draft of `observed` facts at `placement`: only what differs from the extended profile, a
    /// summary todo unless the replaced profile's summary is kept, then `todo`.
    static func assemble(
        _ observed: DraftNode, placement: DraftPlacement, catalog: ProfileCatalog, sources: [ProfileSource], source: String, todo: [String],
        evidence: [String], version: CVATVersion
    ) -> DraftResult {
        let baseNode = placement.extends.flatMap { catalog.mergedYAML(id: $0) }.flatMap { try? Yams.compose(yaml: $0) }
        let differences = DraftDifference.of(observed, from: baseNode)
        let summary = placement.summary == nil ? ["summary: say in one line what changed in this release line"] : []
        let draft = ProfileDraft(placement: placement, source: source, facts: differences, todo: summary + todo)
        return DraftResult(
            draft: draft, changes: differences.map { DraftDifference.lines($0, base: baseNode) } ?? [], evidence: evidence,
            narrowedFile: narrowedFile(placement, in: sources), observedVersion: version)
    }

    /// The covering profile's file with its range ending below the draft, when the draft splits it.
    static func narrowedFile(_ placement: DraftPlacement, in sources: [ProfileSource]) -> ProfileSource? {
        guard let narrowing = placement.narrowed, let source = sources.first(where: { $0.path == narrowing.file }) else { return nil }
        return narrow(source, to: narrowing.versions)
    }

    /// A profile file with its `versions:` line replaced.
    static func narrow(_ source: ProfileSource, to versions: VersionRange) -> ProfileSource {
        let lines = source.text.components(separatedBy: "\n").map { line in
            line.hasPrefix("versions:") ? "versions: \"\(versions)\"" : line
        }
        return ProfileSource(path: source.path, text: lines.joined(separator: "\n"), isOverlay: true)
    }
}
