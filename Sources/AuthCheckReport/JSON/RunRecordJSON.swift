import AuthCheckCore
import Foundation

/// The JSON run record (`--json`): ``RunRecord`` encoded with snake_case keys, ISO-8601 dates with
/// milliseconds, sorted keys, and — when a baseline was given — a `diff` object. See docs/REPORTS.md.
public enum RunRecordJSON {
    /// The schema family this tool reads; the part after `@` is the major version.
    public static let schemaFamily = "cvat-authcheck/run-record"

    /// Encodes `record` (and the diff against a baseline, if any).
    public static func encode(_ record: RunRecord, diff: RecordDiff? = nil) throws(ReportError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return Array(try encoder.encode(Envelope(record: record, diff: diff.map(DiffJSON.init))))
        } catch {
            throw .unsupported("cannot encode the run record: \(error)")
        }
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
        case let DecodingError.keyNotFound(key, context): return "missing field \"\(key.stringValue)\" at \(path(context))"
        case let DecodingError.typeMismatch(type, context): return "\(path(context)): expected \(type)"
        case let DecodingError.valueNotFound(type, context): return "\(path(context)): expected \(type), found null"
        case let DecodingError.dataCorrupted(context): return "\(path(context)): \(context.debugDescription)"
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

    /// The `diff` object of a record written with a baseline.
    struct DiffJSON: Encodable {
        var newFailures: [RecordDiff.Entry]
        var fixed: [RecordDiff.Entry]
        var stillFailing: [RecordDiff.Entry]
        var changedAfterUpgrade: [RecordDiff.Entry]
        var removed: [RecordDiff.Entry]
        var upgrades: [String: RecordDiff.VersionChange]

        init(_ diff: RecordDiff) {
            newFailures = diff.newFailures
            fixed = diff.fixed
            stillFailing = diff.stillFailing
            changedAfterUpgrade = diff.changedAfterUpgrade
            removed = diff.removed
            upgrades = diff.upgrades
        }

        enum CodingKeys: String, CodingKey {
            case newFailures = "new_failures", fixed, stillFailing = "still_failing"
            case changedAfterUpgrade = "changed_after_upgrade", removed, upgrades
        }
    }
}
