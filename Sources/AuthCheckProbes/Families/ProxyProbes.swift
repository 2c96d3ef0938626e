import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// `proxy.diagnosis`: reads the outcomes of this target's earlier probes and names what sits between
/// the client and CVAT: Set-Cookie stripped or filtered (which cookies), TLS terminated without
/// `X-Forwarded-Proto` (Origin/Referer checking failed), an SSO/HTML login page in front of the API,
/// HTML error pages from a proxy, rate limiting, cookies rewritten so that cvat-sdk cannot read them.
/// One outcome per cause found; a pass when none is. No requests of its own.
public struct ProxyDiagnosisProbe: Probe {
    public static let id = "proxy.diagnosis"
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "names proxy causes from the evidence: stripped cookies, missing X-Forwarded-Proto, SSO pages, HTML errors, rate limits",
        phase: .analysis, needsCredentials: false)

    /// The causes that point at something in front of CVAT, in report order.
    static let proxyCauses: [Diagnosis] = [
        DiagnosisCatalog.setCookieStripped, DiagnosisCatalog.setCookieFiltered, DiagnosisCatalog.originMismatch, DiagnosisCatalog.refererMissing,
        DiagnosisCatalog.ssoLoginPage, DiagnosisCatalog.proxyErrorPage, DiagnosisCatalog.rateLimited, DiagnosisCatalog.aboutBlocked,
        DiagnosisCatalog.pythonBareFlag, DiagnosisCatalog.pythonUnknownAttribute, DiagnosisCatalog.pythonParseOther,
        DiagnosisCatalog.cookieSecureOverHTTP,
    ]

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let earlier = await context.state.outcomes.filter { $0.probe != Self.id && $0.probe != SDKCompatProbe.id }
        var outcomes: [Outcome] = []
        for diagnosis in Self.proxyCauses {
            let hits = earlier.filter { $0.cause == diagnosis.id && $0.status != .pass }
                + earlier.filter { $0.cause == diagnosis.id && $0.status == .pass && $0.probe == AboutVersionDetector.probeID }
            guard !hits.isEmpty else { continue }
            let where_ = hits.map { "\($0.probe) (\($0.name)): \($0.message)" }
            var observed = where_.joined(separator: "\n")
            if let missing = hits.compactMap({ $0.facts["missing_cookies"] }).first {
                observed = "cookies missing from the login response: \(missing.replacingOccurrences(of: ",", with: ", "))\n" + observed
            }
            outcomes.append(Verdict.fail(Self.id, diagnosis.id, "\(diagnosis.id): seen in \(Set(hits.map(\.probe)).sorted().joined(separator: ", "))",
                                         expected: "requests reach CVAT and its answers reach the client unchanged", observed: observed,
                                         diagnosis: diagnosis, evidence: Array(hits.flatMap(\.evidence).prefix(2))))
        }
        if outcomes.isEmpty {
            outcomes.append(Verdict.pass(Self.id, "no proxy interference",
                                         "no sign of a proxy interfering: cookies intact, CSRF Origin accepted, CVAT's JSON answers",
                                         observed: "\(earlier.count) earlier outcomes examined"))
        }
        return outcomes
    }
}
