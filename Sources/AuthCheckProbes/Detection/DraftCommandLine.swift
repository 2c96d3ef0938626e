import AuthCheckCore

/// The `cvat-authcheck profiles draft` command line that drafts the missing profile for a target, as
/// the `matrix.stale` remedy names it: the target's URL and the names (never the values) of the
/// variables and files its credentials come from.
public enum DraftCommandLine {
    /// `cvat-authcheck profiles draft --target URL [--user-env V] [--password-env V] …`.
    public static func command(for target: Target) -> String {
        var words = ["cvat-authcheck", "profiles", "draft", "--target", target.url.absoluteString]
        let credentials = target.credentials
        if let user = credentials.user {
            words += ["--user", user]
        } else if let userEnv = credentials.userEnv, userEnv != "CVAT_USER" {
            words += ["--user-env", userEnv]
        }
        if let passwordEnv = credentials.passwordEnv, passwordEnv != "CVAT_PASSWORD" { words += ["--password-env", passwordEnv] }
        if let passwordFile = credentials.passwordFile { words += ["--password-file", passwordFile] }
        if let emailEnv = credentials.emailEnv { words += ["--email-env", emailEnv] }
        if let organization = target.organization { words += ["--organization", organization] }
        if let caFile = target.tls.caFile { words += ["--ca-file", caFile] }
        if target.tls.insecure { words.append("--insecure") }
        return words.map(quoted).joined(separator: " ")
    }

    /// The remedy of `matrix.stale` for `target`, a server at `version`.
    public static func remedy(for target: Target, version: CVATVersion) -> String {
        "draft the \(version.line) profile from this server: `\(command(for: target))` (it prints the differences from the newest "
            + "profile and writes reports/drafts/servers/), review it, run `cvat-authcheck profiles check reports/drafts`, then commit it "
            + "to matrices/servers/ or layer it with --matrices (docs/PROFILES.md, \"Adding a release\")"
    }

    /// A word quoted for a POSIX shell when it needs to be.
    static func quoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0)) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
