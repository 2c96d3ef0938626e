/// Why ``ClientFactsReader`` could not read a client release's facts; ``description`` is one line
/// that says what happened and what to do.
public struct ClientFactsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a small closed set (for tests and exit statuses).
    public enum Kind: String, Hashable, Sendable {
        /// The client is neither `cvat-sdk` nor `cvat-cli`.
        case unknownClient
        /// The version is a development build; only PyPI releases can be installed.
        case notARelease
        /// No bundled `backends/` folder, or it lacks `cvat-sdk/describe_client.py` or `../scripts/sdk-venv.sh`.
        case missingBackends
        /// PyPI has no such release of the package.
        case noSuchRelease
        /// The cached venv could not be created (no Python, no network, pip failed).
        case noVenv
        /// `describe_client.py` failed or printed no JSON object the reader understands.
        case badOutput
        /// The venv holds another package or release than the one asked for.
        case mismatch
    }

    /// What went wrong.
    public var kind: Kind
    /// The one-line message.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
