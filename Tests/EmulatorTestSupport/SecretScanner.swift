import Foundation

/// Looks for secrets in output: the value itself, any 8-character window of it, its URL-encoded,
/// base64 and JSON-escaped forms, and HTTP Basic's base64 of `user:secret`.
public struct SecretScanner: Sendable {
    public var secrets: [String]
    public var user: String
    public var window: Int

    public init(secrets: [String], user: String = "probe", window: Int = 8) {
        self.secrets = secrets
        self.user = user
        self.window = window
    }

    /// Every form searched for, with a label naming the secret without showing it.
    public var needles: [(needle: String, label: String)] {
        var result: [(String, String)] = []
        for (index, secret) in secrets.enumerated() {
            let name = "secret #\(index) (\(secret.count) chars)"
            var forms: Set<String> = [secret]
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.insert(encoded) }
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) { forms.insert(encoded) }
            forms.insert(Data(secret.utf8).base64EncodedString())
            forms.insert(Data("\(user):\(secret)".utf8).base64EncodedString())
            if let json = try? JSONEncoder().encode(secret) { forms.insert(String(decoding: json.dropFirst().dropLast(), as: UTF8.self)) }
            for form in forms { result.append((form, "\(name) as \(form == secret ? "text" : "an encoded form")")) }
            let characters = Array(secret)
            if characters.count > window {
                for start in 0...(characters.count - window) {
                    result.append((String(characters[start..<(start + window)]), "\(name): characters \(start)..<\(start + window)"))
                }
            }
        }
        return result
    }

    /// Labels of every secret form found in `text` (never the secret itself).
    public func leaks(in text: String) -> [String] {
        needles.filter { text.contains($0.needle) }.map(\.label)
    }
}
