import AuthCheckCore
import AuthCheckProbeIDs

/// Compares the typed `sdk.compat` predictions of a target's native suite with what a real client
/// did in the same run (a `cvat-sdk@X.Y.Z` backend suite of the same target), per auth mode — a
/// ``SuiteAnalysis`` the CLI gives the runner when a real-client backend is selected.
///
/// For each real-client outcome that names an auth mode (`facts["mode"]`: `password` or
/// `access-token`), the check finds the client line whose range contains the backend's version
/// (its ``ClientProfile/label``, e.g. `cvat-sdk 2.41–2.47`) and the native prediction for that line and
/// mode, and adds one `sdk.prediction` outcome to the backend suite: `pass` when both say "works" or
/// both say "breaks" (and, where both name one, with the same exception type), `fail` ("prediction
/// wrong: …") when they differ — the client profile is wrong — and `skipped` when either side could
/// not decide.
public struct PredictionCheck: SuiteAnalysis {
    /// The probe id of the added outcomes.
    public static let probeID = ProbeID.sdkPrediction

    public var clients: [ResolvedProfile<ClientProfile>]

    public init(clients: [ResolvedProfile<ClientProfile>]) {
        self.clients = clients
    }

    /// The client line whose range contains `version`, for the named client package.
    public func clientLine(_ client: String, version: CVATVersion) -> ResolvedProfile<ClientProfile>? {
        clients.first { $0.profile.client == client && $0.profile.versions.contains(version.release) }
    }

    /// Returns the record with one `sdk.prediction` outcome per compared real-client outcome.
    public func apply(to record: RunRecord) -> RunRecord {
        var record = record
        record.suites = analyse(record.suites)
        return record
    }

    /// The same for a list of suites (the runner passes one target's suites as soon as it is done).
    public func analyse(_ suites: [SuiteRecord]) -> [SuiteRecord] {
        var suites = suites
        for index in suites.indices {
            let suite = suites[index]
            guard !suite.backend.isNative, let version = suite.backend.version else { continue }
            guard let native = suites.first(where: { $0.target == suite.target && $0.backend.isNative }) else { continue }
            suites[index].outcomes += compare(suite: suite, spec: suite.backend, version: version, native: native)
        }
        return suites
    }

    /// The comparison outcomes for one backend suite against its target's native suite.
    public func compare(suite: SuiteRecord, spec: BackendSpec, version: CVATVersion, native: SuiteRecord) -> [Outcome] {
        let actuals = suite.outcomes.filter { $0.facts["mode"] != nil && $0.probe != Self.probeID }
        guard !actuals.isEmpty else { return [] }
        guard let line = clientLine(spec.name, version: version) else {
            return [
                Outcome(
                    probe: Self.probeID, name: "\(spec) predictions", status: .skipped,
                    message: "no client profile covers \(spec.name) \(version), so there is no prediction to compare")
            ]
        }
        let label = line.profile.label
        return actuals.map { actual in
            let mode = actual.facts["mode"] ?? "?"
            let name = "\(spec), \(mode)"
            var facts = ["client": label, "mode": mode, "backend": spec.description, "client_profile": line.reference.file]
            let found = native.outcomes.first { $0.prediction?.line == label && $0.prediction?.mode.rawValue == mode }
            guard let prediction = found, let typed = prediction.prediction else {
                return Outcome(
                    probe: Self.probeID, name: name, status: .skipped,
                    message: "no \(ProbeID.sdkCompat) prediction for \(label), \(mode) in the native suite", facts: facts)
            }
            let predicted = Verdict(typed)
            let observed = Verdict(actual)
            facts["predicted"] = predicted.phrase
            facts["observed"] = observed.phrase
            guard predicted.decided, observed.decided else {
                let undecided =
                    predicted.decided
                    ? "the real client's run (\(actual.status.rawValue): \(actual.message))"
                    : "the prediction (\(prediction.status.rawValue): \(prediction.message))"
                return Outcome(
                    probe: Self.probeID, name: name, status: .skipped,
                    message: "cannot compare: \(undecided) did not decide", facts: facts)
            }
            let expected = "\(label), \(mode): \(predicted.phrase) — \(prediction.message) (\(ProbeID.sdkCompat), \(line.reference.file))"
            let seen = "\(spec), \(mode): \(observed.phrase) — \(actual.message)"
            if predicted.agrees(with: observed) {
                return Outcome(
                    probe: Self.probeID, name: name, status: .pass,
                    message: "prediction right: \(label) \(mode) \(predicted.phrase), and the real \(spec) \(observed.pastPhrase)",
                    expected: expected, observed: seen, facts: facts)
            }
            return Outcome(
                probe: Self.probeID, name: name, status: .fail,
                message: "prediction wrong: \(label) \(mode) was predicted to \(predicted.phrase), but the real \(spec) \(observed.pastPhrase)",
                expected: expected, observed: seen, cause: "client-profile-wrong",
                causeText: "the client profile \(line.profile.id) (\(line.reference.file)) does not describe what \(spec) really does",
                remedy:
                    "correct \(line.reference.file) from the real client's behaviour (its exception and message are in this suite), then re-run with the \(spec) backend",
                facts: facts)
        }
    }

    /// Works / breaks (with the exception type, when one is named) / undecided.
    struct Verdict {
        var works: Bool?
        var exception: String?

        /// A prediction: works (or warns), breaks with its exception, or undecided.
        init(_ prediction: ClientPrediction) {
            switch prediction.verdict {
            case .works, .warns: works = true
            case .breaks: works = false
            case .unknown: works = nil
            }
            exception = works == false ? prediction.exception.map(Self.lastComponent) : nil
        }

        /// What a real client did: pass works, fail breaks (with `facts["exception"]`), anything else undecided.
        init(_ outcome: Outcome) {
            switch outcome.status {
            case .pass: works = true
            case .fail: works = false
            default: works = nil
            }
            exception = works == false ? outcome.facts["exception"].map(Self.lastComponent) : nil
        }

        /// `ForbiddenException` for `cvat_sdk.exceptions.ForbiddenException`.
        static func lastComponent(_ dotted: String) -> String { dotted.split(separator: ".").last.map(String.init) ?? dotted }

        var decided: Bool { works != nil }

        var phrase: String {
            switch works {
            case true?: "work"
            case false?: exception.map { "break (\($0))" } ?? "break"
            case nil: "undecided"
            }
        }

        var pastPhrase: String {
            switch works {
            case true?: "worked"
            case false?: exception.map { "broke (\($0))" } ?? "broke"
            case nil: "did not decide"
            }
        }

        func agrees(with other: Verdict) -> Bool {
            guard works == other.works else { return false }
            if works == false, let mine = exception, let theirs = other.exception { return mine == theirs }
            return true
        }
    }
}
