/// Keeps a JUnit document under a byte limit (GitLab rejects files over 30 MB) by shortening the
/// `system-out` transcripts, then, if that is not enough, the longest bodies. Cases are never dropped.
///
/// It drives a rendering function rather than a document, so the same policy serves a document held
/// in memory and a report streamed suite by suite to a file: the first rendering is kept when it fits
/// (the common case: one pass); otherwise it measures the floor and renders again with a cap.
struct TranscriptBudget {
    var maxBytes: Int

    /// Whether a rendering becomes the result.
    enum Keep {
        /// Only measure (the rendering may go to a counting sink).
        case never
        /// Keep it if its size is within the budget.
        case ifWithinBudget
        /// Keep it whatever its size (the last resort).
        case always
    }

    /// Renders with `caps`, keeping the output as `keep` says; returns the uncompressed size in bytes.
    typealias Render = (TranscriptCaps, Keep) throws(ReportError) -> Int

    /// Runs `render` until one rendering is kept. `lengths` gives the `system-out` sizes of every case
    /// (asked only when the first rendering is too big).
    func fit(lengths: () throws(ReportError) -> [Int], render: Render) throws(ReportError) {
        guard try render(.unlimited, .ifWithinBudget) > maxBytes else { return }
        let floor = try render(TranscriptCaps(outputs: 0), .never)
        guard floor <= maxBytes else {
            // Even without transcripts it is too big: shorten the bodies too, keeping every case.
            _ = try render(TranscriptCaps(outputs: 0, bodies: 2_000), .always)
            return
        }
        var cap = Self.waterLevel(try lengths(), budget: Int(Double(maxBytes - floor) * 0.95))
        for _ in 0..<6 {
            if try render(TranscriptCaps(outputs: cap), .ifWithinBudget) <= maxBytes { return }
            cap = cap * 3 / 4
        }
        _ = try render(TranscriptCaps(outputs: 0), .always)
    }

    /// The largest per-item cap `c` with `sum(min(length, c)) <= budget`.
    static func waterLevel(_ lengths: [Int], budget: Int) -> Int {
        guard budget > 0 else { return 0 }
        let sorted = lengths.sorted()
        var remaining = budget
        for (index, length) in sorted.enumerated() {
            let left = sorted.count - index
            if length * left <= remaining {
                remaining -= length
            } else {
                return remaining / left
            }
        }
        return sorted.last ?? 0
    }
}

/// How far ``TranscriptBudget`` shortens texts: `system-out`/`system-err` to `outputs` bytes and, when
/// set, failure/error/skipped bodies to `bodies` bytes. `nil` leaves them whole.
struct TranscriptCaps: Hashable {
    var outputs: Int?
    var bodies: Int?

    static let unlimited = TranscriptCaps(outputs: nil, bodies: nil)

    /// `suite` with its texts cut to the caps.
    func apply(to suite: JUnitSuite) -> JUnitSuite {
        guard outputs != nil || bodies != nil else { return suite }
        var copy = suite
        for index in copy.cases.indices { copy.cases[index] = apply(to: copy.cases[index]) }
        return copy
    }

    private func apply(to original: JUnitCase) -> JUnitCase {
        var testCase = original
        if let outputs {
            testCase.systemOut = testCase.systemOut.map { Self.truncate($0, to: outputs, what: "transcript") }
            testCase.systemErr = testCase.systemErr.map { Self.truncate($0, to: outputs, what: "output") }
        }
        if let bodies {
            switch testCase.result {
            case .passed: break
            case .failure(let message, let type, let body):
                testCase.result = .failure(message: message, type: type, body: Self.truncate(body, to: bodies, what: "diagnosis"))
            case .error(let message, let type, let body):
                testCase.result = .error(message: message, type: type, body: Self.truncate(body, to: bodies, what: "diagnosis"))
            case .skipped(let message, let body):
                testCase.result = .skipped(message: message, body: Self.truncate(body, to: bodies, what: "diagnosis"))
            }
        }
        return testCase
    }

    /// `text` cut to at most `limit` UTF-8 bytes (on a character boundary) plus a visible note.
    static func truncate(_ text: String, to limit: Int, what: String) -> String {
        let total = text.utf8.count
        guard total > limit else { return text }
        var kept = ""
        var size = 0
        for character in text {
            let length = character.utf8.count
            if size + length > limit { break }
            kept.append(character)
            size += length
        }
        return kept + "\n[\(what) truncated: \(total - size) of \(total) bytes omitted to keep the report under the 30 MB per-file limit]"
    }
}
