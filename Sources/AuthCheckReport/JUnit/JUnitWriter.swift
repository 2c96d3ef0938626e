import Foundation

/// Writes a ``JUnitDocument`` as XML through libxml2's `xmlTextWriter`.
///
/// The output is flat (`testsuites > testsuite > testcase`), always carries every count, writes `time`
/// as plain seconds with at most three decimals, and emits exactly one terminal element per case.
public enum JUnitWriter {
    /// The document's bytes (UTF-8, with an XML declaration).
    public static func write(_ document: JUnitDocument, indent: Bool = true) throws(ReportError) -> [UInt8] {
        let sink = MemorySink()
        let stream = try JUnitStreamWriter(name: document.name, totals: document.counts, indent: indent, into: sink)
        for suite in document.suites { try stream.append(suite) }
        _ = try stream.finish()
        return sink.bytes
    }

    static func write(_ suite: JUnitSuite, with writer: XMLTextWriter) throws(ReportError) {
        let counts = suite.counts
        try writer.startElement("testsuite")
        try writer.attribute("name", suite.name.isEmpty ? "unnamed" : suite.name)
        try writer.attribute("hostname", suite.hostname.isEmpty ? "unknown" : suite.hostname)
        try writer.attribute("timestamp", suite.timestamp)
        try writer.attribute("tests", String(counts.tests))
        try writer.attribute("failures", String(counts.failures))
        try writer.attribute("errors", String(counts.errors))
        try writer.attribute("skipped", String(counts.skipped))
        try writer.attribute("time", Seconds.format(suite.time))
        try writer.startElement("properties")
        for property in suite.properties {
            try writer.element("property", attributes: [("name", property.name), ("value", property.value)])
        }
        try writer.endElement()
        for testCase in suite.cases { try write(testCase, with: writer) }
        if let out = suite.systemOut { try writer.element("system-out", text: out) }
        if let err = suite.systemErr { try writer.element("system-err", text: err) }
        try writer.endElement()
    }

    private static func write(_ testCase: JUnitCase, with writer: XMLTextWriter) throws(ReportError) {
        try writer.startElement("testcase")
        try writer.attribute("classname", testCase.classname)
        try writer.attribute("name", testCase.name)
        try writer.attribute("time", Seconds.format(testCase.time))
        switch testCase.result {
        case .passed: break
        case .failure(let message, let type, let body):
            try writer.element("failure", attributes: [("message", message), ("type", type)], text: body)
        case .error(let message, let type, let body):
            try writer.element("error", attributes: [("message", message), ("type", type)], text: body)
        case .skipped(let message, let body):
            try writer.element("skipped", attributes: [("message", message)], text: body)
        }
        if let out = testCase.systemOut { try writer.element("system-out", text: out) }
        if let err = testCase.systemErr { try writer.element("system-err", text: err) }
        try writer.endElement()
    }
}

/// Formats durations the way every JUnit consumer parses them.
public enum Seconds {
    /// Plain seconds with a dot and exactly three decimals (`12.345`); negative, NaN or infinite become `0.000`.
    /// No locale, no thousands separator, no exponent.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0.000" }
        let millis = UInt64(min((seconds * 1000).rounded(), 9_000_000_000_000))
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// Parses a `time` attribute leniently (`1,234.5` and empty values included); unparseable gives 0.
    public static func parse(_ text: String?) -> Double {
        guard let text else { return 0 }
        let value = Double(text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)) ?? 0
        return value.isFinite && value >= 0 ? value : 0
    }
}
