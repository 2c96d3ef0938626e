import AuthCheckCore

/// Outcomes grouped by what explains them: one cause with its remedy, then the cases, targets, probes
/// and client lines it explains. The Markdown and HTML reports lead with these groups, so a fault seen
/// by many probes on many targets is written out once.
///
/// Cases with the same cause id form one group (or, without an id, the same cause text and remedy);
/// when the remedy differs between targets (a server without personal access tokens is not told to use
/// one) the group keeps each remedy with the targets it is for. Cases without a diagnosis are grouped
/// by their status and message (`not run: the server version is unknown…`). Groups come worst status
/// first (`fail` before `error`), deployment faults before what they do to the clients (groups made only
/// of client predictions), then in the order the record first shows them.
public struct CauseGroup: Hashable, Sendable {
    /// One case of the group.
    public struct Member: Hashable, Sendable {
        /// The target's name as the user wrote it.
        public var target: String
        public var backend: BackendSpec
        public var outcome: Outcome

        /// The target, plus ` [backend]` for a backend other than `native`.
        public var suiteLabel: String { backend.isNative ? target : "\(target) [\(backend)]" }
    }

    /// A probe and how many of the group's cases it produced.
    public struct ProbeCount: Hashable, Sendable {
        public var probe: String
        public var count: Int

        public init(probe: String, count: Int) {
            self.probe = probe
            self.count = count
        }
    }

    /// The client lines the group's cases predict for one auth mode, adjacent lines merged
    /// (`cvat-sdk 2.24–2.69`).
    public struct ClientLines: Hashable, Sendable {
        /// `password` or `access-token`.
        public var mode: String
        public var lines: [String]

        public init(mode: String, lines: [String]) {
            self.mode = mode
            self.lines = lines
        }
    }

    /// One remedy and the targets it is given for.
    public struct Remedy: Hashable, Sendable {
        public var text: String
        /// The targets, each once, in record order.
        public var targets: [String]

        public init(text: String, targets: [String]) {
            self.text = text
            self.targets = targets
        }
    }

    /// The diagnosis id (`set-cookie-stripped`), when the cases name one.
    public var cause: String?
    /// The cause in words (the first case's wording).
    public var causeText: String?
    /// How to fix it: usually one remedy; several when it depends on the target.
    public var remedies: [Remedy]
    /// For a group without a diagnosis: the message its cases share.
    public var message: String?
    /// The cases, in record order.
    public var members: [Member]

    /// `true` when the cases name a cause or a remedy.
    public var isDiagnosed: Bool { cause != nil || causeText != nil || !remedies.isEmpty }

    /// The headline: the cause in words, else its id, else the shared message.
    public var title: String { causeText ?? cause ?? message ?? "" }

    /// `true` when every case is a client prediction: the group says what a deployment fault does to the
    /// clients, so it is listed after the faults themselves.
    public var isClientConsequence: Bool { !members.isEmpty && members.allSatisfy { $0.outcome.prediction != nil } }

    /// The worst status among the cases.
    public var status: OutcomeStatus { members.map(\.outcome.status).max() ?? .pass }

    /// Cases per status.
    public var counts: [OutcomeStatus: Int] { members.reduce(into: [:]) { $0[$1.outcome.status, default: 0] += 1 } }

    /// The targets affected, each once, in record order.
    public var targets: [String] { Self.unique(members.map(\.target)) }

    /// The probes, each once in record order, with their case counts.
    public var probes: [ProbeCount] {
        Self.unique(members.map(\.outcome.probe)).map { probe in
            ProbeCount(probe: probe, count: members.count { $0.outcome.probe == probe })
        }
    }

    /// The client lines affected per auth mode (from the cases' typed predictions), adjacent release
    /// lines of one client merged; `knownLines` orders the lines and decides which are adjacent.
    public func clients(knownLines: [String]) -> [ClientLines] {
        let predictions = members.compactMap(\.outcome.prediction)
        return ClientPrediction.Mode.allCases.compactMap { mode in
            let lines = Self.unique(predictions.filter { $0.mode == mode }.map(\.line))
            return lines.isEmpty ? nil : ClientLines(mode: mode.rawValue, lines: ClientLineRuns.merge(lines, known: knownLines))
        }
    }

    /// The failing cases (`fail` and `error`) of `record`, grouped by cause.
    public static func failures(in record: RunRecord) -> [CauseGroup] {
        group(record) { $0.status == .fail || $0.status == .error }
    }

    /// The advice of `record` (passes that name a cause), grouped by cause.
    public static func advice(in record: RunRecord) -> [CauseGroup] {
        group(record, \.isAdvice)
    }

    /// Every client line the record's predictions name, in matrix order: the order that decides
    /// which lines are adjacent when a group's lines are merged.
    public static func knownLines(in record: RunRecord) -> [String] {
        ClientLineRuns.sorted(unique(record.outcomes.compactMap(\.prediction?.line)))
    }

    private struct Key: Hashable {
        var cause: String?
        var causeText: String?
        var remedy: String?
        var status: OutcomeStatus?
        var message: String?
    }

    /// Cause id, else cause text and remedy, else status and message.
    private static func key(_ outcome: Outcome) -> Key {
        if let cause = outcome.cause { return Key(cause: cause) }
        if outcome.causeText != nil || outcome.remedy != nil { return Key(causeText: outcome.causeText, remedy: outcome.remedy) }
        return Key(status: outcome.status, message: outcome.message)
    }

    private static func group(_ record: RunRecord, _ include: (Outcome) -> Bool) -> [CauseGroup] {
        var order: [Key] = []
        var groups: [Key: CauseGroup] = [:]
        for suite in record.suites {
            for outcome in suite.outcomes where include(outcome) {
                let key = key(outcome)
                if groups[key] == nil {
                    order.append(key)
                    let diagnosed = outcome.cause != nil || outcome.causeText != nil || outcome.remedy != nil
                    groups[key] = CauseGroup(
                        cause: outcome.cause, causeText: outcome.causeText, remedies: [], message: diagnosed ? nil : outcome.message, members: [])
                }
                groups[key]?.add(Member(target: suite.target, backend: suite.backend, outcome: outcome))
            }
        }
        let ranked = order.enumerated().compactMap { index, key in groups[key].map { (index, $0) } }
        return ranked.sorted { lhs, rhs in
            if lhs.1.status != rhs.1.status { return lhs.1.status > rhs.1.status }
            if lhs.1.isClientConsequence != rhs.1.isClientConsequence { return rhs.1.isClientConsequence }
            return lhs.0 < rhs.0
        }.map(\.1)
    }

    private mutating func add(_ member: Member) {
        members.append(member)
        if causeText == nil { causeText = member.outcome.causeText }
        guard let text = member.outcome.remedy else { return }
        if let index = remedies.firstIndex(where: { $0.text == text }) {
            if !remedies[index].targets.contains(member.target) { remedies[index].targets.append(member.target) }
        } else {
            remedies.append(Remedy(text: text, targets: [member.target]))
        }
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
