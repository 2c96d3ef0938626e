import AuthCheckCore

/// The spool's on-disk form of a suite's exchanges: for each outcome, its ``ExchangeRecord``s as
/// length-prefixed fields. Private to one process run (never read by another version), so it favours
/// speed over evolvability: JSON cost a fifth of a run's CPU here; this is a copy of the bytes.
enum EvidenceCodec {
    /// The exchanges of every outcome of `suite`, in order.
    static func encode(_ suite: SuiteRecord) -> [UInt8] {
        var writer = Writer()
        writer.count(suite.outcomes.count)
        for outcome in suite.outcomes {
            writer.count(outcome.evidence.count)
            for exchange in outcome.evidence { writer.exchange(exchange) }
        }
        return writer.bytes
    }

    /// `slim` with the exchanges of `bytes` put back, outcome by outcome.
    /// - Throws: ``ReportError/io(path:reason:)`` naming `label` when the bytes do not fit the suite.
    static func restore(_ bytes: [UInt8], into slim: SuiteRecord, label: String) throws(ReportError) -> SuiteRecord {
        var reader = Reader(bytes: bytes)
        var suite = slim
        guard let outcomes = reader.count(), outcomes == suite.outcomes.count else {
            throw .io(path: label, reason: "a spooled suite of \(slim.target) does not match the run record")
        }
        for index in suite.outcomes.indices {
            guard let exchanges = reader.count() else { throw .io(path: label, reason: "a spooled suite of \(slim.target) is truncated") }
            var evidence: [ExchangeRecord] = []
            evidence.reserveCapacity(exchanges)
            for _ in 0..<exchanges {
                guard let exchange = reader.exchange() else { throw .io(path: label, reason: "a spooled suite of \(slim.target) is truncated") }
                evidence.append(exchange)
            }
            suite.outcomes[index].evidence = evidence
        }
        guard reader.atEnd else { throw .io(path: label, reason: "a spooled suite of \(slim.target) has trailing bytes") }
        return suite
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func count(_ value: Int) { varint(UInt64(value)) }

        mutating func varint(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func string(_ value: String) {
            count(value.utf8.count)
            bytes.append(contentsOf: value.utf8)
        }

        mutating func optional(_ value: String?) {
            if let value {
                bytes.append(1)
                string(value)
            } else {
                bytes.append(0)
            }
        }

        mutating func headers(_ fields: [HeaderField]) {
            count(fields.count)
            for field in fields {
                string(field.name)
                string(field.value)
            }
        }

        mutating func exchange(_ exchange: ExchangeRecord) {
            string(exchange.method)
            string(exchange.url)
            headers(exchange.requestHeaders)
            optional(exchange.requestBody)
            if let status = exchange.status {
                bytes.append(1)
                varint(UInt64(bitPattern: Int64(status)))
            } else {
                bytes.append(0)
            }
            headers(exchange.responseHeaders)
            optional(exchange.responseBody)
            optional(exchange.error)
            withUnsafeBytes(of: exchange.duration.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func count() -> Int? { varint().flatMap { Int(exactly: $0) } }

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < bytes.count, shift < 64 {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        mutating func string() -> String? {
            guard let length = count(), length <= bytes.count - position else { return nil }
            defer { position += length }
            return String(decoding: bytes[position..<position + length], as: UTF8.self)
        }

        mutating func flag() -> Bool? {
            guard position < bytes.count, bytes[position] <= 1 else { return nil }
            defer { position += 1 }
            return bytes[position] == 1
        }

        mutating func optional() -> String?? {
            guard let present = flag() else { return nil }
            return present ? string().map(Optional.some) : .some(nil)
        }

        mutating func headers() -> [HeaderField]? {
            guard let number = count(), number <= bytes.count - position else { return nil }
            var fields: [HeaderField] = []
            fields.reserveCapacity(number)
            for _ in 0..<number {
                guard let name = string(), let value = string() else { return nil }
                fields.append(HeaderField(name, value))
            }
            return fields
        }

        mutating func exchange() -> ExchangeRecord? {
            guard let method = string(), let url = string(), let requestHeaders = headers(), let requestBody = optional(),
                let hasStatus = flag()
            else { return nil }
            var status: Int?
            if hasStatus {
                guard let raw = varint() else { return nil }
                status = Int(truncatingIfNeeded: Int64(bitPattern: raw))
            }
            guard let responseHeaders = headers(), let responseBody = optional(), let error = optional(),
                position + 8 <= bytes.count
            else { return nil }
            var pattern: UInt64 = 0
            for offset in 0..<8 { pattern |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
            position += 8
            return ExchangeRecord(
                method: method, url: url, requestHeaders: requestHeaders, requestBody: requestBody, status: status,
                responseHeaders: responseHeaders, responseBody: responseBody, error: error, duration: Double(bitPattern: pattern))
        }
    }
}
