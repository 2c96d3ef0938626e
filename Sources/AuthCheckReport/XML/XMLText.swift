/// Makes arbitrary text safe for XML 1.0.
///
/// libxml2 escapes markup (`<`, `&`, quotes) but writes code points that XML 1.0 forbids as they are, which
/// produces a document no parser accepts. Those code points (C0 controls other than tab, LF and CR, NUL
/// included, and U+FFFE/U+FFFF) are replaced by a visible `\uXXXX`. Swift strings are always valid
/// Unicode, so invalid UTF-8 and lone surrogates cannot reach the writer.
public enum XMLText {
    /// `true` when XML 1.0 allows the scalar in character data.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` with every forbidden scalar replaced by `\uXXXX`.
    public static func sanitise(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isAllowed) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isAllowed(scalar) {
                result.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            }
        }
        return String(result)
    }
}
