import Foundation
import Synchronization

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
    /// The `PolicyEnforcer` scope per method (HEAD counts as GET); `nil`: no policy check.
    let policy: (String) -> PolicyScope?
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
    /// Requests answered so far (what a test checks when nothing may be sent).
    let requestCount = Atomic<Int>(0)
    /// Answers a test holds back (``EmulatedCVATServer/holdAnswer(to:)``).
    let holds = AnswerHolds()

    init(configuration: EmulatorConfiguration, now: Date = Date()) throws(EmulatorError) {
        settings = try EngineSettings(configuration: configuration, startedAt: now)
        store = EmulatorStore(
            EmulatorState(
                user: EmulatedUser(
                    username: configuration.username, email: configuration.email, password: configuration.password,
                    firstName: configuration.firstName, lastName: configuration.lastName,
                    emailVerified: !configuration.emailVerificationMandatory, dateJoined: now)))
    }

    /// Answers one request.
    func handle(_ request: WireRequest) async -> WireResponse {
        requestCount.add(1, ordering: .relaxed)
        if let delay = settings.slowMilliseconds {
            try? await Task.sleep(for: .milliseconds(delay))
        }
        let now = Date()
        if let proxied = proxyResponse(request, now: now) { return proxied }
        var response = application(request, now: now)
        applyCookieFaults(&response)
        if !holds.isEmpty {
            await holds.holdIfArmed(HeldRequestInfo(method: request.method, path: request.path, body: String(decoding: request.body, as: UTF8.self)))
        }
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
                response = WireResponse(
                    status: 301,
                    headers: [
                        ("content-type", "text/html; charset=utf-8"), ("location", request.path + "/" + query),
                    ])
            case .notFound: response = DjangoPages.notFound
            }
            response.setCookies += exchange.middlewareCookies(status: response.status, cookies: settings.cookies)
            response.setHeader("vary", Self.vary(response, exchange).joined(separator: ", "))
            if request.method == "HEAD" { response.body = [] }
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

    /// `Vary` as DRF and the middleware build it, inner to outer: DRF's `Accept`, GZip's
    /// `Accept-Encoding` (bodies of 200 bytes or more), the CSRF middleware's `Cookie` (when it sets
    /// `csrftoken`), CORS's `Origin`, and SessionMiddleware's `Cookie` when the session was read.
    private static func vary(_ response: WireResponse, _ exchange: Exchange) -> [String] {
        var names = response.varyOn
        if response.body.count >= 200 { names.append("Accept-Encoding") }
        if exchange.rotatedCSRF != nil { names.append("Cookie") }
        names.append("Origin")
        if exchange.sessionAccessed { names.append("Cookie") }
        var seen: Set<String> = []
        return names.filter { seen.insert($0.lowercased()).inserted }
    }

    /// DRF's `APIView.dispatch`: authenticate, check permissions, throttle, then the handler.
    private func dispatch(_ view: DRFView, _ exchange: inout Exchange, _ state: inout EmulatorState) -> WireResponse {
        let request = exchange.request
        let challenge = view.authenticators.first?.challenge
        let principal: Principal?
        switch authenticate(&exchange, chain: view.authenticators, state: &state) {
        case .anonymous: principal = nil
        case .authenticated(let who): principal = who
        case .failed(let detail): return unauthenticated(detail, challenge: challenge, allow: view.allow)
        case .denied(let detail): return .json(403, .detail(detail), allow: view.allow)
        }
        let method = request.method == "HEAD" ? "GET" : request.method
        if view.requiresAuthentication && principal == nil {
            return unauthenticated("Authentication credentials were not provided.", challenge: challenge, allow: view.allow)
        }
        if let principal, let scope = view.policy(method) {
            if scope == .crashesOnViewDetail { return DjangoPages.serverError }
            if var denial = enforcePolicy(scope, principal: principal, method: method, &exchange, state) {
                if denial.varyOn.contains("Accept") { denial.setHeader("allow", view.allow) }
                return denial
            }
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
        if method == "OPTIONS" {
            return .json(
                200,
                .object([
                    ("name", .string(view.name)), ("description", ""),
                    ("renders", .array([.string(WireResponse.cvatJSON)])), ("parses", .array(["application/json"])),
                ]), allow: view.allow)
        }
        guard view.methods.contains(method) else {
            return .json(405, .detail("Method \"\(request.method)\" not allowed."), allow: view.allow)
        }
        // Observed on real servers: every answer a view itself produced varies on Cookie, also for
        // Token- and Bearer-authenticated requests (whose refusals before the view do not).
        exchange.sessionAccessed = true
        // DRF's finalize_response: every answer of the view, JSON or not (the login's `Unverified
        // email` HTML page), gets `Vary: Accept` and the view's `Allow`.
        var response = view.handler(&exchange, principal, &state)
        if !response.varyOn.contains("Accept") { response.varyOn.insert("Accept", at: 0) }
        if response.header("allow") == nil { response.setHeader("allow", view.allow) }
        return response
    }

    /// CVAT's `PolicyEnforcer`: the organization context, the OPA rule, then the access-token plugin
    /// rules for token-authenticated requests. Returns the refusal, or `nil` to go on.
    private func enforcePolicy(
        _ scope: PolicyScope, principal: Principal, method: String, _ exchange: inout Exchange, _ state: EmulatorState
    ) -> WireResponse? {
        if case .accessTokenOwn(let id?) = scope, !state.accessTokens.contains(where: { $0.id == id && $0.isUsable(at: exchange.now) }) {
            return .json(404, .detail("Not found."))
        }
        let organization: EmulatorOrganization?
        switch organizationContext(exchange.request) {
        case .success(let found): organization = found
        case .failure(let box): return box.response
        }
        exchange.organization = organization
        let policy = PermissionPolicy(role: settings.role, organizationRole: organization?.role, inOrganization: organization != nil)
        guard policy.allows(scope) else { return Self.forbidden }
        if case .accessToken(let id) = principal, let token = state.accessTokens.first(where: { $0.id == id }),
            !scope.allowsAccessToken(method: method, readOnly: token.readOnly)
        {
            return Self.forbidden
        }
        return nil
    }

    /// DRF's `PermissionDenied` default text.
    static var forbidden: WireResponse { .json(403, .detail("You do not have permission to perform this action.")) }

    private func unauthenticated(_ detail: String, challenge: String?, allow: String) -> WireResponse {
        var response = WireResponse.json(challenge == nil ? 403 : 401, .detail(detail), allow: allow)
        if let challenge {
            response.headers.insert(("www-authenticate", challenge), at: 1)
        }
        return response
    }
}
