import Foundation

/// Date texts in the formats CVAT puts on the wire.
enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// RFC 1123 as Django writes cookie `expires`: `Sat, 27 Nov 2027 18:30:03 GMT`.
    static func rfc1123(_ date: Date) -> String {
        let c = utc.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d GMT",
            weekdays[c.weekday! - 1], c.day!, months[c.month! - 1], c.year!, c.hour!, c.minute!, c.second!)
    }

    /// ISO 8601 as DRF writes datetimes (Python's `isoformat()`, `+00:00` as `Z`): with microseconds
    /// (`2026-11-28T18:33:14.039943Z`), or without a fraction when they are zero (`2026-12-02T03:00:21Z`).
    static func iso(_ date: Date) -> String {
        // Whole microseconds, as Python datetimes hold them.
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded(.down)
        let seconds = (micros / 1_000_000).rounded(.down)
        let fraction = Int(micros - seconds * 1_000_000)
        let c = utc.dateComponents([.day, .month, .year, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        return fraction == 0 ? base + "Z" : base + String(format: ".%06dZ", fraction)
    }

    /// Compact UTC timestamp used in development version strings: `20261128183314`.
    static func compact(_ date: Date) -> String {
        let c = utc.dateComponents([.day, .month, .year, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Parses an ISO 8601 datetime as accepted for `expiry_date` (`2030-01-01T00:00:00Z`, optional
    /// fraction, `Z` or `+HH:MM`).
    static func parseISO(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text)
    }
}
