import Foundation
import Synchronization

/// The one user the emulator knows.
struct EmulatedUser: Sendable {
    let id = 1
    var username: String
    var email: String
    var password: String
    var firstName: String
    var lastName: String
    var emailVerified: Bool
    var isActive = true
    var dateJoined: Date
    var lastLogin: Date?

    /// Whether `identifier` names this user as Django's backends would (username exactly,
    /// e-mail case-insensitively).
    func isNamed(_ identifier: String) -> Bool {
        identifier == username || identifier.caseInsensitiveCompare(email) == .orderedSame
    }
}

/// A personal access token (2.48+).
struct AccessTokenRecord: Sendable {
    let id: Int
    var name: String
    let value: String
    let created: Date
    var updated: Date
    var expiry: Date?
    var lastUsed: Date?
    var readOnly: Bool
    var revoked = false

    /// `ACCESS_TOKEN_LAST_USE_UPDATE_MIN_INTERVAL`: two hours between `last_used_date` updates.
    static let lastUseUpdateInterval: TimeInterval = 2 * 60 * 60

    /// In `get_usable_keys()`: not revoked and not expired.
    func isUsable(at now: Date) -> Bool {
        !revoked && (expiry.map { $0 >= now } ?? true)
    }

    /// `AccessToken.update_last_use`: set on first use, then at most every two hours.
    mutating func recordUse(at now: Date) {
        if let lastUsed, now < lastUsed.addingTimeInterval(Self.lastUseUpdateInterval) { return }
        lastUsed = now
    }
}

/// A project made through `POST /api/projects`.
struct ProjectRecord: Sendable {
    let id: Int
    let name: String
    let created: Date
    /// The organization it was made in (`nil`: the sandbox).
    let organizationID: Int?
}

/// Everything the emulated server remembers between requests.
struct EmulatorState: Sendable {
    var user: EmulatedUser
    /// The user's DRF authtoken key: created by the first login, deleted by logout.
    var legacyToken: String?
    /// Django sessions: session key → user id.
    var sessions: [String: Int] = [:]
    var accessTokens: [AccessTokenRecord] = []
    var nextAccessTokenID = 1
    var projects: [ProjectRecord] = []
    var nextProjectID = 1
    /// DRF anonymous throttle history per client ident, newest first.
    var anonymousThrottle: [String: [Date]] = [:]
    /// The `rate-limit=N` fault's history per client ident, newest first.
    var proxyThrottle: [String: [Date]] = [:]
    /// Every secret the server handed out, in order: legacy keys, session keys, CSRF secrets, access
    /// token values (for tests that scan a client's output for them).
    var issuedSecrets: [String] = []

    /// The live access token with this value, if any (not revoked, not expired).
    func activeAccessTokenIndex(value: String, now: Date) -> Int? {
        accessTokens.firstIndex { $0.value == value && $0.isUsable(at: now) }
    }
}

/// Thread-safe holder of ``EmulatorState``.
final class EmulatorStore: Sendable {
    private let state: Mutex<EmulatorState>

    init(_ initial: EmulatorState) {
        state = Mutex(initial)
    }

    /// Runs `body` with exclusive access to the state.
    func with<Result: Sendable>(_ body: (inout EmulatorState) throws -> Result) rethrows -> Result {
        try state.withLock { try body(&$0) }
    }
}
