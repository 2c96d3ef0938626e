import AuthCheckCore
import Foundation
import Testing

@Suite("ObservedClientFacts")
struct ObservedClientFactsTests {
    static let profile = ClientProfile(
        id: "cvat-sdk-2.48", client: "cvat-sdk",
        versions: VersionRange([.init(.greaterOrEqual, CVATVersion(2, 48)), .init(.less, CVATVersion(2, 70))]),
        aboutFields: ["name", "description", "version", "logo_url", "subtitle"], versionWindow: 1,
        password: .init(
            assertsCookies: ["sessionid", "csrftoken"], cookieParser: "python-simplecookie", authenticatesWith: "session", sendsOrigin: true),
        accessToken: .init(supported: true, scheme: "Bearer"))

    static func facts() -> ObservedClientFacts {
        ObservedClientFacts(
            client: "cvat-sdk", version: CVATVersion(2, 48), aboutFields: ["name", "description", "version", "logo_url", "subtitle"],
            versionWindow: 1, assertsCookies: ["sessionid", "csrftoken"], cookieParser: "python-simplecookie", authenticatesWith: "session",
            sendsOrigin: true, accessTokenSupported: true, accessTokenScheme: "Bearer")
    }

    @Test("equal facts have no differences")
    func equal() {
        #expect(Self.facts().differences(from: Self.profile) == [:])
    }

    @Test("every differing fact is named with the shipped and the derived value")
    func differing() {
        var facts = Self.facts()
        facts.aboutFields = ["name", "version"]
        facts.versionWindow = 2
        facts.assertsCookies = ["sessionid"]
        facts.cookieParser = "rfc6265"
        facts.authenticatesWith = "token"
        facts.sendsOrigin = false
        facts.accessTokenSupported = false
        facts.accessTokenScheme = "Token"
        #expect(
            facts.differences(from: Self.profile) == [
                "about_fields": "shipped [name, description, version, logo_url, subtitle], derived [name, version]",
                "version_window": "shipped 1, derived 2",
                "password.asserts_cookies": "shipped [sessionid, csrftoken], derived [sessionid]",
                "password.cookie_parser": "shipped python-simplecookie, derived rfc6265",
                "password.authenticates_with": "shipped session, derived token",
                "password.sends_origin": "shipped true, derived false",
                "access_token.supported": "shipped true, derived false",
                "access_token.scheme": "shipped Bearer, derived Token",
            ])
    }

    @Test("underived facts are not compared, and a client without tokens has no scheme to compare")
    func underivedNotCompared() {
        var facts = Self.facts()
        facts.assertsCookies = nil
        facts.underived = ["password.asserts_cookies": "Client.login makes no create_login request"]
        facts.accessTokenScheme = nil
        facts.underived["access_token.scheme"] = "unknown"
        #expect(facts.differences(from: Self.profile) == [:])

        var profile = Self.profile
        profile.accessToken = .init(supported: false)
        facts.accessTokenSupported = false
        #expect(facts.differences(from: profile) == [:])
        facts.accessTokenScheme = "Bearer"
        facts.underived["access_token.scheme"] = nil
        #expect(facts.differences(from: profile) == ["access_token.scheme": "shipped (none), derived Bearer"])
    }

    @Test("decodes the script's JSON, and encodes the same shape")
    func decoding() throws {
        let json = """
            {"client": "cvat-cli", "version": "2.24.0",
             "facts": {"about_fields": ["name", "description", "version"], "version_window": 1,
                       "password": {"asserts_cookies": ["sessionid"], "authenticates_with": "token", "sends_origin": false},
                       "access_token": {"supported": false}},
             "evidence": {"about_fields": "cvat_sdk/api_client/model/about.py:163"},
             "underived": {"password.cookie_parser": "parsed by code the analyzer does not classify"}}
            """
        let facts = try JSONDecoder().decode(ObservedClientFacts.self, from: Data(json.utf8))
        #expect(
            facts
                == ObservedClientFacts(
                    client: "cvat-cli", version: CVATVersion(2, 24), aboutFields: ["name", "description", "version"], versionWindow: 1,
                    assertsCookies: ["sessionid"], authenticatesWith: "token", sendsOrigin: false, accessTokenSupported: false,
                    evidence: ["about_fields": "cvat_sdk/api_client/model/about.py:163"],
                    underived: ["password.cookie_parser": "parsed by code the analyzer does not classify"]))
        let again = try JSONDecoder().decode(ObservedClientFacts.self, from: JSONEncoder().encode(facts))
        #expect(again == facts)
    }

    @Test(
        "a client other than cvat-sdk or cvat-cli, or a version that is none, is refused",
        arguments: [
            #"{"client": "cvat-ui", "version": "2.24.0", "facts": {}, "evidence": {}, "underived": {}}"#,
            #"{"client": "cvat-sdk", "version": "latest", "facts": {}, "evidence": {}, "underived": {}}"#,
        ])
    func refused(_ json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ObservedClientFacts.self, from: Data(json.utf8)) }
    }
}
