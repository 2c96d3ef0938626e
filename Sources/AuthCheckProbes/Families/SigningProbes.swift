import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `signing`: URL signing (≤2.45): `POST /api/auth/signing` for `/api/users/self`, then the signed URL
/// fetched anonymously, and a forged `?sign=` refused; where the profile says removed, the signing
/// endpoint must be gone. No cvat-sdk/cvat-cli release signs URLs, so a deviation is advice unless the
/// answer names a cause that breaks clients; CVAT's own defect (2.24–2.45 answer 500 to every
/// authenticated signing request) is the profile's known defect, reported as an expected failure.
public struct SigningProbe: Probe {
    public static let id = ProbeID.signing
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "URL signing: a signed users/self URL works anonymously and a forged one is refused (≤2.45), or the endpoint is gone",
        phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let state = context.server.state(of: .signing)
        let path = context.server.endpoint(.signing)
        guard state != .absent else {
            return [Verdict.skipped(Self.id, "signed URL", "the profile does not describe URL signing (\(context.profileCitation))")]
        }
        guard state.isAccepted else {
            let expectation = context.server.response(.signingAbsent) ?? ResponseExpectation(status: 404)
            let expected = context.cite("POST \(path) → \(expectation.status) (URL signing \(state.rawValue))")
            let exchange = try await context.exchanger.send(
                context.request("POST", path: path, credential: nil, json: ["url": context.exchanger.url(for: context.server.endpoint(.usersSelf))]))
            if exchange.matches(expectation) {
                return [
                    Verdict.pass(
                        Self.id, "endpoint gone", "\(path) answered \(exchange.status)", expected: expected, observed: exchange.summary,
                        evidence: [exchange.record])
                ]
            }
            return [
                context.deviation(
                    Self.id, "endpoint gone", "\(path) answered \(exchange.status) although URL signing is \(state.rawValue)", expected: expected,
                    exchange: exchange, fallback: DiagnosisCatalog.methodStillAccepted, severity: .pass)
            ]
        }
        var outcomes = [try await signedURL(path: path, context: context)]
        outcomes.append(try await forgedSignature(context: context))
        return outcomes
    }

    private func signedURL(path: String, context: ProbeContext) async throws -> Outcome {
        let candidates = await context.managementCredentials()
        guard !candidates.isEmpty else {
            return Verdict.skipped(Self.id, "signed URL", "no working login credential to sign a URL with (see login.password)")
        }
        let target = context.exchanger.url(for: context.server.endpoint(.usersSelf))
        let expected = context.cite("POST \(path) {url} → 200 with a ?sign= URL; GET of that URL without credentials → 200")
        var refusals: [(Credential, Exchange)] = []
        var signed: (exchange: Exchange, url: String, signature: String)?
        for candidate in candidates {
            let sign = try await context.exchanger.send(context.request("POST", path: path, credential: candidate, json: ["url": target]))
            let url = (try? JSONSerialization.jsonObject(with: Data(sign.response.body), options: [.fragmentsAllowed])) as? String
            if sign.status == 200, let url, let signature = Self.signature(in: url) {
                signed = (sign, url, signature)
                break
            }
            refusals.append((candidate, sign))
        }
        guard let signed else {
            let message = "signing a URL failed: " + refusals.map { "\($0.0.label) → \($0.1.status)" }.joined(separator: ", ")
            let records = refusals.map(\.1.record)
            // CVAT's own defect on any attempt decides (an expected failure); a CSRF refusal of the session
            // attempt is session.csrf's finding, and no client signs URLs: advice.
            let decisive = refusals.first { context.knownDefect($0.1) != nil }?.1 ?? refusals[0].1
            if context.knownDefect(decisive) == nil, let csrf = context.classifier.csrfCause(decisive, https: context.isHTTPS) {
                return context.advice(
                    Self.id, "signed URL", message, expected: expected, observed: decisive.summary, diagnosis: csrf, evidence: records)
            }
            return context.deviation(
                Self.id, "signed URL", message, expected: expected, exchange: decisive,
                fallback: DiagnosisCatalog.signingBroken, severity: .pass, evidence: records)
        }
        let (sign, signedURL, signature) = (signed.exchange, signed.url, signed.signature)
        context.redactor.register(signature)
        let use = try await context.exchanger.send(HTTPRequestSpec(path: signedURL, headers: context.apiHeaders))
        if use.status == 200, use.json?["username"] != nil {
            return Verdict.pass(
                Self.id, "signed URL", "a signed URL was issued and accepted anonymously", expected: expected,
                observed: use.summary, evidence: [sign.record, use.record])
        }
        return context.deviation(
            Self.id, "signed URL", "the signed URL was refused with \(use.status)", expected: expected, exchange: use,
            fallback: DiagnosisCatalog.signingBroken, severity: .pass, evidence: [sign.record, use.record])
    }

    /// An anonymous `GET /api/users/self?sign=<random>` must be refused by the signature authenticator.
    private func forgedSignature(context: ProbeContext) async throws -> Outcome {
        let name = "forged signature refused"
        let expectation = context.server.response(.invalidSignature) ?? ResponseExpectation(status: 401)
        let path = context.server.endpoint(.usersSelf)
        let forged = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(32))
        let expected = context.cite(
            "GET \(path)?sign=<forged> without credentials → \(expectation.status)" + (expectation.text.map { " \"\($0)\"" } ?? ""))
        let exchange = try await context.exchanger.send(HTTPRequestSpec(path: "\(path)?sign=\(forged)", headers: context.apiHeaders))
        if exchange.matches(expectation) {
            return Verdict.pass(
                Self.id, name, "a forged signature is refused with \(exchange.status)", expected: expected,
                observed: exchange.summary, evidence: [exchange.record])
        }
        if (200..<300).contains(exchange.status), exchange.json?["username"] != nil {
            return context.fail(
                Self.id, name, "a forged signature was accepted (\(exchange.status))", expected: expected, observed: exchange.summary,
                diagnosis: DiagnosisCatalog.anonymousAllowed, evidence: [exchange.record])
        }
        return context.deviation(
            Self.id, name, "a forged signature answered \(exchange.status), expected \(expectation.status)", expected: expected,
            exchange: exchange, fallback: DiagnosisCatalog.signingBroken, severity: .pass)
    }

    static func signature(in url: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == "sign" }?.value
    }
}
