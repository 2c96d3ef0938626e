import Foundation
import Logging

/// Runs the plan: targets concurrently (bounded), probes within a target in phase order, every
/// request under a timeout and every target under a deadline; unfinished work becomes `error`
/// outcomes, never a hang. Cleanups (token revocation) run even when a probe fails or the run is interrupted.
public struct Runner: Sendable {
    /// Makes the transport for one target (TLS options, timeouts). Throws for unusable options (unreadable CA file).
    public typealias TransportFactory = @Sendable (Target, RunOptions, Redactor) throws -> any HTTPTransport

    public let registry: ProbeRegistry
    public let catalog: ProfileCatalog
    public let options: RunOptions
    public let redactor: Redactor
    public let environment: [String: String]
    public let makeTransport: TransportFactory
    /// Where the runner logs (targets started and finished, targets it could not check); default: nowhere.
    public let logger: Logger
    /// Receives each target's suites as soon as the target is done, and says what the record keeps of
    /// them (a spool keeps the complete suites on disk so the record can drop their exchanges); optional.
    public let sink: (any SuiteSink)?
    /// The client stacks every target is checked through, in order (one suite per target × backend).
    /// Default: only ``Backend/native``. A target's backends run one after another, never at once,
    /// because they share the probe account (a logout deletes its legacy token).
    public let backends: [Backend]
    /// Applied to each target's suites once all its backends are done (e.g. the prediction check).
    public let analyses: [any SuiteAnalysis]
    /// This run's id (8 lowercase hex digits), given to every probe (``ProbeContext/runID``): what the
    /// run leaves on a server carries it, so a later run can tell its own leftovers from another run's.
    public let runID: String
    /// Told when the run, each suite and each probe starts and when each suite is done (progress); optional.
    public let observer: RunObserver?

    public init(
        registry: ProbeRegistry, catalog: ProfileCatalog, options: RunOptions, redactor: Redactor,
        environment: [String: String], makeTransport: @escaping TransportFactory,
        logger: Logger = Logger(label: "cvat-authcheck", factory: { _ in SwiftLogNoOpLogHandler() }),
        sink: (any SuiteSink)? = nil, backends: [Backend] = [.native], analyses: [any SuiteAnalysis] = [], runID: String = Runner.newRunID(),
        observer: RunObserver? = nil
    ) {
        self.registry = registry
        self.catalog = catalog
        self.options = options
        self.redactor = redactor
        self.environment = environment
        self.makeTransport = makeTransport
        self.logger = logger
        self.sink = sink
        self.backends = backends.isEmpty ? [.native] : backends
        self.analyses = analyses
        self.runID = runID
        self.observer = observer
    }

    /// A fresh random run id: 8 lowercase hex digits.
    public static func newRunID() -> String {
        String(UInt32.random(in: 0...UInt32.max), radix: 16).leftPadded(to: 8)
    }

    /// Runs every target and returns the record. Cancelling the calling task (SIGINT) finishes early with
    /// `interrupted` outcomes for whatever did not complete.
    public func run(_ targets: [Target]) async -> RunRecord {
        let started = Date()
        let limit = max(1, options.concurrency)
        var suites = [[SuiteRecord]?](repeating: nil, count: targets.count)
        observer?(.runStarted(suites: targets.count * backends.count))
        await withTaskGroup(of: (Int, [SuiteRecord]).self) { group in
            var next = 0
            func launch(_ index: Int) {
                group.addTask {
                    var done: [SuiteRecord] = []
                    for backend in self.backends {
                        self.observer?(.suiteStarted(target: targets[index].name, backend: backend.spec))
                        self.logStart(targets[index], backend: backend.spec)
                        done.append(await self.check(targets[index], backend: backend))
                    }
                    for analysis in self.analyses { done = analysis.analyse(done) }
                    for suite in done {
                        self.logFinish(suite)
                        self.observer?(.suiteFinished(suite))
                    }
                    if let sink = self.sink {
                        for offset in done.indices {
                            done[offset] = await sink.take(done[offset], at: index * self.backends.count + offset)
                        }
                    }
                    return (index, done)
                }
            }
            while next < min(limit, targets.count) {
                launch(next)
                next += 1
            }
            while let (index, done) = await group.next() {
                suites[index] = done
                if next < targets.count {
                    launch(next)
                    next += 1
                }
            }
        }
        let finished = Date()
        return RunRecord(
            toolVersion: options.toolVersion, startedAt: started, finishedAt: finished, interrupted: Task.isCancelled,
            suites: suites.enumerated().flatMap { index, done in
                done ?? backends.map { interruptedSuite(targets[index], started: finished, backend: $0) }
            })
    }

    /// The probes selected for a run, in order.
    public var plannedProbes: [any Probe] { registry.probes.filter { options.selects($0.descriptor.id) } }

    /// The probes selected for one backend, in phase order.
    public func plannedProbes(for backend: Backend) -> [any Probe] {
        guard let own = backend.probes else { return plannedProbes }
        return ProbeRegistry(probes: own, detector: registry.detector).probes.filter { options.selects($0.descriptor.id) }
    }

    // MARK: - One target

    func check(_ target: Target, backend: Backend = .native) async -> SuiteRecord {
        let clock = ContinuousClock()
        let start = clock.now
        let started = Date()
        let deadline = start + .milliseconds(Int64(options.targetDeadline * 1000))
        var suite = SuiteRecord(
            target: target.name, url: target.url.absoluteString, hostname: target.hostname, startedAt: started,
            insecureTLSFlag: target.tls.insecure, tags: target.tags, organization: target.organization)
        suite.backend = backend.spec
        var usedTransport: (any HTTPTransport)?
        func finish(_ outcomes: [Outcome]) -> SuiteRecord {
            suite.outcomes = outcomes.map(redacted)
            suite.retries = usedTransport?.retriesSpent ?? 0
            suite.duration = Self.seconds(clock.now - start)
            return suite
        }
        let planned = plannedProbes(for: backend)
        if Task.isCancelled { return finish(interrupted(planned, detection: true)) }

        let credentials: ResolvedCredentials
        let transport: any HTTPTransport
        do {
            credentials = try ResolvedCredentials.resolve(target.credentials, environment: environment, redactor: redactor)
            transport = try makeTransport(target, options, redactor)
            usedTransport = transport
        } catch {
            let message = redactor.redact("\(error)")
            return finish(
                ([Outcome(probe: registry.detector.probeID, name: "server version", status: .error, message: message)]
                    + planned.map { Outcome(probe: $0.descriptor.id, name: $0.descriptor.id, status: .error, message: "not run: \(message)") }))
        }
        defer { Task { await transport.shutdown() } }

        var outcomes: [Outcome] = []
        // 1. Version detection.
        observer?(.probeStarted(target: target.name, backend: backend.spec, probe: registry.detector.probeID))
        let detection: VersionDetection
        do {
            detection = try await Self.withDeadline(deadline) {
                try await self.registry.detector.detect(target: target, transport: transport, redactor: self.redactor, catalog: self.catalog)
            }
        } catch {
            if Task.isCancelled { return finish(outcomes + interrupted(planned, detection: true)) }
            let reason = Self.describe(error, deadline: options.targetDeadline)
            outcomes.append(
                Outcome(probe: registry.detector.probeID, name: "server version", status: .error, message: reason.message, cause: reason.cause))
            return finish(outcomes + planned.map { notRun($0, reason: reason.message) })
        }
        outcomes += detection.outcomes
        suite.versionSource = detection.source
        // The URL redirects to https: check there when the target allows it; otherwise only the analysis
        // probes run (they say what the redirect means for clients).
        var checked = target
        var checkedTransport = transport
        var analysisOnly = false
        if let moved = detection.movedTo {
            if target.followHTTPSRedirect {
                checked.url = moved
                suite.properties["checked_url"] = moved.absoluteString
                do {
                    checkedTransport = try makeTransport(checked, options, redactor)
                    usedTransport = checkedTransport
                } catch {
                    let message = redactor.redact("\(error)")
                    return finish(outcomes + planned.map { notRun($0, reason: message) })
                }
            } else {
                analysisOnly = true
            }
        }
        guard let version = detection.version else {
            return finish(outcomes + planned.map { notRun($0, reason: "the server version is unknown, so no profile applies") })
        }
        suite.serverVersion = version.description

        // 2. Profile resolution.
        let resolution = ProfileResolver(catalog: catalog).resolve(version)
        outcomes.append(registry.detector.coverage(of: version, resolution: resolution, catalog: catalog, target: checked))
        guard let resolution else {
            return finish(outcomes + planned.map { notRun($0, reason: "no profile for server \(version)") })
        }
        suite.profile = resolution.profile.reference

        // 3. Probes in phase order.
        let state = TargetState()
        await state.record(outcomes)
        let context = ProbeContext(
            target: checked, credentials: credentials, serverVersion: version, profile: resolution.profile, clients: catalog.clients,
            transport: checkedTransport, redactor: redactor, state: state, logger: logger, options: options, runID: runID)
        for probe in planned {
            let descriptor = probe.descriptor
            let result: [Outcome]
            if Task.isCancelled {
                result = [Outcome(probe: descriptor.id, name: descriptor.id, status: .error, message: "interrupted", cause: "interrupted")]
            } else if clock.now >= deadline {
                result = [
                    Outcome(
                        probe: descriptor.id, name: descriptor.id, status: .error,
                        message: "not run: target deadline of \(DeadlineExceeded.format(options.targetDeadline)) s exceeded", cause: "deadline")
                ]
            } else if analysisOnly && descriptor.phase != .analysis {
                result = [
                    Outcome(
                        probe: descriptor.id, name: descriptor.id, status: .skipped,
                        message: "not run: the target URL redirects to https (see \(registry.detector.probeID)); check the https URL to run it")
                ]
            } else if let reason = resolution.profile.profile.skip[descriptor.id] {
                result = [
                    Outcome(
                        probe: descriptor.id, name: descriptor.id, status: .skipped,
                        message: "not applicable to CVAT \(version): \(reason) (\(context.profileCitation))")
                ]
            } else if descriptor.needsCredentials && !credentials.hasPassword && credentials.accessToken == nil {
                result = [
                    Outcome(
                        probe: descriptor.id, name: descriptor.id, status: .skipped,
                        message: "no credentials configured for \(target.name) (name a user and a password, or an access token, in its credentials)")
                ]
            } else {
                observer?(.probeStarted(target: target.name, backend: backend.spec, probe: descriptor.id))
                let probeStart = clock.now
                do {
                    var produced = try await Self.withDeadline(deadline) { try await probe.run(in: context) }
                    if produced.isEmpty {
                        produced = [Outcome(probe: descriptor.id, name: descriptor.id, status: .skipped, message: "the probe had nothing to check")]
                    }
                    let elapsed = Self.seconds(clock.now - probeStart) / Double(produced.count)
                    result = produced.map { outcome in
                        var outcome = outcome
                        if outcome.duration == 0 { outcome.duration = elapsed }
                        return outcome
                    }
                } catch {
                    // A request cut short by the run's cancellation (SIGINT, SIGTERM) is an interruption,
                    // whatever error the transport made of it.
                    let reason =
                        Task.isCancelled ? (message: "interrupted", cause: "interrupted") : Self.describe(error, deadline: options.targetDeadline)
                    result = [
                        Outcome(
                            probe: descriptor.id, name: descriptor.id, status: .error, message: reason.message, cause: reason.cause,
                            duration: Self.seconds(clock.now - probeStart))
                    ]
                }
            }
            outcomes += result
            await state.record(result)
        }
        // 4. Cleanups run to completion even if the run was cancelled or the deadline passed: an
        // unstructured task does not inherit the cancellation, so their requests are not cut short.
        // What a cleanup could not undo joins the outcomes.
        let cleanups = await state.takeCleanups()
        if !cleanups.isEmpty {
            let reported = await Task {
                var reported: [Outcome] = []
                for cleanup in cleanups { reported += await cleanup() }
                return reported
            }.value
            outcomes += reported
        }
        if checked.url != target.url {
            let secure = checkedTransport
            Task { await secure.shutdown() }
        }
        if target.tls.insecure {
            outcomes = outcomes.map {
                var o = $0
                o.facts["tls"] = "verification disabled (tls.insecure)"
                return o
            }
        }
        return finish(outcomes)
    }

    private func notRun(_ probe: any Probe, reason: String) -> Outcome {
        Outcome(probe: probe.descriptor.id, name: probe.descriptor.id, status: .error, message: "not run: \(reason)")
    }

    private func interrupted(_ planned: [any Probe], detection: Bool) -> [Outcome] {
        (detection
            ? [Outcome(probe: registry.detector.probeID, name: "server version", status: .error, message: "interrupted", cause: "interrupted")] : [])
            + planned.map { Outcome(probe: $0.descriptor.id, name: $0.descriptor.id, status: .error, message: "interrupted", cause: "interrupted") }
    }

    func interruptedSuite(_ target: Target, started: Date, backend: Backend = .native) -> SuiteRecord {
        var suite = SuiteRecord(
            target: target.name, url: target.url.absoluteString, hostname: target.hostname, startedAt: started,
            insecureTLSFlag: target.tls.insecure, tags: target.tags, organization: target.organization)
        suite.backend = backend.spec
        suite.outcomes = interrupted(plannedProbes(for: backend), detection: true)
        return suite
    }

    private func redacted(_ outcome: Outcome) -> Outcome {
        var o = outcome
        o.message = redactor.redact(o.message)
        o.expected = redactor.redact(o.expected)
        o.observed = redactor.redact(o.observed)
        o.causeText = redactor.redact(o.causeText)
        o.remedy = redactor.redact(o.remedy)
        o.facts = o.facts.mapValues { redactor.redact($0) }
        o.evidence = o.evidence.map { e in
            var e = e
            e.url = redactor.redact(e.url)
            e.requestHeaders = e.requestHeaders.map { HeaderField($0.name, redactor.redact($0.value)) }
            e.responseHeaders = e.responseHeaders.map { HeaderField($0.name, redactor.redact($0.value)) }
            e.requestBody = redactor.redact(e.requestBody)
            e.responseBody = redactor.redact(e.responseBody)
            e.error = redactor.redact(e.error)
            return e
        }
        return o
    }

    // MARK: - Deadlines

    /// Thrown when a target's deadline passes.
    public struct DeadlineExceeded: CategorizedError {
        public var seconds: Double
        public var category: String { "deadline" }
        public var description: String { "target deadline of \(Self.format(seconds)) s exceeded" }
        static func format(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
    }

    static func withDeadline<T: Sendable>(
        _ deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw DeadlineExceeded(seconds: 0)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    private static func describe(_ error: any Error, deadline: Double) -> (message: String, cause: String) {
        switch error {
        case is DeadlineExceeded: ("target deadline of \(DeadlineExceeded.format(deadline)) s exceeded", "deadline")
        case is CancellationError: ("interrupted", "interrupted")
        case let categorized as any CategorizedError: (categorized.description, categorized.category)
        default: ("\(error)", "internal")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

extension SuiteRecord {
    init(target: String, url: String, hostname: String, startedAt: Date, insecureTLSFlag: Bool, tags: [String], organization: String?) {
        var properties: [String: String] = [:]
        if !tags.isEmpty { properties["tags"] = tags.joined(separator: ",") }
        if let organization { properties["organization"] = organization }
        self.init(target: target, url: url, hostname: hostname, insecureTLS: insecureTLSFlag, startedAt: startedAt, properties: properties)
    }
}

/// Receives each finished suite while a run is in progress, and says what the run record keeps of it.
public protocol SuiteSink: Sendable {
    /// Takes the complete `suite`, which will be at `index` in the record (targets in order, each with
    /// one suite per backend); returns what the record keeps: the suite itself, or a slimmer copy once
    /// the complete one is stored elsewhere.
    func take(_ suite: SuiteRecord, at index: Int) async -> SuiteRecord
}
