import ArgumentParser
import AuthCheckRun
import Foundation

/// `cvat-authcheck`: checks that authentication on CVAT servers works for every client you care
/// about, against per-version profiles, and writes JUnit XML for CI dashboards.
@main
struct CVATAuthCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cvat-authcheck",
        abstract: "Check CVAT authentication against per-version compatibility profiles.",
        discussion: """
            Detects each server's CVAT version, chooses the matching profile from matrices/, runs the \
            auth probes in a safe order and writes JUnit XML (reports/junit.xml by default).

            Exit status: 0 every outcome passed or was skipped; 1 at least one fail; 2 at least one \
            error and no fail; 64 usage error (nothing was sent); 65 invalid data (matrix, targets file, \
            plugin manifest, report input); 66 an input file does not exist; 69 profiles draft could not \
            observe its server or client release; 70 internal error; 74 a file could not be read or written.

            --version prints the release, the commit it was built from and the CVAT releases the bundled \
            profiles cover. Shell completion: cvat-authcheck --generate-completion-script bash|zsh|fish. \
            The manual page is docs/man/cvat-authcheck.1.
            """,
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, DemoCommand.self, ProfilesCommand.self, ProbesCommand.self, ReportCommand.self,
            EmulateCommand.self, PluginsCommand.self,
        ]
    )

    /// Runs the command; invalid data (matrix, targets file, plugin manifest) exits 65 with every
    /// problem listed as `file:line:column: error: …`.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let renamed = RenamedOption.message(arguments: arguments) {
            FileHandle.standardError.write(Data("Error: \(renamed)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if VersionRequest.isRequest(error, root: Self.self) {
                print(VersionRequest.text())
                Foundation.exit(0)
            }
            if let unknown = UnknownCommand.message(arguments: arguments, root: Self.self) {
                FileHandle.standardError.write(Data("Error: \(unknown)\n".utf8))
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            exit(withError: DeferredValidation.error(for: error, parsing: arguments, as: Self.self))
        }
        do {
            var command = command
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let error as ValidationError {
            // A usage problem found once the command runs (credentials, probe ids): one line, nothing sent.
            FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
