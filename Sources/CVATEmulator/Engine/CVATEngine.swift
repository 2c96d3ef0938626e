import Foundation

/// A Django REST framework view: which methods it serves, how it authenticates, its handler.
struct DRFView {
    typealias Handler = (inout Exchange, Principal?, inout EmulatorState) -> WireResponse

    /// The view name DRF's OPTIONS metadata reports.
    let name: String
    /// The `Allow` header DRF sends (it may list a method that still answers 405).
    let allow: String
    /// Methods with a handler; HEAD follows GET, OPTIONS is always answered.
    let methods: Set<String>
    let authenticators: [Authenticator]
    /// `IsAuthenticated` (true) or `AllowAny` (false).
    let requiresAuthentication: Bool
    /// CVAT's default permission classes apply (read-only access tokens may not write).
    let defaultPermissions: Bool
    /// Anonymous requests count against the anonymous throttle.
    let throttled: Bool
    let handler: Handler
}

/// What a path resolves to.
enum Route {
    case drf(DRFView)
    /// A plain Django view (no DRF authentication, throttling or content negotiation).
    case django((inout Exchange, inout EmulatorState) -> WireResponse)
    /// Django's `APPEND_SLASH` redirect.
    case appendSlash
    case notFound
}

/// The emulated CVAT application: the proxy faults in front, then Django's middleware and the
/// DRF views, then the cookie faults on the way out.
final class CVATEngine: Sendable {
    let settings: EngineSettings
    let store: EmulatorStore

    init(configuration: EmulatorConfiguration, now: Date = Date()) throws(EmulatorError) {
        settings = try EngineSettings(configuration: configuration, startedAt: now)
        store = EmulatorStore(EmulatorState(user: EmulatedUser(
            username: configuration.username, email: configuration.email, password: configuration.password,
            emailVerified: !configuration.emailVerificationMandatory, dateJoined: now)))
    }

    /// Answers one request.
    func handle(_ request: WireRequest) async -> WireResponse {
        if let delay = settings.slowMilliseconds {
            try? await Task.sleep(for: .milliseconds(delay))
        }
        let now = Date()
        if let proxied = proxyResponse(request, now: now) { return proxied }
        var response = application(request, now: now)
        applyCookieFaults(&response)
        return response
    }

    /// Django: middleware around URL resolution and the view.
    private func application(_ request: WireRequest, now: Date) -> WireResponse {
        store.with { state in
            var exchange = Exchange(request: request, now: now, settings: settings, sessions: state.sessions)
            var response: WireResponse
            switch route(for: request.path) {
            case .drf(let view): response = dispatch(view, &exchange, &state)
            case .django(let handler): response = handler(&exchange, &state)
            case .appendSlash:
                let query = request.rawQuery.map { "?" + $0 } ?? ""
                response = WireResponse(status: 301, headers: [
                    ("content-type", "text/html; charset=utf-8"), ("location", request.path + "/" + query),
                ])
            case .notFound: response = DjangoPages.notFound
            }
            if request.method == "HEAD" { response.body = [] }
            response.setCookies += exchange.middlewareCookies
            response.headers += [
                ("server", "uvicorn"),
                ("x-frame-options", "DENY"),
                ("x-content-type-options", "nosniff"),
                ("referrer-policy", "strict-origin-when-cross-origin"),
                ("cross-origin-opener-policy", "same-origin"),
                ("x-request-id", UUID().uuidString.lowercased()),
            ]
            return response
        }
    }

    /// DRF's `APIView.dispatch`: authenticate, check permissions, throttle, then the handler.
    private func dispatch(_ view: DRFView, _ exchange: inout Exchange, _ state: inout EmulatorState) -> WireResponse {
        let request = exchange.request
        let challenge = view.authenticators.first?.challenge
        let principal: Principal?
        switch authenticate(exchange, chain: view.authenticators, state: &state) {
        case .anonymous: principal = nil
        case .authenticated(let who): principal = who
        case .failed(let detail, let fromHeader):
            return unauthenticated(detail, challenge: challenge, allow: view.allow, vary: fromHeader ? "Accept, Origin" : "Accept, Origin, Cookie")
        case .denied(let detail):
            return .json(403, .detail(detail), allow: view.allow)
        }
        if view.requiresAuthentication && principal == nil {
            return unauthenticated("Authentication credentials were not provided.", challenge: challenge, allow: view.allow, vary: "Accept, Origin, Cookie")
        }
        if view.defaultPermissions, case .accessToken(let id)? = principal, !request.isSafeMethod,
           state.accessTokens.first(where: { $0.id == id })?.readOnly == true {
            return .json(403, .detail("You do not have permission to perform this action."), allow: view.allow)
        }
        if principal == nil && view.throttled {
            var history = state.anonymousThrottle[exchange.throttleIdent] ?? []
            let wait = Throttle.check(history: &history, limit: settings.anonymousRatePerMinute, now: exchange.now)
            state.anonymousThrottle[exchange.throttleIdent] = history
            if let wait {
                var response = Throttle.response(wait: wait)
                response.setHeader("allow", view.allow)
                return response
            }
        }
        let method = request.method == "HEAD" ? "GET" : request.method
        if method == "OPTIONS" {
            return .json(200, .object([
                ("name", .string(view.name)), ("description", ""),
                ("renders", .array([.string(WireResponse.cvatJSON)])), ("parses", .array(["application/json"])),
            ]), allow: view.allow)
        }
        guard view.methods.contains(method) else {
            return .json(405, .detail("Method \"\(request.method)\" not allowed."), allow: view.allow)
        }
        var response = view.handler(&exchange, principal, &state)
        if response.header("allow") == nil { response.setHeader("allow", view.allow) }
        return response
    }

    private func unauthenticated(_ detail: String, challenge: String?, allow: String, vary: String) -> WireResponse {
        var response = WireResponse.json(challenge == nil ? 403 : 401, .detail(detail), allow: allow, vary: vary)
        if let challenge {
            response.headers.insert(("www-authenticate", challenge), at: 1)
        }
        return response
    }
}
