import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `cookies.attributes`: each login cookie's attributes against the profile and against the scheme
/// (`Secure` over http, `SameSite=None` without `Secure`, a `Domain` that does not match the host),
/// duplicated cookies — and whether cvat-sdk keeps them: ``PythonCookieView`` models urllib3's ", "
/// join and Python's all-or-nothing `http.cookies` parser exactly. No requests of its own.
public struct CookiesAttributesProbe: Probe {
    public static let id = ProbeID.cookiesAttributes
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "login cookie attributes vs profile and scheme; duplicates; what Python's http.cookies (cvat-sdk) keeps",
        phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        guard let session = await context.state.get(StateKey.login, as: LoginSession.self), session.succeeded else {
            return [Verdict.skipped(Self.id, "cookies", "no successful password login to inspect (see login.password)")]
        }
        var outcomes: [Outcome] = []
        let evidence = [session.record]
        let host = (context.target.url.host ?? "").lowercased()
        let expectedNames = Set(context.server.cookies.keys).union(LoginPasswordProbe.expectedCookies(context.server))
        let byName = Dictionary(grouping: session.setCookies.filter(\.isValid), by: \.name)

        for name in expectedNames.sorted() {
            let caseName = "cookie \(name)"
            guard let cookie = byName[name]?.last else {
                outcomes.append(Verdict.skipped(Self.id, caseName, "login set no \(name) cookie (see login.password)"))
                continue
            }
            let profile = context.server.cookies[name]
            let expected = context.cite("\(name): " + Self.describe(profile))
            let observed = "Set-Cookie: \(cookie.masked())"
            if let (message, diagnosis) = Self.breakage(cookie, host: host, https: context.isHTTPS) {
                outcomes.append(
                    context.fail(Self.id, caseName, message, expected: expected, observed: observed, diagnosis: diagnosis, evidence: evidence))
            } else if let profile, case let differences = Self.differences(cookie, profile), !differences.isEmpty {
                // Differences that break no client and lose no security property (SameSite=Strict, another
                // SESSION_COOKIE_AGE, Secure over https, …) are advice.
                outcomes.append(
                    context.advice(
                        Self.id, caseName, "\(name) differs from CVAT's defaults: \(differences.joined(separator: "; "))",
                        expected: expected, observed: observed, diagnosis: DiagnosisCatalog.cookieAttributesDiffer, evidence: evidence))
            } else {
                outcomes.append(
                    Verdict.pass(Self.id, caseName, "\(name) has the expected attributes", expected: expected, observed: observed, evidence: evidence)
                )
            }
        }

        let duplicated = byName.filter { $0.value.count > 1 }.keys.sorted()
        if duplicated.isEmpty {
            outcomes.append(Verdict.pass(Self.id, "no duplicates", "every cookie is set once", evidence: evidence))
        } else {
            outcomes.append(
                context.fail(
                    Self.id, "no duplicates", "set more than once: \(duplicated.joined(separator: ", "))",
                    expected: "each cookie set once by the login response",
                    observed: duplicated.map { "\($0) ×\(byName[$0]?.count ?? 0)" }.joined(separator: ", "),
                    diagnosis: DiagnosisCatalog.cookieDuplicated, evidence: evidence))
        }
        outcomes.append(Self.pythonOutcome(session, evidence: evidence, context: context))
        return outcomes
    }

    static func pythonOutcome(_ session: LoginSession, evidence: [ExchangeRecord], context: ProbeContext) -> Outcome {
        let name = "cvat-sdk cookie parsing"
        let view = session.python
        let rfcNames = Array(Set(session.setCookies.filter { $0.isValid && !$0.value.isEmpty }.map(\.name))).sorted()
        let expected =
            "Python's http.cookies (urllib3 joins the Set-Cookie lines with \", \") loads every cookie a browser keeps: \(rfcNames.joined(separator: ", ")) (cookies per \(context.profileCitation); parser per the client profiles' cookie_parser: python-simplecookie)"
        if case .noHeader = view.verdict {
            return Verdict.skipped(Self.id, name, "the login response has no Set-Cookie header (see login.password)")
        }
        let lost = rfcNames.filter { !view.cookieNames.contains($0) }
        guard !lost.isEmpty || view.lossKind != nil else {
            return Verdict.pass(
                Self.id, name, view.sdkSummary, expected: expected, observed: view.sdkSummary, evidence: evidence,
                facts: ["python_cookies": view.cookieNames.joined(separator: ",")])
        }
        let diagnosis: Diagnosis =
            switch view.lossKind {
            case .bareFlag: DiagnosisCatalog.pythonBareFlag
            case .unknownAttribute: DiagnosisCatalog.pythonUnknownAttribute
            case .cookieError: DiagnosisCatalog.pythonCookieError
            default: DiagnosisCatalog.pythonParseOther
            }
        let observed = view.sdkSummary + (lost.isEmpty ? "" : " (lost: \(lost.joined(separator: ", ")))")
        let facts = ["python_cookies": view.cookieNames.joined(separator: ",")]
        // Only a lost cookie some client asserts breaks a client; losing another one is advice.
        let asserted = Set(context.clients.flatMap { $0.profile.password.assertsCookies })
        if lost.contains(where: asserted.contains) || view.lossKind == .cookieError {
            return context.fail(
                Self.id, name, view.sdkSummary, expected: expected, observed: observed, diagnosis: diagnosis, evidence: evidence, facts: facts)
        }
        return context.advice(
            Self.id, name, view.sdkSummary, expected: expected, observed: observed, diagnosis: diagnosis, evidence: evidence, facts: facts)
    }

    /// What about a cookie breaks a client or loses a security property, whatever the profile says:
    /// `Secure` over http (browsers never send it back), `SameSite=None` without `Secure` (browsers
    /// reject it), a `Domain` that does not cover the host, a `Path` that does not cover /api/, a
    /// `sessionid` without `HttpOnly`.
    static func breakage(_ cookie: SetCookie, host: String, https: Bool) -> (String, Diagnosis)? {
        let name = cookie.name
        if cookie.secure, !https { return ("\(name) is Secure but the target is plain http", DiagnosisCatalog.cookieSecureOverHTTP) }
        if cookie.sameSite?.lowercased() == "none", !cookie.secure {
            return ("\(name) has SameSite=None without Secure", DiagnosisCatalog.cookieSameSiteNoneInsecure)
        }
        if let domain = cookie.domain.map({ $0.hasPrefix(".") ? String($0.dropFirst()) : $0 })?.lowercased(),
            !(host == domain || host.hasSuffix("." + domain))
        {
            return ("\(name) has Domain=\(domain), which does not match \(host)", DiagnosisCatalog.cookieDomainMismatch)
        }
        if let path = cookie.path, !path.isEmpty, !"/api/".hasPrefix(path.hasSuffix("/") ? path : path + "/") {
            return ("\(name) has Path=\(path), which does not cover /api/", DiagnosisCatalog.cookiePathExcludesAPI)
        }
        if name == "sessionid", !cookie.httpOnly { return ("sessionid lacks HttpOnly", DiagnosisCatalog.sessionCookieNotHTTPOnly) }
        return nil
    }

    static func describe(_ profile: CookieExpectation?) -> String {
        guard let profile else { return "set by login" }
        var parts: [String] = []
        if let value = profile.httpOnly { parts.append(value ? "HttpOnly" : "not HttpOnly") }
        if let value = profile.secure { parts.append(value ? "Secure" : "not Secure") }
        if let value = profile.sameSite { parts.append("SameSite=\(value)") }
        if let value = profile.path { parts.append("Path=\(value)") }
        if let value = profile.maxAge { parts.append("Max-Age=\(value)") }
        return parts.isEmpty ? "set by login" : parts.joined(separator: ", ")
    }

    static func differences(_ cookie: SetCookie, _ profile: CookieExpectation) -> [String] {
        var differences: [String] = []
        if let value = profile.httpOnly, value != cookie.httpOnly { differences.append(value ? "HttpOnly missing" : "HttpOnly present") }
        if let value = profile.secure, value != cookie.secure { differences.append(value ? "Secure missing" : "Secure present") }
        if let value = profile.sameSite, value.lowercased() != (cookie.sameSite ?? "").lowercased() {
            differences.append("SameSite=\(cookie.sameSite ?? "(none)") instead of \(value)")
        }
        if let value = profile.path, value != (cookie.path ?? "") { differences.append("Path=\(cookie.path ?? "(none)") instead of \(value)") }
        if let value = profile.maxAge, value != cookie.maxAge {
            differences.append("Max-Age=\(cookie.maxAge.map(String.init) ?? "(none)") instead of \(value)")
        }
        return differences
    }
}
