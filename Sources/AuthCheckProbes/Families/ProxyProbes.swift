import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `proxy.diagnosis`: reads the outcomes of this target's earlier probes and names what sits between
/// the client and CVAT: Set-Cookie stripped or filtered (which cookies), TLS terminated without
/// `X-Forwarded-Proto` (Origin/Referer checking failed), an SSO/HTML login page in front of the API,
/// HTML error pages from a proxy, rate limiting, an http → https redirect, cookies rewritten so that
/// cvat-sdk cannot read them. One outcome per cause found, as severe as the outcomes it rests on; a
/// pass when none is — claiming only what the run really checked. No requests of its own.
public struct ProxyDiagnosisProbe: Probe {
    public static let id = ProbeID.proxyDiagnosis
    public let descriptor = ProbeDescriptor(
        id: Self.id,
        summary: "names proxy causes from the evidence: stripped cookies, missing X-Forwarded-Proto, SSO pages, HTML errors, rate limits",
        phase: .analysis, needsCredentials: false)

    /// The causes that point at something in front of CVAT, in report order.
    static let proxyCauses: [Diagnosis] = [
        DiagnosisCatalog.httpRedirectsToHTTPS, DiagnosisCatalog.httpToHTTPSPort,
        DiagnosisCatalog.setCookieStripped, DiagnosisCatalog.setCookieFiltered, DiagnosisCatalog.originMismatch, DiagnosisCatalog.refererMissing,
        DiagnosisCatalog.ssoLoginPage, DiagnosisCatalog.proxyErrorPage, DiagnosisCatalog.proxyBlocked, DiagnosisCatalog.rateLimited,
        DiagnosisCatalog.aboutBlocked, DiagnosisCatalog.pythonBareFlag, DiagnosisCatalog.pythonUnknownAttribute, DiagnosisCatalog.pythonParseOther,
        DiagnosisCatalog.pythonCookieError, DiagnosisCatalog.cookieSecureOverHTTP,
    ]

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let earlier = await context.state.outcomes.filter { $0.probe != Self.id && $0.probe != SDKCompatProbe.id }
        var outcomes: [Outcome] = []
        for diagnosis in Self.proxyCauses {
            let hits = earlier.filter { $0.cause == diagnosis.id }
            guard !hits.isEmpty else { continue }
            var observed = hits.map { "\($0.probe) (\($0.name)): \($0.message)" }.joined(separator: "\n")
            if let missing = hits.compactMap({ $0.facts["missing_cookies"] }).first {
                observed = "cookies missing from the login response: \(missing.replacingOccurrences(of: ",", with: ", "))\n" + observed
            }
            // As severe as the worst outcome it rests on: a proxy cause that broke nothing is advice.
            let worst = hits.map(\.status).filter { $0 != .skipped }.max() ?? .pass
            outcomes.append(
                context.outcomeWith(
                    diagnosis, status: worst, Self.id, diagnosis.id,
                    "\(diagnosis.id): seen in \(Set(hits.map(\.probe)).sorted().joined(separator: ", "))",
                    expected: "requests reach CVAT and its answers reach the client unchanged", observed: observed,
                    evidence: Array(hits.flatMap(\.evidence).prefix(2))))
        }
        if outcomes.isEmpty {
            let (checked, unchecked) = Self.coverage(earlier)
            var message = "no sign of a proxy interfering: " + checked.joined(separator: ", ")
            if !unchecked.isEmpty { message += "; not checked: " + unchecked.joined(separator: "; ") }
            outcomes.append(
                Verdict.pass(
                    Self.id, "no proxy interference", message, observed: "\(earlier.count) earlier outcomes examined",
                    facts: unchecked.isEmpty ? [:] : ["not_checked": unchecked.joined(separator: "; ")]))
        }
        return outcomes
    }

    /// What the earlier outcomes show to be intact, and what they could not show (and why).
    static func coverage(_ earlier: [Outcome]) -> (checked: [String], unchecked: [String]) {
        var checked = ["CVAT's own answers (no proxy pages, redirects or rate limits)"]
        var unchecked: [String] = []
        func passed(_ probe: String, _ name: String? = nil) -> Bool {
            earlier.contains { $0.probe == probe && (name == nil || $0.name == name) && $0.status == .pass }
        }
        if passed(LoginPasswordProbe.id, "username form") {
            checked.append("login cookies intact")
        } else if let login = earlier.first(where: { $0.probe == LoginPasswordProbe.id }) {
            unchecked.append("the login cookies, because the password login did not succeed (\(login.message))")
        } else {
            unchecked.append("the login cookies (login.password did not run)")
        }
        if passed(SessionCSRFProbe.id, "with the SDK's Origin") {
            checked.append("CSRF with the SDK's Origin accepted")
        } else if let csrf = earlier.first(where: { $0.probe == SessionCSRFProbe.id }), csrf.status == .skipped {
            unchecked.append("CSRF and the Origin cvat-sdk ≥2.41 sends (\(csrf.message))")
        } else if !earlier.contains(where: { $0.probe == SessionCSRFProbe.id }) {
            unchecked.append("CSRF and the Origin cvat-sdk ≥2.41 sends (session.csrf did not run)")
        }
        return (checked, unchecked)
    }
}
