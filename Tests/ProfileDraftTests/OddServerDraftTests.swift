import AuthCheckCore
import AuthCheckRun
import Foundation
import Testing

/// A CVAT-shaped server that says odd things: just enough of CVAT's auth API for a draft (about,
/// login with a key and the two cookies, `users/self` by key, session or Basic), with the answers to
/// anonymous requests and to the CSRF cases chosen by the test.
struct OddCVAT: Sendable {
    static let key = "0123456789abcdef0123456789abcdef01234567"
    static let session = "s3ss10n-odd-server-value-42"
    static let csrf = "Csrf0ddServerToken0123456789abcd"

    /// The 401 text for a request without credentials (CVAT's is "Authentication credentials were not provided.").
    var anonymousText = "Authentication credentials were not provided."
    /// The status of a request without credentials (CVAT's is 401).
    var anonymousStatus = 401
    /// The 403 text of a CSRF refusal; `{cookie}` is replaced with the request's `Cookie` header.
    var csrfText = "CSRF Failed: CSRF token missing."

    func answer(_ request: CannedRequest) -> CannedResponse {
        let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
        let basic = "Basic " + Data("\(DraftHarness.username):\(DraftHarness.password)".utf8).base64EncodedString()
        switch (request.method, path) {
        case ("GET", "/api/server/about"):
            return .json(200, ["name": "Computer Vision Annotation Tool", "description": "d", "version": "2.81.0"])
        case ("GET", "/api/users/self"):
            let authorization = request.header("Authorization")
            if authorization == "Token \(Self.key)" || authorization == basic
                || request.header("Cookie")?.contains("sessionid=\(Self.session)") == true
            {
                return .json(200, ["username": DraftHarness.username, "email": ""])
            }
            if authorization == nil && request.header("Cookie") == nil {
                return .json(anonymousStatus, anonymousStatus == 200 ? ["username": "anonymous-by-proxy"] : ["detail": anonymousText])
            }
            return .json(401, ["detail": "Invalid token."])
        case ("POST", "/api/auth/login"):
            if request.body.contains("\"password\":\"\(DraftHarness.password)\"")
                && request.body.contains("\"username\":\"\(DraftHarness.username)\"")
            {
                return .json(
                    200, ["key": Self.key],
                    headers: [
                        ("Set-Cookie", "csrftoken=\(Self.csrf); expires=Thu, 01 Jan 2037 00:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax"),
                        (
                            "Set-Cookie",
                            "sessionid=\(Self.session); expires=Thu, 01 Jan 2037 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax"
                        ),
                    ])
            }
            if request.body == "{}" {
                return .json(403, ["detail": csrfText.replacingOccurrences(of: "{cookie}", with: request.header("Cookie") ?? "")])
            }
            return .json(400, ["non_field_errors": ["Unable to log in with provided credentials."]])
        default:
            return .json(404, ["detail": "Not found."])
        }
    }
}

@Suite("profiles draft --target against servers that say odd things")
struct OddServerDraftTests {
    static func draft(_ server: OddCVAT) async throws -> DraftResult {
        let canned = try CannedServer { server.answer($0) }
        defer { canned.stop() }
        return try await DraftHarness.draft(url: canned.url)
    }

    /// Every line the command prints (changes, todo, evidence) is one line of visible text.
    static func printed(_ result: DraftResult) -> [String] { result.changes + result.draft.todo + result.evidence }

    @Test("a text with line breaks, quotes, escape sequences and Unicode separators is recorded as sent and printed on one line")
    func hostileText() async throws {
        let text = "Authentication \"credentials\"\r\nwere not provided.\u{1B}[2J\u{1B}[31m ünï: #x - y\u{2028}\u{0}end"
        let result = try await Self.draft(OddCVAT(anonymousText: text))
        let catalog = DraftHarness.layered(result)
        #expect(catalog.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let drafted = try #require(catalog.server(id: "cvat-2.81"))
        #expect(drafted.profile.responses[ResponseSituation.anonymous.rawValue]?.text == text)
        for line in Self.printed(result) {
            #expect(
                !line.unicodeScalars.contains { $0.properties.generalCategory == .control || [0x2028, 0x2029].contains($0.value) },
                "\(line.debugDescription)")
        }
    }

    @Test("a refusal that echoes the session cookie back is not recorded: no secret the draft sent reaches the file or the terminal")
    func echoedSecret() async throws {
        let result = try await Self.draft(OddCVAT(csrfText: "CSRF Failed: the cookies {cookie} carry no token"))
        let everything = ([result.draft.yaml] + Self.printed(result)).joined(separator: "\n")
        for secret in [OddCVAT.session, OddCVAT.csrf, OddCVAT.key, DraftHarness.password] { #expect(!everything.contains(secret), "\(secret)") }
        #expect(result.draft.todo.contains { $0.hasPrefix("responses.csrf_missing.text:") && $0.contains("secret") }, "\(result.draft.todo)")
    }

    @Test("a server (or a proxy in front of it) that lets anonymous requests through is not recorded as CVAT's anonymous answer")
    func anonymousAccepted() async throws {
        // CVAT's users/self needs authentication: 401 "Authentication credentials were not provided." (docs/EMULATOR.md).
        let result = try await Self.draft(OddCVAT(anonymousStatus: 200))
        #expect(result.draft.facts?["responses"]?["anonymous"] == nil)
        #expect(
            result.draft.todo.contains { $0.hasPrefix("responses.anonymous: GET /api/users/self (no credentials) → 200") }, "\(result.draft.todo)")
    }
}
