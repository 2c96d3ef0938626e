import AuthCheckCore
import AuthCheckHTTP
import Foundation
import Testing

@testable import AuthCheckProbes

/// `sdk.compat` on hand-made evidence: the typed prediction per client line and mode, the exception
/// each situation makes the real cvat-sdk raise (from the shared records and the reference), and which
/// predicted breaks fail the run (only those of selected clients).
@Suite("sdk.compat predictions")
struct SDKPredictionTests {
    /// CVAT's login cookies as Django writes them (reference part B).
    static let djangoCookies = [
        "csrftoken=AoErlOhEcOhz8fLRdmbciYPuYnry3ZfI; expires=Sat, 27 Nov 2027 18:30:03 GMT; Max-Age=31449600; Path=/; SameSite=Lax",
        "sessionfresh=1; expires=Sun, 29 Nov 2026 18:30:03 GMT; HttpOnly; Max-Age=86400; Path=/; SameSite=Lax",
        "sessionid=uxvtwjvp3m5fbgyzezj4mvf3uxmuia98; expires=Sat, 12 Dec 2026 18:30:03 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax",
    ]

    static func about(_ version: String) -> HTTPResponseData {
        let logo =
            (CVATVersion(version)?.minor ?? 0) >= 30 ? #","logo_url":"http://x/static/logo.svg","subtitle":"Open Data Annotation Platform""# : ""
        return HTTPResponseData(
            status: 200, headers: [HeaderField("Content-Type", "application/vnd.cvat+json")],
            body: Array(#"{"name":"Computer Vision Annotation Tool","description":"d","version":"\#(version)"\#(logo)}"#.utf8))
    }

    static func login(status: Int = 200, cookies: [String] = djangoCookies, body: String = #"{"key":"k"}"#) -> LoginSession {
        let response = HTTPResponseData(status: status, headers: cookies.map { HeaderField("Set-Cookie", $0) }, body: Array(body.utf8))
        return LoginSession(
            status: status, key: status == 200 ? "k" : nil, setCookies: response.setCookies, response: response,
            record: ExchangeRecord(method: "POST", url: "http://x/api/auth/login"), python: PythonCookieView.sdk(response: response))
    }

    /// Runs `sdk.compat` with the given evidence and returns its outcomes by "line, mode".
    static func predict(
        server: String, clients: [String]? = nil, session: LoginSession? = login(), earlier: [Outcome] = [],
        bearerAccepted: Bool? = true, accessTokenOnly: Bool = false, organization: String? = nil
    ) async throws -> [String: Outcome] {
        var context = try RecordedContext.make(version: server, url: "http://x", organization: organization)
        context.target.clients = try clients?.map { try ClientSelector(parsing: $0) }
        if accessTokenOnly { context.credentials = ResolvedCredentials(accessToken: "pat") }
        await context.state.set(StateKey.about, about(server))
        if let session { await context.state.set(StateKey.login, session) }
        await context.state.set(StateKey.csrf, CSRFEvidence(withOriginStatus: 400, withOriginDetail: nil, originRefused: false))
        await context.state.set(StateKey.accessToken, AccessTokenEvidence(bearerAccepted: bearerAccepted))
        await context.state.record(earlier)
        let outcomes = try await SDKCompatProbe().run(in: context)
        return Dictionary(uniqueKeysWithValues: outcomes.map { ($0.name, $0) })
    }

    @Test("client lines newer than the server break with TypeError (shown always), failing only when selected")
    func newerThanServer() async throws {
        let byDefault = try await Self.predict(server: "2.24.0")
        let newer = try #require(byDefault["cvat-sdk 2.41–2.47, password"])
        #expect(newer.prediction?.verdict == .breaks)
        #expect(newer.prediction?.exception == "TypeError")
        #expect(newer.prediction?.step == "make_client")
        #expect(newer.prediction?.exceptionText == "About._from_openapi_data() missing 2 required positional arguments: 'logo_url' and 'subtitle'")
        #expect(newer.prediction?.selected == false)
        #expect(newer.status == .skipped)
        #expect(byDefault["cvat-sdk 2.24–2.29, password"]?.status == .pass)

        let chosen = try await Self.predict(server: "2.24.0", clients: ["cvat-sdk@2.41"])
        #expect(chosen["cvat-sdk 2.41–2.47, password"]?.status == .fail)
        #expect(chosen["cvat-sdk 2.41–2.47, password"]?.cause == DiagnosisCatalog.sdkAboutTypeError.id)
        // Not selected now: the 2.24 line's prediction still shows, and does not fail.
        #expect(chosen["cvat-sdk 2.24–2.29, password"]?.prediction?.selected == false)
    }

    @Test("the version window: the 2.48 line against 2.64 warns (real cvat-sdk 2.48.0 logs it), naming the silent releases")
    func windowWarning() async throws {
        let outcomes = try await Self.predict(server: "2.64.0")
        let line = try #require(outcomes["cvat-sdk 2.48–2.69, password"])
        #expect(line.status == .pass)
        #expect(line.prediction?.verdict == .warns)
        #expect(line.prediction?.warning?.contains("other than 2.63.x–2.64.x") == true)
        #expect(outcomes["cvat-sdk 2.24–2.29, password"]?.prediction?.verdict == .warns)
    }

    @Test("Python raising CookieError is predicted as CookieError, not the cookie assert")
    func cookieError() async throws {
        let session = Self.login(cookies: ["a/b=1; Path=/", "sessionid=x; Path=/", "csrftoken=y; Path=/"])
        let outcomes = try await Self.predict(server: "2.64.0", session: session)
        let password = try #require(outcomes["cvat-sdk 2.48–2.69, password"])
        #expect(password.status == .fail)
        #expect(password.prediction?.exception == "CookieError")
        #expect(password.cause == DiagnosisCatalog.pythonCookieError.id)
        #expect(password.message.contains("Illegal key 'a/b'"), "\(password.message)")
    }

    @Test("an unverified account: password clients raise ApiException 400, access tokens still work (record email-verification-unverified-account)")
    func unverifiedAccount() async throws {
        let login = Outcome(
            probe: LoginPasswordProbe.id, name: "username form", status: .fail, message: "login (username) answered 400, expected 200",
            cause: DiagnosisCatalog.accountEmailUnverified.id)
        let outcomes = try await Self.predict(
            server: "2.64.0", session: Self.login(status: 400, cookies: [], body: "Unverified email"),
            earlier: [login], bearerAccepted: nil)
        let password = try #require(outcomes["cvat-sdk 2.48–2.69, password"])
        #expect(password.prediction?.verdict == .breaks)
        #expect(password.prediction?.exception == "ApiException")
        #expect(password.prediction?.step == "make_client")
        #expect(password.status == .fail)
        let token = try #require(outcomes["cvat-sdk 2.48–2.69, access-token"])
        #expect(token.prediction?.verdict.isWorking == true)
        #expect(token.status == .pass)
    }

    @Test("an http → https redirect: every client on the http URL gets 401 (UnauthorizedException at retrieve_self, record http-redirects-to-https)")
    func redirect() async throws {
        let redirect = Outcome(
            probe: AboutVersionDetector.probeID, name: "server version", status: .fail, message: "redirects to https",
            cause: DiagnosisCatalog.httpRedirectsToHTTPS.id)
        let outcomes = try await Self.predict(server: "2.64.0", session: nil, earlier: [redirect], bearerAccepted: nil)
        for key in ["cvat-sdk 2.24–2.29, password", "cvat-sdk 2.48–2.69, password", "cvat-sdk 2.48–2.69, access-token"] {
            let outcome = try #require(outcomes[key])
            #expect(outcome.prediction?.exception == "UnauthorizedException", "\(key)")
            #expect(outcome.prediction?.step == "retrieve_self", "\(key)")
            #expect(outcome.status == .fail, "\(key)")
        }
        #expect(outcomes["cvat-sdk 2.48–2.69, password"]?.message.contains("password was sent over plain http") == true)
    }

    @Test("an unknown organization: calls with that organization_slug raise NotFoundException")
    func unknownOrganization() async throws {
        let refused = Outcome(
            probe: TokenLegacyProbe.id, name: "Token on users/self", status: .fail, message: "404",
            cause: DiagnosisCatalog.organizationUnknown.id)
        let outcomes = try await Self.predict(server: "2.64.0", earlier: [refused], organization: "nosuch")
        let password = try #require(outcomes["cvat-sdk 2.48–2.69, password"])
        #expect(password.prediction?.exception == "NotFoundException")
        #expect(password.message.contains("organization_slug 'nosuch'"))
        #expect(password.status == .fail)
    }

    @Test("a run with only an access token predicts nothing for password login and says why")
    func accessTokenOnly() async throws {
        let outcomes = try await Self.predict(server: "2.64.0", session: nil, accessTokenOnly: true)
        let password = try #require(outcomes["cvat-sdk 2.48–2.69, password"])
        #expect(password.prediction?.verdict == .unknown)
        #expect(password.status == .skipped)
        #expect(password.message.contains("no user name and password configured"))
        #expect(outcomes["cvat-sdk 2.48–2.69, access-token"]?.status == .pass)
    }
}
