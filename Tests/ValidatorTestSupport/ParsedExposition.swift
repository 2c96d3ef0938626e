import Foundation

/// What prometheus-client's parsers read from an OpenMetrics file (`Tests/validators/parse_openmetrics.py`):
/// once with the OpenMetrics parser and once with the Prometheus text format 0.0.4 parser.
public struct ParsedExposition: Decodable, Sendable {
    /// One metric family as a parser returns it.
    public struct Family: Decodable, Sendable {
        public var name: String
        public var type: String
        public var unit: String
        public var help: String
        public var samples: [Sample]
    }

    /// One sample: its name (the family's, for gauges), labels and value.
    public struct Sample: Decodable, Sendable, Hashable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    /// As the OpenMetrics parser read it.
    public var openmetrics: [Family]
    /// As the text format 0.0.4 parser read it.
    public var textFormat: [Family]

    enum CodingKeys: String, CodingKey {
        case openmetrics
        case textFormat = "text_format"
    }

    /// Parses `path` with both parsers; throws with the parser's message when either refuses it.
    public static func parse(file path: String) throws -> ParsedExposition {
        let script = Validators.packageRoot.appendingPathComponent("Tests/validators/parse_openmetrics.py").path
        let output = try Validators.run("python", [script, path])
        guard output.status == 0 else { throw Validators.Failure(description: "\(path) was refused: \(output)") }
        return try JSONDecoder().decode(ParsedExposition.self, from: Data(output.stdout.utf8))
    }

    /// The OpenMetrics family called `name`.
    public func family(_ name: String) -> Family? { openmetrics.first { $0.name == name } }

    /// The value of the sample of family `name` with exactly `labels`.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        family(name)?.samples.first { $0.labels == labels }?.value
    }
}
