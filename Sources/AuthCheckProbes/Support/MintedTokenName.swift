import AuthCheckCore
import Foundation

/// The name of a personal access token the checker mints, and what a name found on a server says
/// about the run that minted it.
///
/// `cvat-authcheck-<run>-<nonce>-<purpose>-<hold>s`, e.g. `cvat-authcheck-3f9a2c1b-07d2-logout-400s`
/// (at most 50 characters, the length CVAT's token names allow): the run's id (``ProbeContext/runID``),
/// four hex digits that keep two targets of one run on one account apart, what the token is for, and
/// the **hold**: how many seconds after its creation the minting run may still use it (its per-target
/// deadline plus time for the cleanup). After that no run uses it any more, so a later run may revoke
/// it as a leftover; before that it may belong to a run still going on (two CI pipelines on one
/// account), and it is left alone. Names of earlier releases of the checker
/// (`cvat-authcheck-<8 hex>`, `cvat-authcheck-logout-<8 hex>`) carry no run and no hold: they count
/// as the checker's with ``legacyHold``. Any other name, also one starting with `cvat-authcheck-`
/// (a token the user made for the checker, e.g. `cvat-authcheck-nightly`), is not one the checker minted.
struct MintedTokenName: Hashable, Sendable {
    /// What a minted token is for.
    enum Purpose: String, Sendable {
        /// `access-token.lifecycle`'s token: created, used, revoked.
        case lifecycle
        /// `logout.invalidates`'s token that must survive the logout.
        case logout
    }

    /// The prefix of every name the checker mints.
    static let prefix = "cvat-authcheck-"
    /// The hold assumed for names of earlier releases, which do not carry one: one hour.
    static let legacyHold = 3600

    /// The minting run's id; `nil` for a name of an earlier release.
    var runID: String?
    var purpose: Purpose
    /// Seconds after its creation during which the minting run may still use the token.
    var holdSeconds: Int
    /// The name itself.
    var text: String

    /// A new name for a token of run `runID`.
    init(runID: String, purpose: Purpose, holdSeconds: Int) {
        let nonce = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        self.runID = runID
        self.purpose = purpose
        self.holdSeconds = holdSeconds
        text = "\(Self.prefix)\(runID)-\(String(repeating: "0", count: 4 - nonce.count))\(nonce)-\(purpose.rawValue)-\(holdSeconds)s"
    }

    private init(runID: String?, purpose: Purpose, holdSeconds: Int, text: String) {
        self.runID = runID
        self.purpose = purpose
        self.holdSeconds = holdSeconds
        self.text = text
    }

    /// The checker's name `text` decoded, or `nil` when the checker did not mint it.
    static func parse(_ text: String) -> MintedTokenName? {
        guard text.hasPrefix(prefix) else { return nil }
        let parts = text.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func hex(_ part: String, _ count: Int) -> Bool { part.count == count && part.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
        switch parts.count {
        case 1 where hex(parts[0], 8):
            return MintedTokenName(runID: nil, purpose: .lifecycle, holdSeconds: legacyHold, text: text)
        case 2 where parts[0] == Purpose.logout.rawValue && hex(parts[1], 8):
            return MintedTokenName(runID: nil, purpose: .logout, holdSeconds: legacyHold, text: text)
        case 4 where hex(parts[0], 8) && hex(parts[1], 4):
            guard let purpose = Purpose(rawValue: parts[2]), parts[3].hasSuffix("s"), let hold = Int(parts[3].dropLast()), hold >= 0,
                String(hold) + "s" == parts[3]
            else { return nil }
            return MintedTokenName(runID: parts[0], purpose: purpose, holdSeconds: hold, text: text)
        default:
            return nil
        }
    }

    /// Whether a token of this name created at `created` may no longer be in use by the run that minted
    /// it, at the server's time `now`.
    func isLeftover(created: Date, now: Date) -> Bool {
        now.timeIntervalSince(created) >= Double(holdSeconds)
    }

    /// The hold of this run's tokens: the per-target deadline, ten request timeouts for the cleanup
    /// (each revocation tries at most the session, the legacy token, Basic, a listing by name and a fresh
    /// login, revocation and logout), and a minute to spare.
    static func hold(for options: RunOptions) -> Int {
        Int((options.targetDeadline + 10 * options.requestTimeout + 60).rounded(.up))
    }

    /// The `expiry_date` of a token minted now with `hold`: an hour after the hold ends, so a token that
    /// every cleanup missed still dies by itself, and a clock on the checker's machine that is behind the
    /// server's by less than an hour never makes a new token expire while it is in use.
    static func expiry(hold: Int, from now: Date = Date()) -> String {
        Date.ISO8601FormatStyle().format(now.addingTimeInterval(Double(hold + 3600)))
    }
}
