import AuthCheckCore
import CVATEmulator
import Foundation
import Testing

extension EmulatorSuites {
    /// A real nginx in front of the emulator produces the same diagnosis (cause ids) as the emulator's
    /// own fault injection for the same misconfiguration: `proxy_hide_header Set-Cookie`,
    /// `proxy_cookie_flags ~ secure`, and TLS termination without `X-Forwarded-Proto`.
    @Suite(
        "Real nginx in the loop", .timeLimit(.minutes(2)),
        .enabled(
            if: Nginx.isAvailable, "nginx is not installed at /usr/sbin/nginx (Debian: apt-get install nginx-light); the real-proxy tests are skipped"
        ))
    struct NginxProxyTests {
        static let password = "Nginx-Proxy-Pass-5kQ"
        static let version = "2.48.0"

        static func run(_ url: URL, tls: TLSOptions = .init()) async -> RunRecord {
            let target = Target(
                name: "proxied", url: url, credentials: CredentialReference(user: "probe", passwordEnv: "REL_NGINX_PASSWORD"), tls: tls)
            return await Harness.run([target], options: Harness.options(timeout: 5, deadline: 60), environment: ["REL_NGINX_PASSWORD": password])
        }

        /// The diagnosis: which cause ids each probe names for its non-passing outcomes (how many cases
        /// name it can differ with the scheme, e.g. the Referer check exists only over https).
        static func diagnosis(_ record: RunRecord) -> [String] {
            Set(record.outcomes.filter { $0.status == .fail || $0.status == .error }.map { "\($0.probe): \($0.cause ?? "-")" }).sorted()
        }

        static func emulated(_ fault: EmulatorFault) async throws -> [String] {
            // Faults that need TLS (tls-no-forwarded-proto) serve the committed test CA's certificate.
            let tls = fault.needsTLS
            let server = try await Emulators.start(
                EmulatorConfiguration(
                    version: version, password: password, faults: [fault],
                    tls: tls
                        ? EmulatorTLS(certificateChainPath: Harness.fixture("tls/server.pem"), privateKeyPath: Harness.fixture("tls/server.key"))
                        : nil))
            defer { Emulators.stopLater(server) }
            return diagnosis(await run(server.baseURL, tls: TLSOptions(caFile: tls ? Harness.fixture("tls/ca.pem") : nil)))
        }

        @Test("nginx faults are diagnosed exactly like the emulated ones")
        func sameDiagnosis() async throws {
            let upstream = try await Emulators.start(EmulatorConfiguration(version: Self.version, password: Self.password))
            defer { Emulators.stopLater(upstream) }
            let ports = try Nginx.freePorts(3)
            let pass = "proxy_pass http://127.0.0.1:\(upstream.port); proxy_set_header Host $http_host;"
            let nginx = try await Nginx.start(
                servers: [
                    "listen 127.0.0.1:\(ports[0]); location / { \(pass) proxy_hide_header Set-Cookie; }",
                    "listen 127.0.0.1:\(ports[1]); location / { \(pass) proxy_cookie_flags ~ secure; }",
                    """
                    listen 127.0.0.1:\(ports[2]) ssl;
                    ssl_certificate \(Harness.fixture("tls/selfsigned.pem"));
                    ssl_certificate_key \(Harness.fixture("tls/selfsigned.key"));
                    location / { \(pass) }
                    """,
                ], ports: ports)
            defer { nginx.stop() }

            // Sanity: straight to the emulator, nothing fails, so every cause below comes from the proxy.
            let direct = Self.diagnosis(await Self.run(upstream.baseURL))
            #expect(direct.isEmpty, "the emulator alone already fails: \(direct)")

            let hidden = Self.diagnosis(await Self.run(URL(string: "http://127.0.0.1:\(ports[0])")!))
            #expect(!hidden.isEmpty)
            #expect(hidden.contains { $0.hasSuffix("set-cookie-stripped") }, "\(hidden)")
            let emulatedHidden = try await Self.emulated(.stripSetCookie)
            #expect(hidden == emulatedHidden, "nginx: \(hidden)\nemulated: \(emulatedHidden)")

            let secure = Self.diagnosis(await Self.run(URL(string: "http://127.0.0.1:\(ports[1])")!))
            #expect(!secure.isEmpty)
            let emulatedSecure = try await Self.emulated(.secureCookies)
            #expect(secure == emulatedSecure, "nginx: \(secure)\nemulated: \(emulatedSecure)")

            // The self-signed certificate is trusted explicitly with --ca-file (it is its own CA).
            let terminated = Self.diagnosis(
                await Self.run(
                    URL(string: "https://127.0.0.1:\(ports[2])")!,
                    tls: TLSOptions(caFile: Harness.fixture("tls/selfsigned.pem"))))
            #expect(!terminated.isEmpty)
            let emulatedOrigin = try await Self.emulated(.tlsNoForwardedProto)
            #expect(terminated == emulatedOrigin, "nginx: \(terminated)\nemulated: \(emulatedOrigin)")
        }
    }
}
