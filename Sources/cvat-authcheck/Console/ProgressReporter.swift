import AuthCheckCore
import Synchronization

/// Shows a run's progress on standard error, from the runner's ``RunEvent``s.
///
/// On a terminal it redraws one line in place — targets done of the total, how many failed, and the
/// target that has been running longest with its current probe and the seconds it has taken — and
/// clears it at the end. Asked for when standard error is not a terminal (`--progress always`), it
/// writes one line per finished target instead, which reads well in a CI log.
final class ProgressReporter: Sendable {
    /// How progress is written.
    enum Mode: Sendable {
        /// One line redrawn with `\r` (a terminal).
        case redraw
        /// One line per finished target (a log).
        case lines
    }

    private struct Running {
        var target: String
        var probe: String?
        var started: ContinuousClock.Instant
        var probeStarted: ContinuousClock.Instant
    }

    private struct State {
        var total = 0
        var done = 0
        var failed = 0
        var errored = 0
        var running: [String: Running] = [:]
        var lastDraw: ContinuousClock.Instant?
        var ticker: Task<Void, Never>?
        var started = false
        var stopped = false
    }

    private let console: StderrConsole
    private let mode: Mode
    private let state = Mutex(State())
    private let clock = ContinuousClock()

    init(console: StderrConsole, mode: Mode) {
        self.console = console
        self.mode = mode
    }

    /// The observer to hand to the run pipeline.
    var observer: RunObserver {
        { [self] event in self.observe(event) }
    }

    /// Takes one event of the run.
    func observe(_ event: RunEvent) {
        let now = clock.now
        var line: String?
        var redraw = false
        state.withLock { state in
            guard !state.stopped else { return }
            switch event {
            case .runStarted(let suites):
                state.total = suites
                state.started = true
                redraw = true
                if mode == .lines { line = "cvat-authcheck: checking \(Self.count(suites, "target")) …" }
            case .suiteStarted(let target, let backend):
                state.running[Self.key(target, backend)] = Running(
                    target: Self.label(target, backend), probe: nil, started: now, probeStarted: now)
                redraw = true
            case .probeStarted(let target, let backend, let probe):
                state.running[Self.key(target, backend)]?.probe = probe
                state.running[Self.key(target, backend)]?.probeStarted = now
                // Many targets start probes at once: redraw at most ten times a second for these.
                redraw = state.lastDraw.map { now - $0 >= .milliseconds(100) } ?? true
            case .suiteFinished(let suite):
                state.running[Self.key(suite.target, suite.backend)] = nil
                state.done += 1
                let counts = suite.counts
                if counts[.fail] != nil {
                    state.failed += 1
                } else if counts[.error] != nil {
                    state.errored += 1
                }
                redraw = true
                if mode == .lines {
                    let result = OutcomeTable.result(of: suite).text
                    let tally = OutcomeStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
                    line =
                        "cvat-authcheck: [\(state.done)/\(state.total)] \(suite.label): \(result) (\(tally.joined(separator: ", ")))"
                        + " in \(Self.rounded(suite.duration)) s"
                }
            }
            if redraw { state.lastDraw = now }
        }
        switch mode {
        case .lines:
            if let line { console.line(line) }
        case .redraw:
            if redraw { draw() }
        }
    }

    /// Starts redrawing once a second, so the seconds of a slow probe keep counting (terminal only).
    func start() {
        guard mode == .redraw else { return }
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard let self, !Task.isCancelled else { return }
                self.draw()
            }
        }
        state.withLock { $0.ticker = task }
    }

    /// Stops and clears the progress line; later events are ignored.
    func finish() {
        let ticker = state.withLock { state in
            state.stopped = true
            return state.ticker
        }
        ticker?.cancel()
        console.clearStatus()
    }

    private func draw() {
        let now = clock.now
        // Nothing to show before the runner starts (plugin backends may still be preparing, with their own notices).
        guard let text = state.withLock({ state in state.stopped || !state.started ? nil : Self.status(state, now: now) }) else { return }
        console.setStatus(text)
    }

    /// `cvat-authcheck: 12/40 targets done, 2 failed · staging: sdk.compat (14 s) · 7 more running`.
    private static func status(_ state: State, now: ContinuousClock.Instant) -> String {
        var text = "cvat-authcheck: \(state.done)/\(count(state.total, "target")) done"
        var problems: [String] = []
        if state.failed > 0 { problems.append("\(state.failed) failed") }
        if state.errored > 0 { problems.append("\(state.errored) with errors") }
        if !problems.isEmpty { text += ", " + problems.joined(separator: ", ") }
        if let slowest = state.running.values.min(by: { $0.started < $1.started }) {
            let elapsed = Int(Self.seconds(now - slowest.probeStarted))
            text += " · \(slowest.target): \(slowest.probe ?? "starting")" + (elapsed >= 1 ? " (\(elapsed) s)" : "")
            if state.running.count > 1 { text += " · \(state.running.count - 1) more running" }
        }
        return text
    }

    private static func key(_ target: String, _ backend: BackendSpec) -> String { "\(target)\u{0}\(backend)" }

    private static func label(_ target: String, _ backend: BackendSpec) -> String {
        backend.isNative ? target : "\(target) [\(backend)]"
    }

    private static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func rounded(_ value: Double) -> String {
        String((value * 100).rounded() / 100)
    }
}
