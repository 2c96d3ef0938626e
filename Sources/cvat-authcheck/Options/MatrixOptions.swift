import ArgumentParser
import AuthCheckCore

/// `--matrices DIR` (repeatable): user profile folders layered over the profiles embedded in the binary.
///
/// A file in an overlay replaces the bundled profile with the same `id`; a new id adds a profile
/// (for example `cvat-2.81.yaml` extending `cvat-2.80`). Later folders win over earlier ones.
struct MatrixOptions: ParsableArguments {
    @Option(
        name: .customLong("matrices"),
        help: ArgumentHelp(
            "Layer the profiles in DIR (servers/*.yaml, clients/*.yaml, or one .yaml file) over the bundled ones; repeatable, later ones win.",
            valueName: "DIR"))
    var matrices: [String] = []

    /// The overlay files, in precedence order.
    ///
    /// - Throws: ``DataError`` when a folder cannot be read.
    func overlaySources() throws -> [ProfileSource] {
        try matrices.flatMap { try ProfileSource.overlay($0) }
    }
}
