/// A table of plain-text cells laid out for the console: columns as wide as their widest cell when
/// there is no width limit (a file or a pipe: every row one whole line), otherwise shrunk to fit —
/// the flexible columns first, then the others — with cells wrapped onto more lines, never cut.
struct TextTable {
    /// One column: its title, whether it gives up room first, and its alignment.
    struct Column {
        var title: String
        /// Shrinks (wrapping its cells) before the other columns do.
        var flexible = false
        var alignRight = false
        /// The share of the room a flexible column gets, relative to the other flexible ones.
        var weight = 1
        /// The narrowest it becomes while the others can still give room.
        var minimum = 6
    }

    /// One cell: plain text and the colour it is painted in, if any.
    struct Cell: ExpressibleByStringLiteral {
        var text: String
        var role: ConsoleStyle.Role?

        init(_ text: String, _ role: ConsoleStyle.Role? = nil) {
            self.text = text.replacingOccurrences(of: "\n", with: " ")
            self.role = role
        }

        init(stringLiteral value: String) { self.init(value) }
    }

    var columns: [Column]
    var rows: [[Cell]] = []
    /// Spaces between columns.
    var gap = 2

    /// The table's lines, each at most `width` columns wide (no limit when `nil`); the title row is bold.
    func render(width: Int?, style: ConsoleStyle) -> [String] {
        let widths = columnWidths(limit: width)
        var lines: [String] = []
        let titles = columns.map { Cell($0.title, .heading) }
        for row in [titles] + rows {
            let wrapped = row.indices.map { index in VisibleText.wrap(row[index].text, width: widths[index]) }
            let height = wrapped.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var parts: [String] = []
                for (index, column) in columns.enumerated() {
                    let text = lineIndex < wrapped[index].count ? wrapped[index][lineIndex] : ""
                    let padding = String(repeating: " ", count: max(0, widths[index] - VisibleText.width(text)))
                    let painted = row[index].role.map { style.paint(text, $0) } ?? text
                    parts.append(column.alignRight ? padding + painted : painted + padding)
                }
                var line = parts.joined(separator: String(repeating: " ", count: gap))
                while line.last == " " { line.removeLast() }
                lines.append(line)
            }
        }
        return lines
    }

    /// Each column's width: its widest cell, or less when the table must fit `limit`.
    func columnWidths(limit: Int?) -> [Int] {
        let natural = columns.indices.map { index in
            ([columns[index].title] + rows.map { $0[index].text }).map(VisibleText.width).max() ?? 0
        }
        guard let limit else { return natural }
        let room = limit - gap * (columns.count - 1)
        guard natural.reduce(0, +) > room else { return natural }
        // Water-filling: the columns allowed to shrink share what the others leave, each keeping at most
        // its natural width; the flexible ones shrink first, then (if still too wide) every column.
        for shrinking in [Set(columns.indices.filter { columns[$0].flexible }), Set(columns.indices)] {
            var widths = natural
            let fixed = columns.indices.filter { !shrinking.contains($0) }.map { natural[$0] }.reduce(0, +)
            var available = room - fixed
            var open = Array(shrinking)
            guard available >= open.map({ min(natural[$0], columns[$0].minimum) }).reduce(0, +) else { continue }
            // The column that needs the smallest part of its share goes first, leaving the rest to the others.
            open.sort { Double(natural[$0]) / Double(columns[$0].weight) < Double(natural[$1]) / Double(columns[$1].weight) }
            while !open.isEmpty {
                let weights = open.map { columns[$0].weight }.reduce(0, +)
                let index = open.removeFirst()
                let share = available * columns[index].weight / max(1, weights)
                let keptForOthers = open.map { min(natural[$0], columns[$0].minimum) }.reduce(0, +)
                widths[index] = min(natural[index], max(columns[index].minimum, share), available - keptForOthers)
                available -= widths[index]
            }
            return widths
        }
        // Even the minimum does not fit: every column at its minimum, the terminal wraps the rest.
        return columns.indices.map { min(natural[$0], columns[$0].minimum) }
    }
}
