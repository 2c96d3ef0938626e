/// How ``JUnitReport`` renders a run record.
public struct JUnitOptions: Hashable, Sendable {
    /// GitLab's limit for one JUnit file: 30 MB.
    public static let gitLabFileLimit = 30_000_000

    /// Changes against a baseline run, shown in failure bodies, `system-out` and suite properties. Default none.
    public var diff: RecordDiff?
    /// The largest document to write, in bytes. Transcripts are truncated to stay below it; cases are
    /// never dropped. Default ``gitLabFileLimit``.
    public var maxBytes: Int
    /// Indent the XML. Default `true`.
    public var indent: Bool
    /// The `testsuites@name`. Default `cvat-authcheck`.
    public var name: String

    public init(diff: RecordDiff? = nil, maxBytes: Int = JUnitOptions.gitLabFileLimit, indent: Bool = true, name: String = "cvat-authcheck") {
        self.diff = diff
        self.maxBytes = maxBytes
        self.indent = indent
        self.name = name
    }
}
