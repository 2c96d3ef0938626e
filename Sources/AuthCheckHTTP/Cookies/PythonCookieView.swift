import AuthCheckCore
import Foundation

/// What every cvat-sdk release keeps from a login response's cookies — an exact model, not an approximation.
///
/// cvat-sdk reads `response.headers.get("Set-Cookie")` from urllib3, which joins all `Set-Cookie`
/// lines with `", "`, and loads that one string into Python's `http.cookies.SimpleCookie`. This type
/// ports `BaseCookie.__parse_string` of Python 3.8–3.13 (`Lib/http/cookies.py`) line by line: the
/// `_CookiePattern` regex (compiled with `re.ASCII`: the lazy key over legal characters that include
/// `,`, the quoted value, the special `expires` date alternative), `$` keys, `Morsel._reserved` and
/// `Morsel._flags`, the two-pass "parse everything, then apply" structure, `_unquote`, and the
/// `CookieError`s raised while applying. Three results matter to the SDK:
/// - ``Verdict/loaded``: every token parsed; the cookies are loaded.
/// - ``Verdict/stopped(at:remainder:)``: a token did not match the pattern; parsing stopped there and
///   the cookies before it are loaded (the rest are silently lost).
/// - ``Verdict/rejected(_:)``: an attribute before any cookie, a non-flag reserved attribute without a
///   value, or a bare non-reserved key (`Secure,` — a flag followed by the next cookie — or `Partitioned`):
///   `load` returns having loaded **nothing**.
/// - ``Verdict/raised(_:)``: applying raised `http.cookies.CookieError` (an illegal key, an unknown `$` attribute).
///
/// Python 3.14 adds `partitioned` to the reserved flags; cvat-sdk releases up to 2.80 run on 3.8–3.13,
/// which this models. Header bytes are taken as the Swift string the transport produced (Python decodes
/// them as Latin-1; this only matters for non-ASCII header bytes).
public struct PythonCookieView: Hashable, Sendable {
    /// A morsel's attribute value: a string, a flag (`True`), or Python's `None` (a valueless `$` attribute).
    public enum AttributeValue: Hashable, Sendable {
        case string(String)
        case flag
        case none
    }

    /// One loaded cookie, as `SimpleCookie[name]` would hold it.
    public struct Morsel: Hashable, Sendable {
        public var name: String
        /// `Morsel.value` (unquoted).
        public var value: String
        /// `Morsel.coded_value` (as written).
        public var codedValue: String
        /// Reserved attributes set on the morsel, lower-cased keys, in the order they were set.
        public var attributes: [(key: String, value: AttributeValue)]

        public static func == (lhs: Morsel, rhs: Morsel) -> Bool {
            lhs.name == rhs.name && lhs.value == rhs.value && lhs.codedValue == rhs.codedValue
                && lhs.attributes.map(\.key) == rhs.attributes.map(\.key) && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(value)
        }
    }

    /// Why `__parse_string` returned without loading anything.
    public enum Rejection: Hashable, Sendable {
        /// A reserved attribute (`Path=/`) before any `name=value`.
        case attributeBeforeCookie(key: String, offset: Int)
        /// A reserved attribute that needs a value (`Path`, `Max-Age`, …) written without one.
        case reservedWithoutValue(key: String, offset: Int)
        /// A key without value that is not a reserved flag: `Secure,` (a flag directly followed by `, next=…`)
        /// or an unknown attribute such as `Partitioned`.
        case bareKey(key: String, offset: Int)

        /// The offending token as matched.
        public var key: String {
            switch self {
            case .attributeBeforeCookie(let key, _), .reservedWithoutValue(let key, _), .bareKey(let key, _): key
            }
        }

        /// UTF-16 offset of the token in the joined header.
        public var offset: Int {
            switch self {
            case .attributeBeforeCookie(_, let offset), .reservedWithoutValue(_, let offset), .bareKey(_, let offset): offset
            }
        }
    }

    /// The result of `SimpleCookie.load`.
    public enum Verdict: Hashable, Sendable {
        /// The response had no `Set-Cookie` header: nothing to load.
        case noHeader
        /// The whole string parsed.
        case loaded
        /// Parsing stopped at a token the pattern does not match; cookies before it were loaded.
        case stopped(at: Int, remainder: String)
        /// `load` returned having loaded nothing.
        case rejected(Rejection)
        /// `CookieError` was raised while applying (cookies applied before it stay in the dict, but the
        /// constructor the SDK calls raises, so the SDK keeps none of them).
        case raised(String)
    }

    /// The string given to `SimpleCookie`: the `Set-Cookie` lines joined with `", "` (`nil` without any).
    public var input: String?
    /// The raw lines the input was joined from (empty when built from a single string).
    public var lines: [String]
    /// The cookies in the dict after `load`, in insertion order (for ``Verdict/raised(_:)`` those applied before the error).
    public var morsels: [Morsel]
    public var verdict: Verdict

    /// The cookie names the SDK's `api_client.cookies` ends up holding (none when loading raised).
    public var cookieNames: [String] {
        if case .raised = verdict { return [] }
        return morsels.map(\.name)
    }

    /// The value the SDK would hold for a cookie, if any.
    public func value(of name: String) -> String? {
        if case .raised = verdict { return nil }
        return morsels.first { $0.name == name }?.value
    }

    /// Models what cvat-sdk does with a login response: join every `Set-Cookie` line with `", "`
    /// (urllib3 `HTTPHeaderDict.get`) and load the result into a fresh `SimpleCookie`.
    public static func sdk(setCookieLines lines: [String]) -> PythonCookieView {
        guard !lines.isEmpty else { return PythonCookieView(input: nil, lines: [], morsels: [], verdict: .noHeader) }
        var view = load(lines.joined(separator: ", "))
        view.lines = lines
        return view
    }

    /// Models cvat-sdk on a response.
    public static func sdk(response: HTTPResponseData) -> PythonCookieView { sdk(setCookieLines: response.setCookieLines) }

    /// `SimpleCookie().load(input)` on Python 3.8–3.13.
    public static func load(_ input: String) -> PythonCookieView {
        var view = PythonCookieView(input: input, lines: [], morsels: [], verdict: .loaded)
        guard !input.isEmpty else { return view }  // `if input:` in BaseCookie.__init__
        let text = input as NSString
        let n = text.length
        var i = 0
        var morselSeen = false
        enum Item {
            case attribute(String, AttributeValue)
            case keyValue(String, real: String, coded: String)
        }
        var items: [Item] = []
        parsing: while i >= 0 && i < n {
            guard let match = CookiePattern.regex.firstMatch(in: input, options: [.anchored], range: NSRange(location: i, length: n - i)) else {
                view.verdict = .stopped(at: i, remainder: text.substring(from: i))
                break parsing
            }
            let keyRange = match.range(withName: "key")
            let valRange = match.range(withName: "val")
            let key = text.substring(with: keyRange)
            let value: String? = valRange.location == NSNotFound ? nil : text.substring(with: valRange)
            let offset = match.range.location
            i = match.range.location + match.range.length
            let lower = key.lowercased()
            if key.hasPrefix("$") {
                if !morselSeen { continue }
                items.append(.attribute(String(key.dropFirst()), value.map { .string($0) } ?? .none))
            } else if reserved.contains(lower) {
                guard morselSeen else {
                    view.verdict = .rejected(.attributeBeforeCookie(key: key, offset: offset))
                    return view
                }
                if let value {
                    items.append(.attribute(key, .string(unquote(value))))
                } else if flags.contains(lower) {
                    items.append(.attribute(key, .flag))
                } else {
                    view.verdict = .rejected(.reservedWithoutValue(key: key, offset: offset))
                    return view
                }
            } else if let value {
                items.append(.keyValue(key, real: unquote(value), coded: value))
                morselSeen = true
            } else {
                view.verdict = .rejected(.bareKey(key: key, offset: offset))
                return view
            }
        }
        // Apply, as the second loop of __parse_string does.
        var current: Int?
        for item in items {
            switch item {
            case .attribute(let key, let value):
                let lower = key.lowercased()
                guard reserved.contains(lower) else {
                    view.verdict = .raised("CookieError: Invalid attribute '\(lower)'")
                    return view
                }
                guard let index = current else { continue }
                if let existing = view.morsels[index].attributes.firstIndex(where: { $0.key == lower }) {
                    view.morsels[index].attributes[existing].value = value
                } else {
                    view.morsels[index].attributes.append((lower, value))
                }
            case .keyValue(let key, let real, let coded):
                guard isLegalKey(key) else {
                    view.verdict = .raised("CookieError: Illegal key '\(key)'")
                    return view
                }
                if let index = view.morsels.firstIndex(where: { $0.name == key }) {
                    view.morsels[index].value = real
                    view.morsels[index].codedValue = coded
                    current = index
                } else {
                    view.morsels.append(Morsel(name: key, value: real, codedValue: coded, attributes: []))
                    current = view.morsels.count - 1
                }
            }
        }
        return view
    }

    /// `Morsel._reserved` (Python 3.8–3.13).
    public static let reserved: Set<String> = ["expires", "path", "comment", "domain", "max-age", "secure", "httponly", "version", "samesite"]
    /// `Morsel._flags`.
    public static let flags: Set<String> = ["secure", "httponly"]

    /// `_is_legal_key`: `[A-Za-z0-9!#$%&'*+-.^_`|~:]+` (full match).
    static func isLegalKey(_ key: String) -> Bool {
        !key.isEmpty
            && key.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "!#$%&'*+-.^_`|~:".unicodeScalars.contains(scalar))
            }
    }

    /// `http.cookies._unquote`: strips surrounding double quotes and decodes `\ooo` and `\c` escapes.
    static func unquote(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return value }
        let body = Array(scalars[1..<(scalars.count - 1)])
        var result = String.UnicodeScalarView()
        var i = 0
        func isOctal(_ s: Unicode.Scalar, max: Unicode.Scalar) -> Bool { s >= "0" && s <= max }
        while i < body.count {
            if body[i] == "\\", i + 1 < body.count {
                // _OctalPatt \\[0-3][0-7][0-7] and _QuotePatt [\\]. both start here; the quote pattern wins
                // only when it starts strictly earlier, so at the same position the octal form is preferred.
                if i + 3 < body.count, isOctal(body[i + 1], max: "3"), isOctal(body[i + 2], max: "7"), isOctal(body[i + 3], max: "7") {
                    let code = (body[i + 1].value - 48) * 64 + (body[i + 2].value - 48) * 8 + (body[i + 3].value - 48)
                    result.append(Unicode.Scalar(code)!)
                    i += 4
                    continue
                }
                if body[i + 1] != "\n" {  // `.` does not match a newline
                    result.append(body[i + 1])
                    i += 2
                    continue
                }
            }
            result.append(body[i])
            i += 1
        }
        return String(result)
    }
}

/// `http.cookies._CookiePattern` with every class spelled out in ASCII (the pattern is compiled with `re.ASCII`).
enum CookiePattern {
    /// `\s` under `re.ASCII`.
    static let space = #"[ \t\n\r\f\x{0B}]"#
    /// `_LegalKeyChars`: `\w\d!#%&'~_`><@,:/\$\*\+\-\.\^\|\)\(\?\}\{\=`.
    static let keyChars = #"A-Za-z0-9_!#%\&'~`><@,:/\$\*\+\-\.\^\|\)\(\?\}\{\="#
    /// `_LegalValueChars`: the key characters plus `[` and `]`.
    static let valueChars = keyChars + #"\[\]"#

    static let source: String = {
        let s = space
        let quoted = #""(?:[^\\"]|\\[^\n])*""#
        let expires = #"[A-Za-z0-9_]{3},"# + s + #"[A-Za-z0-9_ \t\n\r\f\x{0B}\-]{9,11}"# + s + #"[0-9:]{8}"# + s + "GMT"
        let plain = "[" + valueChars + "]*"
        return s + "*(?<key>[" + keyChars + "]+?)"
            + "(" + s + "*=" + s + "*(?<val>" + quoted + "|" + expires + "|" + plain + "))?"
            + s + "*(" + s + "+|;|\\z|(?=\\n\\z))"
    }()

    // NSRegularExpression is immutable and documented as thread-safe.
    static let regex: NSRegularExpression = {
        do { return try NSRegularExpression(pattern: source, options: []) } catch {
            preconditionFailure("http.cookies pattern does not compile: \(error)")
        }
    }()
}
