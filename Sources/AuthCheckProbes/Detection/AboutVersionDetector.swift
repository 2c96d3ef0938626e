import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// Detects a target's CVAT version: a pinned version wins; otherwise `GET /api/server/about`; when
/// about is blocked or unparseable, fingerprints decide and the outcome says which evidence did:
/// `/api/schema/` `info.version` (exact), then `Authorization: Bearer <junk>` answered "Invalid token."
/// (only CVAT ≥2.48 knows Bearer), `/api/auth/signing` answering 404 (≥2.46), and `logo_url` in an
/// about body without a usable version (≥2.30).
///
/// Every request is anonymous or carries only junk credentials; nothing is written.
public struct AboutVersionDetector: VersionDetector {
    public static let probeID = ProbeID.aboutVersion
    public var probeID: String { Self.probeID }
    public var reportedIDs: Set<String> { [ProbeID.aboutVersion, ProbeID.matrixStale] }

    public init() {}

    /// The name of the coverage case. It never carries the version (that is in the message, the facts
    /// and the suite): JUnit consumers and the night-over-night diff track a case by its name, and an
    /// upgrade must not rename it.
    public static let coverageCaseName = "profile covers the server"

    public func coverage(of version: CVATVersion, resolution: ProfileResolver.Resolution?, catalog: ProfileCatalog) -> Outcome {
        let name = Self.coverageCaseName
        let facts = ["server_version": version.description]
        guard let resolution else {
            let oldest = catalog.servers.first.map { "\($0.profile.versions)" } ?? "none loaded"
            return Outcome(
                probe: ProbeID.matrixStale, name: name, status: .error,
                message: "no profile covers server \(version) (oldest: \(oldest)); CVAT before \(ProfileCatalog.oldestSupported) is not supported",
                facts: facts)
        }
        let profile = resolution.profile
        if resolution.isStale {
            return Outcome(
                probe: ProbeID.matrixStale, name: name, status: .fail,
                message: "matrix is stale: server \(version), newest profile \(profile.profile.id) (\(profile.profile.versions))",
                expected: "a profile whose range contains \(version)",
                observed:
                    "the newest profile is \(profile.profile.id) (\(profile.profile.versions), \(profile.reference.file)); its expectations were used",
                cause: "matrix-stale", causeText: "CVAT \(version) is newer than every profile the tool knows",
                remedy:
                    "draft a profile for \(version.line) from this server with `cvat-authcheck profiles draft --target URL` "
                    + "(docs/PROFILES.md, \"Adding a release\"), or layer one over the built-in profiles",
                facts: facts)
        }
        return Outcome(
            probe: ProbeID.matrixStale, name: name, status: .pass,
            message: "server \(version) resolves to \(profile.profile.id) (\(profile.reference.file))", facts: facts)
    }

    /// ``coverage(of:resolution:catalog:)`` with a stale matrix's remedy naming the `profiles draft`
    /// command for this target.
    public func coverage(of version: CVATVersion, resolution: ProfileResolver.Resolution?, catalog: ProfileCatalog, target: Target) -> Outcome {
        var outcome = coverage(of: version, resolution: resolution, catalog: catalog)
        if resolution?.isStale == true, outcome.status == .fail { outcome.remedy = DraftCommandLine.remedy(for: target, version: version) }
        return outcome
    }

    public func detect(target: Target, transport: any HTTPTransport, redactor: Redactor, catalog: ProfileCatalog) async throws -> VersionDetection {
        if let pinned = target.pinnedVersion {
            return VersionDetection(
                version: pinned, source: "pinned",
                outcomes: [
                    Verdict.pass(
                        Self.probeID, "server version", "version pinned to \(pinned) in the target; /api/server/about was not consulted",
                        facts: ["version_source": "pinned"])
                ])
        }
        let exchanger = Exchanger(transport: transport, redactor: redactor, baseURL: target.url)
        let headers = [HeaderField("Accept", "application/vnd.cvat+json")]
        let about = try await exchanger.send(HTTPRequestSpec(path: EndpointRole.about.defaultPath, headers: headers))
        if let version = Self.version(in: about) {
            return VersionDetection(
                version: version, source: "about",
                outcomes: [
                    Verdict.pass(
                        Self.probeID, "server version", "server reports \(version) in /api/server/about",
                        observed: about.summary, evidence: [about.record], facts: ["version_source": "about"])
                ])
        }
        if let https = AnswerClassifier.httpsUpgrade(of: target.url, answer: about) {
            return try await redirected(to: https, about: about, target: target, transport: transport, redactor: redactor, headers: headers)
        }
        if about.status == 400, about.response.text.contains("The plain HTTP request was sent to HTTPS port") {
            var https = URLComponents(url: target.url, resolvingAgainstBaseURL: false)
            https?.scheme = "https"
            return VersionDetection(
                version: nil, source: "unknown",
                outcomes: [
                    Self.wrongURL(
                        DiagnosisCatalog.httpToHTTPSPort, fix: https?.url.map { "use \($0.absoluteString) as the target URL" },
                        message: "the target speaks plain http to a TLS port", about: about)
                ])
        }
        return await fingerprint(about: about, exchanger: exchanger, headers: headers, target: target, catalog: catalog)
    }

    static func version(in about: Exchange) -> CVATVersion? {
        guard about.status == 200, let json = about.json, let text = json["version"] as? String else { return nil }
        return CVATVersion(text)
    }

    /// An `error` outcome for a target URL that does not lead to CVAT, with a one-line fix.
    static func wrongURL(
        _ diagnosis: Diagnosis, fix: String?, message: String, about: Exchange, evidence: [ExchangeRecord]? = nil, notes: String? = nil
    ) -> Outcome {
        Outcome(
            probe: probeID, name: "server version", status: .error,
            message: "cannot check: \(message) (/api/server/about answered \(about.status))",
            expected: "GET /api/server/about → 200 with CVAT's JSON", observed: notes ?? about.summary, cause: diagnosis.id,
            causeText: diagnosis.cause, remedy: fix.map { "\($0) — \(diagnosis.remedy)" } ?? diagnosis.remedy,
            evidence: evidence ?? [about.record], facts: ["version_source": "unknown"])
    }

    // MARK: - http → https

    /// The target's http URL redirects to https: read the version there anonymously (no credential ever
    /// follows a redirect) and say what the redirect means for clients.
    private func redirected(
        to https: URL, about: Exchange, target: Target, transport: any HTTPTransport, redactor: Redactor,
        headers: [HeaderField]
    ) async throws -> VersionDetection {
        let secure = Exchanger(transport: transport, redactor: redactor, baseURL: https)
        let there = try await secure.send(HTTPRequestSpec(path: secure.url(for: EndpointRole.about.defaultPath), headers: headers))
        let version = Self.version(in: there)
        let diagnosis = DiagnosisCatalog.httpRedirectsToHTTPS
        let httpsText = https.absoluteString
        let what =
            "\(target.url.absoluteString) answers \(about.status) with a redirect to \(httpsText): clients must use \(httpsText); "
            + "cvat-sdk and cvat-cli given the http URL follow the redirect, send the password over plain http first, lose Authorization and Cookie on the change of scheme and fail with 401"
        let status: OutcomeStatus = target.followHTTPSRedirect ? .pass : .fail
        let message =
            (status == .pass ? "advice: " : "") + what
            + (target.followHTTPSRedirect ? "; the checks below ran against \(httpsText)" : "")
            + (version.map { "; the server there reports \($0)" } ?? "")
        let remedy =
            target.followHTTPSRedirect
            ? "give clients \(httpsText), not the http URL"
            : "give clients (and this target) \(httpsText); to check that URL in the same run, set `follow_https_redirect: true` on the target"
        let outcome = Outcome(
            probe: Self.probeID, name: "server version", status: version == nil ? .error : status, message: message,
            expected: "GET /api/server/about at the target URL → 200 with CVAT's JSON", observed: about.summary + "\n" + there.summary,
            cause: diagnosis.id, causeText: diagnosis.cause, remedy: remedy, evidence: [about.record, there.record],
            facts: ["version_source": "about at \(httpsText)", "https_url": httpsText])
        return VersionDetection(version: version, source: version == nil ? "unknown" : "about at \(httpsText)", outcomes: [outcome], movedTo: https)
    }

    // MARK: - Fingerprints

    /// The oldest profile whose `schema.security_schemes` equal `schemes`, with the first release it covers.
    static func oldestLine(withSchemes schemes: Set<String>, in catalog: ProfileCatalog) -> (version: CVATVersion, profile: String)? {
        for resolved in catalog.servers {
            guard let listed = resolved.profile.schema?.securitySchemes, Set(listed) == schemes,
                let lower = resolved.profile.versions.lowerBound?.version
            else { continue }
            return (lower, resolved.profile.id)
        }
        return nil
    }

    private func fingerprint(
        about: Exchange, exchanger: Exchanger, headers: [HeaderField], target: Target, catalog: ProfileCatalog
    ) async -> VersionDetection {
        var evidence = [about.record]
        var notes = ["/api/server/about: \(about.summary)"]
        let found = AnswerClassifier(profile: nil, targetURL: target.url).finding(about)?.diagnosis
        let aboutCause = found == nil || found == DiagnosisCatalog.proxyBlocked ? DiagnosisCatalog.aboutBlocked : found!

        func detected(_ version: CVATVersion, _ source: String, _ decided: String) -> VersionDetection {
            let message = "/api/server/about gave no version (\(about.status)); \(decided) decided: CVAT \(version.line) assumed"
            var outcome = Verdict.pass(
                Self.probeID, "server version", message, observed: notes.joined(separator: "\n"),
                evidence: evidence, facts: ["version_source": source])
            outcome.cause = aboutCause.id
            outcome.causeText = aboutCause.cause
            outcome.remedy = aboutCause.remedy
            return VersionDetection(version: version, source: source, outcomes: [outcome])
        }

        // 1. The OpenAPI schema states the exact version.
        if case .success(let schema) = await exchanger.attempt(
            HTTPRequestSpec(
                path: EndpointRole.schema.defaultPath + "?format=json",
                headers: [HeaderField("Accept", "application/vnd.oai.openapi+json, application/json")]))
        {
            evidence.append(schema.record)
            notes.append("/api/schema/: \(schema.status)")
            if schema.status == 200, let info = schema.json?["info"] as? [String: Any], let text = info["version"] as? String,
                let version = CVATVersion(text)
            {
                return detected(version, "fingerprint: /api/schema/ info.version", "the OpenAPI schema's info.version \(version)")
            }
            if schema.status == 200, let components = schema.json?["components"] as? [String: Any],
                let schemes = components["securitySchemes"] as? [String: Any],
                let line = Self.oldestLine(withSchemes: Set(schemes.keys), in: catalog)
            {
                return detected(
                    line.version, "fingerprint: /api/schema/ security schemes",
                    "the schema's security schemes (\(schemes.keys.sorted().joined(separator: ", "))), first listed by profile \(line.profile) (≥\(line.version.line))"
                )
            }
        }
        // 2. Bearer junk: "Invalid token." only where Bearer is known (≥2.48).
        var bearerKnown: Bool?
        if case .success(let bearer) = await exchanger.attempt(
            HTTPRequestSpec(
                path: EndpointRole.usersSelf.defaultPath, headers: headers + [HeaderField("Authorization", "Bearer cvat-authcheck-not-a-token")]))
        {
            evidence.append(bearer.record)
            notes.append("Bearer junk on /api/users/self: \(bearer.summary)")
            if bearer.status == 401 {
                bearerKnown = (bearer.detail ?? "").contains("Invalid token")
            }
        }
        if bearerKnown == true {
            return detected(
                CVATVersion(2, 48, 0), "fingerprint: Bearer junk → 401 Invalid token",
                "a junk Bearer token answered 401 \"Invalid token.\" (Bearer is known from 2.48)")
        }
        // 3. /api/auth/signing exists up to 2.45.
        var signingGone: Bool?
        if case .success(let signing) = await exchanger.attempt(HTTPRequestSpec(path: EndpointRole.signing.defaultPath, headers: headers)) {
            evidence.append(signing.record)
            notes.append("/api/auth/signing: \(signing.summary)")
            if signing.status == 404 { signingGone = true } else if [401, 403, 405].contains(signing.status) { signingGone = false }
        }
        if signingGone == true, bearerKnown == false {
            return detected(
                CVATVersion(2, 46, 0), "fingerprint: /api/auth/signing 404, Bearer unknown",
                "/api/auth/signing answering 404 (removed in 2.46) with Bearer unknown (<2.48)")
        }
        // 4. logo_url in an about body without a usable version.
        let hasLogo = about.json?["logo_url"] != nil
        if signingGone == false {
            let version = hasLogo ? CVATVersion(2, 30, 0) : CVATVersion(2, 24, 0)
            let why =
                hasLogo
                ? "/api/auth/signing present (≤2.45) and logo_url in about (≥2.30)"
                : "/api/auth/signing present (≤2.45); the oldest line of that range"
            return detected(version, "fingerprint: /api/auth/signing present", why)
        }
        if hasLogo, bearerKnown == false {
            return detected(CVATVersion(2, 30, 0), "fingerprint: logo_url in about", "logo_url in the about body (≥2.30) with Bearer unknown (<2.48)")
        }
        if about.status == 404, about.isHTML {
            var root = URLComponents(url: target.url, resolvingAgainstBaseURL: false)
            root?.path = "/"
            let fix = target.url.path.isEmpty || target.url.path == "/" ? nil : root?.url.map { "use \($0.absoluteString) as the target URL" }
            let outcome = Self.wrongURL(
                DiagnosisCatalog.notCVATPath, fix: fix, message: "no CVAT answers under this URL's path: GET \(about.record.url)", about: about,
                evidence: evidence, notes: notes.joined(separator: "\n"))
            return VersionDetection(version: nil, source: "unknown", outcomes: [outcome])
        }
        let outcome = Outcome(
            probe: Self.probeID, name: "server version", status: .error,
            message:
                "cannot determine the CVAT version: /api/server/about answered \(about.status) and no fingerprint decided; pin it with --server-version X.Y.Z (targets file: `version:`)",
            observed: notes.joined(separator: "\n"), cause: aboutCause.id, causeText: aboutCause.cause, remedy: aboutCause.remedy, evidence: evidence)
        return VersionDetection(version: nil, source: "unknown", outcomes: [outcome])
    }
}
