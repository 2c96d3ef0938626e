import AuthCheckCore
import AuthCheckHTTP
import Foundation

extension ServerObserver {
    /// The facts that need the probe account: login and its cookies, which auth methods work, the CSRF
    /// answers, URL signing, personal access tokens and logout.
    func observeAccount(_ notebook: inout ObservationNotebook, username: String, password: String) async throws {
        let login = try await send(.json("POST", EndpointRole.login.defaultPath, ["username": username, "password": password], headers: apiHeaders))
        // Without login every account fact would be the base's, unobserved: no draft rather than a hollow one.
        guard (200..<300).contains(login.status) else { throw Self.loginFailure(login, url: url(EndpointRole.login.defaultPath)) }
        let key = login.json?["key"] as? String
        var jar: [(name: String, value: String)] = []
        for cookie in login.setCookies where cookie.isValid {
            jar.removeAll { $0.name == cookie.name }
            jar.append((cookie.name, cookie.value))
        }
        observeLoginAndCookies(&notebook, login: login, key: key)
        let cookieHeader = HeaderField("Cookie", jar.map { "\($0.name)=\($0.value)" }.joined(separator: "; "))
        let csrf = jar.first { $0.name == "csrftoken" }?.value
        let usersSelf = EndpointRole.usersSelf.defaultPath

        // Which auth methods work.
        let bySession = try await send(HTTPRequestSpec(path: usersSelf, headers: apiHeaders + [cookieHeader]))
        if bySession.status == 200 {
            notebook.method(.session, .supported, scheme: nil, line: line(bySession, "the login's cookies"))
        } else {
            notebook.todo.append("auth.session: \(line(bySession, "the login's cookies")) — not observed (see login.sets_cookies)")
        }
        try await observeToken(&notebook, key: key)
        let basic = Data("\(username):\(password)".utf8).base64EncodedString()
        let byBasic = try await send(HTTPRequestSpec(path: usersSelf, headers: apiHeaders + [HeaderField("Authorization", "Basic \(basic)")]))
        observeAcceptance(&notebook, .basic, byBasic, scheme: "Basic", what: "Basic with the probe account")

        // The e-mail form of login.
        let email = credentials.email ?? (bySession.json?["email"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        if email == nil, bySession.status != 200 {
            notebook.todo.append(
                "login.identifiers: the e-mail form was not tried (the account's address was not read: \(line(bySession, "the login's cookies")))")
        } else if let email {
            let byEmail = try await send(.json("POST", EndpointRole.login.defaultPath, ["email": email, "password": password], headers: apiHeaders))
            let identifiers = (200..<300).contains(byEmail.status) ? ["username", "email"] : ["username"]
            notebook.fact(\.login, "identifiers", .list(identifiers), evidence: "login.identifiers: \(line(byEmail, "the e-mail form"))")
        } else {
            notebook.todo.append("login.identifiers: the e-mail form was not tried (the account has no e-mail address)")
        }

        guard let csrf else {
            notebook.todo.append("CSRF answers, signing and logout: login set no csrftoken cookie")
            return
        }
        var passing = apiHeaders + [cookieHeader, HeaderField("X-CSRFToken", csrf), HeaderField("Origin", origin)]
        if isHTTPS { passing.append(HeaderField("Referer", origin + "/")) }
        try await observeCSRF(&notebook, cookie: cookieHeader, csrf: csrf, jar: jar)
        try await observeSigning(&notebook, headers: passing)
        try await observeAccessTokens(&notebook, cookie: cookieHeader)
        if observesLogout {
            let logout = try await send(.json("POST", EndpointRole.logout.defaultPath, [String: Any](), headers: passing))
            notebook.response(.logout, logout, line: line(logout, "the login's session"))
            if let key {
                let after = try await send(HTTPRequestSpec(path: usersSelf, headers: apiHeaders + [HeaderField("Authorization", "Token \(key)")]))
                notebook.evidence.append("logout's effect: \(line(after, "the legacy key after logout"))")
            }
        } else {
            notebook.todo.append(
                "responses.logout: not observed — logout deletes the account's legacy key, which other clients of a shared account "
                    + "may hold; on a dedicated account pass --allow-shared-account")
        }
    }

    private func observeLoginAndCookies(_ notebook: inout ObservationNotebook, login: Exchange, key: String?) {
        let evidence = line(login, "the probe account")
        notebook.fact(\.login, "status", .integer(login.status), evidence: "login.status: \(evidence)")
        notebook.fact(\.login, "returns_key", .boolean(key != nil), evidence: "login.returns_key: \(evidence)")
        var names: [String] = []
        for cookie in login.setCookies where cookie.isValid && !names.contains(cookie.name) { names.append(cookie.name) }
        let expected = base?.login?.setsCookies ?? []
        let missing = expected.filter { !names.contains($0) }
        if missing.isEmpty {
            notebook.fact(\.login, "sets_cookies", .list(names), evidence: "login.sets_cookies: \(evidence)")
        } else {
            // A proxy that hides Set-Cookie (all or some) looks the same as a release that stopped setting them;
            // the reviewer decides, the base's list stays.
            notebook.todo.append(
                "login.sets_cookies: \(evidence) set [\(names.joined(separator: ", "))], not \(missing.joined(separator: ", ")) of "
                    + "\(base?.id ?? "the base")'s [\(expected.joined(separator: ", "))]; a proxy in front of CVAT may strip Set-Cookie, so "
                    + "the base's list is kept — draft through a front that passes cookies, or state the change")
        }
        for name in names {
            guard let cookie = login.setCookies.last(where: { $0.isValid && $0.name == name }) else { continue }
            let expected = base?.cookies[name]
            var entries: [DraftEntry] = [DraftEntry("http_only", .boolean(cookie.httpOnly))]
            if let secure = expected?.secure, secure != cookie.secure {
                notebook.todo.append(
                    "cookies.\(name).secure: observed \(cookie.secure) on this \(isHTTPS ? "https" : "http") deployment; Secure follows the "
                        + "deployment's SESSION_COOKIE_SECURE/CSRF_COOKIE_SECURE, so \(base?.id ?? "the base")'s \(secure) is kept")
            } else {
                entries.append(DraftEntry("secure", .boolean(cookie.secure)))
            }
            if let sameSite = cookie.sameSite { entries.append(DraftEntry("same_site", .string(sameSite))) }
            if let path = cookie.path { entries.append(DraftEntry("path", .string(path))) }
            if let maxAge = cookie.maxAge { entries.append(DraftEntry("max_age", .integer(maxAge))) }
            if expected == nil {
                notebook.todo.append("cookies.\(name).required_by_sdk: a new cookie; say whether cvat-sdk's password login asserts it")
            }
            notebook.fact(\.cookies, name, .mapping(entries), evidence: "cookies.\(name): \(evidence)")
        }
    }

    private func observeToken(_ notebook: inout ObservationNotebook, key: String?) async throws {
        let accepted = base?.state(of: .token).isAccepted ?? true
        guard let key else {
            if accepted {
                notebook.method(.token, .removed, scheme: nil, line: "POST /api/auth/login returned no legacy key")
            }
            return
        }
        let byToken = try await send(
            HTTPRequestSpec(path: EndpointRole.usersSelf.defaultPath, headers: apiHeaders + [HeaderField("Authorization", "Token \(key)")]))
        guard byToken.status == 200 else {
            observeAcceptance(&notebook, .token, byToken, scheme: "Token", what: "the legacy key login returned")
            return
        }
        let state: AuthMethodState = notebook.tokenDeprecatedInSchema ? .deprecated : .supported
        notebook.method(
            .token, state, scheme: "Token",
            line: line(byToken, "the legacy key login returned") + (state == .deprecated ? "; the schema's tokenAuth says \"Deprecated\"" : ""))
    }

    /// Why a draft cannot go on without the probe account's login: a redirect (an SSO gateway or a
    /// proxy in front of CVAT's auth endpoints) or a refusal.
    static func loginFailure(_ login: Exchange, url: String) -> Failure {
        let detail = login.json.flatMap(ObservationNotebook.detail).map { " " + quoted(String($0.prefix(120))) } ?? ""
        if (300..<400).contains(login.status) {
            let location = login.response.header("Location").map { " to " + quoted($0) } ?? ""
            return Failure(
                description: "POST \(url) answered \(login.status), a redirect\(location), not CVAT's login: something in front of CVAT "
                    + "(an SSO gateway?) takes its auth endpoints; draft against a URL that reaches CVAT itself")
        }
        return Failure(
            description: "POST \(url) answered \(login.status)\(detail): the probe account's login was refused, and without it "
                + "login, cookies, auth methods and CSRF cannot be observed; check CVAT_USER and CVAT_PASSWORD (or the options that name them)")
    }

    /// `supported` on 200; `removed` on a refusal where the base accepted the method.
    func observeAcceptance(_ notebook: inout ObservationNotebook, _ method: AuthMethod, _ exchange: Exchange, scheme: String, what: String) {
        if exchange.status == 200 {
            notebook.method(method, .supported, scheme: scheme, line: line(exchange, what))
        } else if exchange.status == 401 || exchange.status == 403, base?.state(of: method).isAccepted ?? true {
            notebook.method(method, .removed, scheme: nil, line: line(exchange, what))
        } else {
            notebook.todo.append("auth.\(method.rawValue): \(line(exchange, what)) decides nothing")
        }
    }
}
