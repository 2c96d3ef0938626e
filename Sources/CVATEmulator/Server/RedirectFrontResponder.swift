import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

/// The `http-redirects-to-https` front: nginx's `return 301 https://HOST:TLSPORT$request_uri;` on a
/// plain-http port, for every method and path, with nginx's own page and headers.
struct RedirectFrontResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    /// `https://HOST:TLSPORT`, the target without the request URI.
    let target: String

    func respond(to request: Request, context: Context) async throws -> Response {
        // `$request_uri`: the request target exactly as the client sent it, query included.
        let page = NginxPages.page(301, location: target + (request.head.path ?? "/"))
        return EmulatorResponder.response(page)
    }
}
