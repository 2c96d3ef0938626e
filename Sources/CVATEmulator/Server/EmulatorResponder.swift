import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

/// The request context: Hummingbird's core storage plus the peer address for throttling.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let peerAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Bridges Hummingbird requests to the ``CVATEngine`` and its responses back, keeping every
/// `Set-Cookie` as its own raw header line.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    /// Largest request body read (1 MiB); larger bodies are cut off.
    static let maxBodySize = 1 << 20

    let engine: CVATEngine

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: Self.maxBodySize)
        let wire = WireRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            rawQuery: request.uri.query,
            // HTTPTypes moves the HTTP/1 `Host` header into `authority`; Django's get_host() reads it.
            headers: (request.head.authority.map { [("Host", $0)] } ?? []) + request.headers.map { ($0.name.canonicalName, $0.value) },
            body: Array(buffer.readableBytesView),
            clientAddress: context.peerAddress)
        return Self.response(await engine.handle(wire))
    }

    /// The Hummingbird response for an engine answer: headers in order, then each `Set-Cookie` line.
    static func response(_ answer: WireResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        for cookie in answer.setCookies {
            fields.append(HTTPField(name: .setCookie, value: cookie))
        }
        let status = HTTPResponse.Status(code: answer.status, reasonPhrase: answer.reason ?? WireResponse.reasonPhrase(answer.status))
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
