import AuthCheckCore

/// The `cvat-authcheck profiles draft` command line that drafts the missing profile for a target, as
/// the `matrix.stale` remedy names it: the target's URL and its organization and TLS settings. No value
/// given to a credential option is repeated (not even a variable's name: a password pasted where a name
/// belongs must not reach a report); a target whose credentials are not the conventional
/// `CVAT_USER`/`CVAT_PASSWORD` variables is told to add the credential options it was run with.
public enum DraftCommandLine {
    /// `cvat-authcheck profiles draft --target URL [--organization SLUG] [--ca-file PEM] [--insecure]`.
    public static func command(for target: Target) -> String {
        var words = ["cvat-authcheck", "profiles", "draft", "--target", target.url.absoluteString]
        if let organization = target.organization { words += ["--organization", organization] }
        if let caFile = target.tls.caFile { words += ["--ca-file", caFile] }
        if target.tls.insecure { words.append("--insecure") }
        return words.map(quoted).joined(separator: " ")
    }

    /// `true` when the target's credentials come from somewhere other than `CVAT_USER` and `CVAT_PASSWORD`.
    static func needsCredentialOptions(_ target: Target) -> Bool {
        let credentials = target.credentials
        return credentials.user != nil || credentials.passwordFile != nil || credentials.accessTokenFile != nil
            || credentials.emailEnv != nil || (credentials.userEnv.map { $0 != "CVAT_USER" } ?? false)
            || (credentials.passwordEnv.map { $0 != "CVAT_PASSWORD" } ?? false)
    }

    /// The remedy of `matrix.stale` for `target`, a server at `version`.
    public static func remedy(for target: Target, version: CVATVersion) -> String {
        let credentials = needsCredentialOptions(target) ? " with the credential options of this run" : ""
        return "draft the \(version.line) profile from this server: `\(command(for: target))`\(credentials) (it prints the differences "
            + "from the newest profile and writes reports/drafts/servers/), review it, run `cvat-authcheck profiles check reports/drafts`, "
            + "then commit it to matrices/servers/ or layer it with --matrices (docs/PROFILES.md, \"Adding a release\")"
    }

    /// A word quoted for a POSIX shell when it needs to be.
    static func quoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0)) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
