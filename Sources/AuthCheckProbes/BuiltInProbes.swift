import AuthCheckCore

/// The built-in probe catalogue and version detector, in the order the runner uses them.
public enum BuiltInProbes {
    /// Every built-in probe, each family from its own file.
    public static var all: [any Probe] {
        [
            AnonymousDeniedProbe(),
            CredentialsBadProbe(),
            LoginPasswordProbe(),
            TokenLegacyProbe(),
        ]
    }

    /// The registry the CLI runs: all built-in probes plus ``AboutVersionDetector``.
    public static var registry: ProbeRegistry { ProbeRegistry(probes: all, detector: AboutVersionDetector()) }
}
