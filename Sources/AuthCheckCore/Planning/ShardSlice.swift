/// The `index`-th of `count` contiguous, balanced slices of `items` (0-based).
///
/// Deterministic (depends only on the order of `items`), disjoint, and covering: the slices for
/// `0..<count` concatenated give back `items`. Slice sizes differ by at most one. An index outside
/// `0..<count` (or `count < 1`) gives an empty slice.
public func shardSlice<T>(_ items: [T], index: Int, count: Int) -> [T] {
    guard count >= 1, (0..<count).contains(index) else { return [] }
    let lower = items.count * index / count
    let upper = items.count * (index + 1) / count
    return Array(items[lower..<upper])
}
