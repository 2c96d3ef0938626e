/// Reads BoringSSL's error strings without passing on what does not belong in a report.
///
/// BoringSSL describes an error as `error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER
/// at /…/.build/checkouts/swift-nio-ssl/Sources/CNIOBoringSSL/ssl/tls_record.cc:231`: the reason code
/// is what a user needs, the source path is a path of the machine the tool was built on.
enum BoringSSLReason {
    /// The reason codes (`WRONG_VERSION_NUMBER`, `CERTIFICATE_VERIFY_FAILED`, …) named in `text`.
    static func codes(in text: String) -> [String] {
        var codes: [String] = []
        for part in text.split(separator: "OPENSSL_internal:").dropFirst() {
            let code = part.prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
            if !code.isEmpty, !codes.contains(String(code)) { codes.append(String(code)) }
        }
        return codes
    }

    /// The reason codes of `text` as words for a message ("wrong version number"); the text without
    /// source paths when it names none.
    static func reasons(in text: String) -> String {
        let found = codes(in: text)
        guard !found.isEmpty else { return String(withoutSourcePaths(text).prefix(160)) }
        return found.map { $0.lowercased().replacingOccurrences(of: "_", with: " ") }.joined(separator: "; ")
    }

    /// `text` with every absolute path cut out (`at /…/file.cc:231` becomes `at <source>`).
    static func withoutSourcePaths(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let previous = index > text.startIndex ? text[text.index(before: index)] : " "
            if character == "/", previous == " " || previous == "(" || previous == "[" || previous == "\"" || previous == "'" {
                var end = index
                while end < text.endIndex, !" )]\"',".contains(text[end]) { end = text.index(after: end) }
                result += "<source>"
                index = end
                continue
            }
            result.append(character)
            index = text.index(after: index)
        }
        return result
    }
}
