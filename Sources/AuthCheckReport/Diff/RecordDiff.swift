import AuthCheckCore

/// What changed between a baseline run record and a new one, case by case.
///
/// Cases are matched by target, backend, probe and case name. A case is *failing* when its status is
/// `fail` or `error`. When a suite's server version differs between the runs, every case whose status
/// changed is also listed as *changed after a server upgrade*.
public struct RecordDiff: Hashable, Sendable {
    /// How one case moved between the runs.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Failing now, not failing (or absent) in the baseline: a regression.
        case newFailure = "new-failure"
        /// Failing in the baseline, passing or skipped now.
        case fixed
        /// Failing in both runs.
        case stillFailing = "still-failing"
        /// Not failing in either run (may still have changed between pass and skipped).
        case unchanged
        /// In the baseline only.
        case removed
    }

    /// One case, matched across the runs.
    public struct Entry: Hashable, Sendable, Codable {
        public var key: CaseKey
        public var kind: Kind
        public var oldStatus: OutcomeStatus?
        public var newStatus: OutcomeStatus?
        /// The server versions of the suite, when they differ between the runs.
        public var upgrade: VersionChange?

        /// `true` when the status changed and the server version changed with it.
        public var changedAfterUpgrade: Bool { upgrade != nil && oldStatus != newStatus }

        enum CodingKeys: String, CodingKey {
            case key, kind
            case oldStatus = "old_status"
            case newStatus = "new_status"
            case upgrade
        }
    }

    /// Identifies one case across runs.
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

        /// `target [backend] probe: name`, for text views.
        public var label: String {
            (backend == "native" ? target : "\(target) [\(backend)]") + " — \(probe): \(name)"
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

    /// Compares `baseline` (older) with `current`.
    public init(baseline: RunRecord, current: RunRecord) {
        func key(_ suite: SuiteRecord, _ outcome: Outcome) -> CaseKey {
            CaseKey(target: suite.target, backend: suite.backend.description, probe: outcome.probe, name: outcome.name)
        }
        func suiteKey(_ suite: SuiteRecord) -> String { suite.label }
        var oldStatus: [CaseKey: OutcomeStatus] = [:]
        var oldVersion: [String: String] = [:]
        for suite in baseline.suites {
            if let version = suite.serverVersion { oldVersion[suiteKey(suite)] = version }
            for outcome in suite.outcomes { oldStatus[key(suite, outcome)] = outcome.status }
        }
        var upgrades: [String: VersionChange] = [:]
        var entries: [Entry] = []
        var seen: Set<CaseKey> = []
        for suite in current.suites {
            let label = suiteKey(suite)
            var upgrade: VersionChange?
            if let before = oldVersion[label], let after = suite.serverVersion, before != after {
                upgrade = VersionChange(from: before, to: after)
                upgrades[label] = upgrade
            }
            for outcome in suite.outcomes {
                let caseKey = key(suite, outcome)
                guard seen.insert(caseKey).inserted else { continue }
                let old = oldStatus[caseKey]
                entries.append(
                    Entry(
                        key: caseKey, kind: Self.classify(old: old, new: outcome.status), oldStatus: old, newStatus: outcome.status, upgrade: upgrade)
                )
            }
        }
        for (caseKey, old) in oldStatus where !seen.contains(caseKey) {
            entries.append(Entry(key: caseKey, kind: .removed, oldStatus: old, newStatus: nil, upgrade: nil))
        }
        self.entries = entries.sorted { $0.key < $1.key }
        self.upgrades = upgrades
        self.lookup = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func isFailing(_ status: OutcomeStatus?) -> Bool { status == .fail || status == .error }

    static func classify(old: OutcomeStatus?, new: OutcomeStatus) -> Kind {
        switch (isFailing(old), isFailing(new)) {
        case (false, true): .newFailure
        case (true, true): .stillFailing
        case (true, false): .fixed
        case (false, false): .unchanged
        }
    }

    public var newFailures: [Entry] { entries.filter { $0.kind == .newFailure } }
    public var fixed: [Entry] { entries.filter { $0.kind == .fixed } }
    public var stillFailing: [Entry] { entries.filter { $0.kind == .stillFailing } }
    public var removed: [Entry] { entries.filter { $0.kind == .removed } }
    /// Cases whose status changed in a suite whose server version changed.
    public var changedAfterUpgrade: [Entry] { entries.filter(\.changedAfterUpgrade) }

    /// The entry for a case of the current run, if any.
    public func entry(for key: CaseKey) -> Entry? { lookup[key] }

    /// `true` when nothing regressed.
    public var hasRegressions: Bool { !newFailures.isEmpty }
}
