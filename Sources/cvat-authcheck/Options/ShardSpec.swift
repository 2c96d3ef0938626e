import ArgumentParser
import AuthCheckCore

/// `--shard INDEX/COUNT`, 1-based; the slicing itself is the core's `shardSlice`.
struct ShardSpec: Hashable {
    var index: Int
    var count: Int

    /// Parses `INDEX/COUNT`, explaining what is expected when `text` is not that.
    init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ValidationError("expected INDEX/COUNT with 1 <= INDEX <= COUNT, e.g. 3/8")
        }
        self.index = index
        self.count = count
    }

    /// This shard's part of `items` (the core's balanced, contiguous slicing).
    func slice<T>(_ items: [T]) -> [T] {
        shardSlice(items, index: index - 1, count: count)
    }
}
