import Yams

/// Resolves `extends:` by deep-merging YAML trees from the root ancestor to the leaf.
///
/// Mappings merge key by key (the descendant wins); lists and scalars are replaced whole; a key set to
/// null (`key: ~`, `key: null` or an empty value) removes what the ancestors said about it.
/// `id`, `versions`, `extends`, `source`, `summary` and `todo` describe one file and are never inherited.
enum ProfileMerger {
    static let ownKeys: Set<String> = ["id", "versions", "extends", "source", "summary", "todo"]

    /// Merges a chain given root first, leaf last.
    static func merge(chain: [Node]) -> Node {
        guard let first = chain.first else { return Node.mapping(.init([])) }
        var result = removingNulls(first)
        for node in chain.dropFirst() {
            result = merge(base: stripOwnKeys(result), override: node)
        }
        return ownKeysFirst(result)
    }

    /// The leaf's own keys (`id`, `versions`, `extends`, `source`, `summary`) lead, as in the files.
    private static func ownKeysFirst(_ node: Node) -> Node {
        guard let mapping = node.mapping else { return node }
        let order = ["id", "client", "versions", "extends", "source", "summary", "todo"]
        let rank = { (pair: (key: Node, value: Node)) in order.firstIndex(of: pair.key.string ?? "") ?? order.count }
        let pairs = mapping.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map {
            ($0.element.key, $0.element.value)
        }
        return .mapping(.init(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    private static func stripOwnKeys(_ node: Node) -> Node {
        guard let mapping = node.mapping else { return node }
        return .mapping(
            .init(mapping.filter { !ownKeys.contains($0.key.string ?? "") }.map { ($0.key, $0.value) }, mapping.tag, mapping.style, mapping.mark))
    }

    static func merge(base: Node, override: Node) -> Node {
        guard let baseMapping = base.mapping, let overrideMapping = override.mapping else { return removingNulls(override) }
        var pairs: [(Node, Node)] = []
        var seen: Set<String> = []
        for pair in baseMapping {
            let key = pair.key.string ?? ""
            seen.insert(key)
            if let replacement = overrideMapping[key] {
                if isNull(replacement) { continue }
                pairs.append((pair.key, merge(base: pair.value, override: replacement)))
            } else {
                pairs.append((pair.key, pair.value))
            }
        }
        for pair in overrideMapping where !seen.contains(pair.key.string ?? "") && !isNull(pair.value) {
            pairs.append((pair.key, removingNulls(pair.value)))
        }
        return .mapping(.init(pairs, overrideMapping.tag, overrideMapping.style, overrideMapping.mark))
    }

    /// `true` for a plain null scalar (`~`, `null`, empty): "remove the inherited value".
    static func isNull(_ node: Node) -> Bool { node.null != nil }

    /// Drops null-valued keys at every depth (a null in a root profile has nothing to remove).
    static func removingNulls(_ node: Node) -> Node {
        guard let mapping = node.mapping else { return node }
        let pairs = mapping.filter { !isNull($0.value) }.map { ($0.key, removingNulls($0.value)) }
        return .mapping(.init(pairs, mapping.tag, mapping.style, mapping.mark))
    }
}
