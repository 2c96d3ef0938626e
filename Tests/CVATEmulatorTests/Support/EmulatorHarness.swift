import AsyncHTTPClient
import CVATEmulator
import EmulatorTestSupport
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP answer as the tests inspect it (``HTTPReply``), with the emulator tests' own readings.
typealias Reply = HTTPReply

extension HTTPReply {
    /// Cookie name → value from the `Set-Cookie` lines.
    var cookies: [String: String] {
        var result: [String: String] = [:]
        for line in setCookies {
            let pair = line.prefix { $0 != ";" }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }

    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    var detail: String? { json["detail"] as? String }
}

/// A running emulator plus a raw HTTP client (no cookie jar, no redirects) for the tests.
struct Harness {
    static let password = "emulator-test-pw-\(UUID().uuidString.prefix(8))"

    let server: EmulatedCVATServer
    let client: HTTPClient

    var hostPort: String { "127.0.0.1:\(server.port)" }

    /// Sends one request to the server (or to `base`, e.g. the redirect front). `cookies` becomes
    /// the `Cookie` header.
    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], cookies: [String: String] = [:],
        json: String? = nil, body: String? = nil, contentType: String? = nil, base: URL? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: (base ?? server.baseURL).absoluteString + path)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !cookies.isEmpty {
            request.headers.add(name: "Cookie", value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        } else if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(string: body))
        }
        return try await TestHTTPClient.fetch(request, with: client)
    }

    /// Password login with a JSON body; returns the reply.
    func login(username: String = "probe", password: String = Harness.password) async throws -> Reply {
        try await send("POST", "/api/auth/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
    }

    /// Logs in and returns the `sessionid`/`csrftoken` cookies and the legacy key.
    func session() async throws -> (cookies: [String: String], key: String) {
        let reply = try await login()
        let cookies = reply.cookies
        return (["sessionid": cookies["sessionid"] ?? "", "csrftoken": cookies["csrftoken"] ?? ""], reply.json["key"] as? String ?? "")
    }

    func basic(_ user: String = "probe", _ password: String = Harness.password) -> (String, String) {
        ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }
}

/// Starts an emulator, runs `body`, and always stops both server and client.
func withEmulator<T>(
    _ version: String, faults: [EmulatorFault] = [], emailVerificationMandatory: Bool = false,
    _ body: (Harness) async throws -> T
) async throws -> T {
    try await withEmulator(
        EmulatorConfiguration(
            version: version, password: Harness.password, faults: faults, emailVerificationMandatory: emailVerificationMandatory), body)
}

/// Starts an emulator with `configuration` (its password replaced by ``Harness/password``; the tests'
/// private CA when a fault needs TLS and none is set), runs `body`, and always stops server and client.
func withEmulator<T>(_ configuration: EmulatorConfiguration, _ body: (Harness) async throws -> T) async throws -> T {
    var configuration = configuration
    configuration.password = Harness.password
    let needsTLS = configuration.tls != nil || configuration.faults.contains(where: \.needsTLS)
    let ca = needsTLS ? try TestCertificateAuthority.shared() : nil
    if configuration.tls == nil, let ca { configuration.tls = ca.emulatorTLS }
    return try await TestHTTPClient.withServer(configuration, trusting: ca) { server, client in
        try await body(Harness(server: server, client: client))
    }
}
