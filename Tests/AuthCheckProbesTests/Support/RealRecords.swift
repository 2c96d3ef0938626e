import AuthCheckCore
import AuthCheckHTTP
import Foundation
import Logging
import Testing

/// What real CVAT servers answered (`../shared/real-cvat/runs/<deployment>/run.json`, or the folder
/// in `CVAT_AUTHCHECK_REAL_RECORDS`): every exchange of a full check against real CVAT 2.24.0 and
/// 2.64.0 behind real nginx fronts. Tests that judge verdicts on real answers read them here and are
/// skipped, saying why, where the records are absent.
enum RealRecords {
    /// The folder holding `runs/` and `sdk-outcomes.jsonl`, if present.
    static let folder: URL? = {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [
            environment["CVAT_AUTHCHECK_REAL_RECORDS"].map { URL(fileURLWithPath: $0) },
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-cvat"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("runs").path) }
    }()

    /// Why record-based tests are skipped (`nil` when the records are here).
    static var absence: String? {
        folder == nil ? "the real CVAT records are absent (../shared/real-cvat next to the package, or CVAT_AUTHCHECK_REAL_RECORDS)" : nil
    }

    /// The package root: this file is `Tests/<target>/<folder>/<file>`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The distinct exchanges of one recorded run (the same exchange is evidence of several outcomes;
    /// `x-request-id`, `date`, method and URL tell them apart), in record order.
    static func exchanges(_ run: String) throws -> [ExchangeRecord] {
        guard let folder else { return [] }
        let data = try Data(contentsOf: folder.appendingPathComponent("runs/\(run)/run.json"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { _ in Date(timeIntervalSince1970: 0) }
        let record = try decoder.decode(RunRecord.self, from: data)
        var seen: Set<String> = []
        var result: [ExchangeRecord] = []
        for outcome in record.outcomes {
            for exchange in outcome.evidence {
                let id = exchange.responseHeaders.filter { ["x-request-id", "date"].contains($0.name.lowercased()) }.map(\.value).joined()
                let key = "\(exchange.method) \(exchange.url) \(exchange.status ?? 0) \(id) \(exchange.requestHeaders.map(\.value).joined())"
                if seen.insert(key).inserted { result.append(exchange) }
            }
        }
        return result
    }

    /// The first recorded exchange of `run` matching `method`, a path suffix and a status.
    static func exchange(_ run: String, _ method: String, _ path: String, status: Int) throws -> Exchange? {
        guard
            let record = try exchanges(run).first(where: {
                $0.method == method && (URL(string: $0.url)?.path == path || $0.url.hasSuffix(path)) && $0.status == status
            })
        else { return nil }
        return replayed(record)
    }

    /// An ``Exchange`` rebuilt from a record: the response exactly as recorded (secrets were already
    /// masked as `[REDACTED]` when it was written).
    static func replayed(_ record: ExchangeRecord) -> Exchange {
        let url = URL(string: record.url)
        var path = url?.path ?? record.url
        if let query = url?.query { path += "?" + query }
        let request = HTTPRequestSpec(
            method: record.method, path: path, headers: record.requestHeaders,
            body: record.requestBody.map { Array($0.utf8) })
        let response = HTTPResponseData(status: record.status ?? 0, headers: record.responseHeaders, body: Array((record.responseBody ?? "").utf8))
        return Exchange(request: request, response: response, record: record)
    }

    /// The real cvat-sdk's outcome per deployment (`sdk-outcomes.jsonl`).
    struct SDKOutcome: Decodable, Sendable {
        var server: String
        var front: String
        var mode: String
        var sdk: String
        var outcome: String
        var step: String?
        var message: String?
        var log: String?
    }

    static func sdkOutcomes() throws -> [SDKOutcome] {
        guard let folder else { return [] }
        let text = try String(contentsOf: folder.appendingPathComponent("sdk-outcomes.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(SDKOutcome.self, from: Data($0.utf8)) }
    }
}

/// A probe context for judging recorded answers: the profile of `version`, a target at `url`, no transport.
enum RecordedContext {
    struct NoTransport: HTTPTransport {
        func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData { throw TransportError.invalidRequest("no transport in this test") }
        var retriesSpent: Int { 0 }
        func shutdown() async {}
    }

    static func make(version: String, url: String, organization: String? = nil) throws -> ProbeContext {
        let server = try #require(CVATVersion(version))
        let resolution = try #require(ProfileResolver(catalog: ProbeHarness.catalog).resolve(server))
        let target = Target(name: "recorded", url: try #require(URL(string: url)), organization: organization)
        return ProbeContext(
            target: target, credentials: ResolvedCredentials(username: "probe", password: "unused"), serverVersion: server,
            profile: resolution.profile, clients: ProbeHarness.catalog.clients, transport: NoTransport(), redactor: Redactor(),
            state: TargetState(), logger: Logger(label: "test"), options: RunOptions(), runID: "0badc0de")
    }
}
