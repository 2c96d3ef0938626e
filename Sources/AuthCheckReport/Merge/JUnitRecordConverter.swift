import AuthCheckCore
import Foundation

/// Turns a JUnit document back into a run record, for merges and diffs that mix formats.
///
/// Lossless for what the JUnit carries: suite properties written by ``JUnitModel`` give the target,
/// backend, version and profile; `probe: case` names give probe and case; bodies become the observed
/// text. Expected/cause/remedy are kept together in `observed`, since JUnit holds them as one body;
/// the cause id is read back from the body's `Cause id:` line, so a diff of JUnit files sees cause changes.
public enum JUnitRecordConverter {
    public static func record(from document: JUnitDocument) -> RunRecord {
        let suites = document.suites.map(suite)
        let start = suites.map(\.startedAt).min() ?? Date(timeIntervalSince1970: 0)
        let end = suites.map { $0.startedAt.addingTimeInterval($0.duration) }.max() ?? start
        let tool = document.suites.lazy.compactMap { $0.property("tool.version") }.first ?? "unknown"
        let interrupted = document.suites.contains { $0.property("run.interrupted") == "true" }
        return RunRecord(toolVersion: tool, startedAt: start, finishedAt: end, interrupted: interrupted, suites: suites)
    }

    static func suite(_ suite: JUnitSuite) -> SuiteRecord {
        let known: Set<String> = [
            "target", "target.url", "backend", "server.version", "server.version-source", "profile.id", "profile.file",
            "profile.sha256", "profile.chain", "tool.version", "retries", "tls.insecure", "run.interrupted",
        ]
        let backend = suite.property("backend").map { BackendSpec(stringLiteral: $0) } ?? .native
        var profile: ProfileReference?
        if let id = suite.property("profile.id"), id != "none" {
            profile = ProfileReference(
                id: id, file: suite.property("profile.file") ?? "", sha256: suite.property("profile.sha256") ?? "",
                chain: suite.property("profile.chain")?.components(separatedBy: " → ") ?? [])
        }
        var extra: [String: String] = [:]
        for property in suite.properties where !known.contains(property.name) && !property.name.hasPrefix("baseline.") {
            extra[property.name] = property.value
        }
        let suffix = backend.isNative ? "" : " [\(backend)]"
        return SuiteRecord(
            target: suite.property("target") ?? suite.name, url: suite.property("target.url") ?? "", hostname: suite.hostname,
            backend: backend, serverVersion: suite.property("server.version").flatMap { $0 == "unknown" ? nil : $0 },
            versionSource: suite.property("server.version-source").flatMap { $0 == "unknown" ? nil : $0 }, profile: profile,
            insecureTLS: suite.property("tls.insecure") == "true", retries: Int(suite.property("retries") ?? "") ?? 0,
            startedAt: date(suite.timestamp), duration: suite.time,
            outcomes: suite.cases.map { outcome($0, suffix: suffix) }, properties: extra)
    }

    static func outcome(_ testCase: JUnitCase, suffix: String) -> Outcome {
        var name = testCase.name
        if !suffix.isEmpty, name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        let probe: String
        let caseName: String
        if let range = name.range(of: ": ") {
            probe = String(name[..<range.lowerBound])
            caseName = String(name[range.upperBound...])
        } else {
            let family = testCase.classname.split(separator: ".").last.map(String.init) ?? name
            probe = name.contains(".") ? name : family
            caseName = name
        }
        let status: OutcomeStatus =
            switch testCase.result {
            case .passed: .pass
            case .failure: .fail
            case .error: .error
            case .skipped: .skipped
            }
        let body = testCase.result.body.flatMap { $0.isEmpty ? nil : $0 }
        let cause = body.flatMap { text in
            text.split(whereSeparator: \.isNewline).last { $0.hasPrefix("Cause id: ") }.map { String($0.dropFirst("Cause id: ".count)) }
        }
        return Outcome(
            probe: probe, name: caseName, status: status, message: testCase.result.message ?? "", observed: body, cause: cause,
            facts: testCase.systemOut.map { ["system-out": $0] } ?? [:], duration: testCase.time)
    }

    static func date(_ timestamp: String) -> Date {
        let style = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current)
        return (try? Date(timestamp + "Z", strategy: style)) ?? Date(timeIntervalSince1970: 0)
    }
}
