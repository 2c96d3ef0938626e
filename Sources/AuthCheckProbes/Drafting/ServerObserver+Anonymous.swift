import AuthCheckCore
import AuthCheckHTTP
import Foundation

extension ServerObserver {
    /// A user name no CVAT account has, for the refusals that need one.
    static let nobody = "cvat-authcheck-nobody"
    /// A password no account has.
    static let wrongPassword = "cvat-authcheck-wrong-password"

    /// The facts any client can see: about, the schema, and the refusals of anonymous, made-up and
    /// malformed credentials.
    func observeAnonymous(_ notebook: inout ObservationNotebook) async throws {
        let aboutPath = EndpointRole.about.defaultPath
        let about = try await send(HTTPRequestSpec(path: aboutPath, headers: apiHeaders))
        if let json = about.json {
            let order = ["name", "description", "version", "logo_url", "subtitle"]
            let fields = json.keys.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
            notebook.fact(\.about, "fields", .list(fields), evidence: "about.fields: \(line(about))")
        }

        let schema = try await send(
            HTTPRequestSpec(
                path: EndpointRole.schema.defaultPath + "?format=json",
                headers: [HeaderField("Accept", "application/vnd.oai.openapi+json, application/json")]))
        var tokenDeprecated = false
        if schema.status == 200, let json = schema.json, let components = json["components"] as? [String: Any],
            let schemes = components["securitySchemes"] as? [String: Any]
        {
            notebook.fact(\.schema, "security_schemes", .list(schemes.keys.sorted()), evidence: "schema.security_schemes: \(line(schema))")
            let token = schemes["tokenAuth"] as? [String: Any]
            tokenDeprecated = (token?["description"] as? String)?.lowercased().hasPrefix("deprecated") == true
            let paths = Set((json["paths"] as? [String: Any])?.keys.map { $0 } ?? [])
            for role in EndpointRole.allCases {
                let listed = paths.contains(role.defaultPath)
                guard listed || role != .accessTokenSelf else { continue }
                notebook.endpoints.append(DraftEntry(role.rawValue, .string(role.defaultPath)))
            }
        } else {
            notebook.todo.append("schema.security_schemes: /api/schema/ answered \(schema.status), not an OpenAPI document")
        }

        let usersSelf = EndpointRole.usersSelf.defaultPath
        let anonymous = try await send(HTTPRequestSpec(path: usersSelf, headers: apiHeaders))
        if anonymous.status == 401 || anonymous.status == 403 {
            notebook.response(.anonymous, anonymous, line: line(anonymous, "no credentials"))
        } else {
            // CVAT's users/self needs authentication; a pass is a proxy (or a server) that is not CVAT's answer.
            notebook.todo.append(
                "responses.anonymous: \(line(anonymous, "no credentials")) — not a refusal; something in front of CVAT may "
                    + "authenticate requests, so nothing was recorded")
        }

        let junkToken = try await send(
            HTTPRequestSpec(path: usersSelf, headers: apiHeaders + [HeaderField("Authorization", "Token cvat-authcheck-not-a-token")]))
        if junkToken.status == 401 || junkToken.status == 403 {
            notebook.response(.invalidToken, junkToken, line: line(junkToken, "Authorization: Token <junk>"))
        }

        let basic = Data("\(Self.nobody):\(Self.wrongPassword)".utf8).base64EncodedString()
        let junkBasic = try await send(HTTPRequestSpec(path: usersSelf, headers: apiHeaders + [HeaderField("Authorization", "Basic \(basic)")]))
        if junkBasic.status == 401 || junkBasic.status == 403 {
            notebook.response(.invalidBasic, junkBasic, line: line(junkBasic, "Basic for a user that does not exist"))
        }

        let badLogin = try await send(
            .json("POST", EndpointRole.login.defaultPath, ["username": Self.nobody, "password": Self.wrongPassword], headers: apiHeaders))
        if (400..<500).contains(badLogin.status) {
            notebook.response(.badCredentials, badLogin, line: line(badLogin, "a user that does not exist"))
        }
        notebook.tokenDeprecatedInSchema = tokenDeprecated
    }

    /// `POST /api/auth/login (what) → 400 "Unable to log in…"` for evidence, redacted.
    func line(_ exchange: Exchange, _ what: String? = nil) -> String {
        let request = "\(exchange.request.method) \(exchange.request.path.split(separator: "?").first.map(String.init) ?? exchange.request.path)"
        let detail = exchange.json.flatMap(ObservationNotebook.detail).map { " " + Self.quoted(String($0.prefix(120))) } ?? ""
        return redactor.redact("\(request)\(what.map { " (\($0))" } ?? "") → \(exchange.status)\(detail)")
    }

    /// A server's text in double quotes on one line, escaped as the draft writes it (`\n`, `\u001B`, `\"`),
    /// so that no answer can break a printed line or send a terminal escape sequence.
    static func quoted(_ text: String) -> String {
        let inline = DraftNode.string(text).inline
        return inline.hasPrefix("\"") ? inline : "\"\(inline)\""
    }
}
