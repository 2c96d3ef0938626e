/// Keeps a JUnit document under a byte limit (GitLab rejects files over 30 MB) by shortening the
/// `system-out` transcripts, then, if that is not enough, the longest bodies. Cases are never dropped.
struct TranscriptBudget {
    var maxBytes: Int

    /// Renders `document`; when the result is too big, renders again with shorter texts.
    func fit(_ document: JUnitDocument, render: (JUnitDocument) throws(ReportError) -> [UInt8]) throws(ReportError) -> [UInt8] {
        let full = try render(document)
        guard full.count > maxBytes else { return full }
        let lengths = document.cases.compactMap { $0.systemOut?.utf8.count }
        let floor = try render(capped(document, outputs: 0, bodies: nil))
        guard floor.count <= maxBytes else {
            // Even without transcripts it is too big: shorten the bodies too, keeping every case.
            return try render(capped(document, outputs: 0, bodies: 2_000))
        }
        var cap = Self.waterLevel(lengths, budget: Int(Double(maxBytes - floor.count) * 0.95))
        for _ in 0 ..< 6 {
            let attempt = try render(capped(document, outputs: cap, bodies: nil))
            if attempt.count <= maxBytes { return attempt }
            cap = cap * 3 / 4
        }
        return floor
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

    func capped(_ document: JUnitDocument, outputs: Int, bodies: Int?) -> JUnitDocument {
        var copy = document
        for suiteIndex in copy.suites.indices {
            for caseIndex in copy.suites[suiteIndex].cases.indices {
                var testCase = copy.suites[suiteIndex].cases[caseIndex]
                testCase.systemOut = testCase.systemOut.map { Self.truncate($0, to: outputs, what: "transcript") }
                testCase.systemErr = testCase.systemErr.map { Self.truncate($0, to: outputs, what: "output") }
                if let bodies {
                    switch testCase.result {
                    case .passed: break
                    case let .failure(message, type, body): testCase.result = .failure(message: message, type: type, body: Self.truncate(body, to: bodies, what: "diagnosis"))
                    case let .error(message, type, body): testCase.result = .error(message: message, type: type, body: Self.truncate(body, to: bodies, what: "diagnosis"))
                    case let .skipped(message, body): testCase.result = .skipped(message: message, body: Self.truncate(body, to: bodies, what: "diagnosis"))
                    }
                }
                copy.suites[suiteIndex].cases[caseIndex] = testCase
            }
        }
        return copy
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
