import AuthCheckCore
import Testing

/// `profiles explain` at every release boundary of the reference's timeline (§1) matches the reference.
@Suite("Profile explanations at the timeline's release boundaries")
struct ProfileExplainTests {
    let catalog = MatrixTestSupport.bundled()

    func explain(_ text: String) throws -> ProfileExplanation {
        try #require(catalog.explain(MatrixTestSupport.version(text)), "no profile for \(text)")
    }

    /// The reference's timeline (§1): each row's release starts a profile; the release before it is in the previous one.
    static let timeline: [(release: String, previousRelease: String, profile: String, previousProfile: String)] = [
        ("2.30.0", "2.29.0", "cvat-2.30", "cvat-2.24"), ("2.36.0", "2.35.0", "cvat-2.36", "cvat-2.30"),
        ("2.41.0", "2.40.1", "cvat-2.41", "cvat-2.36"), ("2.42.0", "2.41.0", "cvat-2.42", "cvat-2.41"),
        ("2.44.0", "2.43.0", "cvat-2.44", "cvat-2.42"), ("2.46.0", "2.45.0", "cvat-2.46", "cvat-2.44"),
        ("2.48.0", "2.47.0", "cvat-2.48", "cvat-2.46"), ("2.49.0", "2.48.1", "cvat-2.49", "cvat-2.48"),
        ("2.55.0", "2.54.0", "cvat-2.55", "cvat-2.49"), ("2.63.0", "2.62.0", "cvat-2.63", "cvat-2.55"),
        ("2.65.0", "2.64.0", "cvat-2.65", "cvat-2.63"), ("2.67.0", "2.66.0", "cvat-2.67", "cvat-2.65"),
        ("2.70.0", "2.69.0", "cvat-2.70", "cvat-2.67"), ("2.74.0", "2.73.0", "cvat-2.74", "cvat-2.70"),
        ("2.75.0", "2.74.1", "cvat-2.75", "cvat-2.74"), ("2.77.0", "2.76.0", "cvat-2.77", "cvat-2.75"),
        ("2.80.0", "2.79.0", "cvat-2.80", "cvat-2.77"),
    ]

    @Test("each timeline release starts its profile, and the release before it is explained by the predecessor", arguments: timeline)
    func timelineBoundary(_ row: (release: String, previousRelease: String, profile: String, previousProfile: String)) throws {
        let at = try explain(row.release)
        let before = try explain(row.previousRelease)
        #expect(at.applied.id == row.profile)
        #expect(at.applied.file == "matrices/servers/\(row.profile).yaml")
        #expect(at.chain.count >= 2 && at.chain[1].id == row.previousProfile)
        #expect(before.applied.id == row.previousProfile)
        #expect(at.applied.versions.hasPrefix(">=\(row.release) "))
    }

    @Test("the file that applies is shown as its repository path, with the chain down to the baseline")
    func fileAndChain() throws {
        let explanation = try explain("2.52.1")
        #expect(explanation.applied.id == "cvat-2.49")
        #expect(explanation.applied.file == "matrices/servers/cvat-2.49.yaml")
        #expect(
            explanation.chain.map(\.id) == [
                "cvat-2.49", "cvat-2.48", "cvat-2.46", "cvat-2.44", "cvat-2.42", "cvat-2.41", "cvat-2.36", "cvat-2.30", "cvat-2.24",
            ])
        #expect(explanation.chain.allSatisfy { $0.file == "matrices/servers/\($0.id).yaml" && !$0.isOverlay })
        #expect(explanation.sha256.count == 64)
        #expect(!explanation.isStale)
    }

    @Test("2.29.x: about without logo_url and subtitle; 2.30.0: with them")
    func aboutFields() throws {
        #expect(try explain("2.29.0").profile.about?.fields == ["name", "description", "version"])
        #expect(try explain("2.30.0").profile.about?.fields == ["name", "description", "version", "logo_url", "subtitle"])
        #expect(try explain("2.80.0").profile.about?.fields.contains("logo_url") == true)
    }

    @Test("2.40.1: legacy token supported; 2.41.0: deprecated (schema only), csrfHeaderAuth advertised")
    func tokenDeprecation() throws {
        let before = try explain("2.40.1").profile
        let after = try explain("2.41.0").profile
        #expect(before.state(of: .token) == .supported)
        #expect(after.state(of: .token) == .deprecated)
        #expect(after.state(of: .token).isAccepted)
        #expect(after.auth["token"]?.scheme == "Token")
        #expect(before.schema?.securitySchemes.contains("csrfHeaderAuth") == false)
        #expect(after.schema?.securitySchemes.contains("csrfHeaderAuth") == true)
        #expect(after.login?.returnsKey == true)
    }

    @Test("2.41.x: no e-mail verification answer for Basic; 2.42.0: 401 \"E-mail is not verified.\"")
    func basicEx() throws {
        #expect(try explain("2.41.0").profile.response(.basicEmailUnverified) == nil)
        let after = try explain("2.42.0").profile
        #expect(after.response(.basicEmailUnverified) == ResponseExpectation(status: 401, text: "E-mail is not verified."))
        // Login's own answer is the same before and after (reference §3, record 2.64.0-email-verification-…).
        #expect(after.response(.emailUnverified) == ResponseExpectation(status: 400, text: "Unverified email"))
        #expect(after.state(of: .basic) == .supported)
        #expect(after.auth["basic"]?.scheme == "Basic")  // kept from the baseline under the new note
    }

    @Test("2.45.0: signing supported, with CVAT's 500 defect; 2.46.0: removed, /api/auth/signing answers 404")
    func signingRemoval() throws {
        let before = try explain("2.45.0").profile
        let after = try explain("2.46.0").profile
        #expect(before.state(of: .signing) == .supported)
        #expect(before.skip["signing"] == nil)
        #expect(before.response(.invalidSignature)?.status == 401)
        // PR #9867: the endpoint "always returns a 500" since PolicyEnforcer (2.0.0) until its removal in 2.46.0.
        let defect = try #require(before.defects["signing-view-has-no-detail"])
        #expect(defect.status == 500 && defect.method == "POST" && defect.endpoint == .signing)
        #expect(defect.versions.contains(CVATVersion(2, 24, 0)) && defect.versions.contains(CVATVersion(2, 45, 0)))
        #expect(!defect.versions.contains(CVATVersion(2, 46, 0)))
        #expect(before.schema?.securitySchemes.contains("signatureAuth") == true)
        #expect(after.state(of: .signing) == .removed)
        #expect(after.skip["signing"] == nil)  // the probe checks that the endpoint is gone
        #expect(after.defects.isEmpty)
        #expect(after.response(.invalidSignature) == nil)
        #expect(after.response(.signingAbsent)?.status == 404)
        #expect(after.schema?.securitySchemes.contains("signatureAuth") == false)
        #expect(try explain("2.80.0").profile.state(of: .signing) == .removed)
    }

    @Test("2.47.x: no personal access tokens; 2.48.0: Bearer tokens and their endpoints")
    func accessTokens() throws {
        let before = try explain("2.47.0").profile
        let after = try explain("2.48.0").profile
        #expect(before.state(of: .accessToken) == .absent)
        #expect(before.skip["access-token.lifecycle"] == nil)  // the probe checks that the endpoint is absent
        #expect(before.response(.accessTokensAbsent)?.status == 404)
        #expect(after.state(of: .accessToken) == .supported)
        #expect(after.auth["access_token"]?.scheme == "Bearer")
        #expect(after.skip["access-token.lifecycle"] == nil)
        #expect(after.response(.accessTokensAbsent) == nil)
        #expect(after.endpoint(.accessTokenSelf) == "/api/auth/access_tokens/self")
        #expect(after.schema?.securitySchemes.contains("accessTokenAuth") == true)
        #expect(before.schema?.securitySchemes.contains("accessTokenAuth") == false)
    }

    @Test(
        "what never changed 2.24–2.80: cookies, login, the anonymous challenge, CSRF texts",
        arguments: ["2.24.0", "2.41.0", "2.48.1", "2.64.0", "2.80.0"])
    func stableContract(_ release: String) throws {
        let profile = try explain(release).profile
        #expect(profile.login?.setsCookies == ["csrftoken", "sessionfresh", "sessionid"])
        #expect(profile.login?.identifiers == ["username", "email"])
        #expect(
            profile.cookies["sessionid"]
                == CookieExpectation(httpOnly: true, secure: false, sameSite: "Lax", path: "/", maxAge: 1_209_600, requiredBySDK: true))
        #expect(
            profile.cookies["csrftoken"]
                == CookieExpectation(httpOnly: false, secure: false, sameSite: "Lax", path: "/", maxAge: 31_449_600, requiredBySDK: true))
        #expect(profile.cookies["sessionfresh"]?.maxAge == 86_400)
        #expect(
            profile.response(.anonymous)
                == ResponseExpectation(status: 401, text: "Authentication credentials were not provided.", wwwAuthenticate: "Token"))
        #expect(profile.response(.badCredentials) == ResponseExpectation(status: 400, text: "Unable to log in with provided credentials."))
        #expect(profile.response(.csrfMissing)?.text == "CSRF Failed: CSRF token missing.")
        #expect(profile.response(.csrfIncorrect)?.text == "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect.")
        // Login of an account with an unverified e-mail under mandatory verification (seen on real 2.64).
        #expect(profile.response(.emailUnverified) == ResponseExpectation(status: 400, text: "Unverified email"))
        #expect(profile.state(of: .session) == .supported)
    }

    @Test("client lines: Token before 2.41, session + Origin from 2.41, PAT from 2.48, about fields from 2.30")
    func clientBoundaries() throws {
        func sdk(_ text: String, _ client: String = "cvat-sdk") throws -> ClientProfile {
            let version = MatrixTestSupport.version(text)
            return try #require(catalog.clients.first { $0.profile.client == client && $0.profile.versions.contains(version) }).profile
        }
        for client in ["cvat-sdk", "cvat-cli"] {
            #expect(try sdk("2.29.0", client).aboutFields == ["name", "description", "version"])
            #expect(try sdk("2.30.0", client).aboutFields == ["name", "description", "version", "logo_url", "subtitle"])
            #expect(try sdk("2.40.1", client).password.authenticatesWith == "token")
            #expect(try sdk("2.40.1", client).password.sendsOrigin == false)
            #expect(try sdk("2.41.0", client).password.authenticatesWith == "session")
            #expect(try sdk("2.41.0", client).password.sendsOrigin == true)
            #expect(try sdk("2.47.0", client).accessToken.supported == false)
            #expect(try sdk("2.48.0", client).accessToken == ClientProfile.AccessTokenMode(supported: true, scheme: "Bearer"))
            let newest = try sdk("2.80.0", client)
            #expect(newest.password.assertsCookies == ["sessionid", "csrftoken"])
            #expect(newest.password.cookieParser == "python-simplecookie")
            #expect(newest.versionWindow == 1)
        }
    }

    @Test("a server newer than every profile is explained as stale with the newest file")
    func staleExplanation() throws {
        let explanation = try explain("2.81.0")
        #expect(explanation.isStale)
        #expect(explanation.applied.file == "matrices/servers/cvat-2.80.yaml")
        #expect(catalog.explain(CVATVersion(2, 23, 9)) == nil)
    }
}
