/// Random identifiers in the alphabets CVAT and Django use.
enum RandomText {
    static let lowerAlphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    /// Django's CSRF alphabet: ASCII letters then digits.
    static let csrfAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    static let hex = Array("0123456789abcdef")

    static func string(length: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// A Django session key: 32 lower-case letters and digits.
    static func sessionKey() -> String { string(length: 32, from: lowerAlphanumerics) }
    /// A Django CSRF secret: 32 letters and digits.
    static func csrfSecret() -> String { string(length: 32, from: csrfAlphabet) }
    /// A DRF authtoken key: 40 hex digits.
    static func legacyTokenKey() -> String { string(length: 40, from: hex) }
    /// A personal access token value: `xxxxxxxx.` plus 32 letters and digits.
    static func accessTokenValue() -> String {
        string(length: 8, from: csrfAlphabet) + "." + string(length: 32, from: csrfAlphabet)
    }
}
