import AuthCheckCore
import AuthCheckRun
import Foundation

/// A deterministic run record of any size for the report-writing benchmark, shaped like real runs:
/// suites of 30 cases, one case in 20 a failure with expected/observed/cause/remedy and one redacted
/// exchange as evidence, one in 20 skipped, one in 50 an error, the rest passes.
enum SyntheticRecord {
    static let casesPerSuite = 30

    static func make(cases: Int) -> RunRecord {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var suites: [SuiteRecord] = []
        suites.reserveCapacity(cases / casesPerSuite + 1)
        var made = 0
        while made < cases {
            let index = suites.count
            let count = min(casesPerSuite, cases - made)
            var suite = SuiteRecord(
                target: "cvat-\(index)", url: "https://cvat-\(index).example.com", hostname: "cvat-\(index).example.com",
                serverVersion: "2.48.0", versionSource: "about",
                profile: ProfileReference(id: "cvat-2.48", file: "matrices/servers/cvat-2.48.yaml", sha256: String(repeating: "ab", count: 32)),
                startedAt: start.addingTimeInterval(Double(index)), duration: 0.8, properties: ["tags": "nightly,eu"])
            suite.outcomes = (0..<count).map { outcome(made + $0) }
            suites.append(suite)
            made += count
        }
        return RunRecord(toolVersion: ToolVersion.current, startedAt: start, finishedAt: start.addingTimeInterval(60), suites: suites)
    }

    static func outcome(_ number: Int) -> Outcome {
        let probe = ["about.shape", "anonymous.denied", "login.password", "token.legacy", "session.csrf", "access-token.lifecycle"][number % 6]
        let name = "case \(number)"
        switch number % 20 {
        case 0:
            return Outcome(
                probe: probe, name: name, status: .fail, message: "login set no sessionid cookie (case \(number))",
                expected: "POST /api/auth/login → 200 with csrftoken, sessionid (cvat-2.48, matrices/servers/cvat-2.48.yaml)",
                observed: "200 application/vnd.cvat+json, no Set-Cookie; body {\"key\":\"[REDACTED]\"}",
                cause: "set-cookie-stripped", causeText: "a reverse proxy removes Set-Cookie from CVAT's responses",
                remedy: "nginx: proxy_pass_header Set-Cookie; or use a personal access token with cvat-sdk ≥2.48",
                evidence: [
                    ExchangeRecord(
                        method: "POST", url: "https://cvat.example.com/api/auth/login",
                        requestHeaders: [HeaderField("Content-Type", "application/json"), HeaderField("Accept", "application/vnd.cvat+json")],
                        requestBody: "{\"password\":\"[REDACTED]\",\"username\":\"probe\"}", status: 200,
                        responseHeaders: [
                            HeaderField("Content-Type", "application/vnd.cvat+json"), HeaderField("Server", "nginx"),
                            HeaderField("X-Request-Id", "0f8e0c52-1c1b-4c4e-9d62-\(number)"),
                        ],
                        responseBody: "{\"key\":\"[REDACTED]\"}", duration: 0.021)
                ],
                facts: ["client": "cvat-sdk 2.41–2.47", "mode": "password"], duration: 0.021)
        case 1:
            return Outcome(
                probe: probe, name: name, status: .skipped, message: "not applicable to CVAT 2.48.0: signing was removed in 2.46 (cvat-2.48)")
        case 2 where number % 50 == 2:
            return Outcome(probe: probe, name: name, status: .error, message: "request timed out after 10 s", cause: "timeout", duration: 10)
        default:
            return Outcome(
                probe: probe, name: name, status: .pass, message: "answered 200 as cvat-2.48 expects (<\(number)> & \"quoted\")", duration: 0.02)
        }
    }
}
