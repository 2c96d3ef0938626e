import Foundation

extension PythonCookieView {
    /// Why the SDK lost cookies, in the catalogue's terms.
    public enum LossKind: String, Hashable, Sendable {
        /// A cookie other than the last ends in a valueless flag (`…; Secure, next=…`).
        case bareFlag = "bare-flag"
        /// An attribute Python does not know (`Partitioned`).
        case unknownAttribute = "unknown-attribute"
        /// Anything else: an attribute before the first cookie, a valueless `Path`, an illegal character, `CookieError`.
        case other
    }

    /// The kind of loss, `nil` when everything the header held was loaded (or there was no header).
    public var lossKind: LossKind? {
        switch verdict {
        case .noHeader, .loaded: return nil
        case .stopped, .raised: return .other
        case .rejected(let rejection):
            guard case .bareKey(let key, _) = rejection else { return .other }
            if key.hasSuffix(","), Self.flags.contains(String(key.dropLast()).lowercased()) { return .bareFlag }
            return .unknownAttribute
        }
    }

    /// The index of the `Set-Cookie` line a UTF-16 offset of the joined input falls in.
    public func lineIndex(ofOffset offset: Int) -> Int? {
        guard !lines.isEmpty else { return nil }
        var start = 0
        for (index, line) in lines.enumerated() {
            let end = start + (line as NSString).length
            if offset < end + 2 { return index }
            start = end + 2
        }
        return lines.count - 1
    }

    /// The cookie name of the line an offset falls in, quoted (`cookie 'csrftoken'`), or "a cookie".
    func cookie(atOffset offset: Int) -> String {
        guard let index = lineIndex(ofOffset: offset) else { return "a cookie" }
        let name = SetCookie(parsing: lines[index]).name
        return name.isEmpty ? "Set-Cookie line \(index + 1)" : "cookie '\(name)'"
    }

    /// One sentence on what cvat-sdk keeps, e.g. "cvat-sdk loads no cookie: cookie 'csrftoken' ends in a
    /// bare flag (Secure) before the next cookie".
    public var sdkSummary: String {
        let loaded = cookieNames
        let list = loaded.isEmpty ? "no cookie" : loaded.map { "'\($0)'" }.joined(separator: ", ")
        switch verdict {
        case .noHeader:
            return "cvat-sdk loads no cookie: the response has no Set-Cookie header"
        case .loaded:
            return "cvat-sdk loads \(loaded.isEmpty ? "no cookie" : "every cookie: " + list)"
        case let .stopped(offset, remainder):
            let excerpt = remainder.count > 40 ? String(remainder.prefix(40)) + "…" : remainder
            return "cvat-sdk loads only \(list): Python's http.cookies stops parsing inside \(cookie(atOffset: offset)) at \"\(excerpt)\""
        case .rejected(let rejection):
            let owner = cookie(atOffset: rejection.offset)
            switch rejection {
            case .bareKey(let key, _):
                if lossKind == .bareFlag {
                    return "cvat-sdk loads no cookie: \(owner) ends in a bare flag (\(key.dropLast())) before the next cookie"
                }
                return "cvat-sdk loads no cookie: \(owner) carries the attribute \(key), unknown to Python's http.cookies (3.8–3.13)"
            case .reservedWithoutValue(let key, _):
                return "cvat-sdk loads no cookie: \(owner) has the attribute \(key) without a value"
            case .attributeBeforeCookie(let key, _):
                return "cvat-sdk loads no cookie: the joined header starts with the attribute \(key) before any cookie"
            }
        case .raised(let message):
            return "cvat-sdk's login raises http.cookies.\(message)"
        }
    }
}
