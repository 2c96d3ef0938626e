import AsyncHTTPClient
import CVATEmulator
import NIOCore
import NIOSSL

/// The raw HTTP client the emulator's tests talk through: no redirect followed, no decompression, no
/// retried connection, so every answer is seen as the server sent it; it trusts the tests' private
/// CA when one is given.
public enum TestHTTPClient {
    public static func make(trusting ca: TestCertificateAuthority?) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.connectionPool.retryConnectionEstablishment = false
        if let ca {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(ca.caPath)
            configuration.tlsConfiguration = tls
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Starts an emulator with `configuration`, runs `body` with it and a client trusting `ca`, and
    /// always shuts both down, also when `body` throws.
    public static func withServer<T>(
        _ configuration: EmulatorConfiguration, trusting ca: TestCertificateAuthority?,
        _ body: (EmulatedCVATServer, HTTPClient) async throws -> T
    ) async throws -> T {
        let server = try await EmulatedCVATServer.start(configuration)
        let client = make(trusting: ca)
        do {
            let result = try await body(server, client)
            try await client.shutdown()
            await server.stop()
            return result
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
    }

    /// Sends `request` and reads the whole answer (at most 4 MiB), every header line kept.
    public static func fetch(_ request: HTTPClientRequest, with client: HTTPClient) async throws -> HTTPReply {
        let response = try await client.execute(request, timeout: .seconds(20))
        let buffer = try await response.body.collect(upTo: 1 << 22)
        return HTTPReply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: buffer))
    }
}

/// One HTTP answer as the tests inspect it: every header line, `Set-Cookie` lines kept separately.
public struct HTTPReply: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: String

    public init(status: Int, headers: [(name: String, value: String)], body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (any case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every `Set-Cookie` line, in order.
    public var setCookies: [String] {
        headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
    }
}
