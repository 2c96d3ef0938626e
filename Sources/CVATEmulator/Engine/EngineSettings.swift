import Foundation

/// The fixed facts an engine runs with, derived from an ``EmulatorConfiguration``.
struct EngineSettings: Sendable {
    let line: ReleaseLine
    /// The version `/api/server/about` and the schema report (with `.dev…` under `dev-version`).
    let reportedVersion: String
    let faults: Set<EmulatorFault>
    let emailVerificationMandatory: Bool
    let servesTLS: Bool
    /// Requests per minute of the anonymous throttle (DRF `anon: 100/minute`).
    let anonymousRatePerMinute = 100

    init(configuration: EmulatorConfiguration, startedAt: Date) throws(EmulatorError) {
        guard let version = ReleaseVersion(configuration.version),
              let line = ReleaseLine.line(for: version)
        else { throw .unsupportedVersion(configuration.version) }
        self.line = line
        faults = Set(configuration.faults)
        reportedVersion = faults.contains(.devVersion)
            ? "\(version.major).\(version.minor).\(version.patch).dev\(HTTPDate.compact(startedAt))"
            : configuration.version
        emailVerificationMandatory = configuration.emailVerificationMandatory
        servesTLS = configuration.tls != nil
    }

    var slowMilliseconds: Int? {
        faults.lazy.compactMap { if case .slow(let ms) = $0 { ms } else { nil } }.max()
    }

    var proxyRateLimit: Int? {
        faults.lazy.compactMap { if case .rateLimit(let n) = $0 { n } else { nil } }.min()
    }
}
