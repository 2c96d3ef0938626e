import Foundation

/// Django REST framework's `SimpleRateThrottle` arithmetic over a history of request times.
enum Throttle {
    /// Records a request at `now` unless the limit is reached; returns the seconds to wait
    /// (DRF's `math.ceil(wait())`) when it is.
    static func check(history: inout [Date], limit: Int, duration: TimeInterval = 60, now: Date) -> Int? {
        while let oldest = history.last, oldest <= now.addingTimeInterval(-duration) {
            history.removeLast()
        }
        if history.count >= limit {
            let remaining = history.last.map { duration - now.timeIntervalSince($0) } ?? duration
            let available = limit - history.count + 1
            let wait = available > 0 ? remaining / Double(available) : remaining
            return max(0, Int(wait.rounded(.up)))
        }
        history.insert(now, at: 0)
        return nil
    }

    /// The 429 DRF answers when a throttle refuses a request.
    static func response(wait: Int) -> WireResponse {
        let unit = wait == 1 ? "second" : "seconds"
        var response = WireResponse.json(429, .detail("Request was throttled. Expected available in \(wait) \(unit)."))
        response.headers.append(("retry-after", String(wait)))
        return response
    }
}
