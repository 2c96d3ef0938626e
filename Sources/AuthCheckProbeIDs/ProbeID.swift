/// The stable ids of the built-in probes, in one place: every built-in probe takes its id from here,
/// the build-time profile checker (which must not link the HTTP stack) reads ``builtIn`` to check
/// profiles' `skip:` entries, and a test proves that this list and the probe registry agree.
public enum ProbeID {
    /// The server version (the version detector's outcome).
    public static let aboutVersion = "about.version"
    /// Whether a profile covers the server version.
    public static let matrixStale = "matrix.stale"
    public static let aboutShape = "about.shape"
    public static let anonymousDenied = "anonymous.denied"
    public static let credentialsBad = "credentials.bad"
    public static let loginPassword = "login.password"
    public static let tokenLegacy = "token.legacy"
    public static let basic = "basic"
    public static let signing = "signing"
    public static let sessionCookie = "session.cookie"
    public static let sessionCSRF = "session.csrf"
    public static let cookiesAttributes = "cookies.attributes"
    public static let accountDedicated = "account.dedicated"
    public static let accountLeftovers = "account.leftovers"
    public static let accessTokenLifecycle = "access-token.lifecycle"
    public static let logoutInvalidates = "logout.invalidates"
    public static let proxyDiagnosis = "proxy.diagnosis"
    public static let sdkCompat = "sdk.compat"
    /// The comparison of `sdk.compat`'s predictions with what a real client did (added per target by
    /// the prediction check, not a probe of the registry).
    public static let sdkPrediction = "sdk.prediction"

    /// Every built-in probe id, the version detector's and `matrix.stale` included: the ids a profile's
    /// `skip:` may name without plugins.
    public static let builtIn: Set<String> = [
        aboutVersion, matrixStale, aboutShape, anonymousDenied, credentialsBad, loginPassword, tokenLegacy, basic, signing,
        sessionCookie, sessionCSRF, cookiesAttributes, accountDedicated, accountLeftovers, accessTokenLifecycle, logoutInvalidates, proxyDiagnosis,
        sdkCompat,
    ]

    /// Ids no external plugin may use: the built-in ones and the prediction check's.
    public static let reserved: Set<String> = builtIn.union([sdkPrediction])
}
