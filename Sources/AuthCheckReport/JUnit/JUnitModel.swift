import AuthCheckCore
import Foundation

/// Maps a ``RunRecord`` to a ``JUnitDocument``: names, classnames, properties, bodies. Pure; no XML here.
public enum JUnitModel {
    /// One suite per target × backend, in record order; case names deduplicated deterministically.
    public static func document(from record: RunRecord, diff: RecordDiff? = nil, name: String = "cvat-authcheck") -> JUnitDocument {
        var builder = JUnitSuiteBuilder(record: record, diff: diff)
        return JUnitDocument(name: name, suites: record.suites.map { builder.suite($0) })
    }

    /// The counts of `record` as its JUnit document will show them, without building the document.
    public static func counts(of record: RunRecord) -> JUnitCounts {
        record.suites.reduce(into: JUnitCounts()) { total, suite in
            let statuses = suite.counts
            total.tests += suite.outcomes.count
            total.failures += statuses[.fail] ?? 0
            total.errors += statuses[.error] ?? 0
            total.skipped += statuses[.skipped] ?? 0
            total.time += suite.duration
        }
    }

    /// `target` for the native backend, `target [backend]` otherwise.
    public static func suiteName(_ suite: SuiteRecord) -> String {
        suite.label
    }

    /// `cvat.<target>.<probe family>`, each segment reduced to letters, digits, `-` and `_`.
    public static func classname(target: String, family: String) -> String {
        "cvat.\(segment(target)).\(segment(family))"
    }

    /// A classname segment: anything but ASCII letters, digits, `-` and `_` becomes `-`; never empty.
    public static func segment(_ text: String) -> String {
        let mapped = String(
            text.unicodeScalars.map { scalar -> Character in
                let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
                return allowed ? Character(scalar) : "-"
            })
        return mapped.isEmpty ? "unnamed" : mapped
    }

    /// The case name: `probe: case`, plus ` [backend]` for other backends; one line.
    public static func caseName(_ outcome: Outcome, backend: BackendSpec) -> String {
        var name = outcome.name.isEmpty || outcome.name == outcome.probe ? outcome.probe : "\(outcome.probe): \(outcome.name)"
        if !backend.isNative { name += " [\(backend)]" }
        return oneLine(name)
    }

    static func unique(_ base: String, in used: inout Set<String>, scope: String = "") -> String {
        var candidate = base
        var counter = 2
        while !used.insert(scope + "\u{1}" + candidate).inserted {
            candidate = "\(base) #\(counter)"
            counter += 1
        }
        return candidate
    }

    /// `text` on one line: lines trimmed of spaces and tabs, empty lines dropped, joined by one space.
    static func oneLine(_ text: String) -> String {
        if isOneTrimmedLine(text) { return text }
        return text.split(whereSeparator: \.isNewline).map(\.trimmedSpaces).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The common case, checked on bytes: ASCII, no line break, no space or tab at either end.
    private static func isOneTrimmedLine(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return false }
        return !bytes.contains { $0 >= 0x80 || (0x0A...0x0D).contains($0) }
    }

    /// A short `message` attribute: the first line, at most 200 characters.
    static func shortMessage(_ text: String) -> String {
        let line = oneLine(text)
        return line.count <= 200 ? line : String(line.prefix(199)) + "…"
    }

    static func properties(of suite: SuiteRecord, toolVersion: String, interrupted: Bool, diff: RecordDiff?) -> [JUnitProperty] {
        var properties = [
            JUnitProperty("target", suite.target),
            JUnitProperty("target.url", suite.url),
            JUnitProperty("backend", suite.backend.description),
            JUnitProperty("server.version", suite.serverVersion ?? "unknown"),
            JUnitProperty("server.version-source", suite.versionSource ?? "unknown"),
            JUnitProperty("profile.id", suite.profile?.id ?? "none"),
            JUnitProperty("profile.file", suite.profile?.file ?? "none"),
            JUnitProperty("profile.sha256", suite.profile?.sha256 ?? "none"),
        ]
        if let chain = suite.profile?.chain, !chain.isEmpty { properties.append(JUnitProperty("profile.chain", chain.joined(separator: " → "))) }
        properties += [
            JUnitProperty("tool.version", toolVersion),
            JUnitProperty("retries", String(suite.retries)),
            JUnitProperty("tls.insecure", String(suite.insecureTLS)),
            JUnitProperty("run.interrupted", String(interrupted)),
        ]
        let taken = Set(properties.map(\.name))
        for key in suite.properties.keys.sorted() where !taken.contains(key) {
            properties.append(JUnitProperty(key, suite.properties[key] ?? ""))
        }
        if let diff {
            // Every entry of this suite, cases gone since the baseline included (coverage lost, removed).
            let entries = diff.entries.filter { $0.key.target == suite.target && $0.key.backend == suite.backend.description }
            for (name, kind) in [
                ("baseline.new-failures", RecordDiff.Kind.newFailure), ("baseline.fixed", .fixed), ("baseline.still-failing", .stillFailing),
                ("baseline.cause-changed", .causeChanged), ("baseline.lost-coverage", .lostCoverage),
            ] {
                properties.append(JUnitProperty(name, String(entries.filter { $0.kind == kind }.count)))
            }
            if let upgrade = diff.upgrades[suiteName(suite)] {
                properties.append(JUnitProperty("baseline.server.version", upgrade.from))
            }
        }
        return properties
    }

    static func testCase(for outcome: Outcome, in suite: SuiteRecord, classname: String, diff: RecordDiff?, used: inout Set<String>) -> JUnitCase {
        let name = unique(caseName(outcome, backend: suite.backend), in: &used, scope: classname)
        let note = diff?.entry(for: CaseIdentity.key(suite, outcome)).flatMap(DiffText.note)
        var body = outcome.diagnosis
        if let cause = outcome.cause { body += "\nCause id: \(cause)" }
        if let note { body = note + "\n\n" + body }
        let message = shortMessage(outcome.message.isEmpty ? outcome.status.rawValue : outcome.message)
        let result: JUnitResult =
            switch outcome.status {
            case .pass: .passed
            case .fail: .failure(message: message, type: outcome.cause ?? "incompatibility", body: body)
            case .error: .error(message: message, type: outcome.cause ?? "error", body: body)
            case .skipped: .skipped(message: message, body: body)
            }
        var out: [String] = []
        if outcome.status == .pass, let note { out.append(note) }
        // A passing case has no message attribute: advice says itself first, so it never reads as a bare pass.
        if outcome.isAdvice { out.append(outcome.message + "\n" + outcome.diagnosis + (outcome.cause.map { "\nCause id: \($0)" } ?? "")) }
        if let prediction = outcome.prediction {
            out.append(
                "Prediction: \(prediction.line), \(prediction.mode.rawValue): \(prediction.phrase)"
                    + (prediction.selected ? "" : " (not a selected client)") + (prediction.warning.map { "\nWarning: \($0)" } ?? ""))
        }
        if !outcome.facts.isEmpty {
            out.append(outcome.facts.keys.sorted().map { "\($0): \(outcome.facts[$0] ?? "")" }.joined(separator: "\n"))
        }
        out += outcome.evidence.map(\.transcript)
        return JUnitCase(
            classname: classname, name: name, time: outcome.duration, result: result,
            systemOut: out.isEmpty ? nil : out.joined(separator: "\n\n"))
    }
}

/// Formats report dates.
public enum Timestamp {
    /// `yyyy-MM-ddTHH:mm:ss` in UTC with no zone designator, as JUnit consumers expect.
    public static func junit(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(parts.tm_year + 1900)
        return
            "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
