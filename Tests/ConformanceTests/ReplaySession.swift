import AsyncHTTPClient
import CVATEmulator
import EmulatorTestSupport
import Foundation
import NIOCore
import NIOHTTP1

/// The live side of a replay: one emulator configured like the recorded deployment, one raw client
/// (no cookie jar, no redirects), and the values the recording redacted (`[REDACTED]`) taken from
/// this session's own answers. The reconstruction rules are in docs/EMULATOR.md.
struct ReplaySession: Sendable {
    let server: EmulatedCVATServer
    let client: HTTPClient
    let account: RecordedAccount
    let password: String
    /// Where requests go: the emulator, or its redirect front for a redirect deployment.
    let entry: URL
    /// Recorded `host:port` → live `host:port`.
    let authorityMap: [(recorded: String, live: String)]

    /// The latest non-empty value of each cookie the session was sent (deletions are not applied:
    /// the probes replay an old session id on purpose).
    var cookies: [String: String] = [:]
    /// The legacy key of the latest login.
    var legacyKey: String?
    /// Probe id → the personal access token its Bearer requests use.
    var groupTokens: [String: String] = [:]
    /// Recorded access-token id → live id.
    var tokenIDs: [Int: Int] = [:]
    /// What was reconstructed, for the test log.
    var notes: [String] = []

    /// The masker for recorded text and the one for live text (both map origins to the same placeholders).
    var maskers: (recorded: Masker, live: Masker) {
        let placeholders = authorityMap.enumerated().map { $0.offset == 0 ? "<main>" : "<tls>" }
        return (
            Masker(authorities: zip(authorityMap, placeholders).map { ($0.recorded, $1) }),
            Masker(authorities: zip(authorityMap, placeholders).map { ($0.live, $1) })
        )
    }

    // MARK: Reconstruction

    /// State the recording shows but did not make itself, rebuilt before the first exchange:
    /// access tokens that already existed, and a `last_login` from an earlier login.
    mutating func reconstructInitialState(_ run: RecordedRun) async throws {
        let exchanges = run.exchanges
        if let list = exchanges.first(where: { $0.method == "GET" && $0.url.path == "/api/auth/access_tokens" && $0.status == 200 }),
            case .array(let results)? = JSONNode.parse(list.responseBody)?["results"]
        {
            let createdEarlier = Set(
                exchanges.prefix(list.index - 1).compactMap { exchange -> Int? in
                    guard exchange.method == "POST", exchange.url.path == "/api/auth/access_tokens", exchange.status == 201 else { return nil }
                    return JSONNode.parse(exchange.responseBody)?["id"]?.intValue
                })
            for token in results.reversed() where !createdEarlier.contains(token["id"]?.intValue ?? -1) {
                let name = token["name"]?.stringValue ?? "pre-existing"
                let readOnly = token["read_only"] == .bool(true)
                guard let value = server.seedAccessToken(name: name, readOnly: readOnly) else { continue }
                notes.append("seeded the pre-existing access token '\(name)' (read_only \(readOnly)) listed in \(list.label)")
                if token["last_used_date"] != .null {
                    _ = try await send(
                        method: "GET", path: "/api/users/self",
                        headers: [("Accept", "application/vnd.cvat+json"), ("Authorization", "Bearer \(value)")])
                    notes.append("used it once so that its last_used_date is set")
                }
            }
        }
        let firstLogin = exchanges.first { $0.method == "POST" && $0.url.path == "/api/auth/login" && $0.status == 200 }
        if let user = exchanges.first(where: { $0.url.path == "/api/users/self" && $0.status == 200 }),
            user.index < (firstLogin?.index ?? Int.max), let lastLogin = JSONNode.parse(user.responseBody)?["last_login"], lastLogin != .null
        {
            let body = #"{"username":"\#(account.username)","password":"\#(password)"}"#
            let login = try await send(method: "POST", path: "/api/auth/login", headers: [("Content-Type", "application/json")], body: body)
            legacyKey = JSONNode.parse(login.body)?["key"]?.stringValue
            notes.append("logged in once before the replay (\(login.status)): \(user.label) shows a last_login from an earlier login")
        }
    }

    /// Before the first exchange of a probe whose Bearer requests come before any token it creates
    /// itself, that probe made (or was configured with) a token through a request the record does not
    /// hold: one is put into the emulator for it.
    mutating func prepare(_ exchange: RecordedExchange, in run: RecordedRun) {
        guard groupTokens[exchange.probe] == nil,
            run.exchanges.first(where: { $0.probe == exchange.probe })?.index == exchange.index
        else { return }
        for candidate in run.exchanges where candidate.probe == exchange.probe {
            if candidate.method == "POST", candidate.url.path == "/api/auth/access_tokens" { return }
            if candidate.requestHeader("authorization")?.hasPrefix("Bearer ") == true {
                let name = "\(exchange.probe) (unrecorded)"
                if let value = server.seedAccessToken(name: name, readOnly: false) {
                    groupTokens[exchange.probe] = value
                    notes.append("seeded an access token for \(exchange.probe), whose Bearer requests use a token made by an unrecorded request")
                }
                return
            }
        }
    }

    // MARK: Requests

    /// The recorded request with live values in place of `[REDACTED]`, live origins and token ids,
    /// and request-body datetimes moved by the time between the recording and now.
    func request(for exchange: RecordedExchange) throws -> (method: String, path: String, headers: [(String, String)], body: String?) {
        var path = exchange.target
        if let match = path.wholeMatch(of: /\/api\/auth\/access_tokens\/(\d+)/), let recordedID = Int(match.1) {
            guard let liveID = tokenIDs[recordedID] else { throw ConformanceError("no live access token for the recorded id \(recordedID)") }
            path = "/api/auth/access_tokens/\(liveID)"
        }
        var headers: [(String, String)] = []
        for (name, value) in exchange.requestHeaders {
            headers.append((name, try substitute(name: name, value: value, probe: exchange.probe)))
        }
        var body = exchange.requestBody
        if let text = body, let json = JSONNode.parse(text) {
            body = live(json, shift: exchange.date.map { Date().timeIntervalSince($0) } ?? 0).description
        }
        return (exchange.method, path, headers, body)
    }

    private func substitute(name: String, value: String, probe: String) throws -> String {
        let redacted = "[REDACTED]"
        switch name.lowercased() {
        case "authorization":
            if value == "Token \(redacted)" {
                guard let legacyKey else { throw ConformanceError("Token auth before any login gave a key") }
                return "Token \(legacyKey)"
            }
            if value == "Bearer \(redacted)" {
                guard let token = groupTokens[probe] else { throw ConformanceError("no access token for \(probe)") }
                return "Bearer \(token)"
            }
            if value == "Basic \(redacted)" {
                return "Basic " + Data("\(account.username):\(password)".utf8).base64EncodedString()
            }
        case "cookie":
            return try value.split(separator: ";").map { chunk in
                let pair = chunk.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, pair[1] == redacted else { return pair.joined(separator: "=") }
                guard let live = cookies[pair[0]] else { throw ConformanceError("the cookie \(pair[0]) was never set in this session") }
                return "\(pair[0])=\(live)"
            }.joined(separator: "; ")
        case "x-csrftoken" where value == redacted:
            guard let token = cookies["csrftoken"] else { throw ConformanceError("X-CSRFToken before any csrftoken cookie") }
            return token
        case "origin", "referer":
            return authorityMap.reduce(value) { $0.replacingOccurrences(of: $1.recorded, with: $1.live) }
        default:
            break
        }
        if value.contains(redacted) { throw ConformanceError("cannot substitute the redacted \(name) header") }
        return value
    }

    /// A request body with the live password, live origins in URLs and datetimes moved by `shift`.
    private func live(_ node: JSONNode, shift: TimeInterval, key: String? = nil) -> JSONNode {
        switch node {
        case .object(let members):
            return .object(members.reduce(into: [:]) { $0[$1.key] = live($1.value, shift: shift, key: $1.key) })
        case .array(let items):
            return .array(items.map { live($0, shift: shift) })
        case .string(let text):
            if text == "[REDACTED]", key == "password" { return .string(password) }
            if let date = Self.parseDate(text) { return .string(Self.formatDate(date.addingTimeInterval(shift.rounded()))) }
            return .string(authorityMap.reduce(text) { $0.replacingOccurrences(of: $1.recorded, with: $1.live) })
        default:
            return node
        }
    }

    /// A request-body datetime in the form the probes send (`2026-12-02T03:00:21Z`).
    private static func parseDate(_ text: String) -> Date? {
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The same form as `parseDate` reads: `2026-12-02T03:00:21Z`.
    private static func formatDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Sends one request to the entry point.
    func send(method: String, path: String, headers: [(String, String)], body: String? = nil) async throws -> LiveResponse {
        var request = HTTPClientRequest(url: entry.absoluteString + path)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        return try await TestHTTPClient.fetch(request, with: client)
    }

    /// Takes the live values of an answer: cookies, the legacy key, created tokens and their ids.
    mutating func absorb(_ exchange: RecordedExchange, _ response: LiveResponse) {
        for line in response.setCookies {
            let pair = line.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if pair.count == 2, !pair[1].isEmpty, pair[1] != "\"\"" { cookies[pair[0]] = pair[1] }
        }
        guard let body = JSONNode.parse(response.body) else { return }
        if exchange.url.path == "/api/auth/login", response.status == 200, let key = body["key"]?.stringValue { legacyKey = key }
        if exchange.url.path == "/api/auth/access_tokens", response.status == 201, let value = body["value"]?.stringValue {
            groupTokens[exchange.probe] = value
            if let recordedID = JSONNode.parse(exchange.responseBody)?["id"]?.intValue, let liveID = body["id"]?.intValue {
                tokenIDs[recordedID] = liveID
            }
        }
    }
}
