import Foundation

/// One of Django REST framework's authentication classes as CVAT configures them.
enum Authenticator: Sendable, Equatable {
    /// DRF `TokenAuthentication`: `Authorization: Token <key>`.
    case token
    /// CVAT `SignatureAuthentication`: `?sign=` (up to 2.45).
    case signature
    /// CVAT `AccessTokenAuthentication`: `Authorization: Bearer <value>` (2.48+).
    case accessToken
    /// DRF `SessionAuthentication`: the Django session, with the CSRF check on unsafe methods.
    case session
    /// DRF `BasicAuthentication` (`BasicAuthenticationEx` from 2.42).
    case basic

    /// The `WWW-Authenticate` value DRF takes from the first authenticator; `nil` makes 403.
    var challenge: String? {
        switch self {
        case .token: "Token"
        case .accessToken: "Bearer"
        case .basic: "Basic realm=\"api\""
        case .signature, .session: nil
        }
    }
}

/// How a request was authenticated.
enum Principal: Sendable, Equatable {
    case legacyToken
    case accessToken(id: Int)
    case session
    case basic
}

/// The result of running an authenticator chain.
enum AuthenticationResult: Equatable {
    case anonymous
    case authenticated(Principal)
    /// `AuthenticationFailed` (401, or 403 without a challenge) with DRF's detail text.
    case failed(String)
    /// `PermissionDenied` raised during authentication (the CSRF check): always 403.
    case denied(String)
}

extension CVATEngine {
    /// CVAT's `DEFAULT_AUTHENTICATION_CLASSES` for the emulated line, without `Token` under the
    /// `token-disabled` fault.
    var defaultAuthenticators: [Authenticator] {
        var chain: [Authenticator] = [.token]
        if settings.line.hasSigning { chain.append(.signature) }
        if settings.line.hasAccessTokens { chain.append(.accessToken) }
        chain += [.session, .basic]
        return applyTokenFault(chain)
    }

    func applyTokenFault(_ chain: [Authenticator]) -> [Authenticator] {
        settings.faults.contains(.tokenDisabled) ? chain.filter { $0 != .token } : chain
    }

    /// Runs `chain` in order as DRF does: the first authenticator that recognises its
    /// credentials decides, and an error there stops the chain.
    func authenticate(_ exchange: inout Exchange, chain: [Authenticator], state: inout EmulatorState) -> AuthenticationResult {
        let authorization = exchange.request.header("authorization") ?? ""
        let words = authorization.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let scheme = words.first?.lowercased()
        for authenticator in chain {
            switch authenticator {
            case .token:
                guard scheme == "token" else { continue }
                if let problem = headerProblem(words, kind: "token", noun: "Token") { return .failed(problem) }
                guard let key = state.legacyToken, key == words[1] else { return .failed("Invalid token.") }
                guard state.user.isActive else { return .failed("User inactive or deleted.") }
                return .authenticated(.legacyToken)
            case .accessToken:
                guard scheme == "bearer" else { continue }
                if let problem = headerProblem(words, kind: "token", noun: "Token") { return .failed(problem) }
                guard let index = state.activeAccessTokenIndex(value: words[1], now: exchange.now) else {
                    return .failed("Invalid token.")
                }
                guard state.user.isActive else { return .failed("User inactive or deleted.") }
                state.accessTokens[index].recordUse(at: exchange.now)
                return .authenticated(.accessToken(id: state.accessTokens[index].id))
            case .signature:
                // No URL can be signed (POST /api/auth/signing always answers 500), so no signature
                // ever verifies.
                guard let sign = exchange.request.queryValue("sign"), !sign.isEmpty else { continue }
                return .failed("Invalid signature.")
            case .session:
                // DRF reads `request._request.user`, which loads the session.
                exchange.sessionAccessed = true
                guard exchange.sessionUserID != nil, state.user.isActive else { continue }
                if let reason = CSRFCheck.failure(exchange.request, secure: exchange.secure, host: exchange.host) {
                    return .denied("CSRF Failed: \(reason)")
                }
                return .authenticated(.session)
            case .basic:
                guard scheme == "basic" else { continue }
                if words.count == 1 { return .failed("Invalid basic header. No credentials provided.") }
                if words.count > 2 {
                    return .failed("Invalid basic header. Credentials string should not contain spaces.")
                }
                guard let data = Data(base64Encoded: words[1]), let decoded = String(data: data, encoding: .utf8),
                    let colon = decoded.firstIndex(of: ":")
                else { return .failed("Invalid basic header. Credentials not correctly base64 encoded.") }
                let identifier = String(decoded[..<colon])
                let password = String(decoded[decoded.index(after: colon)...])
                guard state.user.isNamed(identifier), state.user.password == password else {
                    return .failed("Invalid username/password.")
                }
                if settings.line.basicChecksEmailVerification, settings.emailVerificationMandatory, !state.user.emailVerified {
                    return .failed("E-mail is not verified.")
                }
                return .authenticated(.basic)
            }
        }
        return .anonymous
    }

    private func headerProblem(_ words: [String], kind: String, noun: String) -> String? {
        if words.count == 1 { return "Invalid \(kind) header. No credentials provided." }
        if words.count > 2 { return "Invalid \(kind) header. \(noun) string should not contain spaces." }
        return nil
    }
}
