/// One emulated CVAT release line: the first release of a range whose auth behaviour differs from
/// the previous range, with the features that apply from it on.
struct ReleaseLine: Sendable, Hashable, Comparable, CustomStringConvertible {
    let major: Int
    let minor: Int

    /// Every emulated line, oldest first.
    static let all: [ReleaseLine] = [
        .init(major: 2, minor: 24), .init(major: 2, minor: 30), .init(major: 2, minor: 41),
        .init(major: 2, minor: 42), .init(major: 2, minor: 46), .init(major: 2, minor: 48),
        .init(major: 2, minor: 49), .init(major: 2, minor: 63), .init(major: 2, minor: 70),
        .init(major: 2, minor: 80),
    ]

    var description: String { "\(major).\(minor)" }

    static func < (lhs: ReleaseLine, rhs: ReleaseLine) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// The newest line at or below `version`; `nil` below 2.24.
    static func line(for version: ReleaseVersion) -> ReleaseLine? {
        all.last { ($0.major, $0.minor) <= (version.major, version.minor) }
    }

    private func atLeast(_ minor: Int) -> Bool { self >= ReleaseLine(major: 2, minor: minor) }

    /// `/api/server/about` has `logo_url` and `subtitle` (2.30+).
    var aboutHasLogo: Bool { atLeast(30) }
    /// Schema describes token auth as deprecated and adds `csrfHeaderAuth` (2.41+).
    var tokenDeprecatedInSchema: Bool { atLeast(41) }
    /// Basic auth refuses unverified e-mail when verification is mandatory (2.42+).
    var basicChecksEmailVerification: Bool { atLeast(42) }
    /// URL signing (`?sign=`, `POST /api/auth/signing`) exists (up to 2.45).
    var hasSigning: Bool { !atLeast(46) }
    /// Personal access tokens and `Bearer` auth exist (2.48+).
    var hasAccessTokens: Bool { atLeast(48) }
    /// `GET /api/auth/access_tokens` honours the `owner` filter (2.48 only; removed in 2.49).
    var accessTokenOwnerFilter: Bool { hasAccessTokens && !atLeast(49) }
    /// New passwords must be 8 to 256 characters (2.63+).
    var passwordLengthRule: Bool { atLeast(63) }
    /// Project bodies carry `organization_id` (seen on 2.64; emulated from the 2.63 line).
    var projectHasOrganizationID: Bool { atLeast(63) }
}

/// A parsed CVAT version `X.Y.Z` (an optional `.devN`/other suffix is kept but ignored for ordering).
struct ReleaseVersion: Sendable, Hashable {
    let major: Int
    let minor: Int
    let patch: Int

    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, let major = Int(parts[0]), let minor = Int(parts[1]), let patch = Int(parts[2]),
            major >= 0, minor >= 0, patch >= 0
        else { return nil }
        if parts.count > 3, parts[3...].contains(where: \.isEmpty) { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
    }
}
