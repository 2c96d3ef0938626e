import AuthCheckCore
import AuthCheckRun
import CVATEmulator
import Foundation
import Testing

@Suite("profiles draft --target against the emulated release lines")
struct ServerDraftTests {
    /// The first release of every shipped server profile.
    static let lines: [String] = DraftHarness.catalog.servers.compactMap { $0.profile.versions.lowerBound?.version.description }

    @Test("the draft of each shipped line, over the profile that line extends, restates the shipped profile's facts", arguments: lines)
    func reproducesShippedLine(version: String) async throws {
        let (result, _, _) = try await DraftHarness.draft(version: version)
        let placement = result.draft.placement
        let shipped = try #require(DraftHarness.catalog.servers.first { $0.profile.versions.lowerBound?.version.description == version })
        #expect(placement.id == shipped.profile.id)
        #expect(placement.versions == shipped.profile.versions)
        #expect(placement.extends == shipped.profile.extends)
        let catalog = DraftHarness.layered(result)
        #expect(catalog.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let drafted = try #require(catalog.server(id: placement.id))
        #expect(drafted.isOverlay)
        if placement.extends == nil {
            // A root profile inherits nothing: every derivable fact the draft states is the shipped one.
            #expect(result.draft.todo.contains { $0.hasPrefix("responses ") && $0.contains("cvat-2.24 states them") })
            let facts = DraftHarness.derivable(drafted.profile)
            let expected = DraftHarness.derivable(shipped.profile)
            #expect(facts.auth.mapValues(\.state) == expected.auth.mapValues(\.state))
            #expect(facts.about == expected.about)
            #expect(facts.login == expected.login)
            #expect(facts.schema == expected.schema)
            #expect(facts.endpoints == expected.endpoints)
            #expect(facts.responses == expected.responses)
            for (name, cookie) in expected.cookies {
                var stated = cookie
                stated.requiredBySDK = nil
                #expect(facts.cookies[name] == stated, "cookie \(name)")
            }
        } else {
            var facts = DraftHarness.derivable(drafted.profile)
            var expected = DraftHarness.derivable(shipped.profile)
            facts.id = expected.id
            // A defect's own text is the reviewer's; that it applies (or no longer does) is observed.
            #expect(facts.defects.keys.sorted() == expected.defects.keys.sorted())
            facts.defects = [:]
            expected.defects = [:]
            #expect(facts == expected)
        }
    }

    @Test("a configured personal access token is used once, read-only, to see Bearer work; it appears nowhere")
    func configuredAccessToken() async throws {
        let (result, _, token) = try await DraftHarness.draft(version: "2.64.0", seedAccessToken: true)
        let secret = try #require(token)
        #expect(
            result.evidence.contains {
                $0.hasPrefix("auth.access_token supported:") && $0.contains("(Authorization: Bearer <the configured access token>) → 200")
            })
        #expect(!result.draft.yaml.contains(secret))
        #expect(!result.evidence.joined(separator: "\n").contains(secret))
        #expect(!result.changes.joined(separator: "\n").contains(secret))
    }

    @Test("the same server gives the same file, twice")
    func deterministic() async throws {
        let first = try await DraftHarness.draft(version: "2.48.0").result.draft.yaml
        let second = try await DraftHarness.draft(version: "2.48.0").result.draft.yaml
        #expect(first == second)
        #expect(first.contains("source: \"observed on 127.0.0.1 2026-12-01 (CVAT 2.48.0)\""))
    }

    @Test("a release newer than every profile opens the next line, extending the newest, with only what changed")
    func staleRelease() async throws {
        // docs/EMULATOR.md: token-disabled removes the Token authenticator (a possible future release);
        // the 401 challenge becomes Bearer.
        let (result, _, _) = try await DraftHarness.draft(version: "2.81.0", faults: [.tokenDisabled])
        let draft = result.draft
        #expect(draft.placement.id == "cvat-2.81")
        #expect(draft.placement.versions.description == ">=2.81.0 <2.82.0")
        #expect(draft.placement.extends == "cvat-2.80")
        #expect(draft.placement.replaces == nil)
        #expect(
            result.changes == [
                "~ auth.token.state: deprecated → removed",
                "- auth.token.note (was \"deprecated in the schema only; no runtime header or warning, login still returns the key\")",
                "~ responses.anonymous.www_authenticate: Token → Bearer",
            ])
        #expect(draft.todo.first == "summary: say in one line what changed in this release line")
        let catalog = DraftHarness.layered(result)
        #expect(!catalog.hasErrors)
        #expect(catalog.diagnostics.filter { $0.message.hasPrefix("todo: ") }.count == draft.todo.count)
        let resolved = try #require(ProfileResolver(catalog: catalog).resolve(CVATVersion(2, 81, 0)))
        #expect(!resolved.isStale)
        #expect(resolved.profile.profile.state(of: .token) == .removed)
        #expect(resolved.profile.profile.state(of: .accessToken) == .supported)
    }

    @Test("a release inside another line's range splits it: the covering profile ends below the draft")
    func splitsCoveringLine() async throws {
        // 2.64 resolves to cvat-2.63 (>=2.63.0 <2.65.0); a changed 2.64 gets its own line.
        let (result, _, _) = try await DraftHarness.draft(version: "2.64.0", faults: [.tokenDisabled])
        let placement = result.draft.placement
        #expect(placement.id == "cvat-2.64")
        #expect(placement.versions.description == ">=2.64.0 <2.65.0")
        #expect(placement.extends == "cvat-2.63")
        #expect(placement.narrowed?.id == "cvat-2.63")
        #expect(placement.narrowed?.versions.description == ">=2.63.0 <2.64.0")
        let narrowed = try #require(result.narrowedFile)
        #expect(narrowed.path == "matrices/servers/cvat-2.63.yaml")
        #expect(narrowed.text.contains("versions: \">=2.63.0 <2.64.0\""))
        let catalog = DraftHarness.layered(result)
        #expect(catalog.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        #expect(ProfileResolver(catalog: catalog).resolve(CVATVersion(2, 63, 1))?.profile.profile.id == "cvat-2.63")
        #expect(ProfileResolver(catalog: catalog).resolve(CVATVersion(2, 64, 2))?.profile.profile.id == "cvat-2.64")
    }

    @Test("over TLS with Secure cookies: Secure is a deployment setting, kept from the base with a todo; the Referer check is observed")
    func tlsDeployment() async throws {
        var cookies = EmulatorCookieSettings()
        cookies.sessionCookieSecure = true
        cookies.csrfCookieSecure = true
        let (result, _, _) = try await DraftHarness.draft(version: "2.70.0", tls: true, cookies: cookies)
        #expect(result.changes == [])
        #expect(result.draft.facts == nil)
        #expect(result.draft.todo.contains { $0.hasPrefix("cookies.sessionid.secure: observed true on this https deployment") })
        #expect(result.draft.todo.contains { $0.hasPrefix("cookies.csrftoken.secure: observed true on this https deployment") })
        #expect(result.evidence.contains { $0.hasPrefix("responses.referer_missing: POST /api/auth/login") && $0.contains("→ 403") })
        let unprovoked = try #require(result.draft.todo.first { $0.hasPrefix("responses ") })
        #expect(!unprovoked.contains("referer_missing"))
    }

    @Test("without --allow-shared-account logout is not observed: the legacy key other clients hold survives, and the draft says so")
    func logoutOnlyWhenAllowed() async throws {
        // 2.44 changed nothing auth-visible over 2.42 (docs/PROFILES.md): no fact to state.
        let (result, _, _) = try await DraftHarness.draft(version: "2.44.0", logout: false)
        #expect(result.draft.todo.contains { $0.hasPrefix("responses.logout: not observed") })
        #expect(!result.evidence.contains { $0.hasPrefix("responses.logout") })
        #expect(result.draft.facts == nil)
    }

    @Test("a 429 mid-draft stops the draft with one line naming the URL: a throttled answer is no fact of the release")
    func throttledMidDraft() async throws {
        // docs/EMULATOR.md, rate-limit=N: at most N requests per minute, then 429 with DRF's JSON body;
        // docs/PROBES.md: a 5xx or 429 decides nothing about auth.
        do {
            let (result, _, _) = try await DraftHarness.draft(version: "2.81.0", faults: [.rateLimit(perMinute: 7)])
            Issue.record("drafted: \(result.changes) \(result.draft.todo)")
        } catch {
            let text = "\(error)"
            #expect(text.contains("/api/auth/login") && text.contains("429"), "\(text)")
            #expect(!text.contains("\n"))
        }
    }

    @Test("a login that is refused or redirected stops the draft: without it every account fact would be the base's, unobserved")
    func loginNotObserved() async throws {
        do {
            let (result, _, _) = try await DraftHarness.draft(version: "2.81.0", accountPassword: "not-the-password-1")
            Issue.record("drafted: \(result.draft.todo)")
        } catch {
            // CVAT's answer to a wrong password: 400 "Unable to log in with provided credentials." (docs/EMULATOR.md).
            #expect("\(error)".contains("/api/auth/login"), "\(error)")
            #expect("\(error)".contains("400") && "\(error)".contains("CVAT_PASSWORD"), "\(error)")
        }
        do {
            let (result, _, _) = try await DraftHarness.draft(version: "2.81.0", faults: [.ssoRedirect])
            Issue.record("drafted: \(result.draft.todo)")
        } catch {
            // sso-redirect: nginx's 302 with `location: /sso/login?next=<path>` (docs/EMULATOR.md).
            #expect("\(error)".contains("302") && "\(error)".contains("/sso/login"), "\(error)")
            #expect(!"\(error)".contains("CVAT_PASSWORD"), "\(error)")
        }
    }

    @Test("a proxy that strips Set-Cookie is a deployment fault, not the release's login: the base's cookies are kept, with a todo")
    func strippedCookies() async throws {
        // docs/EMULATOR.md, strip-set-cookie: nginx `proxy_hide_header Set-Cookie`; CVAT's login sets the
        // three cookies. The account has an e-mail address (probe@example.com).
        let (result, _, _) = try await DraftHarness.draft(version: "2.81.0", faults: [.stripSetCookie])
        #expect(result.draft.facts?["login"]?["sets_cookies"] == nil, "\(result.changes)")
        #expect(
            result.draft.todo.contains { $0.hasPrefix("login.sets_cookies:") && $0.contains("csrftoken, sessionfresh, sessionid") },
            "\(result.draft.todo)")
        #expect(result.draft.todo.contains { $0.hasPrefix("auth.session:") }, "\(result.draft.todo)")
        #expect(!result.draft.todo.contains { $0.contains("has no e-mail address") }, "\(result.draft.todo)")
    }
}
