import Foundation

/// The one redaction layer every output passes through.
///
/// It knows the configured secrets (passwords, access tokens read from env or files) and every
/// secret minted during the run (login key, `sessionid`, `csrftoken`, personal access token values),
/// and replaces each — also in URL-encoded, base64 (HTTP Basic) and JSON-escaped forms — with
/// `[REDACTED]`. Thread-safe; shared by the whole run.
public final class Redactor: @unchecked Sendable {
    /// The text that replaces a secret.
    public static let mask = "[REDACTED]"
    /// Secrets shorter than this are not registered: masking "1" would destroy every report.
    public static let minimumLength = 6

    private let lock = NSLock()
    private var secrets: Set<String> = []
    private var forms: [String] = []

    public init(secrets: [String] = []) {
        for secret in secrets { register(secret) }
    }

    /// Adds a secret; its encoded forms are derived automatically. Short values are ignored.
    public func register(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= Self.minimumLength else { return }
        lock.lock()
        defer { lock.unlock() }
        guard secrets.insert(trimmed).inserted else { return }
        var variants: Set<String> = [trimmed]
        if let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { variants.insert(encoded) }
        if let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) { variants.insert(encoded) }
        variants.insert(Data(trimmed.utf8).base64EncodedString())
        if let json = try? JSONEncoder().encode(trimmed), let text = String(data: json, encoding: .utf8) {
            variants.insert(String(text.dropFirst().dropLast()))
        }
        forms = (forms + variants.filter { $0.count >= Self.minimumLength }).sorted { $0.count > $1.count }
    }

    /// Registers a user's Basic credentials: the base64 of `user:password` is a secret too.
    public func registerBasic(user: String, password: String) {
        register(password)
        register(Data("\(user):\(password)".utf8).base64EncodedString())
    }

    /// The registered secrets, for tests that scan outputs for leaks.
    public var registeredSecrets: [String] {
        lock.lock()
        defer { lock.unlock() }
        return Array(secrets)
    }

    /// Replaces every known secret in `text`.
    public func redact(_ text: String) -> String {
        lock.lock()
        let forms = self.forms
        lock.unlock()
        guard !forms.isEmpty else { return text }
        var result = text
        for form in forms where result.contains(form) {
            result = result.replacingOccurrences(of: form, with: Self.mask)
        }
        return result
    }

    /// Redacts an optional text.
    public func redact(_ text: String?) -> String? { text.map { redact($0) } }
}
