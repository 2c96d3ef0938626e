import Foundation

/// The fixed facts an engine runs with, derived from an ``EmulatorConfiguration``.
struct EngineSettings: Sendable {
    let line: ReleaseLine
    /// The version `/api/server/about` and the schema report (with `.dev…` under `dev-version`).
    let reportedVersion: String
    let faults: Set<EmulatorFault>
    let emailVerificationMandatory: Bool
    /// The emulator itself serves TLS (a TLS front in front of CVAT).
    let servesTLS: Bool
    /// Django believes every request is https: a correct TLS front (`X-Forwarded-Proto $scheme`).
    let djangoSeesTLS: Bool
    let role: EmulatorRole
    let organization: EmulatorOrganization?
    let cookies: CookieWriter
    /// Requests per minute of the anonymous throttle (DRF `anon: 100/minute`).
    let anonymousRatePerMinute = 100

    init(configuration: EmulatorConfiguration, startedAt: Date) throws(EmulatorError) {
        guard let version = ReleaseVersion(configuration.version),
            let line = ReleaseLine.line(for: version)
        else { throw .unsupportedVersion(configuration.version) }
        self.line = line
        faults = Set(configuration.faults)
        if let needing = configuration.faults.first(where: \.needsTLS), configuration.tls == nil {
            throw .invalidConfiguration("the fault \(needing) needs TLS: give a certificate and key (tls)")
        }
        try configuration.cookieSettings.validate()
        if let organization = configuration.organization, organization.slug.isEmpty {
            throw .invalidConfiguration("the organization slug is empty")
        }
        reportedVersion =
            faults.contains(.devVersion)
            ? "\(version.major).\(version.minor).\(version.patch).dev\(HTTPDate.compact(startedAt))"
            : configuration.version
        emailVerificationMandatory = configuration.emailVerificationMandatory
        servesTLS = configuration.tls != nil
        djangoSeesTLS = servesTLS && !faults.contains(.tlsNoForwardedProto)
        role = configuration.role
        organization = configuration.organization
        cookies = CookieWriter(settings: configuration.cookieSettings)
    }

    var slowMilliseconds: Int? {
        faults.lazy.compactMap { if case .slow(let ms) = $0 { ms } else { nil } }.max()
    }

    var proxyRateLimit: Int? {
        faults.lazy.compactMap { if case .rateLimit(let n) = $0 { n } else { nil } }.min()
    }

    /// The status of the `html-errors` fault's page, if that fault is on.
    var htmlErrorStatus: Int? {
        faults.lazy.compactMap { if case .htmlErrors(let status) = $0 { status } else { nil } }.first
    }
}
