import AuthCheckCore

/// Builds the JUnit suites of a run one at a time, remembering the names already used so suite and
/// case names stay unique across the whole document. ``JUnitModel/document(from:diff:name:)`` maps a
/// record through it at once; the streamed writer asks for one suite, writes it, and lets it go.
struct JUnitSuiteBuilder {
    let toolVersion: String
    let interrupted: Bool
    let diff: RecordDiff?
    private var usedSuiteNames: Set<String> = []
    private var usedCaseNames: Set<String> = []

    init(record: RunRecord, diff: RecordDiff?) {
        toolVersion = record.toolVersion
        interrupted = record.interrupted
        self.diff = diff
    }

    /// The JUnit suite of `suite`.
    mutating func suite(_ suite: SuiteRecord) -> JUnitSuite {
        // One classname per probe family, not per case: segmenting names was a visible cost at 100,000 cases.
        var classnames: [String: String] = [:]
        var cases: [JUnitCase] = []
        cases.reserveCapacity(suite.outcomes.count)
        for outcome in suite.outcomes {
            let classname =
                classnames[outcome.family]
                ?? {
                    let made = JUnitModel.classname(target: suite.target, family: outcome.family)
                    classnames[outcome.family] = made
                    return made
                }()
            cases.append(JUnitModel.testCase(for: outcome, in: suite, classname: classname, diff: diff, used: &usedCaseNames))
        }
        return JUnitSuite(
            name: JUnitModel.unique(JUnitModel.suiteName(suite), in: &usedSuiteNames),
            hostname: suite.hostname.isEmpty ? "unknown" : suite.hostname,
            timestamp: Timestamp.junit(suite.startedAt),
            time: suite.duration,
            properties: JUnitModel.properties(of: suite, toolVersion: toolVersion, interrupted: interrupted, diff: diff),
            cases: cases)
    }
}
