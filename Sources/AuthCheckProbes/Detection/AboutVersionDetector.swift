import AuthCheckCore
import AuthCheckHTTP
import Foundation

/// Detects a target's CVAT version: a pinned version wins; otherwise `GET /api/server/about`; when
/// about is blocked or unparseable, fingerprints decide and the outcome says which evidence did:
/// `/api/schema/` `info.version` (exact), then `Authorization: Bearer <junk>` answered "Invalid token."
/// (only CVAT ≥2.48 knows Bearer), `/api/auth/signing` answering 404 (≥2.46), and `logo_url` in an
/// about body without a usable version (≥2.30).
///
/// Every request is anonymous or carries only junk credentials; nothing is written.
public struct AboutVersionDetector: VersionDetector {
    public static let probeID = "about.version"

    public init() {}

    public func detect(target: Target, transport: any HTTPTransport, redactor: Redactor, catalog: ProfileCatalog) async throws -> VersionDetection {
        if let pinned = target.pinnedVersion {
            return VersionDetection(version: pinned, source: "pinned", outcomes: [
                Verdict.pass(Self.probeID, "server version", "version pinned to \(pinned) in the target; /api/server/about was not consulted",
                             facts: ["version_source": "pinned"]),
            ])
        }
        let exchanger = Exchanger(transport: transport, redactor: redactor, baseURL: target.url)
        let headers = [HeaderField("Accept", "application/vnd.cvat+json")]
        let about = try await exchanger.send(HTTPRequestSpec(path: EndpointRole.about.defaultPath, headers: headers))
        if about.status == 200, let json = about.json, let text = json["version"] as? String, let version = CVATVersion(text) {
            return VersionDetection(version: version, source: "about", outcomes: [
                Verdict.pass(Self.probeID, "server version", "server reports \(version) in /api/server/about",
                             observed: about.summary, evidence: [about.record], facts: ["version_source": "about"]),
            ])
        }
        return await fingerprint(about: about, exchanger: exchanger, headers: headers)
    }

    // MARK: - Fingerprints

    private func fingerprint(about: Exchange, exchanger: Exchanger, headers: [HeaderField]) async -> VersionDetection {
        var evidence = [about.record]
        var notes = ["/api/server/about: \(about.summary)"]
        let aboutCause = AnswerClassifier.blockedCause(about)

        func detected(_ version: CVATVersion, _ source: String, _ decided: String) -> VersionDetection {
            let message = "/api/server/about gave no version (\(about.status)); \(decided) decided: CVAT \(version.line) assumed"
            var outcome = Verdict.pass(Self.probeID, "server version", message, observed: notes.joined(separator: "\n"),
                                       evidence: evidence, facts: ["version_source": source])
            outcome.cause = aboutCause.id
            outcome.causeText = aboutCause.cause
            outcome.remedy = aboutCause.remedy
            return VersionDetection(version: version, source: source, outcomes: [outcome])
        }

        // 1. The OpenAPI schema states the exact version.
        if case .success(let schema) = await exchanger.attempt(HTTPRequestSpec(path: EndpointRole.schema.defaultPath + "?format=json", headers: [HeaderField("Accept", "application/vnd.oai.openapi+json, application/json")])) {
            evidence.append(schema.record)
            notes.append("/api/schema/: \(schema.status)")
            if schema.status == 200, let info = schema.json?["info"] as? [String: Any], let text = info["version"] as? String, let version = CVATVersion(text) {
                return detected(version, "fingerprint: /api/schema/ info.version", "the OpenAPI schema's info.version \(version)")
            }
            if schema.status == 200, let components = schema.json?["components"] as? [String: Any],
               let schemes = components["securitySchemes"] as? [String: Any] {
                if schemes["accessTokenAuth"] != nil {
                    return detected(CVATVersion(2, 48, 0), "fingerprint: /api/schema/ accessTokenAuth", "the schema's accessTokenAuth security scheme (≥2.48)")
                }
                if schemes["signatureAuth"] == nil, schemes["csrfHeaderAuth"] != nil {
                    return detected(CVATVersion(2, 46, 0), "fingerprint: /api/schema/ security schemes", "the schema's security schemes without signatureAuth (2.46–2.47)")
                }
            }
        }
        // 2. Bearer junk: "Invalid token." only where Bearer is known (≥2.48).
        var bearerKnown: Bool?
        if case .success(let bearer) = await exchanger.attempt(HTTPRequestSpec(path: EndpointRole.usersSelf.defaultPath, headers: headers + [HeaderField("Authorization", "Bearer cvat-authcheck-not-a-token")])) {
            evidence.append(bearer.record)
            notes.append("Bearer junk on /api/users/self: \(bearer.summary)")
            if bearer.status == 401 {
                bearerKnown = (bearer.detail ?? "").contains("Invalid token")
            }
        }
        if bearerKnown == true {
            return detected(CVATVersion(2, 48, 0), "fingerprint: Bearer junk → 401 Invalid token", "a junk Bearer token answered 401 \"Invalid token.\" (Bearer is known from 2.48)")
        }
        // 3. /api/auth/signing exists up to 2.45.
        var signingGone: Bool?
        if case .success(let signing) = await exchanger.attempt(HTTPRequestSpec(path: EndpointRole.signing.defaultPath, headers: headers)) {
            evidence.append(signing.record)
            notes.append("/api/auth/signing: \(signing.summary)")
            if signing.status == 404 { signingGone = true } else if [401, 403, 405].contains(signing.status) { signingGone = false }
        }
        if signingGone == true, bearerKnown == false {
            return detected(CVATVersion(2, 46, 0), "fingerprint: /api/auth/signing 404, Bearer unknown", "/api/auth/signing answering 404 (removed in 2.46) with Bearer unknown (<2.48)")
        }
        // 4. logo_url in an about body without a usable version.
        let hasLogo = about.json?["logo_url"] != nil
        if signingGone == false {
            let version = hasLogo ? CVATVersion(2, 30, 0) : CVATVersion(2, 24, 0)
            let why = hasLogo ? "/api/auth/signing present (≤2.45) and logo_url in about (≥2.30)" : "/api/auth/signing present (≤2.45); the oldest line of that range"
            return detected(version, "fingerprint: /api/auth/signing present", why)
        }
        if hasLogo, bearerKnown == false {
            return detected(CVATVersion(2, 30, 0), "fingerprint: logo_url in about", "logo_url in the about body (≥2.30) with Bearer unknown (<2.48)")
        }
        let outcome = Verdict.error(
            Self.probeID, "server version",
            "cannot determine the CVAT version: /api/server/about answered \(about.status) and no fingerprint decided; pin it with `version:` in the targets file",
            observed: notes.joined(separator: "\n"), diagnosis: aboutCause, evidence: evidence)
        return VersionDetection(version: nil, source: "unknown", outcomes: [outcome])
    }
}
