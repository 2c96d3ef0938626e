import Logging

/// What the runner logs about each target (swift-log; the front end decides where it goes): `info`
/// when a check starts and ends, with the server version, the profile and the counts; `warning`
/// when a target could not be checked at all (no version detected: refused, DNS, TLS, a timeout).
/// Every text is redacted; requests themselves are logged by the transport layer.
extension Runner {
    /// The metadata of every line about `target`: its name and, when not the native client, the backend.
    func logMetadata(target: String, backend: BackendSpec) -> Logger.Metadata {
        backend.isNative ? ["target": "\(target)"] : ["target": "\(target)", "backend": "\(backend)"]
    }

    func logStart(_ target: Target, backend: BackendSpec) {
        logger.info(
            "checking \(redactor.redact(target.url.absoluteString))\(backend.isNative ? "" : " through \(backend)")",
            metadata: logMetadata(target: target.name, backend: backend))
    }

    func logFinish(_ suite: SuiteRecord) {
        let metadata = logMetadata(target: suite.target, backend: suite.backend)
        let counts = suite.counts
        let verdict = counts[.fail] != nil ? "FAIL" : (counts[.error] != nil ? "ERROR" : "PASS")
        let tally = OutcomeStatus.allCases.map { "\(counts[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
        let seconds = (suite.duration * 100).rounded() / 100
        guard let version = suite.serverVersion else {
            let reason = suite.outcomes.first { $0.probe == registry.detector.probeID && $0.status == .error }?.message ?? "no version"
            logger.warning("not checked: the server version could not be detected: \(reason) (\(tally), \(seconds) s)", metadata: metadata)
            return
        }
        let source = suite.versionSource.map { " (from \($0))" } ?? ""
        let profile = suite.profile.map { "profile \($0.id)" } ?? "no profile"
        logger.info("CVAT \(version)\(source), \(profile): \(verdict) — \(tally) in \(seconds) s", metadata: metadata)
    }
}
