import AuthCheckCore
import AuthCheckReport
import Foundation

/// Crafted run records for the report tests: every status, two backends, hostile text.
enum Samples {
    static let start = Date(timeIntervalSince1970: 1_764_300_000.25)

    static func login(status: Int = 200, cookies: Bool = true) -> ExchangeRecord {
        ExchangeRecord(
            method: "POST", url: "https://cvat.example.com/api/auth/login",
            requestHeaders: [HeaderField("Content-Type", "application/json")],
            requestBody: #"{"username":"probe","password":"[REDACTED]"}"#, status: status,
            responseHeaders: cookies
                ? [HeaderField("Set-Cookie", "sessionid=[REDACTED]; HttpOnly; Path=/"), HeaderField("Set-Cookie", "csrftoken=[REDACTED]; Path=/")]
                : [HeaderField("Content-Type", "application/json")],
            responseBody: #"{"key":"[REDACTED]"}"#, duration: 0.0421)
    }

    static func compat(_ client: String, _ mode: String, _ status: OutcomeStatus) -> Outcome {
        Outcome(
            probe: "sdk.compat", name: "\(client) \(mode)", status: status, message: status == .pass ? "compatible" : "incompatible",
            expected: status == .pass ? nil : "sessionid and csrftoken cookies after login",
            observed: status == .pass ? nil : "no Set-Cookie header", facts: ["client": client, "mode": mode], duration: 0.01)
    }

    /// Two targets, one also through an SDK backend; pass, fail, error and skipped outcomes.
    static func record() -> RunRecord {
        let profile248 = ProfileReference(
            id: "cvat-2.48", file: "matrices/servers/cvat-2.48.yaml", sha256: String(repeating: "ab", count: 32), chain: ["cvat-2.48", "cvat-2.46"])
        let alpha = SuiteRecord(
            target: "alpha", url: "https://cvat.example.com", hostname: "cvat.example.com", serverVersion: "2.48.1",
            versionSource: "about", profile: profile248, retries: 1, startedAt: start, duration: 1.23456,
            outcomes: [
                Outcome(probe: "server.version", name: "detect", status: .pass, message: "2.48.1 via /api/server/about", duration: 0.012),
                Outcome(
                    probe: "login.password", name: "username form", status: .pass, message: "key and session cookies", evidence: [login()],
                    duration: 0.0421),
                Outcome(
                    probe: "login.password", name: "session cookies", status: .fail, message: "login set no session cookies",
                    expected: "Set-Cookie sessionid and csrftoken (profile cvat-2.48)", observed: "no Set-Cookie header in a 200 response",
                    cause: "set-cookie-stripped", causeText: "a reverse proxy strips Set-Cookie",
                    remedy: "nginx: remove `proxy_hide_header Set-Cookie`", evidence: [login(cookies: false)], duration: 0.05),
                Outcome(
                    probe: "token.legacy", name: "users/self", status: .error, message: "timeout after 10 s", observed: "no response within 10 s",
                    evidence: [
                        ExchangeRecord(method: "GET", url: "https://cvat.example.com/api/users/self", error: "timeout", duration: 10)
                    ], duration: 10.0004),
                Outcome(
                    probe: "access-token.lifecycle", name: "create", status: .skipped,
                    message: "not applicable: personal access tokens arrive in 2.48"),
                compat("cvat-sdk 2.24–2.40", "session", .fail),
                compat("cvat-sdk 2.24–2.40", "token", .pass),
                compat("cvat-sdk 2.41–2.47", "token", .pass),
            ], properties: ["organization": "lab", "tags": "nightly,eu"])
        let alphaSDK = SuiteRecord(
            target: "alpha", url: "https://cvat.example.com", hostname: "cvat.example.com", backend: "cvat-sdk@2.24.0",
            serverVersion: "2.48.1", versionSource: "about", profile: profile248, startedAt: start.addingTimeInterval(2), duration: 0.5,
            outcomes: [Outcome(probe: "login.password", name: "username form", status: .pass, message: "ok", duration: 0.2)])
        let beta = SuiteRecord(
            target: "beta.internal", url: "http://10.0.0.7:8080", hostname: "10.0.0.7", serverVersion: "2.24.0", versionSource: "about",
            profile: ProfileReference(id: "cvat-2.24", file: "matrices/servers/cvat-2.24.yaml", sha256: String(repeating: "cd", count: 32)),
            insecureTLS: true, startedAt: start.addingTimeInterval(0.5), duration: 0.75,
            outcomes: [
                Outcome(probe: "anonymous.denied", name: "users/self", status: .pass, message: "401 as expected", duration: 0.003),
                Outcome(probe: "credentials.bad", name: "wrong password", status: .pass, message: "400 as expected", duration: 0.004),
                compat("cvat-sdk 2.24–2.40", "session", .pass),
                compat("cvat-sdk 2.41–2.47", "token", .error),
            ])
        return RunRecord(toolVersion: "0.1.0-test", startedAt: start, finishedAt: start.addingTimeInterval(12), suites: [alpha, alphaSDK, beta])
    }

    /// A record with markup, control characters, NUL, `]]>` and non-BMP text in every field.
    static func hostileRecord() -> RunRecord {
        let nasty = "a<b>&\"c\" 'd' ]]> \u{0}NUL \u{1B}[31mESC \u{7}BEL \u{FFFE}\u{FFFF} tab\tnew\nline cr\r😀 é pipe|"
        let suite = SuiteRecord(
            target: "evil<target>&", url: "https://evil.example/?q=\(nasty)", hostname: "evil.example", serverVersion: nasty,
            startedAt: start, duration: 0.1,
            outcomes: [
                Outcome(
                    probe: "login.password", name: nasty, status: .fail, message: nasty, expected: nasty, observed: nasty, causeText: nasty,
                    remedy: nasty,
                    evidence: [ExchangeRecord(method: "GET", url: "https://evil.example/\(nasty)", status: 500, responseBody: nasty)],
                    facts: ["k": nasty]),
                Outcome(probe: "login.password", name: nasty, status: .error, message: nasty),
                Outcome(probe: "about.shape", name: "", status: .skipped, message: nasty),
            ], properties: ["note": nasty])
        return RunRecord(toolVersion: "0.1.0-test", startedAt: start, finishedAt: start, suites: [suite])
    }

    /// A run record kept in `Fixtures/records/NAME.json.gz`, written by the tool itself: `demo` is
    /// `cvat-authcheck demo --json` (three emulated servers, one behind a proxy that strips Set-Cookie);
    /// `seven-targets` a `run --json` against seven emulated servers with deployment faults (cookies
    /// stripped or filtered, Secure cookies over http, a 502 proxy page).
    static func fixture(_ name: String) throws -> RunRecord {
        try RunRecordJSON.read(file: TestFiles.fixtures.appendingPathComponent("records/\(name).json.gz").path)
    }

    static func suite(
        _ target: String, version: String = "2.48.0", backend: BackendSpec = .native, _ outcomes: [(String, String, OutcomeStatus)]
    ) -> SuiteRecord {
        SuiteRecord(
            target: target, url: "https://\(target).example", hostname: "\(target).example", backend: backend, serverVersion: version,
            startedAt: start, outcomes: outcomes.map { Outcome(probe: $0.0, name: $0.1, status: $0.2, message: $0.2.rawValue) })
    }
}
