import AuthCheckCore

/// A run record rendered as JUnit one suite at a time: totals and names come from the record (which
/// may have been slimmed of its exchanges), each complete suite from the ``SuiteStore``.
struct JUnitRecordStream {
    let record: RunRecord
    let suites: SuiteStore
    let options: JUnitOptions

    /// Writes the document with `caps` into `sink`; returns the uncompressed size in bytes.
    func write(caps: TranscriptCaps, into sink: any ByteSink) throws(ReportError) -> Int {
        var builder = JUnitSuiteBuilder(record: record, diff: options.diff)
        let writer = try JUnitStreamWriter(name: options.name, totals: JUnitModel.counts(of: record), indent: options.indent, into: sink)
        for index in record.suites.indices {
            try writer.append(caps.apply(to: builder.suite(try suites.suite(at: index))))
        }
        return try writer.finish()
    }

    /// The `system-out` size of every case (for the transcript budget).
    func transcriptLengths() throws(ReportError) -> [Int] {
        var builder = JUnitSuiteBuilder(record: record, diff: options.diff)
        var lengths: [Int] = []
        for index in record.suites.indices {
            lengths += builder.suite(try suites.suite(at: index)).cases.compactMap { $0.systemOut?.utf8.count }
        }
        return lengths
    }
}
