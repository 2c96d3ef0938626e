import Yams

/// What a draft must state so that, merged over the profile it extends, it says what was observed:
/// the keys whose observed value differs from the base (mappings compared key by key, lists and
/// scalars whole), and `~` where the base states something observed to be gone.
public enum DraftDifference {
    /// The differences of `observed` from `base` (a resolved profile's merged tree; `nil` for a draft
    /// that extends nothing), or `nil` when there are none.
    public static func of(_ observed: DraftNode, from base: Node?) -> DraftNode? {
        switch observed {
        case .mapping(let entries):
            guard let base, let baseMapping = base.mapping else {
                let kept = entries.compactMap { entry in of(entry.value, from: nil).map { DraftEntry(entry.key, $0) } }
                return kept.isEmpty ? nil : .mapping(kept)
            }
            let changed = entries.compactMap { entry -> DraftEntry? in
                of(entry.value, from: baseMapping[entry.key]).map { DraftEntry(entry.key, $0) }
            }
            return changed.isEmpty ? nil : .mapping(changed)
        case .removed:
            guard let base, base.null == nil else { return nil }
            return .removed
        default:
            guard let base, observed.sameValue(as: base) else { return observed }
            return nil
        }
    }

    /// One line per changed fact for the diff a draft prints: `~ auth.token.state: deprecated → removed`,
    /// `+ responses.gone: {status: 410}`, `- defects.signing-view-has-no-detail`.
    public static func lines(_ difference: DraftNode, base: Node?, path: [String] = []) -> [String] {
        guard case .mapping(let entries) = difference else { return [] }
        return entries.flatMap { entry -> [String] in
            let here = path + [entry.key]
            let name = here.joined(separator: ".")
            let before = base?.mapping?[entry.key]
            switch entry.value {
            case .removed:
                return ["- \(name)" + (before.map { " (was \(describe($0)))" } ?? "")]
            case .mapping where before?.mapping != nil || (before == nil && path.isEmpty):
                return lines(entry.value, base: before, path: here)
            default:
                guard let before, before.null == nil else { return ["+ \(name): \(entry.value.inline)"] }
                return ["~ \(name): \(describe(before)) → \(entry.value.inline)"]
            }
        }
    }

    /// A YAML node in the inline style of ``DraftNode/inline``.
    static func describe(_ node: Node) -> String {
        if let sequence = node.sequence { return "[" + sequence.compactMap(\.string).map(DraftYAML.scalar).joined(separator: ", ") + "]" }
        if let mapping = node.mapping { return "{" + mapping.map { "\($0.key.string ?? ""): \(describe($0.value))" }.joined(separator: ", ") + "}" }
        guard let text = node.string else { return "~" }
        if node.bool != nil || node.int != nil { return text }
        return DraftYAML.scalar(text)
    }
}
