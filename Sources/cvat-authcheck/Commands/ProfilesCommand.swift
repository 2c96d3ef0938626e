import ArgumentParser
import AuthCheckCore
import AuthCheckRun
import Foundation

/// `cvat-authcheck profiles list|show|explain|check`: inspect and validate the server and client profiles.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List, show, explain and check the CVAT compatibility profiles (matrices/).",
        discussion: """
            The profiles are embedded in the binary; --matrices DIR layers your own files over them, e.g. a \
            cvat-2.81.yaml that extends cvat-2.80. See docs/PROFILES.md.
            """,
        subcommands: [List.self, Show.self, Explain.self, Check.self, ProfilesDraftCommand.self],
        defaultSubcommand: List.self)

    /// Loads the catalog, refusing it (exit 65) when it has errors.
    static func usableCatalog(_ options: MatrixOptions) throws -> ProfileCatalog {
        do {
            return try ProfileCatalogLoader.usable(overlays: try options.overlaySources())
        } catch let error as DataErrors {
            throw CLIError(error, hint: "run `cvat-authcheck profiles check` for details")
        } catch let error as DataError {
            throw CLIError(error)
        }
    }

    /// `profiles list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List every profile: id, version range, file and what changed.")

        @OptionGroup(title: "Profiles") var matrixOptions: MatrixOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let catalog = try ProfilesCommand.usableCatalog(matrixOptions)
            let rows = ProfileListing.rows(catalog)
            if json {
                print(try ProfileListing.json(rows))
            } else {
                print(ProfileListing.table(rows))
            }
        }
    }

    /// `profiles show ID`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a profile as merged after inheritance (YAML, or JSON with --json).")

        @Argument(help: "A profile id, e.g. cvat-2.48 or cvat-sdk-2.41.") var id: String
        @OptionGroup(title: "Profiles") var matrixOptions: MatrixOptions
        @Flag(help: "Print the decoded profile as JSON.") var json = false

        func run() async throws {
            let catalog = try ProfilesCommand.usableCatalog(matrixOptions)
            guard let yaml = catalog.mergedYAML(id: id) else {
                let hint = DidYouMean.suggestion(for: id, among: catalog.ids).map { " (did you mean '\($0)'?)" } ?? ""
                throw ValidationError("no profile with id '\(id)'\(hint); `cvat-authcheck profiles list` shows them")
            }
            if json {
                if let server = catalog.server(id: id) {
                    print(try ProfileListing.encode(server.profile))
                } else if let client = catalog.client(id: id) {
                    print(try ProfileListing.encode(client.profile))
                }
            } else {
                let chain = (catalog.server(id: id)?.chainFiles ?? catalog.client(id: id)?.chainFiles ?? [])
                print("# \(id) merged from: \(chain.joined(separator: " <- "))")
                print(yaml, terminator: yaml.hasSuffix("\n") ? "" : "\n")
            }
        }
    }

    /// `profiles explain VERSION`
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Show which profile applies to a CVAT version, its inheritance chain and the merged expectations.")

        @Argument(help: "A CVAT version as the server reports it: 2.52.1, 2.41, v2.48.1, 2.80.0.dev20261015.") var version: String
        @OptionGroup(title: "Profiles") var matrixOptions: MatrixOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard let parsed = CVATVersion(version) else {
                throw ValidationError("'\(version)' is not a CVAT version (expected e.g. 2.48.0, 2.41 or 2.80.0.dev20261015)")
            }
            let catalog = try ProfilesCommand.usableCatalog(matrixOptions)
            guard let explanation = catalog.explain(parsed) else {
                FileHandle.standardError.write(
                    Data("CVAT \(parsed) is older than every profile; the oldest supported release is \(ProfileCatalog.oldestSupported)\n".utf8))
                throw ExitCode(1)
            }
            if json {
                print(try ProfileListing.encode(explanation))
            } else {
                print(ProfileListing.explanation(explanation, mergedYAML: catalog.mergedYAML(id: explanation.applied.id) ?? ""))
            }
        }
    }

    /// `profiles check [DIR]`
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check profiles: schema, unknown keys, extends, cycles, range gaps and overlaps, probe ids.",
            discussion: """
                Without DIR: the bundled profiles plus any --matrices overlays. With DIR: DIR layered over them \
                (how a run would use it), or DIR alone with --standalone (a complete, vendored set). \
                Every problem is listed as file:line:column; the exit status is 65 when there is any error.
                """)

        @Argument(help: "A folder of profiles to check.") var directory: String?
        @OptionGroup(title: "Profiles") var matrixOptions: MatrixOptions
        @Flag(help: "Check DIR on its own instead of layering it over the bundled profiles.") var standalone = false
        @Flag(help: "Print the report as JSON (the same data).") var json = false
        /// The former spelling of ``json`` (`--format text|json`), still accepted but no longer shown.
        @Option(help: .hidden) var format: CheckFormat?

        func validate() throws {
            guard !DeferredValidation.isDeferred else { return }
            if standalone && directory == nil { throw ValidationError("--standalone needs a DIR to check") }
        }

        func run() async throws {
            var sources: [ProfileSource]
            do {
                if let directory, standalone {
                    sources = try ProfileSource.directory(directory, isOverlay: false)
                } else {
                    sources = ProfileCatalogLoader.sources(overlays: try matrixOptions.overlaySources())
                    if let directory { sources += try ProfileSource.overlay(directory) }
                }
            } catch let error as DataError {
                throw CLIError(error)
            }
            let catalog = ProfileCatalogLoader.load(sources)
            let report = ProfileCheckReport(catalog: catalog, files: sources.count)
            print(json || format == .json ? try report.json() : report.text)
            if !report.passed { throw ExitCode(report.exitStatus) }
        }
    }

    /// The hidden `--format` of `profiles check`.
    enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }
}
