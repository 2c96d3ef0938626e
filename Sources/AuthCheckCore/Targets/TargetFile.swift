import Foundation
import Yams

/// Loads a targets file (YAML): `targets:` entries with name, url, credential references,
/// organization, TLS options, tags, an optional pinned version, the clients and redirect and
/// shared-account permissions, plus shared `defaults:`.
///
/// ```yaml
/// defaults:
///   credentials: { user_env: CVAT_USER, password_env: CVAT_PASSWORD }
/// targets:
///   - name: staging
///     url: https://cvat.staging.example.com
///     organization: qa
///     tags: [nightly]
/// ```
public enum TargetFile {
    static let credentialShape = ProfileShape.record([
        "user_env": .string, "user": .string, "password_env": .string, "password_file": .string,
        "access_token_env": .string, "access_token_file": .string, "email_env": .string,
    ])
    static let tlsShape = ProfileShape.record(["ca_file": .string, "insecure": .boolean])
    static let targetShape = ProfileShape.record(
        [
            "name": .string, "url": .string, "credentials": credentialShape, "organization": .string, "tls": tlsShape,
            "tags": .strings, "version": .version, "clients": .strings, "follow_https_redirect": .boolean,
            "allow_shared_account": .boolean,
        ], required: ["url"])
    static let defaultsShape = ProfileShape.record([
        "credentials": credentialShape, "tls": tlsShape, "tags": .strings, "clients": .strings, "follow_https_redirect": .boolean,
        "allow_shared_account": .boolean,
    ])

    /// Parses targets-file text. `path` is used in messages.
    ///
    /// - Parameters:
    ///   - checkClient: says what is wrong with a `clients:` entry (a client or release no profile
    ///     covers), or `nil` when it is fine; without it, entries are only parsed.
    /// - Throws: ``DataErrors`` listing every problem with `file:line:column`.
    public static func parse(_ text: String, path: String, checkClient: ((ClientSelector) -> String?)? = nil) throws(DataErrors) -> [Target] {
        let node: Node
        switch ProfileDocument.compose(text, file: path, expecting: "'targets:' with a list of targets") {
        case .success(let parsed): node = parsed
        case .failure(let error): throw DataErrors([error])
        }
        guard let root = node.mapping else {
            throw DataErrors([
                DataError(ProfileDocument.location(of: node, in: path), "expected a mapping with 'targets:', found \(ProfileDocument.describe(node))")
            ])
        }
        var errors: [DataError] = []
        for pair in root where !["defaults", "targets"].contains(pair.key.string ?? "") {
            errors.append(
                DataError(
                    ProfileDocument.location(of: pair.key, in: path), "unknown key '\(pair.key.string ?? "")'",
                    hint: DidYouMean.suggestion(for: pair.key.string ?? "", among: ["defaults", "targets"]).map { "did you mean '\($0)'?" }))
        }
        if let defaults = root["defaults"] {
            errors += ProfileDocument.validate(defaults, against: defaultsShape, path: ["defaults"], file: path)
            errors += variableNameErrors(defaults.mapping?["credentials"], file: path)
        }
        guard let list = root["targets"]?.sequence, !list.isEmpty else {
            errors.append(
                DataError(
                    ProfileDocument.location(of: root["targets"] ?? node, in: path),
                    "'targets' must be a non-empty list of targets (each with at least url)"))
            throw DataErrors(errors)
        }
        var targets: [Target] = []
        var names: Set<String> = []
        for (index, entry) in list.enumerated() {
            let entryErrors = ProfileDocument.validate(entry, against: targetShape, path: ["targets[\(index)]"], file: path)
            errors += entryErrors
            guard entryErrors.isEmpty, let mapping = entry.mapping else { continue }
            let nameErrors = variableNameErrors(mapping["credentials"], file: path)
            errors += nameErrors
            guard nameErrors.isEmpty else { continue }
            let here = ProfileDocument.location(of: entry, in: path)
            guard let urlText = mapping["url"]?.string, let url = URL(string: urlText), let scheme = url.scheme?.lowercased(),
                ["http", "https"].contains(scheme), url.host != nil
            else {
                errors.append(
                    DataError(ProfileDocument.location(of: mapping["url"] ?? entry, in: path), "expected an http:// or https:// URL with a host"))
                continue
            }
            if url.user != nil || url.password != nil {
                errors.append(
                    DataError(
                        ProfileDocument.location(of: mapping["url"] ?? entry, in: path),
                        "credentials in the URL are not allowed", hint: "use credentials: { user_env, password_env } instead"))
                continue
            }
            let name = mapping["name"]?.string ?? Target.defaultName(for: url)
            guard names.insert(name).inserted else {
                errors.append(DataError(here, "duplicate target name '\(name)'", hint: "names must be unique: they become report class names"))
                continue
            }
            var credentials = decodeCredentials(root["defaults"]?.mapping?["credentials"])
            credentials = overlay(credentials, decodeCredentials(mapping["credentials"]))
            var tls = TLSOptions(
                caFile: root["defaults"]?.mapping?["tls"]?.mapping?["ca_file"]?.string,
                insecure: root["defaults"]?.mapping?["tls"]?.mapping?["insecure"]?.bool ?? false)
            if let own = mapping["tls"]?.mapping {
                if let ca = own["ca_file"]?.string { tls.caFile = ca }
                if let insecure = own["insecure"]?.bool { tls.insecure = insecure }
            }
            let tags =
                (root["defaults"]?.mapping?["tags"]?.sequence ?? []).compactMap(\.string) + (mapping["tags"]?.sequence ?? []).compactMap(\.string)
            var clients: [ClientSelector]?
            if let node = mapping["clients"] ?? root["defaults"]?.mapping?["clients"], let list = node.sequence {
                var parsed: [ClientSelector] = []
                for item in list {
                    do throws(ClientSelector.ParseError) {
                        let selector = try ClientSelector(parsing: item.string ?? "")
                        if let problem = checkClient?(selector) {
                            errors.append(DataError(ProfileDocument.location(of: item, in: path), problem))
                        }
                        parsed.append(selector)
                    } catch {
                        errors.append(DataError(ProfileDocument.location(of: item, in: path), error.description))
                    }
                }
                clients = parsed
            }
            let follow = mapping["follow_https_redirect"]?.bool ?? root["defaults"]?.mapping?["follow_https_redirect"]?.bool ?? false
            let allowShared = mapping["allow_shared_account"]?.bool ?? root["defaults"]?.mapping?["allow_shared_account"]?.bool ?? false
            targets.append(
                Target(
                    name: name, url: url, credentials: credentials, organization: mapping["organization"]?.string,
                    tls: tls, tags: tags, pinnedVersion: mapping["version"]?.string.flatMap(CVATVersion.init),
                    clients: clients, followHTTPSRedirect: follow, allowSharedAccount: allowShared))
        }
        guard errors.isEmpty else { throw DataErrors(errors) }
        return targets
    }

    /// Reads and parses a targets file.
    public static func load(path: String, checkClient: ((ClientSelector) -> String?)? = nil) throws(DataErrors) -> [Target] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataErrors([DataError(SourceLocation(file: path), "cannot read the targets file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataErrors([DataError(SourceLocation(file: path), "the targets file is not valid UTF-8")])
        }
        return try parse(text, path: path, checkClient: checkClient)
    }

    /// The `*_env` credential settings whose value is not an environment variable name, located but
    /// never quoted: a user who wrote the secret itself there must not see it echoed.
    private static func variableNameErrors(_ node: Node?, file: String) -> [DataError] {
        guard let mapping = node?.mapping else { return [] }
        return CredentialProblem.Setting.allCases.filter { !$0.isFile }.compactMap { setting in
            guard let value = mapping[setting.rawValue], let text = value.string, !EnvironmentVariableName.isValid(text) else { return nil }
            return DataError(ProfileDocument.location(of: value, in: file), CredentialProblem(.notAVariableName(setting)).description)
        }
    }

    private static func decodeCredentials(_ node: Node?) -> CredentialReference {
        guard let m = node?.mapping else { return CredentialReference() }
        return CredentialReference(
            userEnv: m["user_env"]?.string, user: m["user"]?.string, passwordEnv: m["password_env"]?.string,
            passwordFile: m["password_file"]?.string, accessTokenEnv: m["access_token_env"]?.string,
            accessTokenFile: m["access_token_file"]?.string, emailEnv: m["email_env"]?.string)
    }

    private static func overlay(_ base: CredentialReference, _ top: CredentialReference) -> CredentialReference {
        CredentialReference(
            userEnv: top.userEnv ?? base.userEnv, user: top.user ?? base.user, passwordEnv: top.passwordEnv ?? base.passwordEnv,
            passwordFile: top.passwordFile ?? base.passwordFile, accessTokenEnv: top.accessTokenEnv ?? base.accessTokenEnv,
            accessTokenFile: top.accessTokenFile ?? base.accessTokenFile, emailEnv: top.emailEnv ?? base.emailEnv)
    }
}
