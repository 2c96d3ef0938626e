import AuthCheckCore
import Foundation
import Testing
import ValidatorTestSupport
import Yams

/// The CI recipes in examples/ci: valid against the published schemas (check-jsonschema's bundled
/// GitHub workflow and GitLab CI schemas, kubernetes-validate's Kubernetes schemas), shown byte for byte
/// in docs/CI.md, and correct where no schema looks: shard counts, the JUnit file the CI reads, reports
/// kept on failure, secrets only in the environment, exit statuses not hidden.
@Suite("CI recipes")
struct CIRecipeTests {
    static let workflow = "examples/ci/github-actions/cvat-auth.yml"
    static let gitlab = "examples/ci/gitlab/gitlab-ci.yml"
    static let kubernetes = [
        "examples/ci/kubernetes/cronjob.yaml", "examples/ci/kubernetes/pvc.yaml", "examples/ci/kubernetes/targets-configmap.yaml",
    ]
    static let jenkinsfile = "examples/ci/jenkins/Jenkinsfile"
    static let targets = "examples/ci/targets.yaml"
    /// The Kubernetes release the manifests are checked against (one kubernetes-validate ships).
    static let kubernetesVersion = "1.35.0"

    static func text(_ path: String) throws -> String {
        try String(contentsOf: CLIProcess.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    static func yaml(_ path: String) throws -> Node {
        try #require(try Yams.compose(yaml: try text(path)), "\(path) is empty")
    }

    /// The `cvat-authcheck` command lines of one recipe, as DocumentedCommandTests reads them.
    static func commands(_ path: String) throws -> [[String]] {
        try DocumentedCommandTests.examples().filter { $0.file == path && $0.tool == .checker }.map(\.words)
    }

    /// The value after `option` in a command line.
    static func value(of option: String, in words: [String]) -> String? {
        words.firstIndex(of: option).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
    }

    /// The N of `--shard I/N` in the recipe's run command.
    static func shardCount(_ path: String) throws -> Int? {
        let run = try commands(path).first { $0.first == "run" && $0.contains("--shard") }
        return run.flatMap { value(of: "--shard", in: $0) }.flatMap { $0.split(separator: "/").last }.flatMap { Int($0) }
    }

    /// The JUnit files the recipe's commands write (`run --junit`, `report merge … -o *.xml`), with
    /// shell and CI variables already replaced by `1` (shard 1).
    static func junitWritten(_ path: String) throws -> [String] {
        try commands(path).compactMap { words in
            if words.first == "run" { return value(of: "--junit", in: words) }
            if words.starts(with: ["report", "merge"]), let out = value(of: "-o", in: words), out.hasSuffix(".xml") { return out }
            return nil
        }
    }

    static func matches(_ pattern: String, _ path: String) -> Bool { fnmatch(pattern, path, 0) == 0 }

    // MARK: - Schemas

    @Test("every file in examples/ci is one the tests check")
    func inventory() throws {
        #expect(
            try DocumentedCommandTests.recipeFiles() == ([Self.workflow, Self.gitlab, Self.jenkinsfile, Self.targets] + Self.kubernetes).sorted())
    }

    @Test(
        "the GitHub Actions workflow is valid against the github-workflows schema",
        .enabled(if: Validators.problem == nil, "\(Validators.problem ?? "")"))
    func workflowSchema() throws {
        let output = try Validators.run("check-jsonschema", ["--builtin-schema", "vendor.github-workflows", Self.workflow])
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.contains("ok -- validation done"), "\(output)")
    }

    @Test("the GitLab CI file is valid against the gitlab-ci schema", .enabled(if: Validators.problem == nil, "\(Validators.problem ?? "")"))
    func gitlabSchema() throws {
        let output = try Validators.run("check-jsonschema", ["--builtin-schema", "vendor.gitlab-ci", Self.gitlab])
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.contains("ok -- validation done"), "\(output)")
    }

    @Test(
        "the Kubernetes manifests are valid (strict) against the Kubernetes schemas",
        .enabled(if: Validators.problem == nil, "\(Validators.problem ?? "")"))
    func kubernetesSchemas() throws {
        let output = try Validators.run("kubernetes-validate", ["--strict", "-k", Self.kubernetesVersion] + Self.kubernetes)
        #expect(output.status == 0, "\(output)")
        for (file, resource) in zip(
            Self.kubernetes, ["cronjob/cvat-authcheck", "persistentvolumeclaim/cvat-authcheck-reports", "configmap/cvat-authcheck-targets"])
        {
            #expect(output.all.contains("\(file) passed for resource \(resource)"), "\(output)")
        }
    }

    /// The validators refuse what they should, so a recipe that breaks fails the tests above: the
    /// workflow line docs/CI.md once shipped, a misspelt GitLab keyword, an unknown field of a Job.
    @Test(
        "the validators refuse broken copies of the recipes",
        .enabled(if: Validators.problem == nil, "\(Validators.problem ?? "")"))
    func brokenCopiesAreRefused() throws {
        let folder = try CLIProcess.temporaryDirectory()
        func broken(_ path: String, _ replace: String, _ with: String) throws -> String {
            let original = try Self.text(path)
            #expect(original.contains(replace), "\(path) no longer contains \(replace)")
            let copy = folder.appendingPathComponent(UUID().uuidString + "-" + URL(fileURLWithPath: path).lastPathComponent).path
            try original.replacingOccurrences(of: replace, with: with).write(toFile: copy, atomically: true, encoding: .utf8)
            return copy
        }
        let flowMapping = try broken(
            Self.workflow, "        with:\n          name: cvat-auth-shard-${{ matrix.shard }}\n          path: reports/\n",
            "        with: {name: cvat-auth-shard-${{ matrix.shard }}, path: reports/}\n")
        let workflowKey = try broken(
            Self.workflow, "    runs-on: ubuntu-24.04\n    timeout-minutes: 60", "    runs_on: ubuntu-24.04\n    timeout-minutes: 60")
        let gitlabWhen = try broken(Self.gitlab, "    when: always # a failing shard", "    when: allways # a failing shard")
        let jobField = try broken(Self.kubernetes[0], "      completions: 4\n", "      completion: 4\n")
        for (schema, file) in [("vendor.github-workflows", flowMapping), ("vendor.github-workflows", workflowKey), ("vendor.gitlab-ci", gitlabWhen)] {
            let output = try Validators.run("check-jsonschema", ["--builtin-schema", schema, file])
            #expect(output.status != 0, "\(file) was accepted: \(output)")
        }
        let output = try Validators.run("kubernetes-validate", ["--strict", "-k", Self.kubernetesVersion, jobField])
        #expect(output.status != 0, "\(output)")
        #expect(output.all.contains("completion"), "\(output)")
    }

    // MARK: - docs/CI.md shows the files

    @Test("docs/CI.md shows every file of examples/ci byte for byte")
    func docsShowTheFiles() throws {
        let lines = try Self.text("docs/CI.md").components(separatedBy: "\n")
        var shown: [String: String] = [:]
        for (index, line) in lines.enumerated() where line.hasPrefix("<!-- file: ") && line.hasSuffix(" -->") {
            let path = String(line.dropFirst("<!-- file: ".count).dropLast(" -->".count))
            #expect(lines[index + 1].hasPrefix("```"), "docs/CI.md:\(index + 2): a fenced block follows the marker of \(path)")
            guard let end = lines[(index + 2)...].firstIndex(of: "```") else {
                Issue.record("docs/CI.md:\(index + 1): the block of \(path) is not closed")
                continue
            }
            shown[path] = lines[(index + 2)..<end].map { $0 + "\n" }.joined()
        }
        for file in try DocumentedCommandTests.recipeFiles() {
            let copy = try #require(shown[file], "docs/CI.md does not show \(file) (add `<!-- file: \(file) -->` and its block)")
            #expect(copy == (try Self.text(file)), "docs/CI.md's copy of \(file) differs from the file")
        }
    }

    // MARK: - What no schema checks

    @Test("the shard count of --shard I/N is the CI's number of shards, and every shard is merged")
    func shardCounts() throws {
        let workflow = try Self.yaml(Self.workflow)
        #expect(try Self.shardCount(Self.workflow) == workflow["jobs"]?["check"]?["strategy"]?["matrix"]?["shard"]?.sequence?.count)

        let gitlab = try Self.yaml(Self.gitlab)
        #expect(try Self.shardCount(Self.gitlab) == gitlab["cvat-auth"]?["parallel"]?["matrix"]?.sequence?.first?["SHARD"]?.sequence?.count)

        let job = try #require(try Self.yaml(Self.kubernetes[0])["spec"]?["jobTemplate"]?["spec"])
        let completions = job["completions"]?.int
        #expect(completions == 4)
        #expect(job["parallelism"]?.int == completions)
        let shards = job["template"]?["spec"]?["containers"]?.sequence?.first?["env"]?.sequence?.first { $0["name"]?.string == "SHARDS" }
        #expect(shards?["value"]?.string.flatMap { Int($0) } == completions)
        #expect(
            try Self.commands(Self.kubernetes[0]).contains { $0.first == "run" && Self.value(of: "--shard", in: $0) == "1/1" },
            "--shard $shard/$SHARDS")

        let jenkins = try Self.text(Self.jenkinsfile)
        let axis = try #require(jenkins.firstMatch(of: /values ((?:'\d+'(?:, )?)+)/)?.1)
        let unstashed = try #require(jenkins.firstMatch(of: /\[((?:'\d+'(?:, )?)+)\]\.each \{ unstash/)?.1)
        #expect(axis == unstashed)
        #expect(try Self.shardCount(Self.jenkinsfile) == axis.split(separator: ",").count)
    }

    @Test("the JUnit file each CI publishes is one a command writes")
    func publishedJUnit() throws {
        let workflow = try Self.yaml(Self.workflow)
        let steps = workflow["jobs"]?["merge"]?["steps"]?.sequence ?? []
        let reporter = try #require(steps.first { $0["uses"]?.string?.hasPrefix("mikepenz/action-junit-report@") == true })
        let published = try #require(reporter["with"]?["report_paths"]?.string)
        #expect(try Self.junitWritten(Self.workflow).contains(published), "\(published)")

        let gitlab = try Self.yaml(Self.gitlab)
        let pattern = try #require(gitlab["cvat-auth"]?["artifacts"]?["reports"]?["junit"]?.string)
        #expect(try Self.junitWritten(Self.gitlab).contains { Self.matches(pattern, $0) }, "\(pattern)")
        #expect(gitlab["cvat-auth"]?["artifacts"]?["paths"]?.sequence?.compactMap(\.string).contains { pattern.hasPrefix($0) } == true)

        let jenkins = try Self.text(Self.jenkinsfile)
        let results = try #require(jenkins.firstMatch(of: /junit testResults: "([^"]+)"/)?.1).replacingOccurrences(of: "${SHARD}", with: "1")
        #expect(try Self.junitWritten(Self.jenkinsfile).contains(results), "\(results)")
        #expect(
            jenkins.firstMatch(of: /junit testResults:/) != nil && jenkins.matches(of: /junit testResults:/).count == 1, "each case is published once"
        )
    }

    @Test("reports are uploaded and merged also when a shard fails")
    func keptOnFailure() throws {
        let workflow = try Self.yaml(Self.workflow)
        #expect(workflow["jobs"]?["merge"]?["if"]?.string == "always()")
        for job in ["check", "merge"] {
            let uploads = (workflow["jobs"]?[job]?["steps"]?.sequence ?? []).filter {
                $0["uses"]?.string?.hasPrefix("actions/upload-artifact@") == true
            }
            #expect(!uploads.isEmpty, "\(job) uploads its reports")
            #expect(uploads.allSatisfy { $0["if"]?.string == "always()" }, "\(job): every upload runs also after a failed step")
        }

        let gitlab = try Self.yaml(Self.gitlab)
        #expect(gitlab["cvat-auth-report"]?["when"]?.string == "always")
        for job in ["cvat-auth", "cvat-auth-report"] {
            #expect(gitlab[job]?["artifacts"]?["when"]?.string == "always", "\(job)")
        }

        // Jenkins: publishing and archiving happen in `post { always { … } }` blocks only.
        let jenkins = try Self.text(Self.jenkinsfile)
        var inAlways = 0
        var depth = 0
        for line in jenkins.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("junit ") || trimmed.hasPrefix("archiveArtifacts ") {
                #expect(inAlways > 0, "outside post { always }: \(trimmed)")
            }
            if trimmed == "always {" { inAlways = depth + 1 }
            depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
            if inAlways > 0, depth < inAlways { inAlways = 0 }
        }
    }

    @Test("credentials reach the tool only from the CI's secrets through the environment or a file")
    func secretsInEnvironmentOnly() throws {
        // The targets files load with the tool's reader and name the variables the recipes fill.
        let plain = try TargetFile.load(path: CLIProcess.packageRoot.appendingPathComponent(Self.targets).path)
        #expect(plain.allSatisfy { $0.credentials.userEnv == "CVAT_PROBE_USER" && $0.credentials.passwordEnv == "CVAT_PROBE_PASSWORD" })
        let configMap = try #require(try Self.yaml(Self.kubernetes[2])["data"]?["targets.yaml"]?.string)
        let mounted = try TargetFile.parse(configMap, path: "targets.yaml")
        #expect(mounted.map(\.name) == plain.map(\.name))
        #expect(mounted.allSatisfy { $0.credentials.userEnv == "CVAT_PROBE_USER" && $0.credentials.passwordFile == "/run/secrets/cvat/password" })

        // GitHub: secrets appear only as values of an `env:` mapping, and the check step gets both.
        func walk(_ node: Node, _ path: [String]) {
            switch node {
            case .scalar(let scalar):
                if scalar.string.contains("secrets.") {
                    #expect(path.dropLast().last == "env", "a secret outside env: \(path.joined(separator: "."))")
                }
            case .mapping(let mapping):
                for (key, value) in mapping { walk(value, path + [key.string ?? "?"]) }
            case .sequence(let sequence):
                for (index, item) in sequence.enumerated() { walk(item, path + ["\(index)"]) }
            case .alias: break
            }
        }
        let workflow = try Self.yaml(Self.workflow)
        walk(workflow, [])
        let check = (workflow["jobs"]?["check"]?["steps"]?.sequence ?? []).first { $0["run"]?.string?.contains("cvat-authcheck run") == true }
        #expect(check?["env"]?["CVAT_PROBE_USER"]?.string == "${{ secrets.CVAT_PROBE_USER }}")
        #expect(check?["env"]?["CVAT_PROBE_PASSWORD"]?.string == "${{ secrets.CVAT_PROBE_PASSWORD }}")

        // Jenkins: the credential binds the same two variables.
        #expect(try Self.text(Self.jenkinsfile).contains("usernameVariable: 'CVAT_PROBE_USER', passwordVariable: 'CVAT_PROBE_PASSWORD'"))

        // Kubernetes: the user from the Secret, the password as a file of the mounted Secret.
        let pod = try #require(try Self.yaml(Self.kubernetes[0])["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"])
        let container = try #require(pod["containers"]?.sequence?.first)
        let user = container["env"]?.sequence?.first { $0["name"]?.string == "CVAT_PROBE_USER" }
        #expect(user?["valueFrom"]?["secretKeyRef"]?["name"]?.string == "cvat-probe-credentials")
        #expect(user?["value"] == nil)
        let mount = container["volumeMounts"]?.sequence?.first { $0["mountPath"]?.string == "/run/secrets/cvat" }
        let volume = pod["volumes"]?.sequence?.first { $0["name"]?.string == mount?["name"]?.string }
        #expect(volume?["secret"]?["secretName"]?.string == "cvat-probe-credentials")

        // No recipe puts a secret on a command line.
        for file in try DocumentedCommandTests.recipeFiles() {
            for words in try Self.commands(file) {
                let line = words.joined(separator: " ")
                for forbidden in ["--password ", "--access-token ", "PASSWORD", "TOKEN", "secrets."] {
                    #expect(!line.contains(forbidden), "\(file): \(line)")
                }
            }
            for line in try Self.text(file).components(separatedBy: "\n") where line.contains("cvat-authcheck run") {
                #expect(!line.contains("$CVAT_PROBE_PASSWORD") && !line.contains("secrets."), "\(file): \(line)")
            }
        }
    }

    @Test("no recipe hides the exit status: 0 pass, 1 fail, 2 error, 64 usage, 65 invalid data")
    func exitStatuses() throws {
        for file in try DocumentedCommandTests.recipeFiles() {
            for line in try Self.text(file).components(separatedBy: "\n") where line.contains("cvat-authcheck run") {
                for masking in ["|| true", "; true", "|| exit 0", "--fail-on none", "set +e"] {
                    #expect(!line.contains(masking), "\(file): \(line)")
                }
            }
        }
        let workflow = try Self.yaml(Self.workflow)
        let check = (workflow["jobs"]?["check"]?["steps"]?.sequence ?? []).first { $0["run"]?.string?.contains("cvat-authcheck run") == true }
        #expect(check != nil && check?["continue-on-error"] == nil)
        #expect(try Self.yaml(Self.gitlab)["cvat-auth"]?["allow_failure"] == nil)

        // Kubernetes: 1, 2, 64 and 65 fail the index without a retry; the pod exits with the run's status.
        let cronjob = try Self.yaml(Self.kubernetes[0])
        let job = try #require(cronjob["spec"]?["jobTemplate"]?["spec"])
        let rule = try #require(job["podFailurePolicy"]?["rules"]?.sequence?.first)
        #expect(rule["action"]?.string == "FailIndex")
        #expect(rule["onExitCodes"]?["operator"]?.string == "In")
        #expect(rule["onExitCodes"]?["values"]?.sequence?.compactMap(\.int) == [1, 2, 64, 65])
        let container = job["template"]?["spec"]?["containers"]?.sequence?.first
        #expect(rule["onExitCodes"]?["containerName"]?.string == container?["name"]?.string)
        let script = try #require(container?["args"]?.sequence?.first?.string)
        #expect(script.contains(" || status=$?\n"))
        #expect(script.hasSuffix("exit \"$status\"\n"))

        // Jenkins: 1 and 2 make the build unstable, anything else non-zero fails it.
        let jenkins = try Self.text(Self.jenkinsfile)
        #expect(jenkins.contains("def status = sh(returnStatus: true, script: 'cvat-authcheck run "))
        #expect(jenkins.contains("if (status == 1 || status == 2) {"))
        #expect(jenkins.contains("} else if (status != 0) {"))
    }
}

extension Validators.Output {
    /// stdout and stderr together.
    var all: String { stdout + stderr }
}
