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
    /// - Throws: ``CredentialProblem`` naming the setting whose variable or file is missing or empty
    ///   (never its value).
    public static func resolve(
        _ reference: CredentialReference, environment: [String: String], redactor: Redactor
    ) throws(CredentialProblem) -> ResolvedCredentials {
        let credentials = try read(reference, environment: environment)
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

    /// Reads the referenced values without registering them anywhere.
    ///
    /// - Throws: ``CredentialProblem`` for a setting that is not a variable name, a variable that is
    ///   not set or empty, or a file that cannot be read or is empty.
    public static func read(_ reference: CredentialReference, environment: [String: String]) throws(CredentialProblem) -> ResolvedCredentials {
        typealias Setting = CredentialProblem.Setting
        func env(_ name: String?, _ setting: Setting) throws(CredentialProblem) -> String? {
            guard let name else { return nil }
            guard EnvironmentVariableName.isValid(name) else { throw CredentialProblem(.notAVariableName(setting)) }
            guard let value = environment[name], !value.isEmpty else { throw CredentialProblem(.unset(setting)) }
            return value
        }
        func file(_ path: String?, _ setting: Setting) throws(CredentialProblem) -> String? {
            guard let path else { return nil }
            guard let data = FileManager.default.contents(atPath: path) else { throw CredentialProblem(.unreadable(setting)) }
            let text = String(decoding: data, as: UTF8.self)
            let first = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !first.isEmpty else { throw CredentialProblem(.emptyFile(setting)) }
            return first
        }
        var credentials = ResolvedCredentials()
        // Plain statements rather than `??`: its autoclosure would erase the typed throw.
        credentials.username = reference.user
        if credentials.username == nil { credentials.username = try env(reference.userEnv, .userEnv) }
        credentials.email = try env(reference.emailEnv, .emailEnv)
        credentials.password = try env(reference.passwordEnv, .passwordEnv)
        if credentials.password == nil { credentials.password = try file(reference.passwordFile, .passwordFile) }
        credentials.accessToken = try env(reference.accessTokenEnv, .accessTokenEnv)
        if credentials.accessToken == nil { credentials.accessToken = try file(reference.accessTokenFile, .accessTokenFile) }
        return credentials
    }

    /// Checks, before the first request, that `reference` yields something to log in with: every
    /// variable and file it names is usable, and it gives a user name with a password, or an access
    /// token. `nil` when it does; an empty reference is ``CredentialProblem/Kind/noCredentials``.
    public static func preflight(
        _ reference: CredentialReference, environment: [String: String], fromCommandLine: Bool
    ) -> CredentialProblem? {
        guard !reference.isEmpty else { return CredentialProblem(.noCredentials, fromCommandLine: fromCommandLine) }
        let credentials: ResolvedCredentials
        do throws(CredentialProblem) {
            credentials = try read(reference, environment: environment)
        } catch {
            return CredentialProblem(error.kind, fromCommandLine: fromCommandLine)
        }
        if credentials.accessToken != nil || credentials.hasPassword { return nil }
        if credentials.password != nil { return CredentialProblem(.passwordWithoutUser, fromCommandLine: fromCommandLine) }
        if credentials.username != nil { return CredentialProblem(.userWithoutPassword, fromCommandLine: fromCommandLine) }
        return CredentialProblem(.noCredentials, fromCommandLine: fromCommandLine)
    }
}
