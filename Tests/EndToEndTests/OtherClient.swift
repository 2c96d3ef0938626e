import AsyncHTTPClient
import CVATEmulator
import EmulatorTestSupport
import Foundation
import NIOCore
import NIOHTTP1

/// Another client of the probe account on an emulated CVAT — a person's script or an old cvat-sdk —
/// talking HTTP as it would: logs in for the legacy key, makes its own personal access token, and uses
/// the key later.
struct OtherClient {
    var server: EmulatedCVATServer
    var username = "probe"
    var password: String

    private func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], json: String? = nil) async throws -> HTTPReply {
        let client = TestHTTPClient.make(trusting: nil)
        var request = HTTPClientRequest(url: server.baseURL.absoluteString + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/vnd.cvat+json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        do {
            let reply = try await TestHTTPClient.fetch(request, with: client)
            try await client.shutdown()
            return reply
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private var basic: (String, String) {
        ("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
    }

    /// Logs in as cvat-sdk ≤2.40 does and returns the legacy key it then sends as `Authorization: Token`.
    func logInForLegacyKey() async throws -> String {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["username": username, "password": password]), as: UTF8.self)
        let reply = try await send(.POST, "/api/auth/login", json: body)
        guard reply.status == 200, let json = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any],
            let key = json["key"] as? String
        else { throw ClientError("login answered \(reply.status): \(reply.body)") }
        return key
    }

    /// Whether `key` still authenticates (`GET /api/users/self` → 200).
    func legacyKeyWorks(_ key: String) async throws -> Bool {
        try await send(.GET, "/api/users/self", headers: [("Authorization", "Token \(key)")]).status == 200
    }

    /// Makes a personal access token of its own, as a person does in the UI; returns its value.
    func createAccessToken(name: String) async throws -> String {
        let reply = try await send(.POST, "/api/auth/access_tokens", headers: [basic], json: #"{"name": "\#(name)", "read_only": true}"#)
        guard reply.status == 201, let json = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any],
            let value = json["value"] as? String
        else { throw ClientError("creating a token answered \(reply.status): \(reply.body)") }
        return value
    }

    struct ClientError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
