import AuthCheckCore
import Foundation
import Testing

/// Header-name matching agrees with Foundation's case-insensitive compare.
@Suite struct HeaderNameMatchTests {
    @Test(
        "agrees with caseInsensitiveCompare",
        arguments: [
            ("Set-Cookie", "set-cookie"), ("SET-COOKIE", "Set-Cookie"), ("Cookie", "Cookies"), ("@", "`"), ("[", "{"),
            ("X-CSRFToken", "x-csrftoken"), ("Ä-Header", "ä-header"), ("Content-Type", "Content-Typf"), ("", ""), ("a", ""),
            ("ETag", "Etag"), ("x_y", "X_Y"), ("1", "1"), ("^", "~"),
        ])
    func agrees(left: String, right: String) {
        #expect(left.sameHeaderName(as: right) == (left.caseInsensitiveCompare(right) == .orderedSame))
        #expect(right.sameHeaderName(as: left) == left.sameHeaderName(as: right))
    }

    @Test("every pair of printable ASCII characters")
    func asciiPairs() {
        let printable = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }
        var mismatches: [String] = []
        for left in printable {
            for right in printable where left.sameHeaderName(as: right) != (left.caseInsensitiveCompare(right) == .orderedSame) {
                mismatches.append("\(left)|\(right)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
