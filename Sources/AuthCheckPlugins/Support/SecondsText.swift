/// Seconds as the runner prints them (`30`, `0.5`), and durations as seconds.
enum SecondsText {
    /// `30` for a whole number of seconds, else `0.5`.
    static func format(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
