import Foundation

extension String {
    /// `true` when `self` and `other` are the same header name, ignoring case. Header names are ASCII
    /// tokens, compared byte by byte; anything else falls back to Foundation's case-insensitive compare
    /// (which bridges to `NSString` and showed up in profiles of every header lookup).
    public func sameHeaderName(as other: String) -> Bool {
        let left = utf8
        let right = other.utf8
        guard left.count == right.count else { return false }
        var index = right.startIndex
        for byte in left {
            let theirs = right[index]
            index = right.index(after: index)
            if byte == theirs { continue }
            if byte >= 0x80 || theirs >= 0x80 { return caseInsensitiveCompare(other) == .orderedSame }
            if byte | 0x20 != theirs | 0x20 || !(0x61...0x7A).contains(byte | 0x20) { return false }
        }
        return true
    }
}
