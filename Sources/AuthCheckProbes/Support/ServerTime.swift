import Foundation

/// Reads the two date forms CVAT answers with: the HTTP `Date` header (`Tue, 01 Dec 2026 03:00:21
/// GMT`, uvicorn's) and the ISO 8601 timestamps of its JSON (`2026-12-01T03:00:21.816840Z`).
enum ServerTime {
    /// An HTTP-date (IMF-fixdate), or `nil`.
    static func httpDate(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }

    /// An ISO 8601 date-time with optional fraction and a `Z` or `±HH:MM` offset, or `nil`. A fraction
    /// rounds the time up to the next second, so an age computed from it is never overstated.
    static func iso(_ text: String?) -> Date? {
        guard let text, text.count >= 19 else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        guard var date = formatter.date(from: String(text.prefix(19))) else { return nil }
        var rest = text.dropFirst(19)
        if rest.first == "." {
            rest = rest.dropFirst().drop { $0.isNumber }
            date.addTimeInterval(1)
        }
        switch rest.first {
        case nil, "Z", "z": return rest.count <= 1 ? date : nil
        case "+", "-":
            let sign: Double = rest.first == "+" ? 1 : -1
            let digits = rest.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, let hours = Double(digits.prefix(2)), let minutes = Double(digits.suffix(2)) else { return nil }
            return date.addingTimeInterval(-sign * (hours * 3600 + minutes * 60))
        default: return nil
        }
    }
}
