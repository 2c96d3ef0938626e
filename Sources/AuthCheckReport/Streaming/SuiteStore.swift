import AuthCheckCore

/// Where the complete suites of a run (with every exchange) are read from when reports are written:
/// the run record itself, or a ``SuiteSpool`` on disk when the record in memory was slimmed.
///
/// Suites are asked for one at a time, by their position in the record, so a streamed report never
/// holds more than one complete suite.
public struct SuiteStore {
    private let load: (Int) throws(ReportError) -> SuiteRecord

    /// A store reading suite `index` through `load`.
    public init(_ load: @escaping (Int) throws(ReportError) -> SuiteRecord) {
        self.load = load
    }

    /// The suites of `record` as they are.
    public static func inMemory(_ record: RunRecord) -> SuiteStore {
        SuiteStore { index throws(ReportError) in record.suites[index] }
    }

    /// The complete suite at `index` of the record.
    public func suite(at index: Int) throws(ReportError) -> SuiteRecord {
        try load(index)
    }

    /// The record with every suite complete (for formats that need the whole record at once).
    public func complete(_ record: RunRecord) throws(ReportError) -> RunRecord {
        var copy = record
        for index in copy.suites.indices { copy.suites[index] = try load(index) }
        return copy
    }
}
