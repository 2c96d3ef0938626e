import AuthCheckCore
import Foundation
import Testing

@testable import AuthCheckProbes

/// The names the checker gives its personal access tokens, and how a later run sorts the tokens it
/// finds on the account: the user's, the checker's own, leftovers of finished runs, and tokens a run
/// still going on may be using.
@Suite("Minted token names and the account's tokens")
struct AccountTokensTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Date {
        utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    }

    @Test("a new name carries the run, the purpose and the hold, reads back, and fits CVAT's 50 characters at the longest hold")
    func newNames() throws {
        let longest = MintedTokenName.hold(for: RunOptions(requestTimeout: 3600, targetDeadline: 86_400))
        for purpose in [MintedTokenName.Purpose.lifecycle, .logout] {
            let name = MintedTokenName(runID: "3f9a2c1b", purpose: purpose, holdSeconds: longest)
            #expect(name.text.count <= 50, "\(name.text)")
            #expect(name.text.hasPrefix("cvat-authcheck-3f9a2c1b-"))
            let parsed = try #require(MintedTokenName.parse(name.text))
            #expect(parsed.runID == "3f9a2c1b")
            #expect(parsed.purpose == purpose)
            #expect(parsed.holdSeconds == longest)
        }
        // Two tokens of one run (two targets on one account) never share a name... almost never: 16 bits.
        let names = Set((0..<20).map { _ in MintedTokenName(runID: "3f9a2c1b", purpose: .logout, holdSeconds: 400).text })
        #expect(names.count >= 19)
        // The default run: a 120 s deadline and 10 s requests hold a token for 120 + 100 + 60 s.
        #expect(MintedTokenName.hold(for: RunOptions()) == 280)
    }

    @Test(
        "names of earlier releases count as the checker's (with a one-hour hold); any other name is not one the checker minted",
        arguments: [
            // The real record 2.64.0-direct-password: the lifecycle token of that release.
            ("cvat-authcheck-414a5900", true),
            // Issue 16: what interrupted runs left.
            ("cvat-authcheck-logout-d937fa55", true),
            ("cvat-authcheck-3f9a2c1b-07d2-lifecycle-280s", true),
            ("cvat-authcheck-nightly", false),
            ("cvat-authcheck-414A5900", false),
            ("cvat-authcheck-3f9a2c1b-07d2-lifecycle-280", false),
            ("cvat-authcheck-3f9a2c1b-07d2-export-280s", false),
            ("cvat-authcheck-3f9a2c1b-07d2-logout-0280s", false),
            ("authcheck", false),
            ("nightly-export-bot", false),
        ])
    func recognised(name: String, minted: Bool) {
        let parsed = MintedTokenName.parse(name)
        #expect((parsed != nil) == minted, "\(name)")
        if minted, !name.hasSuffix("s") { #expect(parsed?.runID == nil && parsed?.holdSeconds == 3600) }
    }

    @Test("a token is a leftover once its hold has passed by the server's clock, not before")
    func leftoverRule() throws {
        let name = try #require(MintedTokenName.parse("cvat-authcheck-3f9a2c1b-07d2-logout-280s"))
        let created = Self.date(2026, 12, 1, 3, 0, 21)
        #expect(!name.isLeftover(created: created, now: created.addingTimeInterval(279)))
        #expect(name.isLeftover(created: created, now: created.addingTimeInterval(280)))
    }

    @Test("the server's clock: the Date header and created_date as real CVAT 2.64 sends them (record 2.64.0-direct-password)")
    func serverTime() {
        #expect(ServerTime.httpDate("Tue, 01 Dec 2026 03:00:21 GMT") == Self.date(2026, 12, 1, 3, 0, 21))
        // Fractions round up: a token's age is never overstated.
        #expect(ServerTime.iso("2026-12-01T03:00:21.816840Z") == Self.date(2026, 12, 1, 3, 0, 22))
        #expect(ServerTime.iso("2026-12-02T03:00:21Z") == Self.date(2026, 12, 2, 3, 0, 21))
        #expect(ServerTime.iso("2026-12-01T04:00:21+01:00") == Self.date(2026, 12, 1, 3, 0, 21))
        #expect(ServerTime.iso("yesterday") == nil)
        #expect(ServerTime.httpDate(nil) == nil)
    }

    @Test("the census: the user's tokens, the checker's, this run's, leftovers and a concurrent run's; who makes the account shared")
    func census() {
        let now = Self.date(2026, 12, 1, 12, 0, 0)
        func token(_ id: Int, _ name: String, age: TimeInterval?) -> AccountToken {
            AccountToken(id: id, name: name, created: age.map { now.addingTimeInterval(-$0) })
        }
        let survey = AccountSurvey(
            owned: [
                token(1, "nightly-export-bot", age: 86_400), token(2, "cvat-authcheck-nightly", age: 86_400), token(3, "ci-bot", age: 600),
                token(4, "cvat-authcheck-aaaaaaaa-0001-lifecycle-280s", age: 10),
                token(5, "cvat-authcheck-bbbbbbbb-0002-logout-280s", age: 7200), token(6, "cvat-authcheck-logout-d937fa55", age: 7200),
                token(7, "cvat-authcheck-cccccccc-0003-lifecycle-280s", age: 30), token(8, "cvat-authcheck-dddddddd-0004-logout-280s", age: nil),
            ],
            othersInList: 0, configuredTokenID: 3, now: now, evidence: [], observed: "")
        let census = survey.census(runID: "aaaaaaaa")
        #expect(census.others.map(\.id) == [1])
        #expect(census.forChecker.map(\.id) == [2, 3])
        #expect(census.thisRun.map(\.id) == [4])
        #expect(census.leftovers.map(\.token.id) == [5, 6])
        // Within its hold, or of unknown age: a run may be using it right now.
        #expect(census.concurrent.map(\.token.id) == [7, 8])
        guard case .shared(let seen) = ProbeContext.dedication(of: census, now: now) else {
            Issue.record("an account with the user's own token is shared")
            return
        }
        #expect(seen.contains("'nightly-export-bot'"))

        var onlyChecker = census
        onlyChecker.others = []
        guard case .shared(let running) = ProbeContext.dedication(of: onlyChecker, now: now) else {
            Issue.record("an account another run is using right now is shared")
            return
        }
        #expect(running.contains("another run of the checker"))
        onlyChecker.concurrent = []
        #expect(ProbeContext.dedication(of: onlyChecker, now: now).isDedicated)
    }
}
