import AuthCheckCore

/// Which report files to write for a run, and how. Every format is rendered from the same
/// ``RunRecord``; every file is written atomically.
public struct ReportRequest: Hashable, Sendable {
    /// JUnit XML path, or `nil` for none.
    public var junit: String?
    /// JSON run record path.
    public var json: String?
    /// Markdown summary path.
    public var markdown: String?
    /// Self-contained HTML page path.
    public var html: String?
    /// OpenMetrics text path (node_exporter's textfile collector, a Pushgateway); always plain.
    public var openMetrics: String?
    /// Compress the JUnit and JSON files with gzip (adding `.gz`). Markdown, HTML and OpenMetrics stay
    /// plain, since they are read directly (job summaries, browsers, metric collectors).
    public var gzip: Bool
    /// A previous JSON run record (gzip or not) to diff against.
    public var baseline: String?
    /// JUnit rendering options; its `diff` is filled from ``baseline``.
    public var junitOptions: JUnitOptions

    public init(
        junit: String? = nil, json: String? = nil, markdown: String? = nil, html: String? = nil, openMetrics: String? = nil,
        gzip: Bool = false, baseline: String? = nil, junitOptions: JUnitOptions = .init()
    ) {
        self.junit = junit
        self.json = json
        self.markdown = markdown
        self.html = html
        self.openMetrics = openMetrics
        self.gzip = gzip
        self.baseline = baseline
        self.junitOptions = junitOptions
    }

    /// The diff of `record` against ``baseline``, or `nil` without one.
    public func diff(for record: RunRecord) throws(ReportError) -> RecordDiff? {
        guard let baseline else { return nil }
        return RecordDiff(baseline: try RunRecordJSON.read(file: baseline), current: record)
    }

    /// Writes every requested format and returns the paths written, in the order JUnit, JSON, Markdown,
    /// HTML, OpenMetrics.
    ///
    /// JUnit and JSON are streamed suite by suite, each complete suite read from `suites` (default: the
    /// record itself; a ``SuiteSpool`` when the record was slimmed during the run), so their memory does
    /// not grow with the number of targets. Markdown needs no exchanges; HTML is built from the complete record.
    public func write(_ record: RunRecord, suites: SuiteStore? = nil, diff precomputed: RecordDiff? = nil) throws(ReportError) -> [String] {
        var diff = precomputed
        if diff == nil { diff = try self.diff(for: record) }
        let store = suites ?? .inMemory(record)
        var written: [String] = []
        if let junit {
            var options = junitOptions
            options.diff = diff
            written.append(try JUnitReport.write(record, suites: store, options: options, to: junit, gzip: gzip))
        }
        if let json {
            written.append(
                try ReportFile.stream(to: json, gzip: gzip) { sink throws(ReportError) in
                    try RunRecordJSON.write(record, suites: store, diff: diff, into: sink)
                    return true
                })
        }
        if let markdown {
            // The summary shows verdicts, causes and remedies, never exchanges: the slimmed record is enough.
            written.append(try ReportFile.write(Array(MarkdownReport.render(record, diff: diff).utf8), to: markdown, gzip: false))
        }
        if let html {
            // The page embeds every transcript, so it needs the complete record in memory.
            let complete = suites == nil ? record : try store.complete(record)
            written.append(try ReportFile.write(Array(HTMLReport.render(complete, diff: diff).utf8), to: html, gzip: false))
        }
        if let openMetrics {
            // Counts, predictions and durations: the slimmed record is enough.
            written.append(try ReportFile.write(Array(OpenMetricsReport.render(record).utf8), to: openMetrics, gzip: false))
        }
        return written
    }
}
