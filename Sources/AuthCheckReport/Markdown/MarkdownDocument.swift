/// A Markdown summary as whole blocks (a heading with its list, one table, one section) that keeps to a
/// byte limit by leaving blocks out — never part of one, so no table is ever cut — and says what it left
/// out in a note under the totals.
///
/// Blocks are left out in this order, the last of a kind first: advice tables, case tables, advice,
/// changes since the baseline, the compatibility matrix, and finally the causes themselves (the
/// first causes, the worst, stay longest).
struct MarkdownDocument {
    /// What a block is, in the order blocks are left out.
    enum Drop: Int, Comparable, CaseIterable {
        case adviceTable, caseTable, advice, changes, matrix, cause

        static func < (lhs: Drop, rhs: Drop) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private struct Block {
        var lines: [String]
        var drop: Drop?
        var isNotes = false
        var bytes: Int { lines.reduce(0) { $0 + $1.utf8.count + 1 } }
    }

    /// Bytes kept free for the note that says what was left out.
    static let noteReserve = 600

    private var blocks: [Block] = []

    /// Appends `lines`; a block with a `drop` kind may be left out to keep to the limit.
    mutating func add(_ lines: [String], drop: Drop? = nil) {
        blocks.append(Block(lines: lines, drop: drop))
    }

    /// Marks where the note on left-out blocks goes (written only when something was left out).
    mutating func addNotes() {
        blocks.append(Block(lines: [], isNotes: true))
    }

    /// The document in at most `byteLimit` UTF-8 bytes when the blocks that cannot be left out fit:
    /// every block when they all fit, else the blocks that survive and the note.
    func render(byteLimit: Int) -> String {
        var kept = blocks
        var total = kept.reduce(0) { $0 + $1.bytes }
        var left: [Drop: Int] = [:]
        if total > byteLimit {
            let budget = byteLimit - Self.noteReserve
            let candidates = kept.indices.filter { kept[$0].drop != nil }
                .sorted { (kept[$0].drop!, $1) < (kept[$1].drop!, $0) }
            for index in candidates where total > budget {
                total -= kept[index].bytes
                left[kept[index].drop!, default: 0] += 1
                kept[index].lines = []
            }
            if let notes = kept.firstIndex(where: \.isNotes) { kept[notes].lines = Self.note(left) }
        }
        return kept.flatMap(\.lines).joined(separator: "\n") + "\n"
    }

    /// The note on what was left out, e.g. "the case tables of 12 causes, the compatibility matrix".
    static func note(_ left: [Drop: Int]) -> [String] {
        let parts = Drop.allCases.compactMap { drop -> String? in
            guard let count = left[drop] else { return nil }
            switch drop {
            case .adviceTable: return "the case tables of \(count) advice group(s)"
            case .caseTable: return "the case tables of \(count) cause(s)"
            case .advice: return "advice (\(count) part(s))"
            case .changes: return "the changes since the baseline (`cvat-authcheck report diff` prints them)"
            case .matrix: return "the compatibility matrix"
            case .cause: return "\(count) cause(s) at the end of the list"
            }
        }
        return [
            "> ⚠️ Shortened to stay within GitHub's 1 MiB job-summary limit; left out: \(parts.joined(separator: "; ")). "
                + "Every case, with its diagnosis and transcript, is in the HTML and JUnit reports.",
            "",
        ]
    }
}
