import AuthCheckCore
import AuthCheckProbeIDs
import Foundation

/// The run in the OpenMetrics text format, for dashboards outside CI: a file for node_exporter's
/// textfile collector or a body for a Pushgateway (docs/REPORTS.md, "OpenMetrics").
///
/// Families (all gauges, so the file is also valid Prometheus text format 0.0.4), each written only when
/// it has a sample:
///
/// - `cvat_authcheck_outcomes{target, backend, status}`: outcomes per suite and status; all four
///   statuses (`pass`, `fail`, `error`, `skipped`) are written for every suite, zeros included.
/// - `cvat_authcheck_client_works{target, backend, client, line, mode, selected}`: 1 when the client line
///   works in that auth mode (with or without its version warning), 0 when it breaks; a line whose
///   prediction is `unknown` has no sample here.
/// - `cvat_authcheck_client_verdict{target, backend, client, line, mode, selected, verdict}`: the
///   prediction one-hot over `works`, `warns`, `breaks`, `unknown` (a state set written as gauges).
/// - `cvat_authcheck_matrix_stale{target, backend}`: 1 when the server is newer than every profile (the
///   `matrix.stale` outcome failed), 0 when a profile covers it; no sample when that was not decided.
/// - `cvat_authcheck_target_duration_seconds{target, backend}` and `cvat_authcheck_run_duration_seconds`.
/// - `cvat_authcheck_run_interrupted`: 1 when SIGINT/SIGTERM cut the run short.
///
/// Predictions come from the typed ``ClientPrediction`` of the outcomes, never from messages. Label values
/// are target names, backend specs, client lines and fixed words, escaped as the format requires; they
/// come from the record, which holds only redacted text, and no URL, message or transcript is written.
/// A label set never appears twice: suites with the same target and backend are added up (counts and
/// durations), and of two predictions for the same client line and mode the worse verdict is kept.
public enum OpenMetricsReport {
    /// The exposition for `record`, ending in `# EOF`.
    public static func render(_ record: RunRecord) -> String {
        let families = [outcomes(record)] + clients(record) + [matrixStale(record), targetDuration(record), runDuration(record), interrupted(record)]
        return families.filter { !$0.isEmpty }.map(\.text).joined() + "# EOF\n"
    }

    static let suiteLabels = ["target", "backend"]
    static let clientLabels = ["target", "backend", "client", "line", "mode", "selected"]

    static func labels(_ suite: SuiteRecord) -> [String] { [suite.target, suite.backend.description] }

    static func outcomes(_ record: RunRecord) -> MetricFamily {
        var family = MetricFamily(
            "cvat_authcheck_outcomes", labels: suiteLabels + ["status"],
            help: "Outcomes per target, backend and status: pass, fail (a client breaks or a security property is lost), error (undecided), skipped.")
        for suite in record.suites {
            let counts = suite.counts
            for status in OutcomeStatus.allCases { family.add(labels(suite) + [status.rawValue], Double(counts[status] ?? 0)) }
        }
        return family
    }

    /// How bad a verdict is, to keep the worse of two predictions for the same line and mode.
    static func severity(_ verdict: ClientPrediction.Verdict) -> Int {
        switch verdict {
        case .works: 0
        case .warns: 1
        case .unknown: 2
        case .breaks: 3
        }
    }

    static func clients(_ record: RunRecord) -> [MetricFamily] {
        var order: [[String]] = []
        var chosen: [[String]: ClientPrediction] = [:]
        for suite in record.suites {
            for prediction in suite.outcomes.compactMap(\.prediction) {
                let key = labels(suite) + [prediction.client, prediction.line, prediction.mode.rawValue]
                if let kept = chosen[key] {
                    if severity(prediction.verdict) > severity(kept.verdict) { chosen[key] = prediction }
                } else {
                    order.append(key)
                    chosen[key] = prediction
                }
            }
        }
        var works = MetricFamily(
            "cvat_authcheck_client_works", labels: clientLabels,
            help: "1 when the client line works against the target in the auth mode (a version warning included), 0 when it breaks.")
        var verdicts = MetricFamily(
            "cvat_authcheck_client_verdict", labels: clientLabels + ["verdict"],
            help: "The predicted result of the client line in the auth mode, one-hot over works, warns, breaks and unknown.")
        for key in order {
            guard let prediction = chosen[key] else { continue }
            let labels = key + [prediction.selected ? "true" : "false"]
            if prediction.verdict != .unknown { works.add(labels, prediction.verdict.isWorking ? 1 : 0) }
            for verdict in ClientPrediction.Verdict.allCases { verdicts.add(labels + [verdict.rawValue], verdict == prediction.verdict ? 1 : 0) }
        }
        return [works, verdicts]
    }

    static func matrixStale(_ record: RunRecord) -> MetricFamily {
        var family = MetricFamily(
            "cvat_authcheck_matrix_stale", labels: suiteLabels,
            help:
                "1 when the server is newer than every profile the tool knows (matrix.stale failed; the newest profile was used), 0 when a profile covers it."
        )
        for suite in record.suites {
            for outcome in suite.outcomes where outcome.probe == ProbeID.matrixStale {
                switch outcome.status {
                case .fail: family.add(labels(suite), 1, combine: max)
                case .pass: family.add(labels(suite), 0, combine: max)
                case .error, .skipped: continue
                }
            }
        }
        return family
    }

    static func targetDuration(_ record: RunRecord) -> MetricFamily {
        var family = MetricFamily(
            "cvat_authcheck_target_duration_seconds", unit: "seconds", labels: suiteLabels,
            help: "Time spent checking the target through the backend.")
        for suite in record.suites { family.add(labels(suite), suite.duration) }
        return family
    }

    static func runDuration(_ record: RunRecord) -> MetricFamily {
        var family = MetricFamily("cvat_authcheck_run_duration_seconds", unit: "seconds", help: "Wall-clock time of the whole run.")
        family.add([], record.finishedAt.timeIntervalSince(record.startedAt))
        return family
    }

    static func interrupted(_ record: RunRecord) -> MetricFamily {
        var family = MetricFamily(
            "cvat_authcheck_run_interrupted", help: "1 when the run was cut short by SIGINT or SIGTERM (unfinished probes are errors), else 0.")
        family.add([], record.interrupted ? 1 : 0)
        return family
    }
}
