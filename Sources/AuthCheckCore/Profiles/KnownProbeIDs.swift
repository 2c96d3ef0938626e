/// The probe ids a profile's `skip:` may name when no probe registry is at hand (build-time checks,
/// the `check-matrices` command plugin). The CLI checks against its live registry instead.
public enum KnownProbeIDs {
    /// Ids of the built-in probes plus those the runner reports itself.
    public static let builtIn: Set<String> = [
        "about.version", "about.shape", "matrix.stale", "login.password", "credentials.bad", "anonymous.denied",
        "token.legacy", "basic", "signing", "session.cookie", "session.csrf", "access-token.lifecycle",
        "logout.invalidates", "cookies.attributes", "proxy.diagnosis", "sdk.compat", "account.dedicated",
    ]
}
