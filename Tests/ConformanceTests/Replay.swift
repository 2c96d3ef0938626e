import AsyncHTTPClient
import CVATEmulator
import EmulatorTestSupport
import Foundation

/// Replays one recorded run against an emulator configured like the recorded deployment, in order,
/// within one session, and compares every answer.
enum Replay {
    struct Result: Sendable {
        /// Exchanges compared.
        var compared = 0
        /// One line per difference, naming the run and the exchange.
        var differences: [String] = []
        /// What the replay reconstructed.
        var notes: [String] = []
    }

    static func run(_ folder: RecordedRunFolder) async throws -> Result {
        let run = try RecordedRun.load(folder.runJSON)
        let description = try DeploymentDescription.find(for: folder)
        let account = RecordedAccount(run)
        var configuration = try description.configuration(account: account, fallbackVersion: run.serverVersion)
        let password = "replay-\(UUID().uuidString)"
        configuration.password = password
        let ca = description.needsTLS ? try TestCertificateAuthority.shared() : nil
        configuration.tls = ca?.emulatorTLS
        return try await TestHTTPClient.withServer(configuration, trusting: ca) { server, client in
            try await replay(
                run, name: folder.name, description: description, server: server, client: client, account: account, password: password)
        }
    }

    private static func replay(
        _ run: RecordedRun, name: String, description: DeploymentDescription, server: EmulatedCVATServer, client: HTTPClient,
        account: RecordedAccount, password: String
    ) async throws -> Result {
        let entry = server.redirectFrontURL ?? server.baseURL
        var authorityMap = [(recorded: authority(run.url), live: authority(entry))]
        if let front = description.tlsFront { authorityMap.append((front, authority(server.baseURL))) }
        var session = ReplaySession(server: server, client: client, account: account, password: password, entry: entry, authorityMap: authorityMap)
        try await session.reconstructInitialState(run)
        let maskers = session.maskers
        var result = Result()
        for exchange in run.exchanges {
            session.prepare(exchange, in: run)
            let request: (method: String, path: String, headers: [(String, String)], body: String?)
            do {
                request = try session.request(for: exchange)
            } catch {
                result.differences.append("\(name) \(exchange.label): cannot replay: \(error)")
                continue
            }
            let live = try await session.send(method: request.method, path: request.path, headers: request.headers, body: request.body)
            result.compared += 1
            for difference in ExchangeComparison.differences(
                recorded: exchange, live: live, recordedMasker: maskers.recorded, liveMasker: maskers.live)
            {
                result.differences.append("\(name) \(exchange.label): \(difference)")
            }
            session.absorb(exchange, live)
        }
        result.notes = session.notes
        return result
    }

    /// `host:port` of a URL (the port always written).
    static func authority(_ url: URL) -> String {
        let host = url.host ?? "localhost"
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        return "\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}
