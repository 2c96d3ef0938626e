extension CVATEngine {
    /// Resolves a path to its view for the emulated release line (CVAT's URL conf, no trailing
    /// slashes except on health and schema).
    func route(for path: String) -> Route {
        let line = settings.line
        switch path {
        case "/api/server/about": return .drf(aboutView)
        case "/api/server/health/": return .django(health)
        case "/api/server/health", "/api/schema": return .appendSlash
        case "/api/schema/": return .drf(schemaView)
        case "/api/auth/login": return .drf(loginView)
        case "/api/auth/logout": return .drf(logoutView)
        case "/api/auth/rules": return .drf(rulesView)
        case "/api/auth/password/change": return .drf(passwordChangeView)
        case "/api/auth/signing" where line.hasSigning: return .drf(signingView)
        case "/api/users/self": return .drf(usersSelfView)
        case "/api/projects": return .drf(projectsView)
        case "/api/auth/access_tokens" where line.hasAccessTokens: return .drf(accessTokensView)
        case "/api/auth/access_tokens/self" where line.hasAccessTokens: return .drf(accessTokenSelfView)
        default:
            let prefix = "/api/auth/access_tokens/"
            if line.hasAccessTokens, path.hasPrefix(prefix), let id = Int(path.dropFirst(prefix.count)), id > 0 {
                return .drf(accessTokenView(id: id))
            }
            return .notFound
        }
    }

    /// A view with CVAT's default authenticators; `policy` gives the `PolicyEnforcer` scope per
    /// method for views that keep the default permission classes (`nil` for `AllowAny` views).
    func defaultView(
        _ name: String, allow: String, methods: Set<String>, requiresAuthentication: Bool = true,
        policy: @escaping (String) -> PolicyScope? = { _ in nil }, handler: @escaping DRFView.Handler
    ) -> DRFView {
        DRFView(
            name: name, allow: allow, methods: methods, authenticators: defaultAuthenticators,
            requiresAuthentication: requiresAuthentication, policy: policy, throttled: true, handler: handler)
    }
}
