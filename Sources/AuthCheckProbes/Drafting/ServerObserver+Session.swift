import AuthCheckCore
import AuthCheckHTTP
import Foundation

extension ServerObserver {
    /// Django's CSRF refusals, each on `POST /api/auth/login {}` (login is open to everyone, so no
    /// permission rule answers; a request past CSRF ends in a 400 and changes nothing).
    /// The origin the Origin check is provoked with: one no deployment trusts.
    static let foreignOrigin = "https://cvat-authcheck.invalid"

    func observeCSRF(_ notebook: inout ObservationNotebook, cookie: HeaderField, csrf: String, jar: [(name: String, value: String)]) async throws {
        let path = EndpointRole.login.defaultPath
        let wrong = csrf == String(repeating: "a", count: 32) ? String(repeating: "b", count: 32) : String(repeating: "a", count: 32)
        let sessionOnly = HeaderField("Cookie", jar.filter { $0.name != "csrftoken" }.map { "\($0.name)=\($0.value)" }.joined(separator: "; "))
        let foreign = Self.foreignOrigin
        // Over https Django checks the Referer before the token: the token cases carry a same-origin one.
        let referer = isHTTPS ? [HeaderField("Referer", origin + "/")] : []
        var cases: [(ResponseSituation, [HeaderField], String)] = [
            (.csrfMissing, [cookie] + referer, "session cookie, no X-CSRFToken"),
            (.csrfIncorrect, [cookie, HeaderField("X-CSRFToken", wrong)] + referer, "session cookie, a wrong X-CSRFToken"),
            (.csrfCookieNotSet, [sessionOnly, HeaderField("X-CSRFToken", csrf)] + referer, "X-CSRFToken without the csrftoken cookie"),
            (
                .originMismatch, [cookie, HeaderField("X-CSRFToken", csrf), HeaderField("Origin", foreign)],
                "X-CSRFToken and Origin: \(foreign)"
            ),
        ]
        if isHTTPS { cases.append((.refererMissing, [cookie, HeaderField("X-CSRFToken", csrf)], "X-CSRFToken, no Origin, no Referer (https)")) }
        for (situation, headers, what) in cases {
            let answer = try await send(.json("POST", path, [String: Any](), headers: apiHeaders + headers))
            if answer.status == 403 {
                notebook.response(situation, answer, line: line(answer, what))
            } else {
                notebook.todo.append(
                    "responses.\(situation.rawValue): \(line(answer, what)) — not a CSRF refusal; this deployment may not enforce CSRF, "
                        + "so nothing was recorded")
            }
        }
    }

    /// URL signing: `POST /api/auth/signing` and a `?sign=` that matches nothing. The base's known defects
    /// of the signing view are checked against the answer.
    func observeSigning(_ notebook: inout ObservationNotebook, headers: [HeaderField]) async throws {
        let usersSelf = EndpointRole.usersSelf.defaultPath
        // CVAT 2.0–2.45 answer 500 here (a known defect): the server error is the observation.
        let signing = try await send(
            .json("POST", EndpointRole.signing.defaultPath, ["url": url(usersSelf)], headers: headers), allowingServerError: true)
        let what = "the probe account's session"
        let signingDefects = (base?.defects ?? [:]).filter { $0.value.endpoint == .signing }
        switch signing.status {
        case 200..<300, 500..<600:
            notebook.method(.signing, .supported, scheme: nil, line: line(signing, what))
            notebook.noLonger(.signingAbsent, line: line(signing, what))
            for (id, defect) in signingDefects.sorted(by: { $0.key < $1.key }) where defect.status != signing.status {
                notebook.fact(\.defects, id, .removed, evidence: "defects.\(id) fixed: \(line(signing, what))")
            }
            if signing.status >= 500, !signingDefects.values.contains(where: { $0.status == signing.status }) {
                notebook.todo.append("defects: \(line(signing, what)) — a server error no known defect describes; describe it under defects")
            }
            let junk = try await send(HTTPRequestSpec(path: usersSelf + "?sign=cvat-authcheck-not-a-signature", headers: apiHeaders))
            if junk.status == 401 || junk.status == 403 {
                notebook.response(.invalidSignature, junk, line: line(junk, "a signature that matches nothing"))
            }
        case 404:
            if base?.state(of: .signing).isAccepted ?? false {
                notebook.method(.signing, .removed, scheme: nil, line: line(signing, what))
            }
            notebook.response(.signingAbsent, signing, line: line(signing, what))
            notebook.noLonger(.invalidSignature, line: line(signing, what))
            for id in signingDefects.keys.sorted() {
                notebook.fact(\.defects, id, .removed, evidence: "defects.\(id) gone with the endpoint: \(line(signing, what))")
            }
        default:
            notebook.todo.append("auth.signing: \(line(signing, what)) decides nothing")
        }
        let others = (base?.defects ?? [:]).filter { $0.value.endpoint != .signing }.keys.sorted()
        if !others.isEmpty { notebook.todo.append("defects \(others.joined(separator: ", ")): not re-checked by the draft") }
    }

    /// Personal access tokens: the list endpoint with the session (a GET, nothing changes) and a junk Bearer.
    func observeAccessTokens(_ notebook: inout ObservationNotebook, cookie: HeaderField) async throws {
        let list = try await send(HTTPRequestSpec(path: EndpointRole.accessTokens.defaultPath, headers: apiHeaders + [cookie]))
        let what = "the probe account's session"
        switch list.status {
        case 200:
            let bearer = try await send(
                HTTPRequestSpec(
                    path: EndpointRole.usersSelf.defaultPath,
                    headers: apiHeaders + [HeaderField("Authorization", "Bearer cvat-authcheck-not-a-token")]
                ))
            var seen = line(list, what) + "; " + line(bearer, "Authorization: Bearer <junk>")
            if let token = credentials.accessToken {
                // The account's own token, if one was given: a read, so Bearer is seen to work, not only known.
                let own = try await send(
                    HTTPRequestSpec(path: EndpointRole.usersSelf.defaultPath, headers: apiHeaders + [HeaderField("Authorization", "Bearer \(token)")])
                )
                if own.status == 200 {
                    seen += "; " + line(own, "Authorization: Bearer <the configured access token>")
                } else {
                    notebook.todo.append(
                        "auth.access_token: \(line(own, "Authorization: Bearer <the configured access token>")) — the token was refused")
                }
            }
            notebook.method(.accessToken, .supported, scheme: "Bearer", line: seen)
            // Where Bearer exists, its refusal is the invalid-token answer clients see (a legacy Token
            // authenticator, if still there, gives the same one).
            if bearer.status == 401 || bearer.status == 403 {
                notebook.response(.invalidToken, bearer, line: line(bearer, "Authorization: Bearer <junk>"))
            }
            notebook.noLonger(.accessTokensAbsent, line: line(list, what))
        case 404:
            let accepted = base?.state(of: .accessToken).isAccepted ?? false
            notebook.method(.accessToken, accepted ? .removed : .absent, scheme: nil, line: line(list, what))
            notebook.response(.accessTokensAbsent, list, line: line(list, what))
        default:
            notebook.todo.append("auth.access_token: \(line(list, what)) decides nothing")
        }
    }
}
