import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// Observes a live CVAT server's auth contract for `profiles draft --target`: the facts of a server
/// profile, each from a request the probes also make — about fields, the schema's security schemes,
/// login and its cookies, the answer of every response situation it can provoke harmlessly, which
/// auth methods work, and (when allowed) logout.
///
/// Harmless by construction: no unsafe request gets past CSRF except login, logout (only with
/// ``observesLogout``) and URL signing (which creates nothing); no token is minted.
public struct ServerObserver: Sendable {
    public var target: Target
    public var credentials: ResolvedCredentials
    public var transport: any HTTPTransport
    public var redactor: Redactor
    /// The profile the draft will extend: where the server's answer contains its text, its text is kept.
    public var base: ServerProfile?
    /// Log out at the end to observe logout's answer and its effect on the legacy key. On CVAT, logout
    /// deletes the account's legacy key, which other clients of a shared account may hold.
    public var observesLogout: Bool
    /// The version to draft for when `/api/server/about` does not say.
    public var serverVersion: CVATVersion?
    /// For a root draft (no base): the profile it replaces, named in todo lines for what it states and
    /// the draft could not observe.
    public var replaced: ServerProfile?

    public init(
        target: Target, credentials: ResolvedCredentials, transport: any HTTPTransport, redactor: Redactor, base: ServerProfile?,
        observesLogout: Bool, serverVersion: CVATVersion? = nil
    ) {
        self.target = target
        self.credentials = credentials
        self.transport = transport
        self.redactor = redactor
        self.base = base
        self.observesLogout = observesLogout
        self.serverVersion = serverVersion
    }

    /// Why observing stopped.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    var exchanger: Exchanger { Exchanger(transport: transport, redactor: redactor, baseURL: target.url) }

    var apiHeaders: [HeaderField] {
        var headers = [HeaderField("Accept", "application/vnd.cvat+json")]
        if let organization = target.organization { headers.append(HeaderField("X-Organization", organization)) }
        return headers
    }

    var isHTTPS: Bool { target.url.scheme?.lowercased() == "https" }

    var origin: String {
        var origin = "\(target.url.scheme ?? "https")://\(target.url.host ?? "")"
        if let port = target.url.port { origin += ":\(port)" }
        return origin
    }

    /// Only the version: `/api/server/about`, for choosing the profile to extend before observing.
    public func version() async throws -> CVATVersion {
        let about = try await send(HTTPRequestSpec(path: EndpointRole.about.defaultPath, headers: apiHeaders))
        guard about.status == 200, let json = about.json else {
            throw Failure(
                description: "\(url(EndpointRole.about.defaultPath)) answered \(about.status), not CVAT's about JSON; is this a CVAT server?")
        }
        if let text = json["version"] as? String, let version = CVATVersion(text) { return version }
        if let serverVersion { return serverVersion }
        throw Failure(description: "\(url(EndpointRole.about.defaultPath)) states no version; give it with --server-version")
    }

    /// Observes every fact it can.
    public func observe() async throws -> ObservedServerFacts {
        var notebook = ObservationNotebook(base: base, redactor: redactor)
        notebook.replaced = replaced
        let version = try await version()
        try await observeAnonymous(&notebook)
        if let username = credentials.username, let password = credentials.password {
            try await observeAccount(&notebook, username: username, password: password)
        } else {
            notebook.todo.append(
                "login, cookies, auth methods, CSRF answers and logout: not observed (no probe account; give CVAT_USER and CVAT_PASSWORD)")
        }
        notebook.todo += notebook.unobservable
        // The last guard of the file and the terminal: no fact or todo line may hold a secret.
        let written = ([notebook.facts.inline] + notebook.todo).joined(separator: "\n")
        guard redactor.redact(written) == written else {
            throw Failure(description: "the answers of \(target.url.absoluteString) hold a secret the draft sent; nothing is drafted from them")
        }
        return ObservedServerFacts(version: version, facts: notebook.facts, todo: notebook.todo, evidence: notebook.evidence)
    }

    func url(_ path: String) -> String { target.url.absoluteString.trimmingTrailingSlash + path }

    /// Sends one request; a transport failure stops the draft (half a contract is no contract), and
    /// so does a throttled (429) or failing (5xx) answer, which says nothing about the release —
    /// except where a server error is the fact observed (`allowingServerError`).
    func send(_ request: HTTPRequestSpec, allowingServerError: Bool = false) async throws -> Exchange {
        let exchange: Exchange
        let name = "\(request.method) \(url(request.path))"
        do { exchange = try await exchanger.send(request) } catch {
            let text = redactor.redact("\(error)")
            throw Failure(description: text.contains(url(request.path)) ? text : "\(name): \(text)")
        }
        if exchange.status == 429 {
            let wait = exchange.response.header("Retry-After").map { " (Retry-After: \(ServerObserver.quoted($0)))" } ?? ""
            throw Failure(
                description: "\(name) answered 429\(wait): the server throttles this client, and a throttled answer is no fact of the "
                    + "release; draft again when the limit has passed")
        }
        if (500..<600).contains(exchange.status), !allowingServerError {
            throw Failure(
                description: "\(name) answered \(exchange.status): a server error is no fact of the release (is the server or a proxy in "
                    + "front of it failing?); draft again when it answers")
        }
        return exchange
    }
}

extension String {
    var trimmingTrailingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
