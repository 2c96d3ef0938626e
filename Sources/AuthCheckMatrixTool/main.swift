import AuthCheckCore
import Foundation

/// Host tool behind the EmbedMatrices and CheckMatrices plugins.
///
/// - `embed --root DIR --output FILE PROFILE…`: checks the profiles (exit 1 with `path:line:column: error:`
///   lines on stderr when any is invalid) and writes the Swift source of `AuthCheckMatrices.sources`.
/// - `check [--format text|json] DIR…`: the same checks as `cvat-authcheck profiles check` (exit 65 on errors).
/// - `embed-text --type NAME --output FILE INPUT`: writes `enum NAME` holding INPUT's text (the JUnit
///   schema, embedded by the EmbedJUnitSchema plugin).
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "embed": try MatrixToolCommands.embed(Array(arguments.dropFirst()))
    case "check": exit(try MatrixToolCommands.check(Array(arguments.dropFirst())))
    case "embed-text": try MatrixToolCommands.embedText(Array(arguments.dropFirst()))
    default:
        FileHandle.standardError.write(
            Data(
                "usage: AuthCheckMatrixTool embed --root DIR --output FILE PROFILE… | check [--format text|json] DIR… | embed-text --type NAME --output FILE INPUT\n"
                    .utf8))
        exit(64)
    }
} catch let failure as MatrixToolCommands.Failure {
    FileHandle.standardError.write(Data((failure.message + "\n").utf8))
    exit(failure.status)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
