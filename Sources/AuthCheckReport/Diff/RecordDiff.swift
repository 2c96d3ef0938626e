import AuthCheckCore

/// What changed between a baseline run record and a new one, case by case.
///
/// Cases are matched by target, backend, probe and case name (``CaseIdentity``: the name without the
/// server version, so an upgrade renames nothing). A case is *failing* when its status is `fail` or
/// `error`, and *checked* when it passed or is failing. Every case gets exactly one ``Kind``; a server
/// upgrade of its suite is a note on the entry (``Entry/upgrade``), never a second listing.
public struct RecordDiff: Hashable, Sendable {
    /// How one case moved between the runs; each case has exactly one.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Failing now; passing, skipped or absent in the baseline: a regression.
        case newFailure = "new-failure"
        /// Failing in both runs, but the cause id (or fail ↔ error) changed: the old fix will not help.
        case causeChanged = "cause-changed"
        /// Failing in the baseline, passing now.
        case fixed
        /// Checked in the baseline (pass, fail or error), skipped or absent now: coverage lost.
        case lostCoverage = "lost-coverage"
        /// Failing in both runs with the same status and cause.
        case stillFailing = "still-failing"
        /// Skipped in the baseline and absent now: nothing was checked either time.
        case removed
        /// Not failing in either run and no coverage lost (pass → pass, skipped → pass, new passes, …).
        case unchanged
    }

    /// One case, matched across the runs.
    public struct Entry: Hashable, Sendable, Codable {
        public var key: CaseKey
        public var kind: Kind
        public var oldStatus: OutcomeStatus?
        public var newStatus: OutcomeStatus?
        /// The diagnosis cause id in the baseline, when the case named one.
        public var oldCause: String?
        /// The diagnosis cause id now, when the case names one.
        public var newCause: String?
        /// The server versions of the suite, when they differ between the runs.
        public var upgrade: VersionChange?

        public init(
            key: CaseKey, kind: Kind, oldStatus: OutcomeStatus?, newStatus: OutcomeStatus?, oldCause: String? = nil, newCause: String? = nil,
            upgrade: VersionChange? = nil
        ) {
            self.key = key
            self.kind = kind
            self.oldStatus = oldStatus
            self.newStatus = newStatus
            self.oldCause = oldCause
            self.newCause = newCause
            self.upgrade = upgrade
        }

        /// `true` when the status changed and the server version changed with it.
        public var changedAfterUpgrade: Bool { upgrade != nil && oldStatus != newStatus }

        enum CodingKeys: String, CodingKey {
            case key, kind
            case oldStatus = "old_status"
            case newStatus = "new_status"
            case oldCause = "old_cause"
            case newCause = "new_cause"
            case upgrade
        }
    }

    /// Identifies one case across runs (build it with ``CaseIdentity/key(_:_:)``).
    public struct CaseKey: Hashable, Sendable, Codable, Comparable {
        public var target: String
        public var backend: String
        public var probe: String
        public var name: String

        public init(target: String, backend: String, probe: String, name: String) {
            self.target = target
            self.backend = backend
            self.probe = probe
            self.name = name
        }

        public static func < (lhs: CaseKey, rhs: CaseKey) -> Bool {
            (lhs.target, lhs.backend, lhs.probe, lhs.name) < (rhs.target, rhs.backend, rhs.probe, rhs.name)
        }

        /// `target [backend]`: the suite the case belongs to.
        public var suiteLabel: String { backend == "native" ? target : "\(target) [\(backend)]" }

        /// `target [backend] — probe: name`, for text views.
        public var label: String {
            suiteLabel + " — " + (name.isEmpty || name == probe ? probe : "\(probe): \(name)")
        }
    }

    /// A server version change of one suite.
    public struct VersionChange: Hashable, Sendable, Codable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// Every case of both runs, sorted by key.
    public private(set) var entries: [Entry]
    /// Suites whose server version changed, keyed by `target [backend]` label.
    public private(set) var upgrades: [String: VersionChange]
    private var lookup: [CaseKey: Entry]
    /// The current server version per suite label, to find entries by the raw names of the current run.
    private var currentVersions: [String: String]

    /// Compares `baseline` (older) with `current`.
    public init(baseline: RunRecord, current: RunRecord) {
        var old: [CaseKey: Outcome] = [:]
        var oldVersion: [String: String] = [:]
        for suite in baseline.suites {
            if let version = suite.serverVersion { oldVersion[suite.label] = version }
            for outcome in suite.outcomes {
                let key = CaseIdentity.key(suite, outcome)
                if old[key] == nil { old[key] = outcome }
            }
        }
        var upgrades: [String: VersionChange] = [:]
        var currentVersions: [String: String] = [:]
        var entries: [Entry] = []
        var seen: Set<CaseKey> = []
        for suite in current.suites {
            var upgrade: VersionChange?
            if let version = suite.serverVersion { currentVersions[suite.label] = version }
            if let before = oldVersion[suite.label], let after = suite.serverVersion, before != after {
                upgrade = VersionChange(from: before, to: after)
                upgrades[suite.label] = upgrade
            }
            for outcome in suite.outcomes {
                let key = CaseIdentity.key(suite, outcome)
                guard seen.insert(key).inserted else { continue }
                let before = old[key]
                entries.append(
                    Entry(
                        key: key, kind: Self.classify(old: before, new: outcome), oldStatus: before?.status, newStatus: outcome.status,
                        oldCause: before?.cause, newCause: outcome.cause, upgrade: upgrade))
            }
        }
        for (key, before) in old where !seen.contains(key) {
            entries.append(
                Entry(
                    key: key, kind: Self.classify(old: before, new: nil), oldStatus: before.status, newStatus: nil, oldCause: before.cause,
                    upgrade: upgrades[key.suiteLabel]))
        }
        self.entries = entries.sorted { $0.key < $1.key }
        self.upgrades = upgrades
        self.currentVersions = currentVersions
        self.lookup = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func isFailing(_ status: OutcomeStatus?) -> Bool { status == .fail || status == .error }

    /// The one kind of a case that was `old` in the baseline and is `new` now (`nil`: absent).
    static func classify(old: Outcome?, new: Outcome?) -> Kind {
        let before = old?.status
        let after = new?.status
        switch (isFailing(before), isFailing(after)) {
        case (false, true): return .newFailure
        case (true, true): return before == after && old?.cause == new?.cause ? .stillFailing : .causeChanged
        case (true, false): return after == .pass ? .fixed : .lostCoverage
        case (false, false):
            if before == .pass, after != .pass { return .lostCoverage }
            if before == .skipped, after == nil { return .removed }
            return .unchanged
        }
    }

    /// The entries of one kind, sorted by key.
    public func entries(_ kind: Kind) -> [Entry] { entries.filter { $0.kind == kind } }

    public var newFailures: [Entry] { entries(.newFailure) }
    public var causeChanged: [Entry] { entries(.causeChanged) }
    public var fixed: [Entry] { entries(.fixed) }
    public var lostCoverage: [Entry] { entries(.lostCoverage) }
    public var stillFailing: [Entry] { entries(.stillFailing) }
    public var removed: [Entry] { entries(.removed) }
    /// Cases whose status changed in a suite whose server version changed. An index over the kinds
    /// above (each of these entries is also one of them), kept for readers of the JSON `diff` object;
    /// the views list each case once, under its kind, with the upgrade as a note.
    public var changedAfterUpgrade: [Entry] { entries.filter(\.changedAfterUpgrade) }

    /// The entry for a case, by its ``CaseIdentity`` key or by the raw name the current run gave it.
    public func entry(for key: CaseKey) -> Entry? {
        if let entry = lookup[key] { return entry }
        var stable = key
        stable.name = CaseIdentity.name(key.name, probe: key.probe, serverVersion: currentVersions[key.suiteLabel])
        return stable == key ? nil : lookup[stable]
    }

    /// `true` when something that passed or was untested before fails now (cause changes are listed,
    /// but a case that was already failing is not a regression for `--fail-on new`).
    public var hasRegressions: Bool { !newFailures.isEmpty }
}
