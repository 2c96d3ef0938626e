/// A defect of stock CVAT releases: one endpoint answers wrongly on every deployment of a release range.
///
/// Declared in a server profile under `defects:` (docs/PROFILES.md). A probe that gets exactly this
/// answer (method, endpoint, status and — when given — the text in the body) on a server inside
/// ``versions`` reports the defect by name as an expected failure; a different answer, or a release
/// outside the range, is judged as usual — so the day the answer changes, the check speaks again.
public struct KnownDefect: Hashable, Sendable, Codable {
    /// The releases that carry the defect, e.g. `">=2.24.0 <2.46.0"`.
    public var versions: VersionRange
    /// The request method (`POST`).
    public var method: String
    /// The endpoint role (`signing`); the path comes from the profile's `endpoints:`.
    public var endpoint: EndpointRole
    /// Whether only authenticated requests get the defective answer (anonymous ones are refused first).
    public var authenticated: Bool
    /// The defective answer's status (`500`).
    public var status: Int
    /// Text the defective answer's body contains (an HTML title, a `detail`), if any.
    public var text: String?
    /// One line: what goes wrong and what it means for clients.
    public var summary: String
    /// Where the defect is documented (an upstream issue or PR, a record).
    public var source: String

    public init(
        versions: VersionRange, method: String, endpoint: EndpointRole, authenticated: Bool = false, status: Int,
        text: String? = nil, summary: String, source: String
    ) {
        self.versions = versions
        self.method = method
        self.endpoint = endpoint
        self.authenticated = authenticated
        self.status = status
        self.text = text
        self.summary = summary
        self.source = source
    }

    enum CodingKeys: String, CodingKey { case versions, method, endpoint, authenticated, status, text, summary, source }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        versions = try c.decode(VersionRange.self, forKey: .versions)
        method = try c.decode(String.self, forKey: .method).uppercased()
        let role = try c.decode(String.self, forKey: .endpoint)
        guard let endpoint = EndpointRole(rawValue: role) else {
            throw DecodingError.dataCorruptedError(forKey: .endpoint, in: c, debugDescription: "unknown endpoint role '\(role)'")
        }
        self.endpoint = endpoint
        authenticated = try c.decodeIfPresent(Bool.self, forKey: .authenticated) ?? false
        status = try c.decode(Int.self, forKey: .status)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        summary = try c.decode(String.self, forKey: .summary)
        source = try c.decode(String.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(versions, forKey: .versions)
        try c.encode(method, forKey: .method)
        try c.encode(endpoint.rawValue, forKey: .endpoint)
        try c.encode(authenticated, forKey: .authenticated)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(text, forKey: .text)
        try c.encode(summary, forKey: .summary)
        try c.encode(source, forKey: .source)
    }

    /// Whether an answer is this defect's: same method and path, same status, the text if one is given.
    public func matches(method: String, path: String, status: Int, body: String, server: CVATVersion?, profile: ServerProfile) -> Bool {
        guard method.uppercased() == self.method, status == self.status else { return false }
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        guard bare == profile.endpoint(endpoint) else { return false }
        if let server, !versions.contains(server) { return false }
        if let text, !body.contains(text) { return false }
        return true
    }
}
