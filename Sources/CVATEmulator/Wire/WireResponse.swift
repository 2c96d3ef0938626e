/// One HTTP response built by the engine: status, ordered headers, raw `Set-Cookie` lines, body.
struct WireResponse: Sendable {
    var status: Int
    /// Header fields other than `Set-Cookie`, in order.
    var headers: [(name: String, value: String)]
    /// Raw `Set-Cookie` values, in order; sent after the other headers.
    var setCookies: [String]
    var body: [UInt8]
    /// The status line's reason phrase when it is not the standard one (nginx's own texts).
    var reason: String?
    /// The names Django REST framework puts in `Vary` itself (`Accept`); the middleware adds the rest.
    var varyOn: [String] = []
    /// Answered by a proxy in front of CVAT: no Django middleware touches it.
    var fromProxy = false

    init(status: Int, headers: [(name: String, value: String)] = [], setCookies: [String] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.setCookies = setCookies
        self.body = body
    }

    /// The media type of every CVAT API JSON response.
    static let cvatJSON = "application/vnd.cvat+json"

    /// A DRF-rendered JSON response (`Vary: Accept` from DRF; the middleware completes `Vary`).
    static func json(_ status: Int, _ value: JSONValue, allow: String? = nil) -> WireResponse {
        var headers: [(name: String, value: String)] = [("content-type", cvatJSON)]
        if let allow { headers.append(("allow", allow)) }
        var response = WireResponse(status: status, headers: headers, body: Array(value.rendered.utf8))
        response.varyOn = ["Accept"]
        return response
    }

    /// An HTML response (Django error pages, proxy pages).
    static func html(_ status: Int, _ text: String, contentType: String = "text/html; charset=utf-8") -> WireResponse {
        WireResponse(status: status, headers: [("content-type", contentType)], body: Array(text.utf8))
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        let key = name.lowercased()
        return headers.first { $0.name.lowercased() == key }?.value
    }

    /// Sets a header, replacing any existing field of that name.
    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name.lowercased(), value))
    }

    /// The standard reason phrase for a status code.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: ""
        }
    }
}
