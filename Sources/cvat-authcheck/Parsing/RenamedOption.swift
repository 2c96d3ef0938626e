/// Options that were renamed, so that an old command line fails with the new spelling instead of
/// doing something else: `emulate --version X.Y.Z` would now print the tool's version and exit, so a
/// script waiting for `listening on …` would wait forever.
enum RenamedOption {
    /// The one-line error for `arguments` when they use a renamed option the old way; `nil` otherwise.
    static func message(arguments: [String]) -> String? {
        guard arguments.first == "emulate" else { return nil }
        for (index, argument) in arguments.enumerated() {
            let value: String?
            if argument.hasPrefix("--version=") {
                value = String(argument.dropFirst("--version=".count))
            } else if argument == "--version", index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") {
                value = arguments[index + 1]
            } else {
                continue
            }
            return "emulate: the CVAT version to emulate is given with --cvat-version (e.g. --cvat-version \(value ?? "2.48.0")); "
                + "--version prints the tool's version"
        }
        return nil
    }
}
