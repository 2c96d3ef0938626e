import AuthCheckCore
import AuthCheckReport
import Testing

/// Case identity across runs: the server version never renames a case.
@Suite struct CaseIdentityTests {
    @Test(
        "matrix.stale's names of older records map to today's stable name", arguments: ["profile covers server 2.41.0", "profile for server 2.20.0"])
    func legacyMatrixStale(_ name: String) {
        #expect(CaseIdentity.name(name, probe: "matrix.stale", serverVersion: "2.41.0") == "profile covers the server")
        #expect(CaseIdentity.name("profile covers the server", probe: "matrix.stale", serverVersion: "2.48.1") == "profile covers the server")
    }

    @Test("the suite's server version is taken out of a case name where it stands alone")
    func versionStripped() {
        #expect(CaseIdentity.name("works on 2.48.1", probe: "plugin.x", serverVersion: "2.48.1") == "works on")
        #expect(CaseIdentity.name("login (server 2.48.1)", probe: "plugin.x", serverVersion: "2.48.1") == "login (server")
        #expect(CaseIdentity.name("2.48.1: login", probe: "plugin.x", serverVersion: "2.48.1") == "login")
    }

    @Test("anything else keeps its name: other versions, longer tokens, no version, a name that is only the version")
    func namesKept() {
        #expect(CaseIdentity.name("cvat-sdk 2.48.10, password", probe: "sdk.compat", serverVersion: "2.48.1") == "cvat-sdk 2.48.10, password")
        #expect(CaseIdentity.name("cvat-sdk 2.41–2.47, password", probe: "sdk.compat", serverVersion: "2.41.0") == "cvat-sdk 2.41–2.47, password")
        #expect(CaseIdentity.name("v2.48.1 build", probe: "plugin.x", serverVersion: "2.48.1") == "v2.48.1 build")
        #expect(CaseIdentity.name("users/self", probe: "anonymous.denied", serverVersion: nil) == "users/self")
        #expect(CaseIdentity.name("2.48.1", probe: "plugin.x", serverVersion: "2.48.1") == "2.48.1")
        // A "version" that is not one (hostile or unknown text) is never stripped.
        #expect(CaseIdentity.name("a unknown b", probe: "plugin.x", serverVersion: "unknown") == "a unknown b")
    }

    @Test("a plugin case that embeds the server version is the same case after an upgrade")
    func pluginCaseAcrossUpgrade() {
        func run(_ version: String, _ status: OutcomeStatus) -> RunRecord {
            let suite = SuiteRecord(
                target: "t", url: "https://t.example", hostname: "t.example", serverVersion: version, startedAt: Samples.start,
                outcomes: [Outcome(probe: "plugin.x", name: "login on \(version)", status: status, message: "")])
            return RunRecord(toolVersion: "t", startedAt: Samples.start, finishedAt: Samples.start, suites: [suite])
        }
        let diff = RecordDiff(baseline: run("2.41.0", .pass), current: run("2.48.1", .fail))
        #expect(diff.entries.count == 1)
        #expect(diff.newFailures.map(\.key.name) == ["login on"])
        // Views look cases up by the name the current run gave them.
        #expect(diff.entry(for: RecordDiff.CaseKey(target: "t", backend: "native", probe: "plugin.x", name: "login on 2.48.1"))?.kind == .newFailure)
    }
}
