import AuthCheckCore

/// What `run` and `demo` print on standard output after a run: the table (one row per target, or
/// every outcome with `--verbose`), what it means for clients, what broke by cause, and the summary
/// line — fitted to the terminal's width and coloured when the session says so.
struct RunConsoleOutput {
    var record: RunRecord
    var redactor: Redactor
    /// The width every line must fit, or `nil` (a file or a pipe: nothing is wrapped or cut).
    var width: Int?
    var style: ConsoleStyle

    init(record: RunRecord, redactor: Redactor, width: Int?, style: ConsoleStyle) {
        self.record = Self.redacted(record, redactor)
        self.redactor = redactor
        self.width = width
        self.style = style
    }

    /// Everything, for a normal run.
    func full(verbose: Bool) -> String {
        let table = OutcomeTable(record: record)
        let causes = CauseReport(groups: CauseGroup.groups(record))
        var lines = verbose ? table.outcomeLines(width: width, style: style) : table.suiteLines(width: width, style: style)
        lines.append("")
        lines.append(SeedCaseSummary(record: record, causes: causes).render(width: width, style: style))
        let broke = causes.render(width: width, style: style)
        if !broke.isEmpty {
            lines.append("")
            lines += broke
        }
        lines.append("")
        lines += VisibleText.wrap(table.summary(style: style), width: width, hangingIndent: 9)
        return redactor.redact(lines.joined(separator: "\n"))
    }

    /// Only the summary line (`--quiet`).
    func summaryOnly() -> String {
        redactor.redact(VisibleText.wrap(OutcomeTable(record: record).summary(style: style), width: width, hangingIndent: 9).joined(separator: "\n"))
    }

    /// The record with every text the console shows redacted once more before it is laid out, so that
    /// no wrapped line can split a secret the final pass would then miss.
    private static func redacted(_ record: RunRecord, _ redactor: Redactor) -> RunRecord {
        var copy = record
        for suiteIndex in copy.suites.indices {
            copy.suites[suiteIndex].target = redactor.redact(copy.suites[suiteIndex].target)
            for index in copy.suites[suiteIndex].outcomes.indices {
                var outcome = copy.suites[suiteIndex].outcomes[index]
                outcome.name = redactor.redact(outcome.name)
                outcome.message = redactor.redact(outcome.message)
                outcome.causeText = redactor.redact(outcome.causeText)
                outcome.remedy = redactor.redact(outcome.remedy)
                copy.suites[suiteIndex].outcomes[index] = outcome
            }
        }
        return copy
    }
}
