import AuthCheckCore
import Foundation

/// The environment of a plugin's processes. Its probe runs and its `prepare` step follow the same rules:
/// - everything the tool inherited, except the tool's own `CVAT_AUTHCHECK_*` variables; of those only
///   `CVAT_AUTHCHECK_PLUGIN_PATH` and the ones the manifest lists under `pass_environment` pass
///   (the cvat-sdk backend lists its venv settings there);
/// - for a probe run, no variable that a target's credential reference names or that holds a
///   credential's value, even if declared; the credentials themselves arrive only as the runner's
///   variables (``PluginProtocol/Environment``);
/// - a prepare step gets no credentials at all: no variable any target's credential reference names,
///   nor any other variable holding the same value.
enum PluginEnvironment {
    /// What the plugin inherits from `base` before the runner adds its own variables.
    static func inherited(from base: [String: String], manifest: PluginManifest) -> [String: String] {
        base.filter { name, _ in
            !name.hasPrefix(PluginProtocol.Environment.toolPrefix) || name == PluginDiscovery.pathVariable || manifest.passEnvironment.contains(name)
        }
    }

    /// The environment of one probe run.
    static func probeRun(base: [String: String], manifest: PluginManifest, backend: BackendSpec, context: ProbeContext) -> [String: String] {
        var environment = inherited(from: base, manifest: manifest)
        for name in context.target.credentials.environmentVariables {
            environment[name] = nil
        }
        let secrets = [context.credentials.password, context.credentials.accessToken].compactMap { $0 }
        for (name, value) in environment where secrets.contains(value) {
            environment[name] = nil
        }
        typealias Names = PluginProtocol.Environment
        environment[Names.protocolVersion] = String(PluginProtocol.version)
        environment[Names.backend] = backend.description
        environment[Names.backendVersion] = backend.version?.description
        environment[Names.pluginDirectory] = manifest.directory
        environment[Names.username] = context.credentials.username
        environment[Names.email] = context.credentials.email
        environment[Names.password] = context.credentials.password
        environment[Names.accessToken] = context.credentials.accessToken
        environment[Names.caFile] = context.target.tls.caFile
        return environment
    }

    /// The environment of a prepare step for `backend`: no credentials, the backend and the plugin's folder.
    /// `withheld` names the variables the run's targets read credentials from; they and any variable with
    /// one of their values are left out.
    static func prepareStep(base: [String: String], manifest: PluginManifest, backend: BackendSpec, withheld: Set<String>) -> [String: String] {
        var environment = inherited(from: base, manifest: manifest)
        let secrets = Set(withheld.compactMap { base[$0] }.filter { !$0.isEmpty })
        for (name, value) in environment where withheld.contains(name) || secrets.contains(value) {
            environment[name] = nil
        }
        environment[PluginProtocol.Environment.backend] = backend.description
        environment[PluginProtocol.Environment.backendVersion] = backend.version?.description
        environment[PluginProtocol.Environment.pluginDirectory] = manifest.directory
        return environment
    }

    /// A problem with one `pass_environment` entry, for the manifest check.
    struct DeclarationProblem {
        var message: String
        var hint: String?
    }

    /// Why `name` cannot be listed under `pass_environment`, or `nil` when it can.
    static func problem(declaring name: String) -> DeclarationProblem? {
        typealias Names = PluginProtocol.Environment
        let isName =
            name.first.map { $0 == "_" || $0.isASCII && $0.isLetter } == true
            && name.allSatisfy { $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard isName else {
            return DeclarationProblem(message: "'\(name)' is not an environment variable name", hint: "use letters, digits and '_'")
        }
        if Names.credentialNames.contains(name) {
            return DeclarationProblem(
                message: "'\(name)' carries a credential: the runner sets it for each probe run and never passes it on",
                hint: "remove it; credentials reach a plugin only as the runner's variables")
        }
        if Names.runnerNames.contains(name) {
            return DeclarationProblem(message: "'\(name)' is set by the runner for every plugin", hint: "remove it")
        }
        guard name.hasPrefix(Names.toolPrefix) else {
            let hint =
                prefixSuggestion(for: name).map { "did you mean '\($0)'?" }
                ?? "remove it: only the tool's own \(Names.toolPrefix)* variables are withheld from plugins"
            return DeclarationProblem(
                message: "'\(name)' is not one of the tool's \(Names.toolPrefix)* variables, and plugins inherit it anyway", hint: hint)
        }
        return nil
    }

    /// `CVAT_AUTHCHEK_CACHE` → `CVAT_AUTHCHECK_CACHE`: the name with a misspelt tool prefix corrected.
    private static func prefixSuggestion(for name: String) -> String? {
        let prefix = PluginProtocol.Environment.toolPrefix
        var best: (name: String, distance: Int)?
        for cut in 1..<max(1, name.count) {
            let distance = DidYouMean.editDistance(String(name.prefix(cut)), prefix)
            if distance <= 2, distance < (best?.distance ?? .max) { best = (prefix + name.dropFirst(cut), distance) }
        }
        return best?.name
    }
}
