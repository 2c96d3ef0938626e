import Foundation

extension CVATEngine {
    /// `POST /api/auth/login` (dj-rest-auth `LoginView`, CVAT's `LoginSerializerEx`).
    var loginView: DRFView {
        defaultView("Login", allow: "POST, OPTIONS", methods: ["POST"], requiresAuthentication: false) { exchange, _, state in
            let body: RequestJSON
            switch RequestJSON.parse(exchange.request) {
            case .success(let parsed): body = parsed
            case .failure(let box): return box.response
            }
            let password: String
            switch body.requiredString("password") {
            case .success(let text): password = text
            case .failure(let error): return .validation([error])
            }
            let username = body.optionalString("username") ?? ""
            let email = body.optionalString("email") ?? ""
            let user = state.user
            if !username.isEmpty {
                guard username == user.username, password == user.password, user.isActive else {
                    return .validation([FieldError(field: "non_field_errors", message: "Unable to log in with provided credentials.")])
                }
            } else if !email.isEmpty {
                guard email.caseInsensitiveCompare(user.email) == .orderedSame else {
                    return .validation([FieldError(field: "non_field_errors", message: "Unable to login with provided credentials")])
                }
                guard password == user.password, user.isActive else {
                    return .validation([FieldError(field: "non_field_errors", message: "Unable to log in with provided credentials.")])
                }
            } else {
                return .validation([FieldError(field: "non_field_errors", message: "Must include either \"username\" or \"email\" and \"password\".")]
                )
            }
            if self.settings.emailVerificationMandatory && !user.emailVerified {
                return .html(400, "Unverified email")
            }
            let key = state.legacyToken ?? RandomText.legacyTokenKey()
            if state.legacyToken == nil { state.issuedSecrets.append(key) }
            state.legacyToken = key
            state.user.lastLogin = exchange.now
            // django.contrib.auth.login: cycle the session key, rotate the CSRF secret.
            if let old = exchange.sessionCookie { state.sessions[old] = nil }
            let session = RandomText.sessionKey()
            state.sessions[session] = user.id
            exchange.finalSessionKey = session
            exchange.sessionModified = true
            let csrf = RandomText.csrfSecret()
            exchange.rotatedCSRF = csrf
            state.issuedSecrets += [session, csrf]
            return .json(200, .object([("key", .string(key))]))
        }
    }

    /// `POST /api/auth/logout`: deletes the user's legacy token and flushes the session.
    var logoutView: DRFView {
        defaultView("Logout", allow: "GET, POST, HEAD, OPTIONS", methods: ["POST"], requiresAuthentication: false) { exchange, principal, state in
            if principal != nil { state.legacyToken = nil }
            if let key = exchange.sessionCookie { state.sessions[key] = nil }
            exchange.finalSessionKey = nil
            return .json(200, .detail("Successfully logged out."))
        }
    }

    /// `POST /api/auth/signing` (up to 2.45). CVAT's `PolicyEnforcer` reads `view.detail`, which this
    /// plain `APIView` lacks, so every authenticated request gets Django's HTML 500 page
    /// (cvat-ai/cvat#7755; "always returns a 500" in PR #9867, which removed the endpoint).
    var signingView: DRFView {
        defaultView("Signing", allow: "POST, OPTIONS", methods: ["POST"], policy: { _ in .crashesOnViewDetail }) { _, _, _ in
            DjangoPages.serverError
        }
    }

    /// `POST /api/auth/password/change`; access tokens are not accepted here (2.48+).
    var passwordChangeView: DRFView {
        let chain = defaultAuthenticators.filter { $0 != .accessToken }
        return DRFView(
            name: "Password Change", allow: "POST, OPTIONS", methods: ["POST"], authenticators: chain,
            requiresAuthentication: true, policy: { _ in nil }, throttled: true
        ) { exchange, _, state in
            let body: RequestJSON
            switch RequestJSON.parse(exchange.request) {
            case .success(let parsed): body = parsed
            case .failure(let box): return box.response
            }
            var errors: [FieldError] = []
            var values: [String: String] = [:]
            for field in ["old_password", "new_password1", "new_password2"] {
                switch body.requiredString(field) {
                case .success(let text): values[field] = text
                case .failure(let error): errors.append(error)
                }
            }
            if !errors.isEmpty { return .validation(errors) }
            let new1 = values["new_password1"]!
            let new2 = values["new_password2"]!
            if values["old_password"] != state.user.password {
                errors.append(FieldError(field: "old_password", message: "Your old password was entered incorrectly. Please enter it again."))
            }
            if self.settings.line.passwordLengthRule {
                if new1.count < 8 { errors.append(FieldError(field: "new_password1", message: "Ensure this field has at least 8 characters.")) }
                if new1.count > 256 {
                    errors.append(FieldError(field: "new_password1", message: "Ensure this field has no more than 256 characters."))
                }
            }
            if errors.isEmpty, new1 != new2 {
                errors.append(FieldError(field: "new_password2", message: "The two password fields didn’t match."))
            }
            if !errors.isEmpty { return .validation(errors) }
            state.user.password = new1
            // update_session_auth_hash: other sessions end, the current one stays.
            let current = exchange.sessionUserID == nil ? nil : exchange.sessionCookie
            state.sessions = state.sessions.filter { $0.key == current }
            return .json(200, .detail("New password has been saved."))
        }
    }
}
