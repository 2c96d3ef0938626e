import Foundation

/// The verdict of one probe case.
public enum OutcomeStatus: String, Codable, Sendable, CaseIterable, Comparable {
    /// Behaves as the profile expects.
    case pass
    /// Deviates from the profile: an incompatibility, with cause and remedy.
    case fail
    /// Could not decide: timeout, TLS, DNS, 5xx, unparseable answer, interrupted run.
    case error
    /// Not applicable to this version, filtered out, or waived; the reason says which.
    case skipped

    private var rank: Int {
        switch self {
        case .pass: 0
        case .skipped: 1
        case .error: 2
        case .fail: 3
        }
    }

    public static func < (lhs: OutcomeStatus, rhs: OutcomeStatus) -> Bool { lhs.rank < rhs.rank }
}

/// What a probe decided for one case of one target, with the evidence behind it.
public struct Outcome: Hashable, Sendable, Codable {
    /// The probe id: a family, a dot and a name.
    public var probe: String
    /// The case within the probe (`username form`); unique per probe and target.
    public var name: String
    public var status: OutcomeStatus
    /// A one-line summary (the JUnit `message` attribute).
    public var message: String
    /// What the profile expected, and which profile said so.
    public var expected: String?
    /// What was observed.
    public var observed: String?
    /// A stable cause id from the diagnosis catalogue (`set-cookie-stripped`), if one was identified.
    public var cause: String?
    /// The most likely cause, in words.
    public var causeText: String?
    /// How to fix it: a proxy directive, a CVAT setting, a client change.
    public var remedy: String?
    /// The redacted HTTP exchanges the verdict rests on.
    public var evidence: [ExchangeRecord]
    /// Extra facts as key/value pairs (e.g. `client: cvat-sdk 2.41–2.47`).
    public var facts: [String: String]
    /// Seconds spent on the case.
    public var duration: Double
    /// What a client line will do, for outcomes that predict one (the SDK compatibility probe) or report what a real
    /// client did; `nil` for every other outcome.
    public var prediction: ClientPrediction?

    public init(
        probe: String, name: String, status: OutcomeStatus, message: String, expected: String? = nil,
        observed: String? = nil, cause: String? = nil, causeText: String? = nil, remedy: String? = nil,
        evidence: [ExchangeRecord] = [], facts: [String: String] = [:], duration: Double = 0, prediction: ClientPrediction? = nil
    ) {
        self.probe = probe
        self.name = name
        self.status = status
        self.message = message
        self.expected = expected
        self.observed = observed
        self.cause = cause
        self.causeText = causeText
        self.remedy = remedy
        self.evidence = evidence
        self.facts = facts
        self.duration = duration
        self.prediction = prediction
    }

    enum CodingKeys: String, CodingKey {
        case probe, name, status, message, expected, observed, cause
        case causeText = "cause_text"
        case remedy, evidence, facts, duration, prediction
    }

    /// `true` for advice: a passing outcome that still names a cause — something differs from the
    /// profile or could be better, but no client the user cares about breaks and no security property is
    /// lost (docs/PROBES.md, "Severity").
    public var isAdvice: Bool { status == .pass && cause != nil }

    /// The probe family: the part of the id before the first dot (`family` in `family.name`).
    public var family: String { String(probe.split(separator: ".").first ?? Substring(probe)) }

    /// The diagnosis in the order readers need it: expected, observed, cause, remedy.
    public var diagnosis: String {
        var lines: [String] = []
        if let expected { lines.append("Expected: \(expected)") }
        if let observed { lines.append("Observed: \(observed)") }
        if let causeText { lines.append("\(isAdvice ? "Advice" : "Likely cause"): \(causeText)") }
        if let remedy { lines.append("Remedy: \(remedy)") }
        if lines.isEmpty { lines.append(message) }
        return lines.joined(separator: "\n")
    }
}
