import AuthCheckCore
import Foundation
import Testing

/// The Foundation-free trimming matches Foundation's character sets exactly.
@Suite struct TrimmedTests {
    /// Every scalar of the Basic Multilingual Plane plus a few beyond it.
    static let scalars: [Unicode.Scalar] = (0...0xFFFF).compactMap(Unicode.Scalar.init) + [Unicode.Scalar(0x1F600)!, Unicode.Scalar(0xE0020)!]

    @Test("each scalar is trimmed exactly when Foundation trims it")
    func matchesFoundation() {
        var mismatches: [String] = []
        for scalar in Self.scalars {
            let text = "\(scalar)x\(scalar)"
            if text.trimmedSpaces != text.trimmingCharacters(in: .whitespaces) { mismatches.append("spaces U+\(String(scalar.value, radix: 16))") }
            if text.trimmedWhitespace != text.trimmingCharacters(in: .whitespacesAndNewlines) {
                mismatches.append("whitespace U+\(String(scalar.value, radix: 16))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test("whole-text cases", arguments: ["", " ", " \t\n ", "a", " a ", "a b", "\u{3000}ä\u{2028}", "\r\nline\r\n", "é\u{301} "])
    func cases(text: String) {
        #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmedWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text[...].trimmedWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
