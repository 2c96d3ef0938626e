/// One diagnosable cause: a stable id (the JUnit/JSON `cause`), the cause in words, and the remedy.
public struct Diagnosis: Hashable, Sendable {
    /// Stable id, e.g. `set-cookie-stripped`.
    public let id: String
    /// The most likely cause, in words.
    public let cause: String
    /// How to fix it: a proxy directive, a CVAT setting, a client change — only what the deployment
    /// itself can change.
    public let remedy: String
    /// Whether a personal access token avoids the problem (no cookies, no CSRF): the remedy then gains
    /// that alternative, but only where the server has personal access tokens (≥2.48).
    public let accessTokenHelps: Bool

    public init(id: String, cause: String, remedy: String, accessTokenHelps: Bool = false) {
        self.id = id
        self.cause = cause
        self.remedy = remedy
        self.accessTokenHelps = accessTokenHelps
    }

    /// The remedy for a server that does (or does not) have personal access tokens.
    public func remedy(serverHasAccessTokens: Bool) -> String {
        guard accessTokenHelps, serverHasAccessTokens else { return remedy }
        return remedy
            + "; or log in with a personal access token, which needs no cookies and no CSRF token (cvat-sdk/cvat-cli ≥2.48: `make_client(host, access_token=…)`, `CVAT_ACCESS_TOKEN`)"
    }
}

/// Every cause the built-in probes can name, with its remedy, in ONE place: probes refer to entries
/// here and never write cause or remedy text themselves.
public enum DiagnosisCatalog {
    // MARK: Deployment and URL

    public static let httpRedirectsToHTTPS = Diagnosis(
        id: "http-redirects-to-https",
        cause:
            "the target's http URL answers every request with a redirect to https: cvat-sdk and cvat-cli on the http URL follow it, lose `Authorization` and `Cookie` on the change of scheme (urllib3 drops them on a cross-origin hop) and fail with 401 (UnauthorizedException) — after sending the password over plain http",
        remedy:
            "give clients (and this target) the https URL the redirect names; to check the https URL in the same run, set `follow_https_redirect: true` on the target"
    )
    public static let httpToHTTPSPort = Diagnosis(
        id: "http-to-https-port",
        cause: "the target URL speaks plain http to a port that expects TLS (the proxy answered \"The plain HTTP request was sent to HTTPS port\")",
        remedy: "use https:// in the target URL for this port")
    public static let notCVATPath = Diagnosis(
        id: "not-cvat-path",
        cause:
            "/api/server/about under the target URL answered a 404 page: the URL's path is not where this server serves CVAT's API (CVAT serves /api/ at the root of its host)",
        remedy:
            "use the URL CVAT is served at — usually the host's root (https://host/), without a path; if CVAT's API really is under this path and only /api/server/about is blocked, pin the version with --server-version X.Y.Z (targets file: `version:`)"
    )
    public static let connectionRefused = Diagnosis(
        id: "refused",
        cause:
            "nothing accepts connections at the target's host and port: CVAT (or its proxy) is not running there, or a firewall rejects the connection",
        remedy: "check the port in the target URL and that CVAT's proxy (nginx/Traefik) listens on it")
    public static let unresolvable = Diagnosis(
        id: "dns",
        cause: "the target's host name does not resolve",
        remedy: "check the host name in the target URL and the DNS the checker uses")
    public static let tlsFailure = Diagnosis(
        id: "tls",
        cause: "the TLS handshake with the target failed: an untrusted or expired certificate, or one issued for another host",
        remedy: "give the private CA with `tls: {ca_file: …}` in the targets file, or fix the certificate")
    public static let plainHTTPPort = Diagnosis(
        id: "plain-http",
        cause: "the target URL says https://, but the server at that port speaks plain HTTP: the TLS handshake got an HTTP answer",
        remedy: "use http:// with this port, or the port where the proxy serves https (usually 443)")
    public static let timedOut = Diagnosis(
        id: "timeout",
        cause: "the target did not answer in time",
        remedy: "check that CVAT is up and not overloaded; raise the per-request timeout if it is merely slow")

    // MARK: The probe account

    public static let accountEmailUnverified = Diagnosis(
        id: "account-email-unverified",
        cause:
            "CVAT requires verified e-mail addresses (`ACCOUNT_EMAIL_VERIFICATION = 'mandatory'`) and the probe account's address is not verified: every password login of this account — browser, cvat-sdk, cvat-cli — is refused with 400 \"Unverified email\" (HTTP Basic with 401 \"E-mail is not verified.\" from 2.42)",
        remedy:
            "verify the account's address (the confirmation link CVAT sends, or mark it verified in Django admin → Email addresses); a personal access token the account already has keeps working"
    )
    public static let organizationUnknown = Diagnosis(
        id: "organization-unknown",
        cause:
            "the organization the target names does not exist on this server (or the probe account cannot see it): CVAT answers 404 \"… organization does not exist.\" to every authenticated request in that context, and cvat-sdk calls made with that `organization_slug` raise NotFoundException",
        remedy: "correct the organization slug in the target (`organization:`), or create the organization and add the probe account to it")
    public static let accountLacksPermission = Diagnosis(
        id: "probe-account-lacks-permission",
        cause:
            "CVAT's permission rules refuse this request to the probe account (403 \"You do not have permission to perform this action.\"): its system group or organization role does not allow it — nothing wrong with the deployment",
        remedy:
            "nothing to fix for clients; to check this too, give the probe account the `user` group (and, in an organization, a supervisor or higher role)"
    )
    public static let sharedAccount = Diagnosis(
        id: "shared-account",
        cause:
            "something besides the checker uses the probe account (it owns personal access tokens the checker did not create, or another run of the checker is using it right now): logout.invalidates would delete the account's one legacy token, which signs out its other legacy-token clients (cvat-sdk ≤2.40, scripts sending `Authorization: Token`)",
        remedy:
            "give the checker an account of its own (any role works; see docs/PROBES.md); to run the logout check on this account anyway, set `allow_shared_account: true` on the target (`--allow-shared-account`)"
    )
    public static let accountDedicationUnknown = Diagnosis(
        id: "account-dedication-unknown",
        cause:
            "whether anything besides the checker uses the probe account cannot be seen, so logout.invalidates, which deletes the account's one legacy token, is left out: only the personal access tokens of CVAT ≥2.48 show other clients, and the legacy token they share is invisible (login returns the existing key whether or not another client holds it)",
        remedy:
            "if nothing else uses the account, set `allow_shared_account: true` on the target (`--allow-shared-account`) to run the logout check; otherwise give the checker an account of its own"
    )
    public static let checkerLeftoversRevoked = Diagnosis(
        id: "checker-leftovers-revoked",
        cause:
            "earlier runs of the checker ended before they revoked their personal access tokens (killed with SIGKILL, a CI job cancelled without a grace period, a server that did not answer the revocation); this run revoked them",
        remedy:
            "nothing to fix on the server; let the CI job send SIGTERM (or SIGINT) and wait for the run to end, so a run revokes its own tokens"
    )
    public static let checkerLeftoversRemain = Diagnosis(
        id: "checker-leftovers-remain",
        cause:
            "personal access tokens that earlier runs of the checker left on the account could not be revoked by this run (CVAT lets no token-authenticated request manage tokens, so a run with only a personal access token cannot revoke them)",
        remedy:
            "revoke them in CVAT (user menu → Profile → Access tokens), or run once with the account's password; they also expire by themselves an hour after their hold"
    )
    public static let checkerTokenLeftBehind = Diagnosis(
        id: "checker-token-left-behind",
        cause:
            "the checker could not revoke a personal access token it created for this run: every credential it tried was refused, or the server did not answer",
        remedy:
            "the next run of the checker revokes it, and it expires by itself an hour after its hold; or revoke it in CVAT (user menu → Profile → Access tokens)"
    )

    // MARK: Login and cookies

    public static let setCookieStripped = Diagnosis(
        id: "set-cookie-stripped",
        cause:
            "a reverse proxy, CDN or ingress between the client and CVAT removes the Set-Cookie headers of the login response (for example nginx `proxy_hide_header Set-Cookie`)",
        remedy:
            "let Set-Cookie through: remove `proxy_hide_header Set-Cookie` or add `proxy_pass_header Set-Cookie` in the nginx location for /api/ (Traefik/ingress: remove the header-rewriting middleware)",
        accessTokenHelps: true)
    public static let setCookieFiltered = Diagnosis(
        id: "set-cookie-filtered",
        cause:
            "something in the path (CDN, WAF, ingress controller) drops some Set-Cookie headers of the login response and keeps others; nginx alone cannot drop one Set-Cookie line and keep another",
        remedy:
            "find the component that filters cookies (compare the response at CVAT's own port with the one behind each proxy hop) and let every Set-Cookie line through",
        accessTokenHelps: true)
    public static let loginRejected = Diagnosis(
        id: "login-rejected",
        cause: "the probe account's credentials were refused: wrong user name or password, or an inactive account",
        remedy:
            "check the credentials the target names (user_env/password_env or password_file) and that the probe account is active in CVAT's admin panel"
    )
    public static let loginKeyMissing = Diagnosis(
        id: "login-key-missing",
        cause: "the login response carries no legacy token `key`, so clients that send `Authorization: Token` (cvat-sdk ≤2.40) cannot authenticate",
        remedy:
            "check that nothing rewrites the login response body (a proxy `sub_filter`, an API gateway); CVAT itself returns `{\"key\": …}` on every release that issues legacy tokens"
    )
    public static let emailLoginRefused = Diagnosis(
        id: "email-login-refused",
        cause:
            "login with the e-mail form is refused although the profile says CVAT accepts it (allauth configured for user names only, or the e-mail is not the account's)",
        remedy:
            "check `ACCOUNT_AUTHENTICATION_METHOD`/`ACCOUNT_LOGIN_METHODS` in the CVAT settings and that email_env names the probe account's address")
    public static let badCredentialsAccepted = Diagnosis(
        id: "bad-credentials-accepted",
        cause:
            "a login with credentials that cannot be valid succeeded: something in front of CVAT answers the login itself (a stub, an SSO gateway that always returns 200) or authentication is disabled",
        remedy: "make sure /api/auth/login reaches CVAT unchanged; remove any gateway rule that answers it")
    public static let serverError = Diagnosis(
        id: "server-error",
        cause:
            "CVAT itself failed with a 5xx (Django's own error page or JSON, from CVAT's application server — no proxy involved): a bug, or a component behind it (database, Redis, OPA) failed",
        remedy: "read the CVAT server logs (`docker logs cvat_server`) at the time of the request; check the database, Redis and OPA containers")
    public static let unexpectedAnswer = Diagnosis(
        id: "unexpected-answer",
        cause:
            "the server's answer differs from what the profile documents for this release line: a customised deployment, a proxy rewriting answers, or a profile that does not match the release",
        remedy: "compare the observed exchange with the profile; if the server is right, layer a corrected profile over the built-in ones")
    public static let anonymousAllowed = Diagnosis(
        id: "anonymous-allowed",
        cause: "a protected endpoint answered an anonymous request: authentication is disabled or a proxy injects credentials",
        remedy: "remove proxy rules that add Authorization or Cookie headers; check CVAT's `DEFAULT_PERMISSION_CLASSES`")

    // MARK: Methods

    public static let tokenRefused = Diagnosis(
        id: "legacy-token-refused",
        cause:
            "the legacy token returned by login is refused although the profile says `Authorization: Token` is accepted: a proxy strips the Authorization header, or the token was deleted by a logout of the same user in another client",
        remedy:
            "pass the Authorization header through the proxy (nginx passes it by default; check `proxy_set_header Authorization \"\"`); use a dedicated probe account so no other client logs it out"
    )
    public static let methodStillAccepted = Diagnosis(
        id: "method-still-accepted",
        cause:
            "an auth method the profile says is removed in this release line still works: the server is older than it reports, or it is customised",
        remedy:
            "check the version the server reports (`/api/server/about`) against the deployed image; pin the version in the targets file if about lies"
    )
    public static let basicRefused = Diagnosis(
        id: "basic-refused",
        cause:
            "HTTP Basic authentication is refused although the profile says it is accepted: a proxy consumes or strips the Authorization header (its own Basic auth)",
        remedy: "do not put proxy-level Basic auth in front of /api/ (it takes the same header)")
    public static let signingBroken = Diagnosis(
        id: "signing-broken",
        cause: "URL signing does not behave as the profile says: the signed URL is refused, or the signing endpoint is missing",
        remedy: "pass query strings through the proxy unchanged; check that /api/auth/signing is routed to CVAT")
    public static let sessionRefused = Diagnosis(
        id: "session-refused",
        cause:
            "a GET carrying only the session cookie is refused: the proxy does not forward the Cookie header, or the session is not stored (cache/database issue)",
        remedy: "forward the Cookie header (nginx does by default; check `proxy_set_header Cookie`); check CVAT's session backend",
        accessTokenHelps: true)
    public static let csrfNotEnforced = Diagnosis(
        id: "csrf-not-enforced",
        cause: "an unsafe request authenticated only by the session cookie was accepted without `X-CSRFToken`: CSRF protection is disabled",
        remedy: "re-enable Django's CsrfViewMiddleware/DRF SessionAuthentication CSRF enforcement; never exempt the API from CSRF")
    public static let csrfTokenRefused = Diagnosis(
        id: "csrf-token-refused",
        cause:
            "an unsafe request with the session cookie and a matching `X-CSRFToken` was refused: the proxy drops the X-CSRFToken header or the csrftoken cookie",
        remedy: "forward custom headers unchanged (check `proxy_set_header` rules and WAF header allow-lists)",
        accessTokenHelps: true)
    public static let originMismatch = Diagnosis(
        id: "csrf-origin-mismatch",
        cause:
            "TLS is terminated in front of CVAT without `X-Forwarded-Proto` (or the Host is rewritten), so Django believes the request is http and refuses the https Origin cvat-sdk ≥2.41 sends (`Origin checking failed`) on every unsafe request, logout included",
        remedy:
            "in the TLS proxy set `proxy_set_header X-Forwarded-Proto $scheme;` and `proxy_set_header Host $http_host;` (Traefik sets X-Forwarded-Proto by default; check `forwardedHeaders.trustedIPs`), or add the public origin to Django's `CSRF_TRUSTED_ORIGINS`",
        accessTokenHelps: true)
    public static let refererMissing = Diagnosis(
        id: "csrf-referer-missing",
        cause: "Django sees an https request without Origin or Referer and refuses it (`Referer checking failed - no Referer`)",
        remedy: "if a proxy strips Origin/Referer, stop it (cvat-sdk ≥2.41 sends Origin)")

    // MARK: Access tokens and logout

    public static let accessTokenCreateFailed = Diagnosis(
        id: "access-token-create-failed",
        cause:
            "creating a personal access token failed although the profile says CVAT supports them: the endpoint is not routed, the account has reached `CVAT_MAX_ACCESS_TOKENS_PER_USER`, or CSRF/session handling failed",
        remedy: "route /api/auth/access_tokens to CVAT; delete unused tokens of the probe account; check the session and CSRF outcomes")
    public static let accessTokenRefused = Diagnosis(
        id: "access-token-refused",
        cause: "a valid personal access token is refused as `Authorization: Bearer`: a proxy strips or rewrites the Authorization header",
        remedy: "pass the Authorization header through every proxy hop unchanged")
    public static let accessTokenNotReadOnly = Diagnosis(
        id: "access-token-not-read-only",
        cause: "a read-only personal access token was allowed to make an unsafe request: read-only enforcement is not active",
        remedy: "check the access_tokens app and the OPA policy bundle of the deployment; upgrade to a CVAT release with the token permission rules")
    public static let accessTokenRevokeFailed = Diagnosis(
        id: "access-token-revoke-failed",
        cause: "revoking the probe's own personal access token failed, or the revoked token still authenticates",
        remedy: "revoke the token by hand in CVAT (Profile → Access tokens) and check that DELETE /api/auth/access_tokens/<id> reaches CVAT")
    public static let accessTokensPresent = Diagnosis(
        id: "access-tokens-present",
        cause:
            "/api/auth/access_tokens exists although the profile says this release line has no personal access tokens: the server is newer than it reports, or customised",
        remedy: "check the version the server reports against the deployed image")
    public static let logoutIncomplete = Diagnosis(
        id: "logout-incomplete",
        cause: "credentials that logout must invalidate still work afterwards (the session, or the user's legacy token)",
        remedy: "check that POST /api/auth/logout reaches CVAT with the session cookie and X-CSRFToken; a cached session backend may need flushing")
    public static let logoutRevokedAccessToken = Diagnosis(
        id: "logout-revoked-access-token",
        cause: "a logout also killed a personal access token, which CVAT keeps valid across logouts",
        remedy: "check for a custom logout hook in the deployment; personal access tokens are revoked only by DELETE /api/auth/access_tokens/<id>")

    // MARK: Cookie attributes

    public static let cookieSecureOverHTTP = Diagnosis(
        id: "cookie-secure-over-http",
        cause: "a login cookie carries `Secure` although the target is plain http, so browsers will not send it back",
        remedy:
            "serve CVAT over https, or remove `SESSION_COOKIE_SECURE`/`CSRF_COOKIE_SECURE` (or nginx `proxy_cookie_flags … secure`) for http deployments"
    )
    public static let cookieSameSiteNoneInsecure = Diagnosis(
        id: "cookie-samesite-none-insecure",
        cause: "a login cookie has `SameSite=None` without `Secure`; browsers reject such cookies",
        remedy: "add `Secure` (https only) or use `SameSite=Lax` (`SESSION_COOKIE_SAMESITE`, `CSRF_COOKIE_SAMESITE`)")
    public static let cookieDomainMismatch = Diagnosis(
        id: "cookie-domain-mismatch",
        cause: "a login cookie's `Domain` does not match the host the client connected to, so clients drop or never send it",
        remedy: "set `SESSION_COOKIE_DOMAIN`/`CSRF_COOKIE_DOMAIN` to the public host (or leave them unset), or fix nginx `proxy_cookie_domain`")
    public static let cookiePathExcludesAPI = Diagnosis(
        id: "cookie-path-excludes-api",
        cause: "a login cookie's `Path` does not cover /api/, so browsers never send it to CVAT's API",
        remedy: "leave `SESSION_COOKIE_PATH`/`CSRF_COOKIE_PATH` at `/` (and check nginx `proxy_cookie_path`)")
    public static let sessionCookieNotHTTPOnly = Diagnosis(
        id: "session-cookie-not-httponly",
        cause: "the `sessionid` cookie lacks `HttpOnly`, so any script on the site can read the session (Django sets HttpOnly by default)",
        remedy: "remove `SESSION_COOKIE_HTTPONLY = False` from the CVAT settings (and any proxy rule that rewrites the cookie's flags)")
    public static let cookieDuplicated = Diagnosis(
        id: "cookie-duplicated",
        cause: "the login response sets the same cookie more than once (two layers both set it); clients keep only one of the values",
        remedy: "make only CVAT set its cookies; remove proxy or middleware rules that add Set-Cookie for the same name")
    public static let cookieAttributesDiffer = Diagnosis(
        id: "cookie-attributes-differ",
        cause:
            "a login cookie's attributes differ from CVAT's defaults (`SESSION_COOKIE_*`/`CSRF_COOKIE_*` settings, or a proxy rewriting cookies); no client breaks because of it",
        remedy: "nothing to fix if the change is intended; to silence it, layer a profile with the deployment's cookie attributes")
    public static let pythonBareFlag = Diagnosis(
        id: "python-cookie-bare-flag",
        cause:
            "every Set-Cookie line ends in the valueless flag `Secure` — as Django writes cookies under `SESSION_COOKIE_SECURE`/`CSRF_COOKIE_SECURE` and nginx `proxy_cookie_flags … secure` appends it — so after urllib3 joins the lines with \", \" Python's http.cookies meets `Secure,` before the next cookie and loads no cookie at all: cvat-sdk/cvat-cli password login raises AssertionError although browsers work",
        remedy:
            "keep `Secure` but not last: turn `SESSION_COOKIE_SECURE`/`CSRF_COOKIE_SECURE` (or `proxy_cookie_flags … secure`) off and let the TLS proxy add it in the middle with `proxy_cookie_path / \"/; Secure\";` (cookies then end in `SameSite=Lax`, which Python parses)",
        accessTokenHelps: true)
    public static let pythonUnknownAttribute = Diagnosis(
        id: "python-cookie-unknown-attribute",
        cause:
            "a Set-Cookie line carries an attribute Python's http.cookies does not know before 3.14 (e.g. `Partitioned`); SimpleCookie then loads no cookie at all, so cvat-sdk password login raises AssertionError",
        remedy: "remove the attribute from CVAT's cookies (check proxy `proxy_cookie_flags`/middleware that adds it)",
        accessTokenHelps: true)
    public static let pythonParseOther = Diagnosis(
        id: "python-cookie-unparseable",
        cause: "Python's http.cookies cannot parse the joined Set-Cookie header, so cvat-sdk keeps only part of the cookies, or none",
        remedy: "make the proxy emit cookies as CVAT writes them (`name=value; attribute=value; …`)",
        accessTokenHelps: true)
    public static let pythonCookieError = Diagnosis(
        id: "python-cookie-error",
        cause:
            "Python's http.cookies raises CookieError on the joined Set-Cookie header (an illegal character in a cookie name, an unknown `$` attribute), and cvat-sdk's login lets it escape: make_client raises CookieError",
        remedy: "make the proxy emit cookies as CVAT writes them (cookie names of letters, digits and `!#$%&'*+-.^_`|~:`)",
        accessTokenHelps: true)

    // MARK: Proxy

    public static let ssoLoginPage = Diagnosis(
        id: "sso-login-page",
        cause:
            "an SSO gateway or login page (oauth2-proxy, Authelia, Cloudflare Access, …) answers API requests with HTML or a redirect instead of passing them to CVAT",
        remedy: "exempt /api/ from the gateway (or let it pass Authorization: Bearer/Token through); API clients cannot follow interactive logins")
    public static let proxyErrorPage = Diagnosis(
        id: "proxy-error-page",
        cause: "a proxy answered with its own HTML error page (502/503/504): CVAT behind it is down, restarting or unreachable from the proxy",
        remedy: "check that the CVAT server container is running and that the proxy's upstream (`proxy_pass`) points at it")
    public static let proxyBlocked = Diagnosis(
        id: "proxy-blocked",
        cause: "a proxy refused the request with its own HTML page before it reached CVAT (an allow/deny rule, `auth_request`, a WAF)",
        remedy: "let /api/ through the proxy to CVAT unchanged")
    public static let rateLimited = Diagnosis(
        id: "rate-limited",
        cause: "the server throttles the checker (429): DRF's AnonRateThrottle (100/minute per IP) or a proxy rate limit",
        remedy: "run fewer targets behind the same IP at once, wait for `Retry-After`, or exempt the checker's address from the proxy's `limit_req`")
    public static let aboutBlocked = Diagnosis(
        id: "about-blocked",
        cause:
            "GET /api/server/about does not return CVAT's JSON (blocked, redirected or rewritten by a proxy); cvat-sdk's make_client then only logs \"Failed to retrieve server API version\" and goes on",
        remedy: "route /api/server/about to CVAT without authentication; pin the version in the targets file (`version:`) meanwhile")
    public static let aboutFieldsMissing = Diagnosis(
        id: "about-fields-missing",
        cause: "/api/server/about lacks fields the profile of this release requires, so cvat-sdk lines that need them raise TypeError in make_client",
        remedy: "check that nothing rewrites the about response")

    // MARK: Known defects

    public static let knownDefect = Diagnosis(
        id: "known-server-defect",
        cause: "a defect of stock CVAT at this release, the same on every deployment (see the defect's summary and source)",
        remedy: "nothing to change in this deployment; the defect goes away with a CVAT release outside the defect's range")

    // MARK: SDK predictions

    public static let sdkCookieAssert = Diagnosis(
        id: "sdk-cookie-assert",
        cause:
            "after a 200 login the SDK's cookie jar lacks a cookie it asserts (`assert \"sessionid\" in self.api_client.cookies`), so make_client raises AssertionError",
        remedy: "let the login cookies reach the client unchanged (see the cookies.attributes and proxy.diagnosis outcomes)",
        accessTokenHelps: true)
    public static let sdkAboutTypeError = Diagnosis(
        id: "sdk-about-type-error",
        cause:
            "the SDK's About model requires fields the server's /api/server/about lacks (the client line is newer than the server), so make_client raises TypeError before login",
        remedy: "use a cvat-sdk/cvat-cli release of the server's line (`pip install \"cvat-sdk~=<server major.minor>.0\"`), or upgrade the server")
    public static let sdkOriginRefused = Diagnosis(
        id: "sdk-origin-refused",
        cause:
            "the SDK authenticates with session + CSRF + Origin, and the server refuses that combination on unsafe requests (Origin checking failed behind a TLS proxy)",
        remedy: "forward X-Forwarded-Proto and Host from the TLS proxy, or add the origin to `CSRF_TRUSTED_ORIGINS`",
        accessTokenHelps: true)
    public static let sdkTokenRefused = Diagnosis(
        id: "sdk-token-refused",
        cause: "the SDK authenticates with the auth method the server refused in this run",
        remedy: "see the failing method's outcome; use a client line whose auth method the server accepts")
    public static let sdkLegacyTokenGone = Diagnosis(
        id: "sdk-legacy-token-gone",
        cause: "this CVAT release no longer accepts legacy `Authorization: Token`, and this client line authenticates with it after password login",
        remedy: "use a client line that logs in with session + CSRF (cvat-sdk/cvat-cli ≥2.41) or a personal access token (≥2.48)")
    public static let sdkNoAccessTokens = Diagnosis(
        id: "sdk-no-access-tokens",
        cause: "personal access tokens need both cvat-sdk ≥2.48 and CVAT ≥2.48",
        remedy: "upgrade the client and the server to ≥2.48, or use password login")

    /// Every entry, for documentation and uniqueness checks.
    public static let all: [Diagnosis] = [
        httpRedirectsToHTTPS, httpToHTTPSPort, notCVATPath, connectionRefused, unresolvable, tlsFailure, plainHTTPPort, timedOut,
        accountEmailUnverified, organizationUnknown, accountLacksPermission, sharedAccount, accountDedicationUnknown, checkerLeftoversRevoked,
        checkerLeftoversRemain, checkerTokenLeftBehind,
        setCookieStripped, setCookieFiltered, loginRejected, loginKeyMissing, emailLoginRefused, badCredentialsAccepted, serverError,
        unexpectedAnswer, anonymousAllowed, tokenRefused, methodStillAccepted, basicRefused, signingBroken, sessionRefused,
        csrfNotEnforced, csrfTokenRefused, originMismatch, refererMissing, accessTokenCreateFailed, accessTokenRefused,
        accessTokenNotReadOnly, accessTokenRevokeFailed, accessTokensPresent, logoutIncomplete, logoutRevokedAccessToken, cookieSecureOverHTTP,
        cookieSameSiteNoneInsecure, cookieDomainMismatch, cookiePathExcludesAPI, sessionCookieNotHTTPOnly, cookieDuplicated,
        cookieAttributesDiffer, pythonBareFlag, pythonUnknownAttribute, pythonParseOther, pythonCookieError,
        ssoLoginPage, proxyErrorPage, proxyBlocked, rateLimited, aboutBlocked, aboutFieldsMissing, knownDefect,
        sdkCookieAssert, sdkAboutTypeError, sdkOriginRefused, sdkTokenRefused, sdkLegacyTokenGone, sdkNoAccessTokens,
    ]

    /// Causes from the most specific to the most generic: a summary leads with the first one present.
    /// Causes not listed rank after every listed one, in the order met.
    public static let specificity: [String] = [
        httpRedirectsToHTTPS.id, httpToHTTPSPort.id, notCVATPath.id, connectionRefused.id, unresolvable.id, tlsFailure.id,
        plainHTTPPort.id, accountEmailUnverified.id, organizationUnknown.id, loginRejected.id,
        pythonBareFlag.id, pythonUnknownAttribute.id, pythonCookieError.id, pythonParseOther.id,
        setCookieStripped.id, setCookieFiltered.id, originMismatch.id, refererMissing.id, ssoLoginPage.id, proxyBlocked.id,
        cookieSecureOverHTTP.id, cookieSameSiteNoneInsecure.id, cookieDomainMismatch.id, cookiePathExcludesAPI.id,
        sessionCookieNotHTTPOnly.id, csrfNotEnforced.id, anonymousAllowed.id, badCredentialsAccepted.id,
        tokenRefused.id, sessionRefused.id, csrfTokenRefused.id, accessTokenRefused.id, accessTokenNotReadOnly.id,
        accessTokenRevokeFailed.id, logoutIncomplete.id, logoutRevokedAccessToken.id, loginKeyMissing.id, aboutFieldsMissing.id,
        proxyErrorPage.id, rateLimited.id, timedOut.id, serverError.id,
    ]

    /// The position of a cause in ``specificity`` (lower is more specific).
    public static func rank(of cause: String) -> Int { specificity.firstIndex(of: cause) ?? specificity.count }

    /// The entry with this id.
    public static func diagnosis(id: String) -> Diagnosis? { all.first { $0.id == id } }
}
