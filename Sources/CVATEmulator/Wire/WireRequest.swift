import Foundation

/// One HTTP request as the emulator's engine sees it, independent of the server library.
struct WireRequest: Sendable {
    /// Upper-case method, e.g. `POST`.
    var method: String
    /// The path without the query, e.g. `/api/auth/login`.
    var path: String
    /// The raw query without `?`, or `nil`.
    var rawQuery: String?
    /// Header fields in arrival order, names lower-cased.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// The peer's IP address (used to key throttles).
    var clientAddress: String

    init(
        method: String, path: String, rawQuery: String? = nil, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        clientAddress: String = "127.0.0.1"
    ) {
        self.method = method.uppercased()
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
        self.clientAddress = clientAddress
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        let key = name.lowercased()
        return headers.first { $0.name == key }?.value
    }

    /// Query parameters, percent-decoded, in order.
    var query: [(name: String, value: String)] {
        guard let rawQuery, !rawQuery.isEmpty else { return [] }
        return rawQuery.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The last value of a query parameter (as Django's `QueryDict.get`).
    func queryValue(_ name: String) -> String? {
        query.last { $0.name == name }?.value
    }

    /// Cookies from every `Cookie` header; a later cookie of the same name wins (as in Django).
    var cookies: [String: String] {
        var result: [String: String] = [:]
        for field in headers where field.name == "cookie" {
            for chunk in field.value.split(separator: ";") {
                let parts = chunk.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { continue }
                var value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                result[name] = value
            }
        }
        return result
    }

    /// Whether the method is one Django's CSRF check treats as safe.
    var isSafeMethod: Bool { ["GET", "HEAD", "OPTIONS", "TRACE"].contains(method) }
}
