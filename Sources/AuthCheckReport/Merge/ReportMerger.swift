import AuthCheckCore
import Foundation

/// Combines shard reports into one. Counts are recomputed (they are never stored), and a suite or case
/// present in two inputs is refused: shards must be disjoint.
public enum ReportMerger {
    /// Merges JUnit documents; `files` name the inputs in errors (same order).
    public static func merge(_ documents: [(document: JUnitDocument, file: String)]) throws(ReportError) -> JUnitDocument {
        guard let first = documents.first else { throw .unsupported("report merge: no input files") }
        var suites: [String: String] = [:]
        var cases: [String: String] = [:]
        var merged = JUnitDocument(name: first.document.name)
        for (document, file) in documents {
            for suite in document.suites {
                if let other = suites.updateValue(file, forKey: suite.name) {
                    throw .duplicate(what: "test suite \"\(suite.name)\"", first: other, second: file)
                }
                for testCase in suite.cases {
                    if let other = cases.updateValue(file, forKey: testCase.classname + "\u{1}" + testCase.name) {
                        throw .duplicate(what: "test case \"\(testCase.classname) / \(testCase.name)\"", first: other, second: file)
                    }
                }
                merged.suites.append(suite)
            }
        }
        return merged
    }

    /// Merges run records: suites concatenated in input order, the earliest start, the latest finish,
    /// interrupted when any shard was.
    public static func merge(_ records: [(record: RunRecord, file: String)]) throws(ReportError) -> RunRecord {
        guard let first = records.first?.record else { throw .unsupported("report merge: no input files") }
        var suites: [String: String] = [:]
        var merged = RunRecord(
            toolVersion: first.toolVersion, startedAt: first.startedAt, finishedAt: first.finishedAt,
            interrupted: false, suites: [])
        for (record, file) in records {
            for suite in record.suites {
                let key = JUnitModel.suiteName(suite)
                if let other = suites.updateValue(file, forKey: key) {
                    throw .duplicate(what: "suite \"\(key)\"", first: other, second: file)
                }
                var names: Set<String> = []
                for outcome in suite.outcomes where !names.insert(outcome.probe + "\u{1}" + outcome.name).inserted {
                    throw .duplicate(what: "case \"\(key) — \(outcome.probe): \(outcome.name)\"", first: file, second: file)
                }
                merged.suites.append(suite)
            }
            merged.startedAt = min(merged.startedAt, record.startedAt)
            merged.finishedAt = max(merged.finishedAt, record.finishedAt)
            merged.interrupted = merged.interrupted || record.interrupted
        }
        return merged
    }

    /// Merges files of either format. All-JUnit inputs give a JUnit document (kept as written); any
    /// JSON input turns the result into a run record.
    public static func merge(files: [String]) throws(ReportError) -> MergeResult {
        var inputs: [ReportInput] = []
        for file in files { inputs.append(try ReportInput.load(file)) }
        let documents = inputs.compactMap { input -> (JUnitDocument, String)? in
            if case .junit(let document, let file) = input { return (document, file) }
            return nil
        }
        if documents.count == inputs.count {
            return .junit(try merge(documents.map { (document: $0.0, file: $0.1) }))
        }
        return .record(try merge(inputs.map { (record: $0.record, file: $0.file) }))
    }
}

/// The result of ``ReportMerger/merge(files:)``.
public enum MergeResult: Sendable {
    case junit(JUnitDocument)
    case record(RunRecord)

    /// Writes the result to `path`: JSON when the path ends in `.json` or `.json.gz`, JUnit otherwise.
    public func write(to path: String, gzip: Bool = false) throws(ReportError) -> String {
        let wantsJSON = path.hasSuffix(".json") || path.hasSuffix(".json.gz")
        let compress = gzip || path.hasSuffix(".gz")
        switch self {
        case .junit(let document) where !wantsJSON:
            return try ReportFile.write(JUnitReport.render(document), to: path, gzip: compress)
        case .junit(let document):
            return try ReportFile.write(RunRecordJSON.encode(JUnitRecordConverter.record(from: document)), to: path, gzip: compress)
        case .record(let record) where wantsJSON:
            return try ReportFile.write(RunRecordJSON.encode(record), to: path, gzip: compress)
        case .record(let record):
            return try JUnitReport.write(record, to: path, gzip: compress)
        }
    }
}
