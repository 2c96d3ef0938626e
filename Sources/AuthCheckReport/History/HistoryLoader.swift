import AuthCheckCore

/// Reads the runs of a ``RunHistory`` from files: JSON run records (or JUnit files, as `report diff`
/// accepts), gzip or not.
public enum HistoryLoader {
    /// What was read.
    public struct Loaded: Sendable {
        /// The history of the last N runs.
        public var history: RunHistory
        /// One line per input left out because it holds a run already read from another file.
        public var notes: [String]
        /// The distinct runs read, before the history kept the last N.
        public var runs: Int
    }

    /// Reads every file, leaves out a run already read from an earlier file (the same start and end
    /// time: `run.json` and `run.json.gz` of one night, say) with a note, and builds the history of
    /// the last `last` runs by start time. Exchanges are dropped as each file is read, so memory
    /// holds verdicts only.
    /// - Throws: ``ReportError`` for the first file that is missing (``ReportError/noInput(path:)``),
    ///   unreadable or not a report.
    public static func load(files: [String], last: Int) throws(ReportError) -> Loaded {
        var runs: [(record: RunRecord, file: String)] = []
        var notes: [String] = []
        for file in files {
            var record = try ReportInput.load(file).record
            record.suites = record.suites.map(\.withoutEvidence)
            if let earlier = runs.first(where: { $0.record.startedAt == record.startedAt && $0.record.finishedAt == record.finishedAt }) {
                notes.append(
                    "\(file): the same run as \(earlier.file) (started \(Timestamp.junit(record.startedAt))Z); left out")
                continue
            }
            runs.append((record, file))
        }
        return Loaded(history: RunHistory(runs: runs, last: last), notes: notes, runs: runs.count)
    }
}
