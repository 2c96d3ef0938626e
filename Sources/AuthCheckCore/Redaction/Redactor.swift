import Foundation
import Synchronization

/// The one redaction layer every output passes through.
///
/// It knows the configured secrets (passwords, access tokens read from env or files) and every
/// secret minted during the run (login key, `sessionid`, `csrftoken`, personal access token values),
/// and replaces each — also in URL-encoded, base64 (HTTP Basic) and JSON-escaped forms — with
/// `[REDACTED]`. Thread-safe; shared by the whole run.
public final class Redactor: Sendable {
    /// The text that replaces a secret.
    public static let mask = "[REDACTED]"
    /// Secrets shorter than this are not registered: masking "1" would destroy every report.
    public static let minimumLength = 6

    /// The registered secrets and every registered form as UTF-8, indexed by its first four bytes:
    /// redaction scans a text once, whatever the number of secrets (a run over hundreds of targets
    /// registers thousands).
    private struct Known: Sendable {
        var secrets: Set<String> = []
        var index: [UInt32: [[UInt8]]] = [:]
    }

    private let known = Mutex(Known())

    public init(secrets: [String] = []) {
        for secret in secrets { register(secret) }
    }

    /// Adds a secret; its encoded forms are derived automatically. Short values are ignored.
    public func register(_ secret: String) {
        let trimmed = secret.trimmedWhitespace
        guard trimmed.count >= Self.minimumLength else { return }
        // The same cookie or token is registered again with every response that carries it.
        if known.withLock({ $0.secrets.contains(trimmed) }) { return }
        var variants: Set<String> = [trimmed]
        if let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { variants.insert(encoded) }
        if let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) { variants.insert(encoded) }
        variants.insert(Data(trimmed.utf8).base64EncodedString())
        if trimmed.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/") }),
            let json = try? JSONEncoder().encode(trimmed), let text = String(data: json, encoding: .utf8)
        {
            variants.insert(String(text.dropFirst().dropLast()))
        }
        known.withLock { known in
            guard known.secrets.insert(trimmed).inserted else { return }
            for variant in variants where variant.utf8.count >= Self.minimumLength {
                let bytes = Array(variant.utf8)
                known.index[Self.key(bytes, at: 0), default: []].append(bytes)
            }
        }
    }

    private static func key(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// Registers a user's Basic credentials: the base64 of `user:password` is a secret too.
    public func registerBasic(user: String, password: String) {
        register(password)
        register(Data("\(user):\(password)".utf8).base64EncodedString())
    }

    /// The registered secrets, for tests that scan outputs for leaks.
    public var registeredSecrets: [String] {
        known.withLock { Array($0.secrets) }
    }

    /// Replaces every known secret in `text` (the longest match wins where forms overlap).
    public func redact(_ text: String) -> String {
        let index = known.withLock { $0.index }
        guard !index.isEmpty else { return text }
        let bytes = Array(text.utf8)
        guard bytes.count >= Self.minimumLength else { return text }
        var output: [UInt8] = []
        var copiedUpTo = 0
        var position = 0
        let mask = Array(Self.mask.utf8)
        while position + 4 <= bytes.count {
            if let candidates = index[Self.key(bytes, at: position)] {
                var longest = 0
                for form in candidates where form.count > longest && position + form.count <= bytes.count {
                    if bytes[position..<(position + form.count)].elementsEqual(form) { longest = form.count }
                }
                if longest > 0 {
                    output += bytes[copiedUpTo..<position]
                    output += mask
                    position += longest
                    copiedUpTo = position
                    continue
                }
            }
            position += 1
        }
        guard copiedUpTo > 0 else { return text }
        output += bytes[copiedUpTo...]
        return String(decoding: output, as: UTF8.self)
    }

    /// Redacts an optional text.
    public func redact(_ text: String?) -> String? { text.map { redact($0) } }
}
