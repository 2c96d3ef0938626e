import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// `signing`: URL signing (≤2.45): `POST /api/auth/signing` for `/api/users/self`, then the signed URL
/// fetched anonymously; where the profile says removed, the signing endpoint must be gone.
public struct SigningProbe: Probe {
    public static let id = "signing"
    public let descriptor = ProbeDescriptor(id: Self.id, summary: "URL signing: a signed users/self URL works anonymously (≤2.45), or the endpoint is gone", phase: .authenticated)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let state = context.server.state(of: .signing)
        let path = context.server.endpoint(.signing)
        guard state != .absent else { return [Verdict.skipped(Self.id, "signed URL", "the profile does not describe URL signing (\(context.profileCitation))")] }
        guard state.isAccepted else {
            let expectation = context.server.response(.signingAbsent) ?? ResponseExpectation(status: 404)
            let expected = context.cite("POST \(path) → \(expectation.status) (URL signing \(state.rawValue))")
            let exchange = try await context.exchanger.send(context.request("POST", path: path, credential: nil, json: ["url": context.exchanger.url(for: context.server.endpoint(.usersSelf))]))
            if exchange.status == expectation.status {
                return [Verdict.pass(Self.id, "endpoint gone", "\(path) answered \(exchange.status)", expected: expected, observed: exchange.summary, evidence: [exchange.record])]
            }
            return [Verdict.fail(Self.id, "endpoint gone", "\(path) answered \(exchange.status) although URL signing is \(state.rawValue)", expected: expected,
                                 observed: exchange.summary, diagnosis: AnswerClassifier.cause(exchange, fallback: DiagnosisCatalog.methodStillAccepted), evidence: [exchange.record])]
        }
        let candidates = await context.managementCredentials()
        guard !candidates.isEmpty else {
            return [Verdict.skipped(Self.id, "signed URL", "no working login credential to sign a URL with (see login.password)")]
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
            let first = refusals[0].1
            let diagnosis = AnswerClassifier.csrfCause(first, https: context.isHTTPS) ?? AnswerClassifier.cause(first, fallback: DiagnosisCatalog.signingBroken)
            return [Verdict.fail(Self.id, "signed URL", "signing a URL failed: " + refusals.map { "\($0.0.label) → \($0.1.status)" }.joined(separator: ", "),
                                 expected: expected, observed: first.summary, diagnosis: diagnosis, evidence: refusals.map(\.1.record))]
        }
        let (sign, signedURL, signature) = (signed.exchange, signed.url, signed.signature)
        context.redactor.register(signature)
        let use = try await context.exchanger.send(HTTPRequestSpec(path: signedURL, headers: context.apiHeaders))
        if use.status == 200, use.json?["username"] != nil {
            return [Verdict.pass(Self.id, "signed URL", "a signed URL was issued and accepted anonymously", expected: expected,
                                 observed: use.summary, evidence: [sign.record, use.record])]
        }
        return [Verdict.fail(Self.id, "signed URL", "the signed URL was refused with \(use.status)", expected: expected, observed: use.summary,
                             diagnosis: AnswerClassifier.cause(use, fallback: DiagnosisCatalog.signingBroken), evidence: [sign.record, use.record])]
    }

    static func signature(in url: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == "sign" }?.value
    }
}
