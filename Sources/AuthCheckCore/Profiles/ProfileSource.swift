import Foundation

/// The text of one profile file and the path reports show for it.
public struct ProfileSource: Hashable, Sendable {
    /// Where the file is shown as coming from: a repository path (`matrices/servers/cvat-2.48.yaml`)
    /// for the embedded copy, or the path the user gave for an overlay file.
    public var path: String
    public var text: String
    /// `true` for a user overlay file (layered over the bundled profiles).
    public var isOverlay: Bool

    public init(path: String, text: String, isOverlay: Bool = false) {
        self.path = path
        self.text = text
        self.isOverlay = isOverlay
    }

    /// SHA-256 of the file's bytes.
    public var sha256: String { SHA256.hex(text) }

    /// Reads an overlay given on the command line: every profile under a folder, or one `*.yaml`/`*.yml` file.
    ///
    /// - Throws: ``DataError`` when the path does not exist or a file cannot be read.
    public static func overlay(_ path: String) throws -> [ProfileSource] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            guard ["yaml", "yml"].contains(URL(fileURLWithPath: path).pathExtension) else {
                throw DataError(SourceLocation(file: path), "not a profile file", hint: "pass a folder or a .yaml file")
            }
            guard let data = FileManager.default.contents(atPath: path) else { throw DataError(SourceLocation(file: path), "cannot read the file") }
            guard let text = String(data: data, encoding: .utf8) else { throw DataError(SourceLocation(file: path), "the file is not valid UTF-8") }
            return [ProfileSource(path: path, text: text, isOverlay: true)]
        }
        return try directory(path, isOverlay: true)
    }

    /// Reads every `*.yaml`/`*.yml` file under `directory` (recursively, sorted by path).
    ///
    /// - Throws: ``DataError`` when the folder cannot be read or a file is not UTF-8.
    public static func directory(_ directory: String, displayPrefix: String? = nil, isOverlay: Bool = true) throws -> [ProfileSource] {
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError(
                SourceLocation(file: directory), "matrices folder not found", hint: "pass a folder holding servers/*.yaml or clients/*.yaml")
        }
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var sources: [ProfileSource] = []
        for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension) {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count)).trimmingCharacters(
                in: CharacterSet(charactersIn: "/"))
            let shown = displayPrefix.map { "\($0)/\(relative)" } ?? (directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw DataError(SourceLocation(file: shown), "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw DataError(SourceLocation(file: shown), "the file is not valid UTF-8")
            }
            sources.append(ProfileSource(path: shown, text: text, isOverlay: isOverlay))
        }
        return sources.sorted { $0.path < $1.path }
    }
}
