import AuthCheckCore
import AuthCheckHTTP
import Foundation
import Testing

/// Redirects are reported, never followed, and credentials never reach another origin.
@Suite("Redirects", .timeLimit(.minutes(1)))
struct RedirectTests {
    static let password = "Redirect-Reliability-Pass-77"
    static let credentialHeaders: Set<String> = ["authorization", "cookie", "x-csrftoken", "proxy-authorization"]

    /// A server that answers `about` like CVAT 2.48 and redirects everything else to `location(path)`.
    static func redirecting(tls: Bool = false, _ location: @escaping @Sendable (String) -> String) async throws -> HostileServer {
        try await HostileServer.start(tls: tls ? (Harness.fixture("tls/server.pem"), Harness.fixture("tls/server.key")) : nil) { request in
            if request.path.hasPrefix("/api/server/about") { return .json(200, HostileCase.about) }
            return .response(302, headers: [("Location", location(request.path)), ("Content-Type", "text/html")], body: Array("<a>moved</a>".utf8))
        }
    }

    static func target(_ url: URL, tls: TLSOptions = .init()) -> Target {
        Target(name: "redirecting", url: url, credentials: CredentialReference(user: "probe", passwordEnv: "REL_REDIRECT_PASSWORD"), tls: tls)
    }

    static func run(_ target: Target) async -> RunRecord {
        await Harness.run([target], options: Harness.options(timeout: 3, deadline: 30), environment: ["REL_REDIRECT_PASSWORD": password])
    }

    @Test("a cross-origin redirect of the login is reported and never followed")
    func crossOrigin() async throws {
        let other = try await HostileServer.start { _ in .json(200, #"{"key":"stolen"}"#) }
        defer { Task { await other.stop() } }
        let otherOrigin = "http://127.0.0.1:\(other.port)"
        let server = try await Self.redirecting { "\(otherOrigin)\($0)" }
        defer { Task { await server.stop() } }

        let record = await Self.run(Self.target(server.url()))
        #expect(other.requests.isEmpty, "the other origin received \(other.requests.map(\.path))")
        let login = record.outcomes.filter { $0.probe == "login.password" }
        #expect(!login.isEmpty)
        #expect(login.allSatisfy { $0.status != .pass })
        let text = login.map { "\($0.message) \($0.observed ?? "")" }.joined(separator: "\n")
        #expect(text.contains("302"), "\(text)")
        #expect(text.contains("Location: \(otherOrigin)/api/auth/login"), "\(text)")
        #expect(
            record.outcomes.allSatisfy {
                $0.status != .pass || $0.probe == "about.version" || $0.probe == "about.shape" || $0.probe == "matrix.stale"
                    || $0.probe == "credentials.bad" || $0.probe == "anonymous.denied" || $0.probe == "sdk.compat" || $0.probe == "proxy.diagnosis"
            },
            "\(record.outcomes.filter { $0.status == .pass }.map(\.probe))")
        _ = try Harness.junit(record)
    }

    @Test("an https → http downgrade redirect is reported and never followed")
    func downgrade() async throws {
        let other = try await HostileServer.start { _ in .json(200, "{}") }
        defer { Task { await other.stop() } }
        let server = try await Self.redirecting(tls: true) { "http://127.0.0.1:\(other.port)\($0)" }
        defer { Task { await server.stop() } }

        let record = await Self.run(Self.target(server.url(https: true), tls: TLSOptions(caFile: Harness.fixture("tls/ca.pem"))))
        #expect(Harness.outcome("about.version", in: record)?.status == .pass)
        #expect(other.requests.isEmpty, "the plain-http origin received \(other.requests.map(\.path))")
        let login = record.outcomes.filter { $0.probe == "login.password" }
        #expect(login.allSatisfy { $0.status != .pass })
        #expect(login.contains { ($0.observed ?? "").contains("Location: http://127.0.0.1:\(other.port)") })
        _ = try Harness.junit(record)
    }

    @Test("a redirect loop costs one request per probe request, never a chase")
    func loop() async throws {
        let server = try await HostileServer.start { request in
            if request.path.hasPrefix("/api/server/about") { return .json(200, HostileCase.about) }
            return .response(302, headers: [("Location", request.path)])
        }
        defer { Task { await server.stop() } }
        let record = await Self.run(Self.target(server.url()))
        let paths = server.requests.map(\.path)
        // Each probe request is sent once; a follower would repeat one path until a hop limit (≥ 10).
        let repeats = Dictionary(grouping: paths, by: { $0 }).mapValues(\.count)
        #expect(repeats.values.allSatisfy { $0 <= 8 }, "\(repeats)")
        #expect(paths.count < 60)
        _ = try Harness.junit(record)
    }

    @Test("the transport refuses to send credentials to another origin")
    func transportGuard() async throws {
        let other = try await HostileServer.start { _ in .json(200, "{}") }
        defer { Task { await other.stop() } }
        let base = try await HostileServer.start { _ in .json(200, "{}") }
        defer { Task { await base.stop() } }
        let pool = HTTPClientPool(configuration: HTTPTransportConfiguration(timeout: 3))
        let transport = try pool.transport(for: Target(name: "t", url: base.url()))
        let elsewhere = "http://127.0.0.1:\(other.port)/api/users/self"
        for header in [
            HeaderField("Authorization", "Token abcdef123456"), HeaderField("Cookie", "sessionid=abcdef123456"),
            HeaderField("X-CSRFToken", "abcdef123456"), HeaderField("authorization", "Bearer abcdef123456"),
        ] {
            await #expect {
                _ = try await transport.send(HTTPRequestSpec(path: elsewhere, headers: [header]))
            } throws: { error in
                guard let error = error as? TransportError else { return false }
                return error.category == "cross-origin" && error.description.contains("refused to send \(header.name)")
                    && !error.description.contains("abcdef123456")
            }
        }
        // Also another scheme on the same host and port (https → http is another origin).
        let secureTarget = try pool.transport(for: Target(name: "s", url: URL(string: "https://127.0.0.1:\(base.port)")!))
        await #expect(throws: TransportError.self) {
            _ = try await secureTarget.send(
                HTTPRequestSpec(path: base.url().absoluteString + "/x", headers: [HeaderField("Authorization", "Token abcdef123456")]))
        }
        #expect(other.requests.isEmpty)
        // Without credentials an absolute URL elsewhere is allowed, and nothing secret goes along.
        _ = try await transport.send(HTTPRequestSpec(path: elsewhere, headers: [HeaderField("Accept", "application/json")]))
        #expect(other.requests.count == 1)
        #expect(other.requests.allSatisfy { $0.headers.allSatisfy { !Self.credentialHeaders.contains($0.name.lowercased()) } })
        // Same origin with credentials is fine (default port spelled or not).
        _ = try await transport.send(
            HTTPRequestSpec(path: base.url().absoluteString + "/api/users/self", headers: [HeaderField("Authorization", "Token abcdef123456")]))
        #expect(base.requests.count == 1)
        await pool.shutdown()
    }

    @Test("RedirectPolicy names same-origin, cross-origin and downgrade redirects")
    func policy() {
        let https = URL(string: "https://cvat.example.com/api/auth/login")!
        let same = RedirectPolicy.classify(status: 302, location: "/auth/sso?next=/x", requestURL: https)
        #expect(same.kind == .sameOrigin)
        #expect(same.description.contains("within the same origin"))
        #expect(same.description.contains("next=…") || same.description.contains("next=%E2%80%A6"), "query values are hidden: \(same.description)")
        #expect(!same.description.contains("next=/x"))
        #expect(RedirectPolicy.classify(status: 301, location: "https://cvat.example.com:443/x", requestURL: https).kind == .sameOrigin)
        let cross = RedirectPolicy.classify(status: 302, location: "https://sso.example.com/login", requestURL: https)
        #expect(cross.kind == .crossOrigin)
        #expect(cross.description.contains("another origin (https://sso.example.com/login)"))
        let down = RedirectPolicy.classify(status: 307, location: "http://cvat.example.com/api/auth/login", requestURL: https)
        #expect(down.kind == .downgrade)
        #expect(down.description.contains("from https to plain http"))
        #expect(RedirectPolicy.classify(status: 302, location: "https://cvat.example.com:8443/", requestURL: https).kind == .crossOrigin)
        let response = HTTPResponseData(status: 302, headers: [HeaderField("Location", "//evil.example/")], body: [])
        #expect(RedirectPolicy.classify(response, requestURL: https)?.kind == .crossOrigin)
        #expect(RedirectPolicy.classify(HTTPResponseData(status: 200, headers: [], body: []), requestURL: https) == nil)
        #expect(RedirectPolicy.credentials(in: [HeaderField("COOKIE", "a=b"), HeaderField("Accept", "x")]) == ["COOKIE"])
    }
}
