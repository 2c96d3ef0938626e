/// What `profiles draft --target` observed on a live server: the version it reports, the profile
/// facts in the shape of a server profile, what it could not observe (each a `todo:` line of the draft),
/// and one line per observation saying which request showed it.
public struct ObservedServerFacts: Hashable, Sendable {
    /// The version `/api/server/about` reported (or the one given with `--server-version`).
    public var version: CVATVersion
    /// The observed facts, keys as in a server profile file (`auth`, `about`, `login`, `cookies`, …).
    public var facts: DraftNode
    /// Facts that could not be observed, each with why.
    public var todo: [String]
    /// `GET /api/users/self (Authorization: Token …) → 200` for each fact, in request order.
    public var evidence: [String]

    public init(version: CVATVersion, facts: DraftNode, todo: [String], evidence: [String]) {
        self.version = version
        self.facts = facts
        self.todo = todo
        self.evidence = evidence
    }
}
