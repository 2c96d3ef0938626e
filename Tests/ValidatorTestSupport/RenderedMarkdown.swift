import Foundation

/// What GitHub's renderer makes of a Markdown file (`Tests/validators/render_markdown.py`, cmark-gfm with
/// the GFM extensions through cmarkgfm): the headings, the tables cell by cell, and the elements made.
public struct RenderedMarkdown: Decodable, Sendable {
    /// A heading: its level (1–6) and text.
    public struct Heading: Decodable, Sendable, Hashable {
        public var level: Int
        public var text: String
    }

    /// A table as rendered: the header cells and each body row's cells, as text.
    public struct Table: Decodable, Sendable {
        public var header: [String]
        public var rows: [[String]]
    }

    public var headings: [Heading]
    public var tables: [Table]
    /// How many of each element the renderer made (`table`, `details`, `script`, …).
    public var elements: [String: Int]
    /// The text of each `<summary>`.
    public var summaries: [String]

    /// Renders `path` as GitHub would; throws when the renderer cannot run.
    public static func render(file path: String) throws -> RenderedMarkdown {
        let script = Validators.packageRoot.appendingPathComponent("Tests/validators/render_markdown.py").path
        let output = try Validators.run("python", [script, path])
        guard output.status == 0 else { throw Validators.Failure(description: "\(path) could not be rendered: \(output)") }
        return try JSONDecoder().decode(RenderedMarkdown.self, from: Data(output.stdout.utf8))
    }
}
