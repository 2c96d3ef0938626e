import Foundation

extension PythonCookieView {
    /// Why the SDK lost cookies, in the catalogue's terms.
    public enum LossKind: String, Hashable, Sendable {
        /// A cookie other than the last ends in a valueless flag (`…; Secure, next=…`).
        case bareFlag = "bare-flag"
        /// An attribute Python does not know (`Partitioned`).
        case unknownAttribute = "unknown-attribute"
        /// `CookieError` raised while loading (an illegal cookie name, an unknown `$` attribute): the SDK's
        /// login raises it instead of the cookie assert.
        case cookieError = "cookie-error"
        /// Anything else: an attribute before the first cookie, a valueless `Path`, a space in a value, a
        /// date in another form, a trailing `;`, a character Python does not allow.
        case other
    }

    /// The kind of loss, `nil` when everything the header held was loaded (or there was no header).
    public var lossKind: LossKind? {
        switch verdict {
        case .noHeader, .loaded: return nil
        case .raised: return .cookieError
        case .stopped: return .other
        case .rejected:
            switch explanation?.reason {
            case .bareFlag?: return .bareFlag
            case .unknownAttribute?: return .unknownAttribute
            default: return .other
            }
        }
    }

    /// Why Python's parser gave up, at which token.
    public struct Explanation: Hashable, Sendable {
        /// The reasons the explanation can name.
        public enum Reason: String, Hashable, Sendable {
            /// A cookie other than the last ends in a valueless flag (`Secure`, `HttpOnly`).
            case bareFlag = "bare-flag"
            /// An attribute Python does not know (`Partitioned`).
            case unknownAttribute = "unknown-attribute"
            /// A reserved attribute that needs a value written without one (`Path`).
            case attributeWithoutValue = "attribute-without-value"
            /// A space inside a value: the word after it reads as a cookie without a value.
            case spaceInValue = "space-in-value"
            /// An `Expires` date in another form than `Wdy, DD Mon YYYY HH:MM:SS GMT`.
            case dateForm = "date-form"
            /// A cookie ending in `;`: the join leaves a bare `,` before the next cookie.
            case trailingSemicolon = "trailing-semicolon"
            /// The header starts with an attribute, before any cookie.
            case attributeBeforeCookie = "attribute-before-cookie"
            /// A character Python's pattern does not allow where it stands.
            case illegalCharacter = "illegal-character"
            /// `CookieError` (an illegal cookie name, an unknown `$` attribute).
            case cookieError = "cookie-error"
        }

        public var reason: Reason
        /// The token Python stopped at, as written in the header.
        public var token: String
        /// The cookie the token belongs to (`csrftoken`), when known.
        public var cookie: String?
        /// One sentence naming the token and why.
        public var text: String
    }

    /// Why cookies were lost, naming the token; `nil` when nothing was lost.
    public var explanation: Explanation? {
        guard let input else { return nil }
        let text = input as NSString
        switch verdict {
        case .noHeader, .loaded: return nil
        case .raised(let message):
            let token = message.split(separator: "'").dropFirst().first.map(String.init) ?? message
            return Explanation(
                reason: .cookieError, token: token, cookie: nil,
                text:
                    "Python's http.cookies raises \(message) (it allows only letters, digits and !#$%&'*+-.^_`|~: in a cookie name, and no unknown $ attribute)"
            )
        case .stopped(let offset, let remainder):
            let excerpt = remainder.count > 40 ? String(remainder.prefix(40)) + "…" : remainder
            let owner = cookieName(atOffset: offset)
            return Explanation(
                reason: .illegalCharacter, token: excerpt, cookie: owner,
                text:
                    "Python's http.cookies stops reading at \"\(excerpt)\"\(owner.map { " (in cookie '\($0)')" } ?? ""): a character it does not allow there"
            )
        case .rejected(let rejection):
            let owner = cookieName(atOffset: rejection.offset)
            let inCookie = owner.map { "cookie '\($0)'" } ?? "a cookie"
            switch rejection {
            case .attributeBeforeCookie(let key, _):
                return Explanation(
                    reason: .attributeBeforeCookie, token: key, cookie: nil,
                    text: "the joined header starts with the attribute \(key) before any cookie")
            case .reservedWithoutValue(let key, _):
                return Explanation(
                    reason: .attributeWithoutValue, token: key, cookie: owner,
                    text: "\(inCookie) has the attribute \(key) without a value")
            case .bareKey(let key, let offset):
                let bare = key.hasSuffix(",") ? String(key.dropLast()) : key
                if key == "," || key.hasPrefix(","), Self.previousCharacter(text, before: offset) == ";" {
                    return Explanation(
                        reason: .trailingSemicolon, token: ";", cookie: owner,
                        text: "\(inCookie) ends in ';', so urllib3's \", \" join leaves Python a bare ','")
                }
                if let date = expiresValue(before: offset), !Self.isPythonDate(date) {
                    return Explanation(
                        reason: .dateForm, token: date, cookie: owner,
                        text:
                            "the Expires date of \(inCookie) (\"\(date)\") is not in the form Python's parser reads (\"Sat, 27 Nov 2027 18:30:03 GMT\")"
                    )
                }
                if Self.previousCharacter(text, before: offset).map({ $0 != ";" && $0 != "," }) ?? false {
                    return Explanation(
                        reason: .spaceInValue, token: bare, cookie: owner,
                        text: "a space in a value of \(inCookie): \"\(bare)\" after it reads as a cookie without a value")
                }
                if key.hasSuffix(","), Self.flags.contains(bare.lowercased()) {
                    return Explanation(
                        reason: .bareFlag, token: bare, cookie: owner,
                        text: "\(inCookie) ends in the bare flag \(bare), and urllib3's \", \" join puts \"\(bare),\" before the next cookie")
                }
                if Self.reserved.contains(bare.lowercased()) {
                    return Explanation(
                        reason: .attributeWithoutValue, token: bare, cookie: owner,
                        text: "\(inCookie) has the attribute \(bare) without a value")
                }
                return Explanation(
                    reason: .unknownAttribute, token: bare, cookie: owner,
                    text: "\(inCookie) carries the attribute \(bare), unknown to Python's http.cookies before 3.14")
            }
        }
    }

    /// The last non-space character before `offset`, if any.
    static func previousCharacter(_ text: NSString, before offset: Int) -> Character? {
        var index = min(offset, text.length) - 1
        while index >= 0 {
            let unit = text.character(at: index)
            if unit != 0x20, unit != 0x09 { return Character(Unicode.Scalar(unit) ?? " ") }
            index -= 1
        }
        return nil
    }

    /// The value of the last `expires=` attribute before `offset` on the same Set-Cookie line.
    func expiresValue(before offset: Int) -> String? {
        guard let index = lineIndex(ofOffset: offset) else { return nil }
        let line = lines[index]
        guard let range = line.range(of: "expires=", options: [.caseInsensitive, .backwards]) else { return nil }
        let rest = line[range.upperBound...]
        let value = rest.prefix { $0 != ";" }
        return String(value).trimmedSpaces
    }

    /// The date form `_CookiePattern` reads as one value: `\w{3},\s[\w\d\s-]{9,11}\s[\d:]{8}\sGMT`.
    static func isPythonDate(_ value: String) -> Bool {
        value.range(of: #"^[A-Za-z0-9_]{3},\s[A-Za-z0-9_\s-]{9,11}\s[0-9:]{8}\sGMT$"#, options: .regularExpression) != nil
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

    /// The cookie name of the line an offset falls in, if the line has one.
    func cookieName(atOffset offset: Int) -> String? {
        guard let index = lineIndex(ofOffset: offset) else { return nil }
        let name = SetCookie(parsing: lines[index]).name
        return name.isEmpty ? nil : name
    }

    /// One sentence on what cvat-sdk keeps, e.g. "cvat-sdk loads no cookie: cookie 'csrftoken' ends in
    /// the bare flag Secure, and urllib3's ", " join puts "Secure," before the next cookie".
    public var sdkSummary: String {
        let loaded = cookieNames
        let list = loaded.isEmpty ? "no cookie" : loaded.map { "'\($0)'" }.joined(separator: ", ")
        switch verdict {
        case .noHeader:
            return "cvat-sdk loads no cookie: the response has no Set-Cookie header"
        case .loaded:
            return "cvat-sdk loads \(loaded.isEmpty ? "no cookie" : "every cookie: " + list)"
        case .raised:
            return "cvat-sdk's login raises CookieError: \(explanation?.text ?? "")"
        case .stopped:
            return "cvat-sdk loads only \(list): \(explanation?.text ?? "")"
        case .rejected:
            return "cvat-sdk loads no cookie: \(explanation?.text ?? "")"
        }
    }
}
