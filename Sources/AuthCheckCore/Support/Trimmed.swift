/// Trimming without Foundation: `trimmingCharacters(in:)` bridges to `NSString` and walks UTF-16, and
/// it showed up in profiles of every cookie parsed and every exchange summarised. These trim the same
/// sets on Unicode scalars, returning the text untouched (no copy) in the common case.
extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (Foundation's `.whitespaces`: Unicode
    /// `Zs`, U+0009 and U+200B).
    public var trimmedSpaces: String { trimmed(where: Self.isSpace) }

    /// The text without leading and trailing white space and line breaks (Foundation's
    /// `.whitespacesAndNewlines`: Unicode `Z*`, U+0009–U+000D, U+0085 and U+200B).
    public var trimmedWhitespace: String { trimmed(where: Self.isSpaceOrNewline) }

    private func trimmed(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let end = scalars.index(after: scalars.lastIndex(where: { !isTrimmed($0) })!)
        if first == scalars.startIndex, end == scalars.endIndex, let whole = self as? String { return whole }
        return String(self[first..<end])
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        // Foundation still counts U+200B ZERO WIDTH SPACE (a `Zs` before Unicode 4.0.1).
        return scalar.properties.generalCategory == .spaceSeparator || scalar == "\u{200B}"
    }

    static func isSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || ("\t"..."\r").contains(scalar) }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return scalar == "\u{85}" || scalar == "\u{200B}"
        }
    }
}
