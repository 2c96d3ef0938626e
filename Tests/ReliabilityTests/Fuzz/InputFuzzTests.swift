import AuthCheckCore
import AuthCheckHTTP
import AuthCheckMatrices
import AuthCheckProbeIDs
import AuthCheckReport
import Foundation
import Testing

/// Bad input never crashes anything and always yields a clear error with file:line. Seeded and
/// bounded in iterations, so failures reproduce.
@Suite("Bad input fuzz", .timeLimit(.minutes(2)))
struct InputFuzzTests {
    static let seed: UInt64 = 0xC0A7_A17C

    @Test("mutated profiles: diagnostics with the file and a line, never a crash")
    func profiles() {
        var random = SeededRandom(seed: Self.seed)
        let originals = AuthCheckMatrices.sources
        var broken = 0
        for iteration in 0..<40 {
            var sources = originals
            let index = Int.random(in: 0..<sources.count, using: &random)
            sources[index].text = Mutator.mutateSome(sources[index].text, using: &random)
            let catalog = ProfileCatalog.load(sources, knownProbeIDs: ProbeID.builtIn)
            let errors = catalog.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty { broken += 1 }
            for error in errors {
                #expect(!error.message.isEmpty, "iteration \(iteration)")
                #expect(sources.contains { $0.path == error.location.file }, "iteration \(iteration): unknown file \(error.location.file)")
                #expect(error.location.line.map { $0 >= 1 } ?? true, "iteration \(iteration): \(error)")
            }
            // When a mutation breaks the mutated file, the error points at that file.
            if catalog.servers.count + catalog.clients.count < originals.count, !errors.isEmpty {
                #expect(errors.contains { $0.location.file == sources[index].path || $0.location.line != nil }, "iteration \(iteration)")
            }
        }
        #expect(broken > 5, "the mutations broke only \(broken) of 40 catalogs; the fuzzer is too gentle")
    }

    static let targetsText = """
        defaults:
          credentials: { user_env: CVAT_USER, password_env: CVAT_PASSWORD }
          tls: { ca_file: ca.pem }
        targets:
          - name: staging
            url: https://cvat.staging.example.com
            organization: qa
            tags: [nightly, eu]
            version: 2.48.0
          - url: http://127.0.0.1:8080
            tls: { insecure: true }
        """

    @Test("mutated targets files: targets or DataErrors with targets.yaml:line, never a crash")
    func targetsFiles() {
        #expect((try? TargetFile.parse(Self.targetsText, path: "targets.yaml"))?.count == 2)
        var random = SeededRandom(seed: Self.seed &+ 1)
        var failures = 0
        for iteration in 0..<400 {
            let text = Mutator.mutateSome(Self.targetsText, using: &random)
            do {
                let targets = try TargetFile.parse(text, path: "targets.yaml")
                for target in targets { #expect(!target.name.isEmpty, "iteration \(iteration)") }
            } catch {
                failures += 1
                #expect(!error.errors.isEmpty)
                for item in error.errors {
                    #expect(item.location.file == "targets.yaml")
                    #expect(item.description.hasPrefix("targets.yaml:"), "iteration \(iteration): \(item)")
                    #expect(item.location.line != nil, "iteration \(iteration): no line in \(item)")
                }
            }
        }
        #expect(failures > 40, "only \(failures) of 400 mutations were rejected")
    }

    @Test("random version texts: parse to a version that round-trips, or nil")
    func versions() {
        var random = SeededRandom(seed: Self.seed &+ 2)
        let alphabet = Array("0123456789..-+vdevrcXx ~^<>=|*\u{0}é")
        var parsed = 0
        for _ in 0..<3000 {
            let text =
                Int.random(in: 0..<3, using: &random) == 0
                ? "\(Int.random(in: 0...3, using: &random)).\(Int.random(in: 0...99, using: &random)).\(Int.random(in: 0...9, using: &random))"
                : Mutator.randomString(using: &random, alphabet: alphabet, maxLength: 14)
            if let version = CVATVersion(text) {
                parsed += 1
                #expect(CVATVersion(version.description) == version, "\(text) → \(version) does not round-trip")
            }
            do {
                let range = try VersionRange(parsing: text)
                #expect((try? VersionRange(parsing: range.description)) == range, "range \(text) does not round-trip")
            } catch {
                #expect(!"\(error)".isEmpty)
            }
        }
        #expect(parsed > 500)
    }

    @Test("random Set-Cookie lines: parsed or marked invalid; masking hides the value")
    func cookies() {
        var random = SeededRandom(seed: Self.seed &+ 3)
        let alphabet = Array("abcXYZ019=;,\" \t=:/\\()<>@[]?{}\u{0}\u{7F}é%$")
        let seeds = [
            "sessionid=abc123def456; expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure",
            "csrftoken=\"quoted,value\"; Path=/; Partitioned", "=novalue", "name", "a=b=c; Domain=.example.com",
        ]
        var lines: [String] = []
        for _ in 0..<2000 {
            let line =
                Int.random(in: 0..<2, using: &random) == 0
                ? Mutator.mutateSome(seeds.randomElement(using: &random)!, using: &random)
                : Mutator.randomString(using: &random, alphabet: alphabet, maxLength: 60)
            lines.append(line)
            let cookie = SetCookie(parsing: line)
            // HTTP/1.1 header values cannot hold CR or LF (NIO's decoder refuses them), so the masking
            // invariant is checked for what the wire can deliver; multi-line input is reported to the lead.
            if cookie.isValid, cookie.value.count >= 8, !cookie.value.contains("[REDACTED]"), !line.contains(where: \.isNewline) {
                let masked = cookie.masked("[REDACTED]")
                // The value may also occur verbatim inside an attribute of a mutated line; what must never
                // appear is the cookie's own name=value pair.
                #expect(!masked.contains("\(cookie.name)=\(cookie.value)"), "the masked line shows the value: \(line)")
            }
        }
        for chunk in stride(from: 0, to: lines.count, by: 7) {
            let view = PythonCookieView.sdk(setCookieLines: Array(lines[chunk..<min(lines.count, chunk + 7)]))
            for name in view.cookieNames { _ = view.value(of: name) }
        }
    }

    @Test("mutated JUnit files: a document or a ReportError, never a crash")
    func junitReader() throws {
        let record = RunRecord(
            toolVersion: "fuzz", startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 1), interrupted: false,
            suites: [
                SuiteRecord(
                    target: "t", url: "http://x", hostname: "x", insecureTLS: false, startedAt: Date(timeIntervalSince1970: 0),
                    outcomes: [
                        Outcome(
                            probe: "login.password", name: "username form", status: .fail, message: "m <&> \"q\"", expected: "e", observed: "o",
                            cause: "c"),
                        Outcome(probe: "about.version", name: "server version", status: .pass, message: "ok"),
                    ])
            ])
        let valid = String(decoding: try JUnitReport.render(record), as: UTF8.self)
        #expect((try? JUnitReport.read(Array(valid.utf8), file: "r.xml")) != nil)
        var random = SeededRandom(seed: Self.seed &+ 4)
        var rejected = 0
        for _ in 0..<300 {
            let text = Mutator.mutateSome(valid, using: &random)
            do {
                _ = try JUnitReport.read(Array(text.utf8), file: "r.xml")
            } catch {
                rejected += 1
                #expect(!error.description.isEmpty)
                #expect(error.description.contains("r.xml"), "\(error)")
            }
        }
        #expect(rejected > 30, "only \(rejected) of 300 mutated reports were rejected")
    }
}
