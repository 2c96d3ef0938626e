import AuthCheckCore
import Foundation
import Testing

@Suite("Targets file")
struct TargetFileTests {
    @Test("defaults are layered under each target's own settings")
    func defaults() throws {
        let yaml = """
            defaults:
              credentials: { user_env: CVAT_USER, password_env: CVAT_PASSWORD }
              tls: { ca_file: ca.pem }
              tags: [nightly]
            targets:
              - name: staging
                url: https://cvat.staging.example.com
                organization: qa
                tags: [eu]
              - url: http://10.0.0.5:8080
                credentials: { password_file: /run/secrets/cvat }
                tls: { insecure: true }
                version: 2.48.1
            """
        let targets = try TargetFile.parse(yaml, path: "targets.yaml")
        #expect(targets.count == 2)
        #expect(targets[0].name == "staging")
        #expect(targets[0].credentials.userEnv == "CVAT_USER")
        #expect(targets[0].tls.caFile == "ca.pem")
        #expect(targets[0].tags == ["nightly", "eu"])
        #expect(targets[0].organization == "qa")
        #expect(targets[1].name == "10-0-0-5-8080")
        #expect(targets[1].credentials.passwordFile == "/run/secrets/cvat")
        #expect(targets[1].credentials.passwordEnv == "CVAT_PASSWORD")
        #expect(targets[1].tls.insecure)
        #expect(targets[1].pinnedVersion == CVATVersion(2, 48, 1))
    }

    @Test(
        "bad targets files name file, line, column and what was expected",
        arguments: [
            ("targets: []\n", "targets.yaml:1:10", "non-empty list"),
            ("targets:\n  - name: a\n", "targets.yaml:2:5", "missing required key 'url'"),
            ("targets:\n  - url: ftp://x\n", "targets.yaml:2:10", "http:// or https://"),
            ("targets:\n  - url: http://a\n    credentails: {}\n", "targets.yaml:3:5", "did you mean 'credentials'?"),
            ("targets:\n  - url: http://u:p@a\n", "targets.yaml:2:10", "credentials in the URL"),
            ("targets:\n  - url: http://a\n    tls: { insecure: maybe }\n", "targets.yaml:3:22", "true or false"),
            ("targets:\n  - url: http://a\n  - url: http://a\n", "targets.yaml:3:5", "duplicate target name"),
            ("targets: [\n", "targets.yaml:2:1", "invalid YAML"),
            ("", "targets.yaml:1:1", "empty"),
        ])
    func errors(yaml: String, location: String, fragment: String) {
        do {
            _ = try TargetFile.parse(yaml, path: "targets.yaml")
            Issue.record("expected an error for \(yaml.debugDescription)")
        } catch {
            let text = error.description
            #expect(text.contains(location), "\(text)")
            #expect(text.contains(fragment), "\(text)")
        }
    }

    @Test("credential references resolve from env and files and register the secrets")
    func credentials() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
        try "file-password-123\nsecond line ignored\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let redactor = Redactor()
        let resolved = try ResolvedCredentials.resolve(
            CredentialReference(user: "probe", passwordFile: file.path, accessTokenEnv: "TOKEN"),
            environment: ["TOKEN": "pat-abcdef.0123456789"], redactor: redactor)
        #expect(resolved.password == "file-password-123")
        #expect(resolved.accessToken == "pat-abcdef.0123456789")
        #expect(!resolved.description.contains("file-password-123"))
        #expect(redactor.redact("file-password-123 pat-abcdef.0123456789") == "\(Redactor.mask) \(Redactor.mask)")
    }

    @Test("clients: per target over defaults, checked against the client profiles with file:line; follow_https_redirect")
    func clients() throws {
        let yaml = """
            defaults:
              clients: [cvat-sdk@2.48]
              follow_https_redirect: true
            targets:
              - name: a
                url: https://a.example.com
                clients: [cvat-sdk@2.41, cvat-cli@2.48.1, cvat-sdk]
                follow_https_redirect: false
              - name: b
                url: https://b.example.com
            """
        let targets = try TargetFile.parse(yaml, path: "targets.yaml")
        #expect(
            targets[0].clients == [
                ClientSelector(client: "cvat-sdk", version: CVATVersion(2, 41, 0)),
                ClientSelector(client: "cvat-cli", version: CVATVersion(2, 48, 1)), ClientSelector(client: "cvat-sdk"),
            ])
        #expect(!targets[0].followHTTPSRedirect)
        #expect(targets[1].clients == [ClientSelector(client: "cvat-sdk", version: CVATVersion(2, 48, 0))])
        #expect(targets[1].followHTTPSRedirect)

        let catalog = MatrixTestSupport.bundled()
        let bad = """
            targets:
              - url: https://a.example.com
                clients: [cvat-sdk@2.41, cvat-sdkk@2.41, cvat-sdk@1.0, "cvat-sdk@x"]
            """
        do {
            _ = try TargetFile.parse(bad, path: "targets.yaml", checkClient: { catalog.problem(with: $0) })
            Issue.record("expected errors for unknown clients")
        } catch {
            let text = error.description
            #expect(text.contains("targets.yaml:3:30: error: client 'cvat-sdkk@2.41': no client profile describes 'cvat-sdkk'"), "\(text)")
            #expect(text.contains("did you mean 'cvat-sdk'?"), "\(text)")
            #expect(text.contains("targets.yaml:3:46: error: client 'cvat-sdk@1.0': no cvat-sdk line covers that release"), "\(text)")
            #expect(text.contains("targets.yaml:3:60: error: client 'cvat-sdk@x': 'x' is not a release"), "\(text)")
        }
    }

    @Test("allow_shared_account: off by default, per target over defaults, a boolean, a misspelt key suggests it")
    func allowSharedAccount() throws {
        let yaml = """
            defaults:
              allow_shared_account: true
            targets:
              - name: a
                url: https://a.example.com
              - name: b
                url: https://b.example.com
                allow_shared_account: false
            """
        let targets = try TargetFile.parse(yaml, path: "targets.yaml")
        #expect(targets[0].allowSharedAccount)
        #expect(!targets[1].allowSharedAccount)
        #expect(!(try TargetFile.parse("targets:\n  - url: https://c.example.com\n", path: "t.yaml")[0].allowSharedAccount))
        for (bad, location, fragment) in [
            ("targets:\n  - url: http://a\n    allow_shared_acount: true\n", "targets.yaml:3:5", "did you mean 'allow_shared_account'?"),
            ("defaults:\n  alow_shared_account: true\ntargets:\n  - url: http://a\n", "targets.yaml:2:3", "did you mean 'allow_shared_account'?"),
            ("targets:\n  - url: http://a\n    allow_shared_account: sometimes\n", "targets.yaml:3:27", "true or false"),
        ] {
            do {
                _ = try TargetFile.parse(bad, path: "targets.yaml")
                Issue.record("expected an error for \(bad.debugDescription)")
            } catch {
                #expect(error.description.contains(location), "\(error.description)")
                #expect(error.description.contains(fragment), "\(error.description)")
            }
        }
    }

    @Test("which client lines a target cares about: the selection, or by default the lines at or below the server's release")
    func selection() throws {
        let sdk241 = try VersionRange(parsing: ">=2.41.0 <2.48.0")
        let sdk270 = try VersionRange(parsing: ">=2.70.0 <2.81.0")
        let server = CVATVersion(2, 64, 0)
        let byDefault = Target(name: "t", url: URL(string: "https://x")!)
        #expect(byDefault.selects(client: "cvat-sdk", versions: sdk241, server: server))
        #expect(!byDefault.selects(client: "cvat-sdk", versions: sdk270, server: server))
        let chosen = Target(name: "t", url: URL(string: "https://x")!, clients: [try ClientSelector(parsing: "cvat-sdk@2.70")])
        #expect(chosen.selects(client: "cvat-sdk", versions: sdk270, server: server))
        #expect(!chosen.selects(client: "cvat-sdk", versions: sdk241, server: server))
        #expect(!chosen.selects(client: "cvat-cli", versions: sdk270, server: server))
    }
}
