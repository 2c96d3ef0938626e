import AuthCheckCore
import AuthCheckProbes

/// The fails and errors of a run grouped by their cause, so the console states each fault once — its
/// cause and remedy — followed by the probes and targets it explains.
///
/// An outcome belongs to the group of its own cause, with two exceptions that follow the fault they
/// come from: a client prediction whose break follows from another probe's finding (the SDK's cookie
/// assertion, the refused Origin, the refused token) and an outcome without a cause (a probe that was
/// not run) join the most specific cause found on the same target, when there is one.
struct CauseGroup {
    /// One line of a group: the outcomes with the same status and the same message (for client
    /// predictions: the same auth mode and reason), on whichever targets and probes.
    struct Entry {
        var status: OutcomeStatus
        /// The message (for predictions, without the "<line>, <mode>: " prefix).
        var message: String
        /// The probes, in the order met, each with its case names (empty when the case is the probe itself).
        var probes: [(id: String, cases: [String])] = []
        /// The client lines whose predicted break this entry is, with the auth mode; empty otherwise.
        var predictedLines: [String] = []
        var mode: ClientPrediction.Mode?
        /// The targets (suite labels) it was seen on, in order.
        var targets: [String] = []
        var count = 0
    }

    /// The cause id from the diagnosis catalogue; `nil` for outcomes nobody diagnosed.
    var cause: String?
    /// The worst status among its outcomes (`fail` before `error`).
    var status: OutcomeStatus
    /// The distinct cause texts and remedies its own outcomes give (usually one of each).
    var causeTexts: [String] = []
    var remedies: [String] = []
    /// The targets (suite labels) it explains, in run order.
    var targets: [String] = []
    var entries: [Entry] = []
    /// The outcomes it explains.
    var count = 0

    /// The diagnoses of client predictions that follow from another probe's finding on the same target.
    static let consequences: Set<String> = [
        DiagnosisCatalog.sdkCookieAssert.id, DiagnosisCatalog.sdkOriginRefused.id, DiagnosisCatalog.sdkTokenRefused.id,
    ]

    /// The groups of `record`: fails before errors, then the most specific cause first, then in the order met.
    static func groups(_ record: RunRecord) -> [CauseGroup] {
        var groups: [CauseGroup] = []
        var index: [String: Int] = [:]
        for suite in record.suites {
            let failing = suite.outcomes.filter { $0.status == .fail || $0.status == .error }
            let headline = headlineCause(of: failing)
            for outcome in failing {
                let own = outcome.cause
                let joins = own == nil || (outcome.prediction != nil && consequences.contains(own ?? ""))
                let cause = joins ? (headline ?? own) : own
                let key = cause ?? ""
                if index[key] == nil {
                    index[key] = groups.count
                    groups.append(CauseGroup(cause: cause, status: outcome.status))
                }
                groups[index[key] ?? 0].add(outcome, suite: suite.label, ownCause: own == cause)
            }
        }
        return groups.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.status == .fail ? 0 : 1, DiagnosisCatalog.rank(of: lhs.element.cause ?? "~"), lhs.offset)
            let right = (rhs.element.status == .fail ? 0 : 1, DiagnosisCatalog.rank(of: rhs.element.cause ?? "~"), rhs.offset)
            return left < right
        }.map(\.element)
    }

    /// The most specific cause of a failing outcome that is not a consequence, if any.
    static func headlineCause(of failing: [Outcome]) -> String? {
        let primary = failing.enumerated().filter { _, outcome in
            guard let cause = outcome.cause else { return false }
            return !(outcome.prediction != nil && consequences.contains(cause))
        }
        return primary.min { lhs, rhs in
            (DiagnosisCatalog.rank(of: lhs.element.cause ?? ""), lhs.offset) < (DiagnosisCatalog.rank(of: rhs.element.cause ?? ""), rhs.offset)
        }?.element.cause
    }

    /// Adds one outcome seen on the suite `label`; `ownCause` says the outcome names this group's cause
    /// itself (its cause text and remedy are the group's).
    mutating func add(_ outcome: Outcome, suite label: String, ownCause: Bool) {
        count += 1
        if outcome.status == .fail { status = .fail }
        if !targets.contains(label) { targets.append(label) }
        if ownCause, let cause {
            let catalogued = DiagnosisCatalog.diagnosis(id: cause)
            if let text = outcome.causeText ?? catalogued?.cause, !causeTexts.contains(text) { causeTexts.append(text) }
            if let remedy = outcome.remedy ?? catalogued?.remedy, !remedies.contains(remedy) { remedies.append(remedy) }
        }
        var message = outcome.message
        if let prediction = outcome.prediction {
            let prefix = "\(prediction.line), \(prediction.mode.rawValue): "
            if message.hasPrefix(prefix) { message.removeFirst(prefix.count) }
            if let note = message.range(of: " — not a client selected") { message = String(message[..<note.lowerBound]) }
        }
        let position =
            entries.firstIndex { $0.status == outcome.status && $0.message == message && $0.mode == outcome.prediction?.mode }
            ?? {
                entries.append(Entry(status: outcome.status, message: message, mode: outcome.prediction?.mode))
                return entries.count - 1
            }()
        var entry = entries[position]
        entry.count += 1
        if !entry.targets.contains(label) { entry.targets.append(label) }
        if let prediction = outcome.prediction, !entry.predictedLines.contains(prediction.line) { entry.predictedLines.append(prediction.line) }
        let showsCase = outcome.name != outcome.probe && !message.hasPrefix(outcome.name) && outcome.prediction == nil
        if let probe = entry.probes.firstIndex(where: { $0.id == outcome.probe }) {
            if showsCase, !entry.probes[probe].cases.contains(outcome.name) { entry.probes[probe].cases.append(outcome.name) }
        } else {
            entry.probes.append((outcome.probe, showsCase ? [outcome.name] : []))
        }
        entries[position] = entry
    }
}
