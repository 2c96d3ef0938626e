import AuthCheckCore
import Foundation

/// One message a plugin wrote on stdout (protocol 1), decoded once according to its `type`.
///
/// Keys a message type does not use are ignored. A line that is not a JSON object, has no `type`, or
/// has a key of the wrong type does not decode (the plugin is then stopped as `plugin-garbage`).
public enum PluginMessage: Hashable, Sendable, Decodable {
    /// The first message: the protocol version the plugin speaks (`nil` when it names none) and its name.
    case hello(protocolVersion: Int?, plugin: String?)
    /// One test case.
    case outcome(PluginOutcomeMessage)
    /// An `outcome` message without a usable `status` (missing, or not pass/fail/error/skipped). It
    /// becomes an `error` outcome in its place; the plugin is not stopped for it.
    case invalidOutcome(problem: String)
    /// The answer to a `describe` request: the probes and backends the plugin provides.
    case describe(PluginDescription)
    /// A value the plugin minted (a token, a session id): the runner redacts it from every output.
    /// `nil` when the message has no `value`.
    case secret(String?)
    /// A line for the plugin's own log; ignored.
    case log(String?)
    /// The last message.
    case done
    /// A message type this runner does not know; ignored.
    case unknown(type: String)

    private enum CodingKeys: String, CodingKey {
        case type, plugin, value, message
        case protocolVersion = "protocol"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "hello":
            self = .hello(
                protocolVersion: try container.decodeIfPresent(Int.self, forKey: .protocolVersion),
                plugin: try container.decodeIfPresent(String.self, forKey: .plugin))
        case "outcome":
            do {
                self = .outcome(try PluginOutcomeMessage(from: decoder))
            } catch let unusable as PluginOutcomeMessage.UnusableStatus {
                self = .invalidOutcome(problem: unusable.problem)
            }
        case "describe": self = .describe(try PluginDescription(from: decoder))
        case "secret": self = .secret(try container.decodeIfPresent(String.self, forKey: .value))
        case "log": self = .log(try container.decodeIfPresent(String.self, forKey: .message))
        case "done": self = .done
        default: self = .unknown(type: type)
        }
    }

    /// `true` for `outcome` messages, usable or not (they count towards ``PluginLimits/maxOutcomes``).
    public var isOutcome: Bool {
        switch self {
        case .outcome, .invalidOutcome: true
        default: false
        }
    }
}
