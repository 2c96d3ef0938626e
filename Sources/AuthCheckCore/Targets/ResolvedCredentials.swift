import Foundation

/// Secret values read from the places a ``CredentialReference`` names. Never encoded, never printed.
public struct ResolvedCredentials: Sendable, CustomStringConvertible {
    public var username: String?
    public var email: String?
    public var password: String?
    public var accessToken: String?

    public init(username: String? = nil, email: String? = nil, password: String? = nil, accessToken: String? = nil) {
        self.username = username
        self.email = email
        self.password = password
        self.accessToken = accessToken
    }

    /// `true` when a user name and password are available.
    public var hasPassword: Bool { username != nil && password != nil }

    /// Redacted on purpose, so that a stray interpolation cannot leak anything.
    public var description: String {
        "credentials(user: \(username ?? "-"), password: \(password == nil ? "no" : "yes"), access token: \(accessToken == nil ? "no" : "yes"))"
    }

    /// Reads the referenced values from the environment and files and registers the secrets with `redactor`.
    ///
    /// - Throws: ``DataError`` naming the variable or file that is referenced but missing or empty.
    public static func resolve(
        _ reference: CredentialReference, environment: [String: String], redactor: Redactor, origin: String
    ) throws -> ResolvedCredentials {
        func env(_ name: String?, _ what: String) throws -> String? {
            guard let name else { return nil }
            guard let value = environment[name], !value.isEmpty else {
                throw DataError(SourceLocation(file: origin), "\(what) environment variable \(name) is not set or empty")
            }
            return value
        }
        func file(_ path: String?, _ what: String) throws -> String? {
            guard let path else { return nil }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DataError(SourceLocation(file: origin), "\(what) file \(path) cannot be read")
            }
            let text = String(decoding: data, as: UTF8.self)
            let first = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !first.isEmpty else { throw DataError(SourceLocation(file: path, line: 1), "\(what) file is empty") }
            return first
        }
        var credentials = ResolvedCredentials()
        credentials.username = try reference.user ?? env(reference.userEnv, "user")
        credentials.email = try env(reference.emailEnv, "e-mail")
        credentials.password = try env(reference.passwordEnv, "password") ?? file(reference.passwordFile, "password")
        credentials.accessToken = try env(reference.accessTokenEnv, "access token") ?? file(reference.accessTokenFile, "access token")
        if let password = credentials.password {
            if let username = credentials.username {
                redactor.registerBasic(user: username, password: password)
            } else {
                redactor.register(password)
            }
            if let email = credentials.email { redactor.registerBasic(user: email, password: password) }
        }
        if let token = credentials.accessToken { redactor.register(token) }
        return credentials
    }
}
