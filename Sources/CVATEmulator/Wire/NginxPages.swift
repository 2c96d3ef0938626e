/// nginx 1.22's own pages (`ngx_http_special_response.c`), byte for byte, with the headers nginx
/// sends with them: what a proxy in front of CVAT answers when it refuses, redirects or fails.
enum NginxPages {
    /// The version nginx names in `Server` and in the page footer (`server_tokens on`, the default).
    static let server = "nginx/1.22.1"

    /// The error statuses nginx has a page for that `html-errors=N` accepts.
    static let statuses = [400, 401, 403, 404, 405, 413, 429, 500, 501, 502, 503, 504]

    /// nginx's status-line reason phrase and page title text for a status.
    private static func texts(_ status: Int) -> (reason: String, title: String) {
        switch status {
        case 301: ("Moved Permanently", "Moved Permanently")
        case 302: ("Moved Temporarily", "Found")
        case 400: ("Bad Request", "Bad Request")
        case 401: ("Unauthorized", "Authorization Required")
        case 403: ("Forbidden", "Forbidden")
        case 404: ("Not Found", "Not Found")
        case 405: ("Not Allowed", "Not Allowed")
        case 413: ("Request Entity Too Large", "Request Entity Too Large")
        case 429: ("Too Many Requests", "Too Many Requests")
        case 500: ("Internal Server Error", "Internal Server Error")
        case 501: ("Not Implemented", "Not Implemented")
        case 502: ("Bad Gateway", "Bad Gateway")
        case 503: ("Service Temporarily Unavailable", "Service Temporarily Unavailable")
        case 504: ("Gateway Time-out", "Gateway Time-out")
        default: (WireResponse.reasonPhrase(status), WireResponse.reasonPhrase(status))
        }
    }

    /// nginx's page for `status`: `Server`, `Content-Type: text/html`, `Connection` (`close` after
    /// 400, 413, 414, 500 and 501, else `keep-alive`), `Location` when given, and the CRLF-separated
    /// HTML body.
    static func page(_ status: Int, location: String? = nil) -> WireResponse {
        let (reason, titleText) = texts(status)
        let title = "\(status) \(titleText)"
        let body =
            "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n"
            + "<hr><center>\(server)</center>\r\n</body>\r\n</html>\r\n"
        // nginx drops keep-alive after these errors (`r->keepalive = 0` in ngx_http_special_response_handler).
        let connection = [400, 413, 414, 500, 501].contains(status) ? "close" : "keep-alive"
        var headers: [(name: String, value: String)] = [("server", server), ("content-type", "text/html"), ("connection", connection)]
        if let location { headers.append(("location", location)) }
        var response = WireResponse(status: status, headers: headers, body: Array(body.utf8))
        response.reason = reason
        response.fromProxy = true
        return response
    }
}
