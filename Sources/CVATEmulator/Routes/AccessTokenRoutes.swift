import Foundation

extension CVATEngine {
    /// The most live tokens one user may hold (`CVAT_MAX_ACCESS_TOKENS_PER_USER`).
    static let maxAccessTokensPerUser = 50

    func accessTokenJSON(_ token: AccessTokenRecord, state: EmulatorState, baseURL: String, withValue: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .int(token.id)), ("name", .string(token.name)),
            ("created_date", .string(HTTPDate.iso(token.created))), ("updated_date", .string(HTTPDate.iso(token.updated))),
            ("expiry_date", .optional(token.expiry.map(HTTPDate.iso))),
            ("last_used_date", .optional(token.lastUsed.map(HTTPDate.iso))),
            ("read_only", .bool(token.readOnly)), ("owner", ownerJSON(state.user, baseURL: baseURL)),
        ]
        if withValue { members.append(("value", .string(token.value))) }
        return .object(members)
    }

    /// `GET`/`POST /api/auth/access_tokens` (2.48+): the caller's usable tokens, newest first.
    var accessTokensView: DRFView {
        defaultView("Access Token", allow: "GET, POST, HEAD, OPTIONS", methods: ["GET", "POST"], policy: { _ in .accessTokenListOrCreate }) {
            exchange, _, state in
            let request = exchange.request
            if request.method != "POST" {
                var tokens = state.accessTokens.filter { $0.isUsable(at: exchange.now) }
                if self.settings.line.accessTokenOwnerFilter, let owner = request.queryValue("owner"), owner != state.user.username {
                    tokens = []
                }
                let results = tokens.reversed().map { self.accessTokenJSON($0, state: state, baseURL: exchange.baseURL) }
                return .json(
                    200,
                    .object([
                        ("count", .int(results.count)), ("next", .null), ("previous", .null), ("results", .array(results)),
                    ]))
            }
            let body: RequestJSON
            switch RequestJSON.parse(request) {
            case .success(let parsed): body = parsed
            case .failure(let box): return box.response
            }
            var errors: [FieldError] = []
            var name = ""
            switch body.requiredString("name") {
            case .success(let text): name = text
            case .failure(let error): errors.append(error)
            }
            let expiry = Self.parseExpiry(body, errors: &errors)
            let readOnly = Self.parseReadOnly(body, default: true, errors: &errors)
            if !errors.isEmpty { return .validation(errors) }
            let live = state.accessTokens.filter { $0.isUsable(at: exchange.now) }
            if live.count >= Self.maxAccessTokensPerUser {
                return .validation([
                    FieldError(
                        field: "non_field_errors",
                        message: "You have reached the maximum allowed number of Personal Access Tokens for a user")
                ])
            }
            let token = AccessTokenRecord(
                id: state.nextAccessTokenID, name: name, value: RandomText.accessTokenValue(), created: exchange.now,
                updated: exchange.now, expiry: expiry ?? nil, lastUsed: nil, readOnly: readOnly ?? true)
            state.nextAccessTokenID += 1
            state.accessTokens.append(token)
            state.issuedSecrets.append(token.value)
            return .json(201, self.accessTokenJSON(token, state: state, baseURL: exchange.baseURL, withValue: true))
        }
    }

    /// Stores a new token for the account without a request; returns its value (nil before 2.48).
    func seedAccessToken(name: String, readOnly: Bool, created: Date) -> String? {
        guard settings.line.hasAccessTokens else { return nil }
        return store.with { state in
            let token = AccessTokenRecord(
                id: state.nextAccessTokenID, name: name, value: RandomText.accessTokenValue(), created: created,
                updated: created, expiry: nil, lastUsed: nil, readOnly: readOnly)
            state.nextAccessTokenID += 1
            state.accessTokens.append(token)
            state.issuedSecrets.append(token.value)
            return token.value
        }
    }

    /// `GET`/`PATCH`/`DELETE /api/auth/access_tokens/{id}`; `DELETE` revokes (204).
    func accessTokenView(id: Int) -> DRFView {
        defaultView(
            "Access Token", allow: "GET, PATCH, DELETE, HEAD, OPTIONS", methods: ["GET", "PATCH", "DELETE"], policy: { _ in .accessTokenOwn(id: id) }
        ) { exchange, _, state in
            let request = exchange.request
            guard let index = state.accessTokens.firstIndex(where: { $0.id == id && $0.isUsable(at: exchange.now) }) else {
                return .json(404, .detail("Not found."))
            }
            switch request.method {
            case "DELETE":
                state.accessTokens[index].revoked = true
                var response = WireResponse(status: 204)
                response.varyOn = ["Accept"]
                return response
            case "PATCH":
                let body: RequestJSON
                switch RequestJSON.parse(request) {
                case .success(let parsed): body = parsed
                case .failure(let box): return box.response
                }
                var errors: [FieldError] = []
                if body.members["name"] != nil {
                    switch body.requiredString("name") {
                    case .success(let text): state.accessTokens[index].name = text
                    case .failure(let error): errors.append(error)
                    }
                }
                let expiry = Self.parseExpiry(body, errors: &errors)
                let readOnly = Self.parseReadOnly(body, default: nil, errors: &errors)
                if !errors.isEmpty { return .validation(errors) }
                if let expiry { state.accessTokens[index].expiry = expiry }
                if let readOnly { state.accessTokens[index].readOnly = readOnly }
                state.accessTokens[index].updated = exchange.now
                fallthrough
            default:
                return .json(200, self.accessTokenJSON(state.accessTokens[index], state: state, baseURL: exchange.baseURL))
            }
        }
    }

    /// `GET /api/auth/access_tokens/self`: only `Bearer` authenticates here.
    var accessTokenSelfView: DRFView {
        DRFView(
            name: "Access Token", allow: "GET, HEAD, OPTIONS", methods: ["GET"], authenticators: [.accessToken],
            requiresAuthentication: true, policy: { _ in .accessTokenOwn(id: nil) }, throttled: true
        ) { exchange, principal, state in
            guard case .accessToken(let id)? = principal, let token = state.accessTokens.first(where: { $0.id == id }) else {
                return CVATEngine.forbidden
            }
            return .json(200, self.accessTokenJSON(token, state: state, baseURL: exchange.baseURL))
        }
    }

    /// `expiry_date`: absent → `nil`; `null` → `.some(nil)`; a datetime → `.some(date)`.
    private static func parseExpiry(_ body: RequestJSON, errors: inout [FieldError]) -> Date?? {
        switch body.members["expiry_date"] {
        case nil: return nil
        case .null?: return .some(nil)
        case .string(let text)?:
            if let date = HTTPDate.parseISO(text) { return .some(date) }
            fallthrough
        default:
            errors.append(
                FieldError(
                    field: "expiry_date",
                    message: "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."))
            return nil
        }
    }

    private static func parseReadOnly(_ body: RequestJSON, default value: Bool?, errors: inout [FieldError]) -> Bool? {
        switch body.members["read_only"] {
        case nil: return value
        case .bool(let flag)?: return flag
        case .string(let text)? where ["true", "1", "yes", "on"].contains(text.lowercased()): return true
        case .string(let text)? where ["false", "0", "no", "off"].contains(text.lowercased()): return false
        case .number(let number)? where number == 0 || number == 1: return number == 1
        default:
            errors.append(FieldError(field: "read_only", message: "Must be a valid boolean."))
            return value
        }
    }
}
