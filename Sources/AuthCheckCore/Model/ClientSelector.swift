/// Names a client the user cares about: `cvat-sdk@2.41` (the release line holding 2.41),
/// `cvat-cli@2.48.1`, or a whole package (`cvat-sdk`, every line).
///
/// Written in a targets file (`clients: [cvat-sdk@2.41, cvat-cli@2.48]`) or on the
/// command line. A predicted break of a selected client fails the run; without any selection, the
/// lines at or below the server's release are selected.
public struct ClientSelector: Hashable, Sendable, TextCodable {
    /// The client package: `cvat-sdk` or `cvat-cli`.
    public var client: String
    /// A release in the line meant; `nil` selects every line of the package.
    public var version: CVATVersion?

    public init(client: String, version: CVATVersion? = nil) {
        self.client = client
        self.version = version
    }

    /// Why a selector text cannot be parsed.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var text: String
        public var problem: String
        public var description: String { "client '\(text)': \(problem)" }
    }

    /// Parses `NAME` or `NAME@X.Y[.Z]`.
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmedSpaces
        let parts = trimmed.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw ParseError(text: text, problem: "expected a client name and a release, e.g. cvat-sdk@2.41")
        }
        var version: CVATVersion?
        if parts.count == 2 {
            guard let parsed = CVATVersion(parts[1]), !parsed.isDevelopment else {
                throw ParseError(text: text, problem: "'\(parts[1])' is not a release such as 2.41 or 2.41.0")
            }
            version = parsed
        }
        self.init(client: name, version: version)
    }

    /// Whether a client line (package and release range) is selected by this selector.
    public func selects(client line: String, versions: VersionRange) -> Bool {
        guard line == client else { return false }
        guard let version else { return true }
        return versions.contains(version)
    }

    /// `cvat-sdk@2.41` as written (the version as given, patch omitted when zero and not written).
    public var description: String {
        guard let version else { return client }
        return "\(client)@\(version.patch == 0 ? version.line : version.description)"
    }
}
