/// One OpenMetrics metric family of type gauge: its name, help, optional unit and samples, each label
/// set at most once (adding a label set again combines the values), in the order first added.
///
/// Only gauges are written, so the same file also reads as the Prometheus text format 0.0.4 that
/// node_exporter's textfile collector and the Pushgateway parse (there `# UNIT` and `# EOF` are comments).
struct MetricFamily {
    /// The family's name; with a unit it ends in `_<unit>`.
    let name: String
    /// One line of help, without a double quote (the 0.0.4 format does not escape one).
    let help: String
    /// The unit (`seconds`), written as `# UNIT` and as the name's suffix.
    let unit: String?
    /// The label names, in the order every sample writes them.
    let labelNames: [String]
    private var values: [Double] = []
    private var labelSets: [[String]] = []
    private var index: [[String]: Int] = [:]

    init(_ name: String, unit: String? = nil, labels: [String] = [], help: String) {
        precondition(unit.map { name.hasSuffix("_" + $0) } ?? true, "a metric with a unit ends in _<unit>")
        self.name = name
        self.help = help
        self.unit = unit
        self.labelNames = labels
    }

    /// `true` when no sample was added.
    var isEmpty: Bool { values.isEmpty }

    /// Adds a sample for `labels` (values in the order of ``labelNames``); a label set already present
    /// gets `combine(old, value)` instead, so no label set is written twice.
    mutating func add(_ labels: [String], _ value: Double, combine: (Double, Double) -> Double = { $0 + $1 }) {
        precondition(labels.count == labelNames.count, "one value per label name")
        if let existing = index[labels] {
            values[existing] = combine(values[existing], value)
        } else {
            index[labels] = values.count
            labelSets.append(labels)
            values.append(value)
        }
    }

    /// The family as text: `# TYPE`, `# UNIT`, `# HELP`, then every sample, one per line.
    var text: String {
        var lines = ["# TYPE \(name) gauge"]
        if let unit { lines.append("# UNIT \(name) \(unit)") }
        lines.append("# HELP \(name) \(OpenMetricsText.escaped(help))")
        for (labels, value) in zip(labelSets, values) {
            let pairs = zip(labelNames, labels).map { "\($0)=\"\(OpenMetricsText.escaped($1))\"" }
            lines.append(name + (pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}") + " " + OpenMetricsText.number(value))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
