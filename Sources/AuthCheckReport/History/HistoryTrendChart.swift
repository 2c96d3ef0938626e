import AuthCheckCore

/// The totals trend of a ``RunHistory`` as inline SVG: one stacked bar per night (pass, fail, error,
/// skipped, bottom to top), a dashed line and a ⬆ label on nights whose server version changed.
/// Plain SVG elements and attributes, no script, no external reference; every text escaped.
enum HistoryTrendChart {
    static let barWidth = 28
    static let gap = 12
    static let plotHeight = 160
    static let top = 24
    static let left = 40

    static func render(_ nights: [RunHistory.Night]) -> String {
        let width = left + nights.count * (barWidth + gap) + gap
        let height = top + plotHeight + 40
        let largest = max(1, nights.map { $0.counts.values.reduce(0, +) }.max() ?? 1)
        var svg =
            "<svg id=\"trend\" class=\"trend\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Outcomes per night\">\n"
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width)\" y2=\"\(top + plotHeight)\"/>\n"
        svg += "<text class=\"scale\" x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">\(largest)</text>\n"
        svg += "<text class=\"scale\" x=\"\(left - 6)\" y=\"\(top + plotHeight)\" text-anchor=\"end\">0</text>\n"
        for (index, night) in nights.enumerated() {
            let x = left + gap + index * (barWidth + gap)
            var y = top + plotHeight
            for status in [OutcomeStatus.pass, .fail, .error, .skipped] {
                let count = night.counts[status, default: 0]
                guard count > 0 else { continue }
                let barHeight = max(1, count * plotHeight / largest)
                y -= barHeight
                svg +=
                    "<rect class=\"\(status.rawValue)\" x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\"><title>night \(night.number): \(count) \(status.rawValue)</title></rect>\n"
            }
            svg +=
                "<text class=\"night\" x=\"\(x + barWidth / 2)\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\">\(night.number)</text>\n"
            if !night.versionChanges.isEmpty {
                let label = night.versionChanges.map { "\($0.suite) \($0.from) → \($0.to)" }.joined(separator: "; ")
                svg +=
                    "<line class=\"upgrade\" x1=\"\(x - gap / 2)\" y1=\"\(top - 8)\" x2=\"\(x - gap / 2)\" y2=\"\(top + plotHeight)\"><title>\(HTMLReport.escape(label))</title></line>\n"
                svg +=
                    "<text class=\"upgrade\" x=\"\(x - gap / 2)\" y=\"\(top - 10)\" text-anchor=\"middle\">⬆<title>\(HTMLReport.escape(label))</title></text>\n"
            }
        }
        return svg + "</svg>\n"
    }
}
