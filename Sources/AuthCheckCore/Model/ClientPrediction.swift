/// What one client release line (or one client release) will do against a server in one auth mode,
/// as the tool predicts it from the evidence (the SDK compatibility probe) — typed, so reports, the compatibility
/// matrix and the comparison with a real client read it instead of parsing messages.
public struct ClientPrediction: Hashable, Sendable, Codable {
    /// How the client logs in.
    public enum Mode: String, Hashable, Sendable, Codable, CaseIterable {
        /// `make_client(host, credentials=(user, password))`.
        case password
        /// `make_client(host, access_token=…)` (cvat-sdk ≥2.48).
        case accessToken = "access-token"
    }

    /// The predicted result.
    public enum Verdict: String, Hashable, Sendable, Codable, CaseIterable {
        /// `make_client`, an authenticated call and logout work, silently.
        case works
        /// They work, but the client logs a warning (its server-version window).
        case warns
        /// The client raises ``ClientPrediction/exception``.
        case breaks
        /// The evidence does not decide (the reason is the outcome's message).
        case unknown

        /// `true` for ``works`` and ``warns``.
        public var isWorking: Bool { self == .works || self == .warns }
    }

    /// The client package: `cvat-sdk` or `cvat-cli`.
    public var client: String
    /// The release line, e.g. `cvat-sdk 2.41–2.47` (or one release, `cvat-sdk 2.41.0`).
    public var line: String
    public var mode: Mode
    public var verdict: Verdict
    /// The exception class a break raises (`AssertionError`, `TypeError`, `ForbiddenException`, …).
    public var exception: String?
    /// The exception's first line as the client shows it, when known.
    public var exceptionText: String?
    /// Where it is raised: `make_client`, `retrieve_self`, `logout`.
    public var step: String?
    /// The warning the client logs (the server-version window), and which releases of the line log it.
    public var warning: String?
    /// The cause id (diagnosis catalogue) behind a break.
    public var cause: String?
    /// Whether the user cares about this client (selected with a target's `clients`, or by default a
    /// line at or below the server's release). A break of a selected client fails the run; of another,
    /// it is shown and does not fail.
    public var selected: Bool

    public init(
        client: String, line: String, mode: Mode, verdict: Verdict, exception: String? = nil, exceptionText: String? = nil,
        step: String? = nil, warning: String? = nil, cause: String? = nil, selected: Bool = true
    ) {
        self.client = client
        self.line = line
        self.mode = mode
        self.verdict = verdict
        self.exception = exception
        self.exceptionText = exceptionText
        self.step = step
        self.warning = warning
        self.cause = cause
        self.selected = selected
    }

    enum CodingKeys: String, CodingKey {
        case client, line, mode, verdict, exception
        case exceptionText = "exception_text"
        case step, warning, cause, selected
    }

    /// The status the prediction gives its outcome: a working client passes, a break of a selected
    /// client fails, a break of a client the user did not select and an undecided prediction are skipped.
    public var status: OutcomeStatus {
        switch verdict {
        case .works, .warns: .pass
        case .breaks: selected ? .fail : .skipped
        case .unknown: .skipped
        }
    }

    /// "works", "works (warns: …)", "breaks: TypeError at make_client", "unknown".
    public var phrase: String {
        switch verdict {
        case .works: "works"
        case .warns: "works, with a warning"
        case .breaks:
            "breaks" + (exception.map { ": \($0)" } ?? "") + (step.map { " at \($0)" } ?? "")
        case .unknown: "unknown"
        }
    }
}
