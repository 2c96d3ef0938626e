import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing
import ValidatorTestSupport

/// The Markdown job summary as a person reads it: grouped by cause, compact, whole tables, within
/// GitHub's step-summary limit; read back with GitHub's own renderer (cmark-gfm) where the pinned
/// validators are installed, and structurally everywhere.
@Suite struct MarkdownSummaryTests {
    /// The failing cases of `record` by what explains them, computed from the record itself: the cause id,
    /// else the cause text and remedy, else the status and message. Keys in first-seen order.
    static func causes(_ record: RunRecord) -> (keys: [String], cases: [String: [(label: String, outcome: Outcome)]]) {
        var keys: [String] = []
        var cases: [String: [(label: String, outcome: Outcome)]] = [:]
        for suite in record.suites {
            for outcome in suite.outcomes where outcome.status == .fail || outcome.status == .error {
                let key =
                    outcome.cause
                    ?? ((outcome.causeText != nil || outcome.remedy != nil)
                        ? "\(outcome.causeText ?? "")|\(outcome.remedy ?? "")" : "\(outcome.status): \(outcome.message)")
                if cases[key] == nil { keys.append(key) }
                cases[key, default: []].append((suite.label, outcome))
            }
        }
        return (keys, cases)
    }

    /// The cells of a table line, split at unescaped pipes (`\|` and `\\` are escapes).
    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line.dropFirst() {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        return cells
    }

    /// Every table in `markdown`, checked the way a renderer needs it: a header, a delimiter row with as
    /// many cells, rows with as many cells, and a blank line after the last row; `<details>` balanced.
    static func tables(_ markdown: String) -> [(header: [String], rows: [[String]])] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var tables: [(header: [String], rows: [[String]])] = []
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("|"), index + 1 < lines.count, lines[index + 1].hasPrefix("|---") else {
                #expect(!lines[index].hasPrefix("|"), "a table line outside a table: \(lines[index])")
                index += 1
                continue
            }
            let header = cells(lines[index])
            #expect(cells(lines[index + 1]).count == header.count, "delimiter row of \(header)")
            var rows: [[String]] = []
            index += 2
            while index < lines.count, lines[index].hasPrefix("|") {
                let row = cells(lines[index])
                #expect(row.count == header.count, "\(row.count) cells under a header of \(header.count): \(lines[index])")
                rows.append(row)
                index += 1
            }
            #expect(index < lines.count && lines[index].isEmpty, "the table under \(header) does not end with a blank line")
            tables.append((header, rows))
        }
        #expect(markdown.components(separatedBy: "<details>").count == markdown.components(separatedBy: "</details>").count)
        return tables
    }

    /// Each cause's `####` heading and the rows of the case table under it (`nil` when it has none).
    static func sections(_ markdown: String) -> [(heading: String, rows: [[String]]?)] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var sections: [(heading: String, rows: [[String]]?)] = []
        var open = false
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("#### ") {
                sections.append((String(line), nil))
                open = true
            } else if line.hasPrefix("### ") {
                open = false
            } else if open, line.hasPrefix("|"), index + 1 < lines.count, lines[index + 1].hasPrefix("|---") {
                let rows = lines[(index + 2)...].prefix { $0.hasPrefix("|") }.map(cells)
                sections[sections.count - 1].rows = rows
            }
        }
        return sections
    }

    /// The section of the cause `key` (of ``causes(_:)``): its heading names the cause id, or the message.
    static func section(
        _ key: String, _ cases: [(label: String, outcome: Outcome)], in sections: [(heading: String, rows: [[String]]?)]
    )
        -> (heading: String, rows: [[String]]?)?
    {
        guard let first = cases.first?.outcome else { return nil }
        return sections.first { section in
            if let cause = first.cause { return section.heading.hasSuffix("(`\(cause)`)") }
            return section.heading.hasSuffix(first.causeText ?? first.message)
        }
    }

    /// Writes `markdown` and renders it with cmark-gfm (GitHub's renderer); `nil` without the validators.
    static func rendered(_ markdown: String, _ name: String) throws -> RenderedMarkdown? {
        guard Validators.problem == nil else { return nil }
        let path = try TestFiles.temporaryFolder(name) + "/summary.md"
        try Data(markdown.utf8).write(to: URL(fileURLWithPath: path))
        return try RenderedMarkdown.render(file: path)
    }

    /// `count` targets made of the seven-target run's suites, renamed `site-NNN-<name>`.
    static func scaled(_ record: RunRecord, to count: Int) -> RunRecord {
        var scaled = record
        scaled.suites = (0..<count).map { index in
            var suite = record.suites[index % record.suites.count]
            suite.target = "site-\(String(index).leftPadded(to: 3))-\(suite.target)"
            return suite
        }
        return scaled
    }

    @Test("the seven-target summary: one heading per cause, each remedy written once, every failing case in its target's row")
    func groupedByCause() throws {
        let record = try Samples.fixture("seven-targets")
        let markdown = MarkdownReport.render(record)
        let (keys, cases) = Self.causes(record)
        let failing = cases.values.reduce(0) { $0 + $1.count }
        #expect(keys.count < failing, "the fixture should have causes shared by several cases")

        let lines = markdown.split(separator: "\n").map(String.init)
        let headings = lines.filter { $0.hasPrefix("#### ") }
        #expect(headings.count == keys.count)
        #expect(markdown.contains("\(keys.count) cause(s) explain \(failing) failing case(s)"))
        // Each remedy once (a remedy that differs per target is written once per variant), never per case.
        let remedies = Set(record.outcomes.filter { $0.status == .fail || $0.status == .error }.compactMap(\.remedy))
        for remedy in remedies {
            #expect(lines.count { $0.hasPrefix("- **Fix") && $0.hasSuffix(":** \(remedy)") } == 1, "\(remedy)")
        }
        #expect(lines.count { $0.hasPrefix("- **Fix") } == remedies.count + keys.count { cases[$0]?.first?.outcome.remedy == nil })
        // Failures first, then errors.
        let statuses = headings.map { $0.hasPrefix("#### ❌") ? OutcomeStatus.fail : .error }
        #expect(statuses == statuses.sorted(by: >))
        // One table per cause, one row per target it explains, every case named in its target's row.
        let tables = Self.tables(markdown)
        let sections = Self.sections(markdown)
        #expect(sections.count == keys.count && sections.allSatisfy { $0.rows != nil })
        for key in keys {
            let members = cases[key] ?? []
            let rows = try #require(Self.section(key, members, in: sections)?.rows, "no section for \(key)")
            #expect(rows.map { $0[0] } == members.map(\.label).reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
            for member in members {
                let row = rows.first { $0[0] == member.label }
                #expect(row?[1].contains(member.outcome.probe) == true)
                if member.outcome.name != member.outcome.probe {
                    #expect(row?[1].contains(member.outcome.name) == true, "\(member.outcome.name) missing from \(member.label)'s row")
                }
            }
        }
        // The matrix follows the causes: one row per target.
        let matrix = try #require(tables.last)
        #expect(matrix.header.prefix(2) == ["Target", "Server"])
        #expect(matrix.rows.map { $0[0] } == record.suites.map(\.target))
    }

    @Test(
        "GitHub's renderer (cmark-gfm) reads every table whole, the causes as headings, and escaped text as written",
        .enabled(if: Validators.problem == nil, "\(Validators.problem ?? "")"))
    func renderedAsGitHubDoes() throws {
        for (name, record) in [
            ("seven", try Samples.fixture("seven-targets")), ("demo", try Samples.fixture("demo")), ("hostile", Samples.hostileRecord()),
        ] {
            let markdown = MarkdownReport.render(record)
            let source = Self.tables(markdown)
            let html = try #require(try Self.rendered(markdown, name))
            #expect(html.tables.count == source.count, "\(name): a table was not recognised")
            for (rendered, written) in zip(html.tables, source) {
                #expect(rendered.header.count == written.header.count)
                #expect(rendered.rows.count == written.rows.count)
                #expect(rendered.rows.allSatisfy { $0.count == rendered.header.count })
            }
            let keys = Self.causes(record).keys
            #expect(html.headings.filter { $0.level == 4 }.count == keys.count, "\(name)")
            #expect(html.elements["details"] == keys.count && html.summaries.allSatisfy { $0.hasPrefix("The cases on ") })
            for tag in ["script", "img", "iframe", "style", "b"] { #expect(html.elements[tag] == nil, "\(name): <\(tag)> got through") }
            // Target names come back exactly as written, markup and pipes included.
            let caseTables = html.tables.filter { $0.header == ["Target", "Cases", "Observed"] }
            #expect(Set(caseTables.flatMap { $0.rows.map { $0[0] } }).isSubset(of: Set(record.suites.map(\.label))))
        }
    }

    @Test("200 targets stay well within GitHub's 1 MiB step-summary limit with nothing left out")
    func twoHundredTargets() throws {
        let seven = try Samples.fixture("seven-targets")
        let record = Self.scaled(seven, to: 200)
        let markdown = MarkdownReport.render(record)
        let bytes = markdown.utf8.count
        #expect(bytes <= MarkdownReport.defaultByteLimit && MarkdownReport.defaultByteLimit < MarkdownReport.stepSummaryLimit)
        #expect(MarkdownReport.stepSummaryLimit == 1_048_576)
        #expect(!markdown.contains("Shortened to stay within"))
        // As many causes as in seven targets; each table now has a row per target it explains.
        let (keys, cases) = Self.causes(record)
        #expect(keys.count == Self.causes(seven).keys.count)
        let tables = Self.tables(markdown)
        let sections = Self.sections(markdown)
        for key in keys {
            let rows = Self.section(key, cases[key] ?? [], in: sections)?.rows
            #expect(rows?.count == Set((cases[key] ?? []).map(\.label)).count, "\(key)")
        }
        #expect(tables.last?.rows.count == 200)
        if let html = try Self.rendered(markdown, "twohundred") {
            #expect(html.tables.map(\.rows.count) == tables.map(\.rows.count))
        }
    }

    @Test("a summary that would pass the limit leaves out whole tables, then whole causes from the end, and says so")
    func degradesGracefully() throws {
        // 200 targets × 40 causes of their own, each with a long remedy and observation: ~8,000 causes.
        let filler = String(repeating: "long text ", count: 50)
        let suites = (0..<200).map { target in
            var suite = Samples.suite("target-\(target)", [])
            suite.outcomes = (0..<40).map { index in
                Outcome(
                    probe: "probe.p\(index)", name: "case \(index)", status: index.isMultiple(of: 5) ? .error : .fail, message: "m",
                    observed: "observed \(filler)\(filler)\(filler)\(filler)", cause: "cause-\(target)-\(index)",
                    causeText: "cause \(target)/\(index)", remedy: "remedy \(filler)")
            }
            return suite
        }
        let record = RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: suites)
        let markdown = MarkdownReport.render(record)
        #expect(markdown.utf8.count <= MarkdownReport.defaultByteLimit)
        let tables = Self.tables(markdown)  // every table still whole
        let note = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("> ⚠️ Shortened to stay within GitHub's 1 MiB") })
        #expect(note.contains("HTML and JUnit reports"))
        // The note accounts for every cause and table left out; the worst causes (failures) stay.
        func number(before suffix: String) -> Int? {
            guard let range = note.range(of: suffix) else { return nil }
            return Int(note[..<range.lowerBound].split(separator: " ").last ?? "")
        }
        let keys = Self.causes(record).keys
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#### ") }
        let caseTables = tables.filter { $0.header == ["Target", "Cases", "Observed"] }
        #expect(headings.count + (number(before: " cause(s) at the end of the list") ?? 0) == keys.count)
        #expect(caseTables.count + (number(before: " cause(s);") ?? number(before: " cause(s).") ?? 0) == keys.count)
        #expect(headings.first == "#### ❌ cause 0/1 (`cause-0-1`)")
        #expect(headings.allSatisfy { $0.hasPrefix("#### ❌") }, "an error outlived a failure")
        #expect(note.contains("the compatibility matrix") == !markdown.contains("### Results (targets × probes)"))
        if let html = try Self.rendered(markdown, "degraded") {
            #expect(html.tables.map(\.rows.count) == tables.map(\.rows.count))
            #expect(html.tables.allSatisfy { table in table.rows.allSatisfy { $0.count == table.header.count } })
        }
    }

    @Test("under a tighter limit the case tables go first, from the last cause up, and every cause stays")
    func tablesGoFirst() throws {
        let record = try Samples.fixture("seven-targets")
        let full = MarkdownReport.render(record)
        let keys = Self.causes(record).keys
        let limited = MarkdownReport.render(record, byteLimit: full.utf8.count - 1)
        #expect(limited.utf8.count <= full.utf8.count - 1)
        #expect(limited.contains("> ⚠️ Shortened to stay within GitHub's 1 MiB job-summary limit; left out: the case tables of "))
        #expect(limited.split(separator: "\n").count { $0.hasPrefix("#### ") } == keys.count)
        let tables = Self.tables(limited).filter { $0.header == ["Target", "Cases", "Observed"] }
        #expect(!tables.isEmpty && tables.count < keys.count)
        // The last cause lost its table, the first kept its own.
        let lastCause = try #require(limited.range(of: "#### ", options: .backwards))
        let matrix = try #require(limited.range(of: "### Compatibility matrix"))
        #expect(!limited[lastCause.upperBound..<matrix.lowerBound].contains("<details>"))
        let first = try #require(limited.range(of: "#### "))
        let second = try #require(limited.range(of: "#### ", range: first.upperBound..<limited.endIndex))
        #expect(limited[first.upperBound..<second.lowerBound].contains("<details>"))
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
