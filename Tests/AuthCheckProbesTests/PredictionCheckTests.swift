import AuthCheckCore
import AuthCheckProbes
import Foundation
import Testing

/// The comparison itself, over hand-made records: agreement, disagreement ("prediction wrong"),
/// exception mismatch, undecided sides, and suites of other targets left alone.
@Suite("Prediction check")
struct PredictionCheckTests {
    let check = PredictionCheck(clients: ProbeHarness.catalog.clients)

    /// An `sdk.compat` outcome with its typed prediction: a pass works, a fail breaks, a skipped outcome
    /// breaks (not selected) when its message names what will be raised, and otherwise predicts nothing.
    func prediction(_ client: String, _ mode: String, _ status: OutcomeStatus, _ message: String) -> Outcome {
        var outcome = Outcome(
            probe: "sdk.compat", name: "\(client), \(mode)", status: status, message: message, facts: ["client": client, "mode": mode])
        let raised = message.range(of: "will raise ").map { String(message[$0.upperBound...].prefix { $0.isLetter }) }
        let typedMode = ClientPrediction.Mode(rawValue: mode)!
        switch status {
        case .pass: outcome.prediction = ClientPrediction(client: "cvat-sdk", line: client, mode: typedMode, verdict: .works)
        case .fail: outcome.prediction = ClientPrediction(client: "cvat-sdk", line: client, mode: typedMode, verdict: .breaks, exception: raised)
        case .skipped where raised != nil:
            outcome.prediction = ClientPrediction(
                client: "cvat-sdk", line: client, mode: typedMode, verdict: .breaks, exception: raised, selected: false)
        default: break
        }
        return outcome
    }

    func real(_ version: String, _ mode: String, _ status: OutcomeStatus, exception: String? = nil) -> Outcome {
        var facts = ["mode": mode, "sdk_version": version]
        facts["exception"] = exception
        return Outcome(
            probe: "sdk.session", name: "cvat-sdk \(version), \(mode)", status: status,
            message: exception.map { "make_client raised \($0)" } ?? "all steps worked", facts: facts)
    }

    func record(target: String = "t", native: [Outcome], backend: BackendSpec, outcomes: [Outcome]) -> RunRecord {
        let now = Date()
        return RunRecord(
            toolVersion: "test", startedAt: now, finishedAt: now,
            suites: [
                SuiteRecord(target: target, url: "http://x", hostname: "x", backend: "native", startedAt: now, outcomes: native),
                SuiteRecord(target: target, url: "http://x", hostname: "x", backend: backend, startedAt: now, outcomes: outcomes),
            ])
    }

    @Test("the client line is found by the backend's version")
    func clientLine() throws {
        #expect(check.clientLine("cvat-sdk", version: CVATVersion(2, 24, 0))?.profile.label == "cvat-sdk 2.24–2.29")
        #expect(check.clientLine("cvat-sdk", version: CVATVersion(2, 80, 0))?.profile.label == "cvat-sdk 2.70–2.80")
        #expect(check.clientLine("cvat-sdk", version: CVATVersion(2, 45, 1))?.profile.label == "cvat-sdk 2.41–2.47")
    }

    @Test("agreement passes, disagreement fails as 'prediction wrong', undecided sides are skipped")
    func verdicts() throws {
        let native = [
            prediction(
                "cvat-sdk 2.24–2.29", "password", .fail,
                "cvat-sdk 2.24–2.29, password: make_client will raise AssertionError (sessionid cookie missing)"),
            prediction("cvat-sdk 2.24–2.29", "access-token", .skipped, "cvat-sdk 2.24–2.29 has no access_token login"),
            prediction("cvat-sdk 2.70–2.80", "password", .pass, "make_client will work"),
            prediction(
                "cvat-sdk 2.70–2.80", "access-token", .skipped,
                "cvat-sdk 2.70–2.80, access-token: make_client will raise TypeError: About._from_openapi_data() missing …"),
        ]
        let agree = check.apply(
            to: record(
                native: native, backend: "cvat-sdk@2.24.0",
                outcomes: [
                    real("2.24.0", "password", .fail, exception: "AssertionError"), real("2.24.0", "access-token", .skipped),
                ]))
        let agreed = agree.suites[1].outcomes.filter { $0.probe == PredictionCheck.probeID }
        #expect(agreed.map(\.status) == [.pass, .skipped])
        #expect(agreed[0].message.hasPrefix("prediction right"))
        #expect(agreed[0].facts["client"] == "cvat-sdk 2.24–2.29")

        // The real SDK worked where a failure was predicted: the profile is wrong.
        let wrong = check.apply(to: record(native: native, backend: "cvat-sdk@2.24.0", outcomes: [real("2.24.0", "password", .pass)]))
        let verdict = try #require(wrong.suites[1].outcomes.last)
        #expect(verdict.status == .fail)
        #expect(
            verdict.message.hasPrefix("prediction wrong: cvat-sdk 2.24–2.29 password was predicted to break (AssertionError)"), "\(verdict.message)")
        #expect(verdict.cause == "client-profile-wrong")
        #expect(verdict.remedy?.contains("matrices/clients/cvat-sdk-2.24.yaml") == true, "\(verdict.remedy ?? "-")")

        // Both break, but with different exceptions: also wrong.
        let otherException = check.apply(
            to: record(
                native: native, backend: "cvat-sdk@2.24.0",
                outcomes: [
                    real("2.24.0", "password", .fail, exception: "TypeError")
                ]))
        #expect(otherException.suites[1].outcomes.last?.status == .fail)

        // A skipped prediction that names the exception counts as "breaks".
        let skew = check.apply(
            to: record(
                native: native, backend: "cvat-sdk@2.80.0",
                outcomes: [
                    real("2.80.0", "password", .fail, exception: "ForbiddenException"), real("2.80.0", "access-token", .fail, exception: "TypeError"),
                ]))
        #expect(skew.suites[1].outcomes.filter { $0.probe == PredictionCheck.probeID }.map(\.status) == [.fail, .pass])

        // A real run that could not decide (server unreachable) is not compared.
        let unreachable = check.apply(to: record(native: native, backend: "cvat-sdk@2.80.0", outcomes: [real("2.80.0", "password", .error)]))
        #expect(unreachable.suites[1].outcomes.last?.status == .skipped)
    }

    @Test("a backend suite is compared only with the native suite of its own target")
    func sameTargetOnly() {
        let now = Date()
        let native = SuiteRecord(
            target: "a", url: "http://a", hostname: "a", backend: "native", startedAt: now,
            outcomes: [prediction("cvat-sdk 2.24–2.29", "password", .pass, "will work")])
        let other = SuiteRecord(
            target: "b", url: "http://b", hostname: "b", backend: "cvat-sdk@2.24.0", startedAt: now,
            outcomes: [real("2.24.0", "password", .fail, exception: "AssertionError")])
        let result = check.apply(to: RunRecord(toolVersion: "t", startedAt: now, finishedAt: now, suites: [native, other]))
        #expect(result.suites[1].outcomes.count == 1, "no native suite for target b, so nothing to compare")
    }
}
