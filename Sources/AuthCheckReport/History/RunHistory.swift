import AuthCheckCore
import Foundation

/// The last N runs ("nights") side by side, as Allure's trend and history widgets show them: the
/// totals of each night, and per target × backend × probe (and case, where the cases of a probe do
/// not move together) one status per night with its flakiness, the number of status changes.
///
/// Nights are ordered by their start time, oldest first. Cases are matched across nights by
/// ``CaseIdentity`` (no server version in the name), so a strip continues across an upgrade, which
/// is marked on the night it happened.
public struct RunHistory: Hashable, Sendable {
    /// One run of the history.
    public struct Night: Hashable, Sendable {
        /// 1 for the oldest night shown.
        public var number: Int
        public var startedAt: Date
        /// The file the run was read from.
        public var file: String
        public var toolVersion: String
        public var interrupted: Bool
        /// Outcomes per status over every suite of the run.
        public var counts: [OutcomeStatus: Int]
        /// The suites whose server version differs from the one they had on their previous night.
        public var versionChanges: [VersionChange]
    }

    /// A suite's server version, changed between two of its nights.
    public struct VersionChange: Hashable, Sendable {
        /// `target [backend]`.
        public var suite: String
        public var from: String
        public var to: String

        public init(suite: String, from: String, to: String) {
            self.suite = suite
            self.from = from
            self.to = to
        }
    }

    /// One night of one row: the status, or `nil` when the case (or probe) was not in that run.
    public struct Cell: Hashable, Sendable {
        public var status: OutcomeStatus?
        /// The cause id of the (first) failing case, when one was named.
        public var cause: String?
        /// The suite's server version that night.
        public var serverVersion: String?
    }

    /// One strip: a probe (all its cases together) or one of its cases.
    public struct Row: Hashable, Sendable {
        public var probe: String
        /// The case, for case rows and for probes with a single case; `nil` for a probe's summary row.
        public var name: String?
        /// The cases the row stands for (1 for a case row).
        public var caseCount: Int
        /// One cell per night, oldest first.
        public var cells: [Cell]
        /// Status changes between consecutive nights the row was present (absent nights are skipped).
        public var flakiness: Int
        /// The case rows shown under a probe row: the cases whose status or presence changed, unless
        /// they all moved exactly as the probe row did.
        public var cases: [Row]
    }

    /// The history of one target × backend.
    public struct SuiteHistory: Hashable, Sendable {
        public var target: String
        public var backend: String
        /// The server version per night (`nil`: not in that run, or unknown).
        public var versions: [String?]
        /// The nights (indices into ``RunHistory/nights``) on which the server version changed.
        public var upgradeNights: Set<Int>
        public var probes: [Row]

        /// `target` for the native backend, `target [backend]` otherwise.
        public var label: String { backend == "native" ? target : "\(target) [\(backend)]" }

        /// The server versions in the order they were seen, each with the nights it ran
        /// (`night 2`, `nights 3–5`); nights without the suite or without a version are skipped.
        public var versionRuns: [(version: String, nights: String)] {
            var runs: [(version: String, first: Int, last: Int)] = []
            for (index, version) in versions.enumerated() {
                guard let version else { continue }
                if let open = runs.last, open.version == version {
                    runs[runs.count - 1].last = index + 1
                } else {
                    runs.append((version, index + 1, index + 1))
                }
            }
            return runs.map { run in (run.version, run.first == run.last ? "night \(run.first)" : "nights \(run.first)–\(run.last)") }
        }
    }

    /// The nights shown, oldest first.
    public private(set) var nights: [Night]
    /// Every target × backend seen in those nights, in the order of the newest run that has it.
    public private(set) var suites: [SuiteHistory]

    /// The history of `runs` (record and the file it came from), ordered by start time (equal start
    /// times keep the given order) and cut to the last `last` runs.
    public init(runs: [(record: RunRecord, file: String)], last: Int) {
        let ordered = runs.enumerated().sorted { ($0.element.record.startedAt, $0.offset) < ($1.element.record.startedAt, $1.offset) }
            .map(\.element).suffix(max(1, last))
        let records = Array(ordered)
        var suites: [SuiteHistory] = []
        var order: [String: Int] = [:]
        // The newest run decides the order; suites, probes and cases only in older runs follow.
        for run in records.reversed() {
            for suite in run.record.suites where order[suite.label] == nil {
                order[suite.label] = suites.count
                suites.append(Self.history(of: suite.target, backend: suite.backend.description, in: records.map(\.record)))
            }
        }
        self.suites = suites
        self.nights = records.enumerated().map { index, run in
            Night(
                number: index + 1, startedAt: run.record.startedAt, file: run.file, toolVersion: run.record.toolVersion,
                interrupted: run.record.interrupted, counts: run.record.counts,
                versionChanges: suites.filter { $0.upgradeNights.contains(index) }.map { suite in
                    VersionChange(
                        suite: suite.label, from: suite.versions[..<index].last { $0 != nil }.flatMap { $0 } ?? "unknown",
                        to: suite.versions[index] ?? "unknown")
                })
        }
    }

    /// The strips of one target × backend over `records`.
    static func history(of target: String, backend: String, in records: [RunRecord]) -> SuiteHistory {
        let perNight = records.map { record in record.suites.first { $0.target == target && $0.backend.description == backend } }
        let versions = perNight.map { $0?.serverVersion }
        var upgrades: Set<Int> = []
        var previous: String?
        for (index, version) in versions.enumerated() {
            guard let version else { continue }
            if let previous, previous != version { upgrades.insert(index) }
            previous = version
        }
        // Per night: the cases by key; the probe and case order of the newest night first.
        var probeOrder: [String] = []
        var caseOrder: [String: [String]] = [:]
        var byNight: [[RecordDiff.CaseKey: Outcome]] = Array(repeating: [:], count: records.count)
        for night in perNight.indices.reversed() {
            guard let suite = perNight[night] else { continue }
            for outcome in suite.outcomes {
                let key = CaseIdentity.key(suite, outcome)
                if byNight[night][key] == nil { byNight[night][key] = outcome }
                if caseOrder[key.probe] == nil {
                    probeOrder.append(key.probe)
                    caseOrder[key.probe] = []
                }
                if caseOrder[key.probe]?.contains(key.name) == false { caseOrder[key.probe]?.append(key.name) }
            }
        }
        let probes = probeOrder.map { probe -> Row in
            let names = caseOrder[probe] ?? []
            let caseRows = names.map { name -> Row in
                let key = RecordDiff.CaseKey(target: target, backend: backend, probe: probe, name: name)
                let cells = byNight.indices.map { night in
                    Cell(status: byNight[night][key]?.status, cause: byNight[night][key]?.cause, serverVersion: versions[night])
                }
                return Row(probe: probe, name: name, caseCount: 1, cells: cells, flakiness: flakiness(cells), cases: [])
            }
            if caseRows.count == 1 { return caseRows[0] }
            let cells = byNight.indices.map { night in
                aggregate(caseRows.map { $0.cells[night] }, serverVersion: versions[night])
            }
            // Case strips are shown where they tell more than the probe's: for the cases whose status
            // (or presence) moved, unless every case moved exactly as the probe did.
            let moved = caseRows.filter { Set($0.cells.map(\.status)).count > 1 }
            let together = caseRows.allSatisfy { $0.cells.map(\.status) == cells.map(\.status) }
            return Row(
                probe: probe, name: nil, caseCount: caseRows.count, cells: cells, flakiness: flakiness(cells), cases: together ? [] : moved)
        }
        return SuiteHistory(target: target, backend: backend, versions: versions, upgradeNights: upgrades, probes: probes)
    }

    /// A probe's night: `fail` when a case failed, else `error`, else `pass`, else `skipped`; absent
    /// when none of its cases ran. The cause is that of the first case with the chosen status.
    static func aggregate(_ cells: [Cell], serverVersion: String?) -> Cell {
        for status in [OutcomeStatus.fail, .error, .pass, .skipped] {
            if let first = cells.first(where: { $0.status == status }) {
                return Cell(status: status, cause: first.cause, serverVersion: serverVersion)
            }
        }
        return Cell(status: nil, cause: nil, serverVersion: serverVersion)
    }

    /// Status changes between consecutive present cells.
    static func flakiness(_ cells: [Cell]) -> Int {
        let present = cells.compactMap(\.status)
        return zip(present, present.dropFirst()).filter { $0 != $1 }.count
    }
}
