/// The commit the binary was built from, recorded by the `EmbedBuildCommit` build-tool plugin.
public enum BuildCommit {
    /// The short hash of `HEAD` when the package was built from a git work tree; `nil` otherwise
    /// (a source tarball, no git installed).
    public static let short: String? = generatedCommit
}
