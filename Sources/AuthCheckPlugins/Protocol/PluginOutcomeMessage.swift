import AuthCheckCore
import Foundation

/// The body of an `outcome` message: one test case as the plugin decided it.
public struct PluginOutcomeMessage: Hashable, Sendable, Decodable {
    public var status: OutcomeStatus
    /// The test case name (unique within the probe; the probe id when missing).
    public var name: String?
    /// One line of text.
    public var message: String?
    public var expected: String?
    public var observed: String?
    public var cause: String?
    public var causeText: String?
    public var remedy: String?
    public var facts: [String: String]
    /// Exchange records (`method`, `url`, `request_headers`, `response_headers`, `duration` required).
    public var evidence: [ExchangeRecord]
    /// Seconds the plugin spent on it.
    public var duration: Double?

    /// Thrown after every other key decoded, when `status` is missing or unknown.
    struct UnusableStatus: Error {
        var problem: String
    }

    private enum CodingKeys: String, CodingKey {
        case status, name, message, expected, observed, cause
        case causeText = "cause_text"
        case remedy, facts, evidence, duration
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        expected = try container.decodeIfPresent(String.self, forKey: .expected)
        observed = try container.decodeIfPresent(String.self, forKey: .observed)
        cause = try container.decodeIfPresent(String.self, forKey: .cause)
        causeText = try container.decodeIfPresent(String.self, forKey: .causeText)
        remedy = try container.decodeIfPresent(String.self, forKey: .remedy)
        facts = try container.decodeIfPresent([String: String].self, forKey: .facts) ?? [:]
        evidence = try container.decodeIfPresent([ExchangeRecord].self, forKey: .evidence) ?? []
        duration = try container.decodeIfPresent(Double.self, forKey: .duration)
        guard let text = try container.decodeIfPresent(String.self, forKey: .status) else {
            throw UnusableStatus(problem: "an outcome without 'status'")
        }
        guard let status = OutcomeStatus(rawValue: text) else {
            throw UnusableStatus(problem: "status '\(text.prefix(40))' is not one of pass, fail, error, skipped")
        }
        self.status = status
    }
}

/// The body of a `describe` answer. The manifest, not this answer, is what the runner uses.
public struct PluginDescription: Hashable, Sendable, Decodable {
    /// A probe as a `describe` answer lists it.
    public struct Probe: Hashable, Sendable, Decodable {
        public var id: String
        public var summary: String?
        public var phase: String?
    }

    /// A backend as a `describe` answer lists it.
    public struct Backend: Hashable, Sendable, Decodable {
        public var name: String
        public var versions: String?
    }

    public var probes: [Probe]
    public var backends: [Backend]

    private enum CodingKeys: String, CodingKey {
        case probes, backends
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        probes = try container.decodeIfPresent([Probe].self, forKey: .probes) ?? []
        backends = try container.decodeIfPresent([Backend].self, forKey: .backends) ?? []
    }
}
