import ArgumentParser

/// Lets the parser report an unknown option or command before a `validate()` complaint.
///
/// swift-argument-parser runs a command's `validate()` before it looks for arguments it did not
/// recognise, so `run --taget URL` used to answer "give at least one --target URL" instead of "did you
/// mean '--target'?". When parsing fails validation, the arguments are parsed once more with every
/// `validate()` returning early; if that parse finds an unknown option, that is the error to show.
enum DeferredValidation {
    /// `true` while arguments are re-parsed to look for unknown options; `validate()` returns at once.
    @TaskLocal static var isDeferred = false

    /// The error to report for `error`, thrown while parsing `arguments` as `root`: an unknown option
    /// or command hidden behind a validation error when there is one, else `error` itself.
    static func error<Root: ParsableCommand>(for error: any Error, parsing arguments: [String], as root: Root.Type) -> any Error {
        guard root.exitCode(for: error) == .validationFailure else { return error }
        do {
            _ = try $isDeferred.withValue(true) { try root.parseAsRoot(arguments) }
            return error
        } catch {
            return error
        }
    }
}
