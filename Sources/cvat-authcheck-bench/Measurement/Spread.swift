/// The median, minimum and maximum of repeated measurements of one figure.
struct Spread: Hashable, Sendable, Codable {
    var median: Double
    var min: Double
    var max: Double
    var count: Int

    /// `nil` for no samples (or only NaN); otherwise the median (mean of the middle two for an even count).
    init?(_ samples: [Double]) {
        let sorted = samples.filter { !$0.isNaN }.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = first
        max = last
        count = sorted.count
    }

    /// Applies `transform` to every figure (e.g. bytes to megabytes); assumes it keeps the order.
    func map(_ transform: (Double) -> Double) -> Spread {
        var copy = self
        copy.median = transform(median)
        copy.min = transform(min)
        copy.max = transform(max)
        return copy
    }

    /// `1.234 (1.200–1.300)` with `digits` decimals; only the median when there was one sample.
    func format(_ digits: Int = 3) -> String {
        let median = Self.decimal(self.median, digits)
        return count > 1 ? "\(median) (\(Self.decimal(min, digits))–\(Self.decimal(max, digits)))" : median
    }

    /// A fixed-point decimal without Foundation's locale (`12.345`, `-0.500`).
    static func decimal(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<Swift.max(0, digits) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let whole = UInt64(scaled)
        let units = UInt64(scale)
        var text = String(whole / units)
        if digits > 0 {
            let fraction = String(whole % units)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return (value < 0 && whole > 0 ? "-" : "") + text
    }
}
