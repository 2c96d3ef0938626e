/// Why a target's credentials cannot be used, said without the value the user gave.
///
/// A credential option names an environment variable or a file; users sometimes put the secret
/// itself there. So no message ever repeats the value of a credential option: it names the option
/// (`password_env`, or `--password-env` for command-line credentials) and what is wrong.
public struct CredentialProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The credential setting a problem is about.
    public enum Setting: String, Hashable, Sendable, CaseIterable {
        case userEnv = "user_env"
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case accessTokenEnv = "access_token_env"
        case accessTokenFile = "access_token_file"
        case emailEnv = "email_env"

        /// The command-line option that sets it (`--password-env`); `access_token_file` has none.
        public var option: String { "--" + rawValue.replacingOccurrences(of: "_", with: "-") }

        /// What the setting holds, in words ("password", "access token").
        public var secretName: String {
            switch self {
            case .userEnv: "user name"
            case .passwordEnv, .passwordFile: "password"
            case .accessTokenEnv, .accessTokenFile: "access token"
            case .emailEnv: "e-mail address"
            }
        }

        /// `true` for the settings that name a file rather than a variable.
        public var isFile: Bool { self == .passwordFile || self == .accessTokenFile }
    }

    /// What is wrong.
    public enum Kind: Hashable, Sendable {
        /// The value is not an environment variable name.
        case notAVariableName(Setting)
        /// The named variable is not set or is empty.
        case unset(Setting)
        /// The named file cannot be read.
        case unreadable(Setting)
        /// The named file's first line is empty.
        case emptyFile(Setting)
        /// A user name but no password (and no access token).
        case userWithoutPassword
        /// A password but no user name.
        case passwordWithoutUser
        /// Nothing at all to log in with.
        case noCredentials
    }

    public var kind: Kind
    /// Whether the credentials came from command-line options (messages then name `--password-env`
    /// rather than the targets-file key `password_env`).
    public var fromCommandLine: Bool

    public init(_ kind: Kind, fromCommandLine: Bool = false) {
        self.kind = kind
        self.fromCommandLine = fromCommandLine
    }

    private func name(_ setting: Setting) -> String { fromCommandLine ? setting.option : setting.rawValue }

    public var description: String {
        switch kind {
        case .notAVariableName(let setting):
            "\(name(setting)) must name an environment variable (letters, digits and '_', not starting with a digit); "
                + "the value given is not one and is not shown, in case it is the \(setting.secretName) itself"
        case .unset(let setting):
            "the environment variable that \(name(setting)) names is not set or is empty (its name is not shown, in case it is the \(setting.secretName) itself)"
        case .unreadable(let setting):
            "the file that \(name(setting)) names cannot be read (the path is not shown, in case it is the \(setting.secretName) itself)"
        case .emptyFile(let setting):
            "the file that \(name(setting)) names is empty: its first line should be the \(setting.secretName)"
        case .userWithoutPassword:
            fromCommandLine
                ? "a user name but no password: set CVAT_PASSWORD, or name the variable with --password-env or a file with --password-file"
                : "a user name but no password: add password_env or password_file to the target's credentials"
        case .passwordWithoutUser:
            fromCommandLine
                ? "a password but no user name: set CVAT_USER, or give --user NAME or --user-env VAR"
                : "a password but no user name: add user or user_env to the target's credentials"
        case .noCredentials:
            fromCommandLine
                ? "no credentials: none of CVAT_USER with CVAT_PASSWORD, or CVAT_ACCESS_TOKEN, is set (non-empty), and no --user-env, --password-env, "
                    + "--password-file or --access-token-env was given; set them, or add --anonymous-only to run only the probes that need no account"
                : "no credentials: the target has no credentials (user_env/user with password_env/password_file, or access_token_env/access_token_file); "
                    + "add them, or add --anonymous-only to run only the probes that need no account"
        }
    }
}

/// The rule every `*_env` credential setting is held to: a portable environment variable name.
public enum EnvironmentVariableName {
    /// `true` when `text` is a POSIX portable variable name: ASCII letters, digits and `_`, not
    /// starting with a digit, at most 255 characters.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 255, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
