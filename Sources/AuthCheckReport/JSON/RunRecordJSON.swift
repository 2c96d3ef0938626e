import AuthCheckCore
import Foundation

/// The JSON run record (`--json`): ``RunRecord`` encoded with snake_case keys, ISO-8601 dates with
/// milliseconds, sorted keys, and — when a baseline was given — a `diff` object. See docs/REPORTS.md.
public enum RunRecordJSON {
    /// The schema family this tool reads; the part after `@` is the major version.
    public static let schemaFamily = "cvat-authcheck/run-record"

    /// Encodes `record` (and the diff against a baseline, if any).
    public static func encode(_ record: RunRecord, diff: RecordDiff? = nil) throws(ReportError) -> [UInt8] {
        do {
            return Array(try makeEncoder().encode(Envelope(record: record, diff: diff.map(DiffJSON.init))))
        } catch {
            throw .unsupported("cannot encode the run record: \(error)")
        }
    }

    /// Writes the same bytes as ``encode(_:diff:)`` into `sink`, one suite at a time: each complete
    /// suite is read from `suites`, encoded and let go, so memory does not grow with the number of suites.
    public static func write(_ record: RunRecord, suites: SuiteStore, diff: RecordDiff? = nil, into sink: any ByteSink) throws(ReportError) {
        var shell = record
        shell.suites = []
        let frame = try encode(shell, diff: diff)
        guard !record.suites.isEmpty else { return try sink.write(frame) }
        let marker = Array("\n  \"suites\" : [".utf8)
        guard let start = frame.firstRange(of: marker)?.upperBound,
            let close = frame[start...].firstIndex(where: { $0 != 0x0A && $0 != 0x20 }), frame[close] == UInt8(ascii: "]")
        else { throw .unsupported("cannot stream the run record: no top-level suites array") }
        try sink.write(Array(frame[..<start]))
        let encoder = makeEncoder()
        for index in record.suites.indices {
            let suite: Data
            do {
                suite = try encoder.encode(try suites.suite(at: index))
            } catch let error as ReportError {
                throw error
            } catch {
                throw .unsupported("cannot encode the run record: \(error)")
            }
            var piece = Array((index == 0 ? "\n    " : ",\n    ").utf8)
            piece.reserveCapacity(suite.count + suite.count / 8)
            // Raw line feeds only appear between tokens (strings escape theirs): indent every non-empty
            // line one level deeper, as the encoder does for nested values.
            var lineStart = false
            for byte in suite {
                if lineStart && byte != 0x0A { piece.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
                piece.append(byte)
                lineStart = byte == 0x0A
            }
            try sink.write(piece)
        }
        try sink.write(Array("\n  ".utf8) + Array(frame[close...]))
    }

    private static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// Decodes a run record; `file` names the input in errors.
    /// - Throws: ``ReportError/malformedRecord(file:reason:)`` for bad JSON, a missing field (with its path)
    ///   or a schema this version does not read.
    public static func decode(_ bytes: [UInt8], file: String) throws(ReportError) -> RunRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO-8601 date: \(text)")
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = Data(bytes)
        struct Header: Decodable { var schema: String? }
        guard let header = try? decoder.decode(Header.self, from: data) else {
            throw .malformedRecord(file: file, reason: describe(data: data, decoder: decoder))
        }
        guard let schema = header.schema else { throw .malformedRecord(file: file, reason: "no \"schema\" field") }
        guard schema.hasPrefix(schemaFamily + "@"), schema.dropFirst(schemaFamily.count + 1) == "1" else {
            throw .malformedRecord(file: file, reason: "schema \"\(schema)\" is not supported; this version reads \(RunRecord.currentSchema)")
        }
        do {
            return try decoder.decode(RunRecord.self, from: data)
        } catch {
            throw .malformedRecord(file: file, reason: describe(error))
        }
    }

    /// Reads a record file (gzip or not).
    public static func read(file path: String) throws(ReportError) -> RunRecord {
        try decode(ReportFile.read(path), file: path)
    }

    private static func describe(data: Data, decoder: JSONDecoder) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return "the top level is not a JSON object"
        } catch {
            return "not valid JSON: \(error.localizedDescription)"
        }
    }

    private static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return joined.isEmpty ? "$" : "$" + joined
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context): return "missing field \"\(key.stringValue)\" at \(path(context))"
        case DecodingError.typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case DecodingError.valueNotFound(let type, let context): return "\(path(context)): expected \(type), found null"
        case DecodingError.dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        default: return "\(error)"
        }
    }

    private struct Envelope: Encodable {
        var record: RunRecord
        var diff: DiffJSON?
        enum Key: String, CodingKey { case diff }

        func encode(to encoder: any Encoder) throws {
            try record.encode(to: encoder)
            if let diff {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(diff, forKey: .diff)
            }
        }
    }

    /// The `diff` object of a record written with a baseline: one list per kind, each case in exactly
    /// one of them; `changed_after_upgrade` is an index over those lists (the cases of upgraded suites
    /// whose status changed), kept for readers of records written before cause changes and lost
    /// coverage had lists of their own.
    struct DiffJSON: Encodable {
        var newFailures: [RecordDiff.Entry]
        var causeChanged: [RecordDiff.Entry]
        var fixed: [RecordDiff.Entry]
        var lostCoverage: [RecordDiff.Entry]
        var stillFailing: [RecordDiff.Entry]
        var changedAfterUpgrade: [RecordDiff.Entry]
        var removed: [RecordDiff.Entry]
        var upgrades: [String: RecordDiff.VersionChange]

        init(_ diff: RecordDiff) {
            newFailures = diff.newFailures
            causeChanged = diff.causeChanged
            fixed = diff.fixed
            lostCoverage = diff.lostCoverage
            stillFailing = diff.stillFailing
            changedAfterUpgrade = diff.changedAfterUpgrade
            removed = diff.removed
            upgrades = diff.upgrades
        }

        enum CodingKeys: String, CodingKey {
            case fixed, removed, upgrades
            case newFailures = "new_failures"
            case causeChanged = "cause_changed"
            case lostCoverage = "lost_coverage"
            case stillFailing = "still_failing"
            case changedAfterUpgrade = "changed_after_upgrade"
        }
    }
}
