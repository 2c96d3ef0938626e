import CVATEmulator
import Foundation
import Testing

/// CVAT's permission rules (its `.rego` files from 2.22 on; research notes §2) for the endpoints the
/// probes touch, per system role and organization role. Expectations come from the rules and the
/// records' `direct-worker-account` deployment, which ran CVAT 2.64's real policy.
@Suite struct PermissionTests {
    static let forbidden = #"{"detail":"You do not have permission to perform this action."}"#

    struct RoleCase: Sendable, CustomTestStringConvertible {
        let role: EmulatorRole
        let groups: [String]
        let staff: Bool
        let createsProjects: Bool
        let managesTokens: Bool
        var testDescription: String { role.rawValue }
    }

    static let roles: [RoleCase] = [
        RoleCase(role: .admin, groups: ["admin"], staff: true, createsProjects: true, managesTokens: true),
        // `business` was removed in 2.22 (migration iam/0001_remove_business_group): no group at all.
        RoleCase(role: .business, groups: [], staff: false, createsProjects: false, managesTokens: false),
        RoleCase(role: .user, groups: ["user"], staff: false, createsProjects: true, managesTokens: true),
        // Record 2.64.0-direct-worker-account-password: 403 on POST /api/projects, tokens allowed.
        RoleCase(role: .worker, groups: ["worker"], staff: false, createsProjects: false, managesTokens: true),
        // Records README: no system group → 403 on projects and on listing and creating tokens.
        RoleCase(role: .none, groups: [], staff: false, createsProjects: false, managesTokens: false),
    ]

    @Test("each system role: users/self always, projects and tokens by CVAT's rules", arguments: roles)
    func systemRole(_ roleCase: RoleCase) async throws {
        try await withEmulator(EmulatorConfiguration(version: "2.64.0", password: "-", role: roleCase.role)) { harness in
            let basic = harness.basic()
            let me = try await harness.send("GET", "/api/users/self", headers: [basic])
            #expect(me.status == 200)
            #expect(me.json["groups"] as? [String] == roleCase.groups)
            #expect(me.json["is_staff"] as? Bool == roleCase.staff)
            #expect(me.json["is_superuser"] as? Bool == roleCase.staff)
            let create = try await harness.send("POST", "/api/projects", headers: [basic], json: #"{"name":"p"}"#)
            #expect(create.status == (roleCase.createsProjects ? 201 : 403))
            if !roleCase.createsProjects { #expect(create.body == Self.forbidden) }
            #expect(try await harness.send("GET", "/api/projects", headers: [basic]).status == 200, "anyone may list in the sandbox")
            let list = try await harness.send("GET", "/api/auth/access_tokens", headers: [basic])
            #expect(list.status == (roleCase.managesTokens ? 200 : 403))
            let token = try await harness.send("POST", "/api/auth/access_tokens", headers: [basic], json: #"{"name":"t"}"#)
            #expect(token.status == (roleCase.managesTokens ? 201 : 403))
            // Login, logout and about are not policy-checked.
            #expect(try await harness.login().status == 200)
            #expect(try await harness.send("GET", "/api/server/about").status == 200)
        }
    }

    @Test("a policy refusal after Token auth does not vary on Cookie; after the session it does")
    func refusalVary() async throws {
        try await withEmulator(EmulatorConfiguration(version: "2.64.0", password: "-", role: .worker)) { harness in
            let (cookies, key) = try await harness.session()
            let token = try await harness.send("POST", "/api/projects", headers: [("Authorization", "Token \(key)")], json: "{}")
            #expect(token.status == 403)
            #expect(token.header("vary") == "Accept, Origin")
            // Record 2.64.0-direct-worker-account-password #10.
            let session = try await harness.send(
                "POST", "/api/projects", headers: [("X-CSRFToken", cookies["csrftoken"]!)], cookies: cookies, json: "{}")
            #expect(session.body == Self.forbidden)
            #expect(session.header("vary") == "Accept, Origin, Cookie")
            #expect(session.header("allow") == "GET, POST, HEAD, OPTIONS")
        }
    }

    @Test(
        "organization roles: a user creates projects in the org as owner, maintainer or supervisor, not as worker",
        arguments: EmulatorOrganizationRole.allCases)
    func organizationRole(_ orgRole: EmulatorOrganizationRole) async throws {
        let configuration = EmulatorConfiguration(
            version: "2.64.0", password: "-", role: .user, organization: EmulatorOrganization(slug: "acme", role: orgRole))
        try await withEmulator(configuration) { harness in
            let allowed = orgRole != .worker
            for headers in [[harness.basic(), ("X-Organization", "acme")], [harness.basic()]] {
                let path = headers.count == 2 ? "/api/projects" : "/api/projects?org=acme"
                let reply = try await harness.send("POST", path, headers: headers, json: #"{"name":"p"}"#)
                #expect(reply.status == (allowed ? 201 : 403), "\(path)")
                if allowed { #expect(reply.json["organization"] as? Int == 1) }
            }
            let sandbox = try await harness.send("POST", "/api/projects", headers: [harness.basic()], json: #"{"name":"s"}"#)
            #expect(sandbox.status == 201, "the sandbox does not depend on the org role")
            #expect(sandbox.json["organization"] is NSNull)
            #expect(try await harness.send("GET", "/api/projects", headers: [harness.basic(), ("X-Organization", "acme")]).status == 200)
        }
    }

    @Test("a worker account cannot create projects in an org it owns (the system role is checked too)")
    func workerOwner() async throws {
        let configuration = EmulatorConfiguration(
            version: "2.64.0", password: "-", role: .worker, organization: EmulatorOrganization(slug: "acme", role: .owner))
        try await withEmulator(configuration) { harness in
            let reply = try await harness.send(
                "POST", "/api/projects", headers: [harness.basic(), ("X-Organization", "acme")], json: #"{"name":"p"}"#)
            #expect(reply.status == 403)
        }
    }

    @Test("an unknown organization: 404 where the permission check reads the context; login, about and anonymous requests unaffected")
    func unknownOrganization() async throws {
        let configuration = EmulatorConfiguration(version: "2.64.0", password: "-", organization: EmulatorOrganization(slug: "acme", role: .owner))
        try await withEmulator(configuration) { harness in
            let header = ("X-Organization", "nosuch")
            let me = try await harness.send("GET", "/api/users/self", headers: [harness.basic(), header])
            #expect(me.status == 404)
            #expect(me.body == #"{"detail":"nosuch organization does not exist."}"#)
            #expect(try await harness.send("GET", "/api/auth/access_tokens?org=nosuch", headers: [harness.basic()]).status == 404)
            #expect(
                try await harness.send("GET", "/api/users/self?org_id=2", headers: [harness.basic()]).body
                    == #"{"detail":"2 organization does not exist."}"#)
            #expect(try await harness.send("GET", "/api/users/self?org_id=1", headers: [harness.basic()]).status == 200)
            #expect(try await harness.send("GET", "/api/users/self?org_id=x", headers: [harness.basic()]).status == 500)
            #expect(try await harness.send("GET", "/api/users/self", headers: [header]).status == 401, "IsAuthenticated comes first")
            #expect(try await harness.send("GET", "/api/server/about", headers: [header]).status == 200)
            #expect(
                try await harness.send("POST", "/api/auth/login", headers: [header], json: #"{"username":"probe","password":"\#(Harness.password)"}"#)
                    .status == 200)
            let conflict = try await harness.send("GET", "/api/users/self?org=acme", headers: [harness.basic(), ("X-Organization", "other")])
            #expect(conflict.status == 400)
            #expect(conflict.body == #"["You cannot specify \"org\" query parameter and \"X-Organization\" HTTP header with different values."]"#)
            let both = try await harness.send("GET", "/api/users/self?org_id=1", headers: [harness.basic(), ("X-Organization", "acme")])
            #expect(both.status == 400)
        }
    }

    @Test("no organization configured: any slug is unknown")
    func noOrganization() async throws {
        try await withEmulator("2.64.0") { harness in
            let reply = try await harness.send("GET", "/api/users/self", headers: [harness.basic(), ("X-Organization", "acme")])
            #expect(reply.body == #"{"detail":"acme organization does not exist."}"#)
            #expect(
                try await harness.send("GET", "/api/users/self", headers: [harness.basic(), ("X-Organization", "")]).status == 200,
                "an empty value is the sandbox")
        }
    }

    @Test("access-token plugin rules: a token, read-only or not, may not manage tokens; a read-only one may not write")
    func tokenPlugin() async throws {
        try await withEmulator("2.64.0") { harness in
            let readWrite = try #require(harness.server.seedAccessToken(name: "rw", readOnly: false))
            let readOnly = try #require(harness.server.seedAccessToken(name: "ro", readOnly: true))
            let bearer = { (value: String) in ("Authorization", "Bearer \(value)") }
            #expect(
                try await harness.send("POST", "/api/auth/access_tokens", headers: [bearer(readWrite)], json: #"{"name":"x"}"#).body == Self.forbidden
            )
            #expect(try await harness.send("GET", "/api/auth/access_tokens", headers: [bearer(readWrite)]).status == 200)
            #expect(try await harness.send("POST", "/api/projects", headers: [bearer(readWrite)], json: #"{"name":"p"}"#).status == 201)
            let refused = try await harness.send("POST", "/api/projects", headers: [bearer(readOnly)], json: "{}")
            #expect(refused.body == Self.forbidden)
            #expect(refused.header("vary") == "Accept, Origin", "record 2.64.0-direct-password #15")
            #expect(try await harness.send("DELETE", "/api/auth/access_tokens/1", headers: [bearer(readWrite)]).status == 403)
            #expect(try await harness.send("DELETE", "/api/auth/access_tokens/99", headers: [harness.basic()]).status == 404)
        }
    }
}
