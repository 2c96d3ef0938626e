import AuthCheckCore
import AuthCheckHTTP
import CVATEmulator
import Foundation

/// Direct calls to an emulated CVAT as its one user, outside any run (setup and after-the-fact checks).
struct EmulatorAccount {
    var server: EmulatedCVATServer
    var username = "probe"
    var password: String

    private func withTransport<T>(_ body: (any HTTPTransport) async throws -> T) async throws -> T {
        let pool = HTTPClientPool(configuration: HTTPTransportConfiguration(timeout: 5))
        defer { Task { await pool.shutdown() } }
        return try await body(try pool.transport(for: Target(name: "setup", url: server.baseURL)))
    }

    private var basic: HeaderField {
        HeaderField("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
    }

    /// Creates a personal access token named `name`; returns its value.
    func createAccessToken(name: String) async throws -> String {
        try await withTransport { transport in
            let response = try await transport.send(
                .json(
                    "POST", "/api/auth/access_tokens", ["name": name, "read_only": true],
                    headers: [basic, HeaderField("Accept", "application/vnd.cvat+json")]))
            guard response.status == 201, let value = response.jsonObject?["value"] as? String else {
                throw TransportError.protocolViolation("creating a token answered \(response.status): \(response.text)")
            }
            return value
        }
    }

    /// Names of the live personal access tokens.
    func accessTokenNames() async throws -> [String] {
        try await withTransport { transport in
            let response = try await transport.send(
                HTTPRequestSpec(
                    path: "/api/auth/access_tokens?page_size=100",
                    headers: [basic, HeaderField("Accept", "application/vnd.cvat+json")]))
            guard response.status == 200, let results = response.jsonObject?["results"] as? [[String: Any]] else {
                throw TransportError.protocolViolation("listing tokens answered \(response.status): \(response.text)")
            }
            return results.compactMap { $0["name"] as? String }
        }
    }
}
