/// The server-version check every cvat-sdk release runs in `make_client` (`Client.check_server_version`):
/// release X.Y accepts a server `~= X.Y.0` or `~= X.(Y+1).0` (PEP 440 compatible release, so
/// development builds never match) and otherwise logs
/// `Server version '…' is not compatible with SDK version '…'. Some SDK functions may not work
/// properly with this server. …` — a warning only (the SDK goes on).
///
/// ``ClientProfile/versionWindow`` is the number of minors above its own that a release accepts (1 for
/// every release through 2.80). This type answers per release and per line.
public struct ClientVersionWindow: Hashable, Sendable {
    /// The client line.
    public var profile: ClientProfile

    public init(_ profile: ClientProfile) { self.profile = profile }

    /// The first words of the warning cvat-sdk logs (then "Some SDK functions may not work properly …").
    public static func warning(server: CVATVersion, client: CVATVersion) -> String {
        "Server version '\(server)' is not compatible with SDK version '\(client)'"
    }

    /// One sentence for a server: which client releases stay silent (with the window every release
    /// through 2.80 has, one minor), e.g. "client releases other than 2.63.x and 2.64.x log …".
    public static func summary(server: CVATVersion, window: Int = 1) -> String {
        let quote = "\"Server version '\(server)' is not compatible with SDK version '<release>'\""
        guard !server.isDevelopment else {
            return "every cvat-sdk/cvat-cli release logs \(quote) against a development build (a warning only; the SDK goes on)"
        }
        let first = max(0, server.minor - window)
        let silent = first == server.minor ? "\(server.major).\(first).x" : "\(server.major).\(first).x–\(server.major).\(server.minor).x"
        return "cvat-sdk/cvat-cli releases other than \(silent) log \(quote) (a warning only; the SDK goes on)"
    }

    /// Whether the client release `client` logs the warning against `server`.
    public func warns(release client: CVATVersion, server: CVATVersion) -> Bool {
        guard !server.isDevelopment, server.major == client.major else { return true }
        return !(client.minor...(client.minor + max(0, profile.versionWindow))).contains(server.minor)
    }

    /// The minors of this line whose releases accept `server` silently (empty when every release warns).
    public func silentMinors(server: CVATVersion) -> ClosedRange<Int>? {
        guard let lower = profile.versions.lowerBound?.version, !server.isDevelopment, server.major == lower.major else { return nil }
        let first = max(lower.minor, server.minor - max(0, profile.versionWindow))
        let last = min(server.minor, lastMinor ?? server.minor)
        return first <= last ? first...last : nil
    }

    /// The minor of the line's last release (`29` for `<2.30.0`); `nil` for a line without an upper bound.
    var lastMinor: Int? {
        profile.versions.upperBound.map { $0.inclusive ? $0.version.minor : $0.version.minor - ($0.version.patch == 0 ? 1 : 0) }
    }

    /// What the line's releases do: `nil` when none warns; otherwise the warning and which releases log it.
    public func warning(server: CVATVersion) -> String? {
        guard let lower = profile.versions.lowerBound?.version else { return nil }
        let quote = "\"Server version '\(server)' is not compatible with SDK version '<release>'\""
        guard let silent = silentMinors(server: server) else {
            return "every release of \(profile.label) logs \(quote) (a warning only; the SDK goes on)"
        }
        if silent.lowerBound == lower.minor, let lastMinor, silent.upperBound == lastMinor { return nil }
        let quiet =
            silent.lowerBound == silent.upperBound
            ? "\(lower.major).\(silent.lowerBound).x" : "\(lower.major).\(silent.lowerBound).x–\(lower.major).\(silent.upperBound).x"
        return "releases of \(profile.label) other than \(quiet) log \(quote) (a warning only; the SDK goes on)"
    }
}
