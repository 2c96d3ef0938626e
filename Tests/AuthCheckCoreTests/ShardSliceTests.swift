import AuthCheckCore
import Testing

@Suite struct ShardSliceTests {
    @Test(
        "slices are disjoint, cover every item in order, and differ in size by at most one",
        arguments: [0, 1, 2, 7, 8, 9, 100, 1001], [1, 2, 3, 8, 13])
    func disjointAndCovering(items: Int, count: Int) {
        let targets = (0..<items).map { "target-\($0)" }
        let slices = (0..<count).map { shardSlice(targets, index: $0, count: count) }
        #expect(slices.flatMap { $0 } == targets)
        #expect(Set(slices.flatMap { $0 }).count == items)
        let sizes = slices.map(\.count)
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
        #expect(slices == (0..<count).map { shardSlice(targets, index: $0, count: count) })
    }

    @Test("out-of-range requests give empty slices")
    func outOfRange() {
        #expect(shardSlice([1, 2, 3], index: 3, count: 3).isEmpty)
        #expect(shardSlice([1, 2, 3], index: -1, count: 3).isEmpty)
        #expect(shardSlice([1, 2, 3], index: 0, count: 0).isEmpty)
    }
}
