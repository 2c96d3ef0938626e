/// The part of CVAT's OpenAPI schema that matters for authentication: `info.version` and
/// `components.securitySchemes` per release line, plus the auth paths.
enum OpenAPIDocument {
    static func make(line: ReleaseLine, version: String) -> JSONValue {
        var schemes: [(String, JSONValue)] = []
        if line.hasAccessTokens {
            schemes.append(
                (
                    "accessTokenAuth",
                    .object([
                        ("type", "http"), ("scheme", "bearer"),
                        ("description", "Personal access token. Send it as 'Authorization: Bearer <token>'."),
                    ])
                ))
        }
        schemes.append(("basicAuth", .object([("type", "http"), ("scheme", "basic")])))
        if line.tokenDeprecatedInSchema {
            schemes.append(
                (
                    "csrfAuth",
                    .object([
                        ("type", "apiKey"), ("in", "cookie"), ("name", "csrftoken"),
                        ("description", "CSRF token cookie. Must be used together with csrfHeaderAuth for session authentication."),
                    ])
                ))
            schemes.append(
                (
                    "csrfHeaderAuth",
                    .object([
                        ("type", "apiKey"), ("in", "header"), ("name", "X-CSRFToken"),
                        (
                            "description",
                            "CSRF token header. Must contain the csrftoken cookie value. For unsafe requests authenticated by the session, the Origin header must also be specified."
                        ),
                    ])
                ))
            schemes.append(
                (
                    "sessionAuth",
                    .object([
                        ("type", "apiKey"), ("in", "cookie"), ("name", "sessionid"),
                        ("description", "Session cookie, obtained from /api/auth/login. Unsafe requests also need csrfAuth and csrfHeaderAuth."),
                    ])
                ))
        } else {
            schemes.append(
                (
                    "csrfAuth",
                    .object([
                        ("type", "apiKey"), ("in", "cookie"), ("name", "csrftoken"),
                        ("description", "Can be sent as a cookie or as the X-CSRFTOKEN header"),
                    ])
                ))
            schemes.append(("sessionAuth", .object([("type", "apiKey"), ("in", "cookie"), ("name", "sessionid")])))
        }
        if line.hasSigning {
            schemes.append(
                (
                    "signatureAuth",
                    .object([
                        ("type", "apiKey"), ("in", "query"), ("name", "sign"),
                        ("description", "Can be used to share URLs to private links"),
                    ])
                ))
        }
        schemes.append(
            (
                "tokenAuth",
                .object([
                    ("type", "apiKey"), ("in", "header"), ("name", "Authorization"),
                    (
                        "description",
                        line.tokenDeprecatedInSchema
                            ? "Deprecated."
                            : "To authenticate using a token, send it in the Authorization header with the 'Token' prefix: 'Token <token>'."
                    ),
                ])
            ))

        var paths: [(String, JSONValue)] = [
            ("/api/auth/login", operation("post", "auth_create_login")),
            ("/api/auth/logout", operation("post", "auth_create_logout")),
            ("/api/auth/password/change", operation("post", "auth_create_password_change")),
            ("/api/auth/rules", operation("get", "auth_retrieve_rules")),
        ]
        if line.hasSigning { paths.append(("/api/auth/signing", operation("post", "auth_create_signing"))) }
        if line.hasAccessTokens {
            paths.append(("/api/auth/access_tokens", operation("get", "auth_list_access_tokens")))
            paths.append(("/api/auth/access_tokens/self", operation("get", "auth_retrieve_access_tokens_self")))
        }
        paths += [
            ("/api/projects", operation("post", "projects_create")),
            ("/api/server/about", operation("get", "server_retrieve_about")),
            ("/api/users/self", operation("get", "users_retrieve_self")),
        ]
        return .object([
            ("openapi", "3.0.3"),
            (
                "info",
                .object([
                    ("title", "CVAT REST API"), ("version", .string(version)),
                    ("description", "REST API for Computer Vision Annotation Tool (CVAT)"),
                ])
            ),
            ("paths", .object(paths)),
            ("components", .object([("securitySchemes", .object(schemes))])),
        ])
    }

    private static func operation(_ method: String, _ id: String) -> JSONValue {
        .object([(method, .object([("operationId", .string(id))]))])
    }

    /// Renders a document as block-style YAML (as drf-spectacular serves it by default).
    static func yaml(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members):
            for (key, member) in members {
                switch member {
                case .object(let inner) where !inner.isEmpty:
                    out += "\(pad)\(scalar(key)):\n"
                    write(member, indent: indent + 2, into: &out)
                case .array(let items) where !items.isEmpty:
                    out += "\(pad)\(scalar(key)):\n"
                    for item in items { out += "\(pad)- \(inline(item))\n" }
                default:
                    out += "\(pad)\(scalar(key)): \(inline(member))\n"
                }
            }
        default:
            out += "\(pad)\(inline(value))\n"
        }
    }

    private static func inline(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): scalar(text)
        case .object(let members) where members.isEmpty: "{}"
        case .array(let items) where items.isEmpty: "[]"
        default: value.rendered
        }
    }

    /// A plain scalar when safe, else a JSON (double-quoted YAML) string.
    private static func scalar(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || " _./-()'<>,".contains($0) }
        let ambiguous = ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
        if !text.isEmpty, safe, !ambiguous, text.first != " ", text.last != " ", Double(text) == nil, !text.hasPrefix("-") {
            return text
        }
        return JSONValue.string(text).rendered
    }
}
