/// The lexical rules of the OpenMetrics text format (OpenMetrics 1.0, "ABNF"): escaping of label values
/// and help text, and the spelling of sample values.
enum OpenMetricsText {
    /// A label value or help text as an `escaped-string`: backslash, double quote and line feed are the
    /// only characters the format escapes (`\\`, `\"`, `\n`); everything else, non-ASCII included, is
    /// written as UTF-8.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A sample value: whole numbers without a fraction (`3`), others as the shortest decimal that reads
    /// back to the same double (`0.05`, `1e-05`), and the format's own `NaN`, `+Inf`, `-Inf`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
