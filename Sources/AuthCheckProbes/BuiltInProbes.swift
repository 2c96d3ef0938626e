import AuthCheckCore

/// The built-in probe catalogue and version detector, in the order the runner uses them.
///
/// Probes run in ``ProbePhase`` order (registration order breaks ties): discovery, anonymous, login,
/// authenticated, access tokens, logout (it deletes the shared legacy token), analysis.
public enum BuiltInProbes {
    /// Every built-in probe, each family from its own file.
    public static var all: [any Probe] {
        [
            AboutShapeProbe(),
            AnonymousDeniedProbe(),
            CredentialsBadProbe(),
            LoginPasswordProbe(),
            TokenLegacyProbe(),
            BasicProbe(),
            SigningProbe(),
            SessionCookieProbe(),
            SessionCSRFProbe(),
            CookiesAttributesProbe(),
            AccountDedicatedProbe(),
            AccountLeftoversProbe(),
            AccessTokenLifecycleProbe(),
            LogoutInvalidatesProbe(),
            ProxyDiagnosisProbe(),
            SDKCompatProbe(),
        ]
    }

    /// The registry the CLI runs: all built-in probes plus ``AboutVersionDetector``.
    public static var registry: ProbeRegistry { ProbeRegistry(probes: all, detector: AboutVersionDetector()) }
}
