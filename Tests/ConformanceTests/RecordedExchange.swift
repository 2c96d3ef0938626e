import Foundation

/// One HTTP exchange as a run record (`cvat-authcheck/run-record@1`) holds it, with the outcome it
/// was first seen as evidence of.
struct RecordedExchange: Sendable {
    /// Position in replay order (1-based).
    var index: Int
    /// The probe and case of the first outcome that cites it, e.g. `access-token.lifecycle` / `revoke`.
    var probe: String
    var caseName: String
    var method: String
    var url: URL
    var requestHeaders: [(name: String, value: String)]
    var requestBody: String?
    var status: Int
    var responseHeaders: [(name: String, value: String)]
    var responseBody: String
    /// The response's `Date`.
    var date: Date?

    /// The request target as sent: the path (trailing slash kept, which `URL.path` drops) and query.
    var target: String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? url.path
        return (path.isEmpty ? "/" : path) + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// `#7 access-token.lifecycle/revoke DELETE /api/auth/access_tokens/15`.
    var label: String {
        "#\(index) \(probe)/\(caseName) \(method) \(target)"
    }

    func requestHeader(_ name: String) -> String? {
        requestHeaders.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func responseHeader(_ name: String) -> String? {
        responseHeaders.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var responseSetCookies: [String] {
        responseHeaders.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
    }
}

/// A decoded `run.json`: the target URL and the exchanges, deduplicated and in replay order.
struct RecordedRun: Sendable {
    /// The URL the checker was pointed at.
    var url: URL
    /// The server version the record reports, if any.
    var serverVersion: String?
    var exchanges: [RecordedExchange]

    /// Reads a run record. The same exchange is evidence of several outcomes: it is kept once, keyed
    /// by `x-request-id` (else nothing), `date`, method, URL, status and request headers. Order: first
    /// appearance, stably sorted by the response `Date` (one-second resolution).
    static func load(_ file: URL) throws -> RecordedRun {
        let record = try JSONDecoder().decode(RunRecordFile.self, from: Data(contentsOf: file))
        guard let suite = record.suites.first, let url = URL(string: suite.url) else {
            throw ConformanceError("\(file.path): no suite with a URL")
        }
        var seen: Set<String> = []
        var exchanges: [RecordedExchange] = []
        for outcome in suite.outcomes {
            for evidence in outcome.evidence ?? [] {
                let responseHeaders = evidence.responseHeaders.map { (name: $0.name, value: $0.value) }
                let requestHeaders = evidence.requestHeaders.map { (name: $0.name, value: $0.value) }
                let find = { (name: String) in responseHeaders.first { $0.name.lowercased() == name }?.value ?? "" }
                let key = [
                    find("x-request-id"), find("date"), evidence.method, evidence.url, String(evidence.status),
                    requestHeaders.map { "\($0.name)=\($0.value)" }.joined(separator: "\n"),
                ].joined(separator: "\u{1}")
                guard seen.insert(key).inserted, let exchangeURL = URL(string: evidence.url) else { continue }
                exchanges.append(
                    RecordedExchange(
                        index: 0, probe: outcome.probe, caseName: outcome.name, method: evidence.method, url: exchangeURL,
                        requestHeaders: requestHeaders, requestBody: evidence.requestBody, status: evidence.status,
                        responseHeaders: responseHeaders, responseBody: evidence.responseBody ?? "",
                        date: HTTPDateParser.parse(find("date"))))
            }
        }
        let ordered = exchanges.enumerated().sorted { lhs, rhs in
            switch (lhs.element.date, rhs.element.date) {
            case (let left?, let right?) where left != right: left < right
            default: lhs.offset < rhs.offset
            }
        }.map(\.element)
        return RecordedRun(
            url: url, serverVersion: suite.serverVersion,
            exchanges: ordered.enumerated().map { offset, exchange in
                var numbered = exchange
                numbered.index = offset + 1
                return numbered
            })
    }
}

/// The part of `cvat-authcheck/run-record@1` the tier reads.
private struct RunRecordFile: Decodable {
    struct Header: Decodable {
        let name: String
        let value: String
    }

    struct Evidence: Decodable {
        let method: String
        let url: String
        let requestHeaders: [Header]
        let requestBody: String?
        let status: Int
        let responseHeaders: [Header]
        let responseBody: String?

        enum CodingKeys: String, CodingKey {
            case method, url, status
            case requestHeaders = "request_headers"
            case requestBody = "request_body"
            case responseHeaders = "response_headers"
            case responseBody = "response_body"
        }
    }

    struct Outcome: Decodable {
        let probe: String
        let name: String
        let evidence: [Evidence]?
    }

    struct Suite: Decodable {
        let url: String
        let serverVersion: String?
        let outcomes: [Outcome]

        enum CodingKeys: String, CodingKey {
            case url, outcomes
            case serverVersion = "server_version"
        }
    }

    let suites: [Suite]
}

/// An error of the conformance tier itself (unreadable record, missing description, …).
struct ConformanceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// RFC 1123 dates as servers send them in `Date`.
enum HTTPDateParser {
    static func parse(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
