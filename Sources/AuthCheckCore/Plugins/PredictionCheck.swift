/// Compares the `sdk.compat` predictions of a target's native suite with what the real cvat-sdk
/// did in the same run (a `cvat-sdk@X.Y.Z` backend suite of the same target), per auth mode.
///
/// For each real-client outcome that names an auth mode (`facts["mode"]`: `password` or
/// `access-token`), the check finds the client line whose range contains the backend's version
/// (its ``ClientProfile/label``, e.g. `cvat-sdk 2.41–2.47`) and the native `sdk.compat` outcome with
/// the same `client` and `mode` facts, and adds one `sdk.prediction` outcome to the backend suite:
/// `pass` when both say "works" or both say "breaks" (and, where both name one, with the same
/// exception type), `fail` ("prediction wrong: …") when they differ — the client profile is wrong —
/// and `skipped` when either side could not decide.
public struct PredictionCheck: Sendable {
    /// The probe id of the added outcomes.
    public static let probeID = "sdk.prediction"
    /// The probe id of the native predictions.
    public static let predictionProbeID = "sdk.compat"

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
        record.suites = apply(to: record.suites)
        return record
    }

    /// The same for a list of suites (the runner passes one target's suites as soon as it is done).
    public func apply(to suites: [SuiteRecord]) -> [SuiteRecord] {
        var suites = suites
        for index in suites.indices {
            let suite = suites[index]
            guard let spec = try? BackendSpec(parsing: suite.backend), !spec.isNative, let version = spec.version else { continue }
            guard let native = suites.first(where: { $0.target == suite.target && $0.backend == BackendSpec.native.description }) else {
                continue
            }
            suites[index].outcomes += compare(suite: suite, spec: spec, version: version, native: native)
        }
        return suites
    }

    /// The comparison outcomes for one backend suite against its target's native suite.
    public func compare(suite: SuiteRecord, spec: BackendSpec, version: CVATVersion, native: SuiteRecord) -> [Outcome] {
        let actuals = suite.outcomes.filter { $0.facts["mode"] != nil && $0.probe != Self.probeID }
        guard !actuals.isEmpty else { return [] }
        guard let line = clientLine(spec.name, version: version) else {
            return [Outcome(probe: Self.probeID, name: "\(spec) predictions", status: .skipped,
                            message: "no client profile covers \(spec.name) \(version), so there is no prediction to compare")]
        }
        let label = line.profile.label
        return actuals.map { actual in
            let mode = actual.facts["mode"] ?? "?"
            let name = "\(spec), \(mode)"
            var facts = ["client": label, "mode": mode, "backend": spec.description, "client_profile": line.reference.file]
            let prediction = native.outcomes.first {
                $0.probe == Self.predictionProbeID && $0.facts["client"] == label && $0.facts["mode"] == mode
            }
            guard let prediction else {
                return Outcome(probe: Self.probeID, name: name, status: .skipped,
                               message: "no \(Self.predictionProbeID) prediction for \(label), \(mode) in the native suite", facts: facts)
            }
            let predicted = Verdict(prediction)
            let observed = Verdict(actual)
            facts["predicted"] = predicted.phrase
            facts["observed"] = observed.phrase
            guard predicted.decided, observed.decided else {
                let undecided = predicted.decided ? "the real client's run (\(actual.status.rawValue): \(actual.message))"
                    : "the prediction (\(prediction.status.rawValue): \(prediction.message))"
                return Outcome(probe: Self.probeID, name: name, status: .skipped,
                               message: "cannot compare: \(undecided) did not decide", facts: facts)
            }
            let expected = "\(label), \(mode): \(predicted.phrase) — \(prediction.message) (\(Self.predictionProbeID), \(line.reference.file))"
            let seen = "\(spec), \(mode): \(observed.phrase) — \(actual.message)"
            if predicted.agrees(with: observed) {
                return Outcome(probe: Self.probeID, name: name, status: .pass,
                               message: "prediction right: \(label) \(mode) \(predicted.phrase), and the real \(spec) \(observed.pastPhrase)",
                               expected: expected, observed: seen, facts: facts)
            }
            return Outcome(
                probe: Self.probeID, name: name, status: .fail,
                message: "prediction wrong: \(label) \(mode) was predicted to \(predicted.phrase), but the real \(spec) \(observed.pastPhrase)",
                expected: expected, observed: seen, cause: "client-profile-wrong",
                causeText: "the client profile \(line.profile.id) (\(line.reference.file)) does not describe what \(spec) really does",
                remedy: "correct \(line.reference.file) from the real client's behaviour (its exception and message are in this suite), then re-run with --backend \(spec)",
                facts: facts)
        }
    }

    /// Works / breaks (with the exception type, when one is named) / undecided.
    struct Verdict {
        var works: Bool?
        var exception: String?

        /// Reads a verdict from an outcome: `facts["prediction"]` (`works`/`breaks`) and `facts["exception"]`
        /// when present; otherwise the status (pass works, fail breaks), and for a `skipped` prediction
        /// that still names what will happen ("make_client will raise TypeError …", as for a client line
        /// newer than the server) the phrase in its message.
        init(_ outcome: Outcome) {
            let raised = Self.word(after: "will raise ", in: outcome.message)
            switch (outcome.facts["prediction"], outcome.status) {
            case ("works"?, _): works = true
            case ("breaks"?, _): works = false
            case (_, .pass): works = true
            case (_, .fail): works = false
            case (_, .skipped) where raised != nil: works = false
            case (_, .skipped) where outcome.message.contains("will work"): works = true
            default: works = nil
            }
            exception = outcome.facts["exception"].flatMap { Self.word(after: "", in: $0) } ?? (works == false ? raised : nil)
            if let dotted = exception, let last = dotted.split(separator: ".").last { exception = String(last) }
        }

        /// The identifier right after `marker` in `text` (`TypeError` in "will raise TypeError: …").
        static func word(after marker: String, in text: String) -> String? {
            guard let range = marker.isEmpty ? text.startIndex..<text.startIndex : text.range(of: marker) else { return nil }
            let word = text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            return word.isEmpty ? nil : String(word)
        }

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
