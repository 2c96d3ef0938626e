import AuthCheckCore
import AuthCheckMatrices
import Foundation
import Testing

@Suite("The embedded copy of matrices/")
struct MatrixEmbeddingTests {
    @Test("the embedded copy equals the files in matrices/, path for path and byte for byte")
    func embeddedEqualsFiles() throws {
        let folder = MatrixTestSupport.packageRoot.appending(path: "matrices").path
        let files = try ProfileSource.directory(folder, displayPrefix: "matrices", isOverlay: false)
        #expect(files.count >= 30)
        #expect(AuthCheckMatrices.sources.map(\.path) == files.map(\.path))
        for (embedded, file) in zip(AuthCheckMatrices.sources, files) {
            #expect(embedded.text == file.text, "\(file.path) differs from its embedded copy")
            #expect(embedded.sha256 == file.sha256)
            #expect(!embedded.isOverlay)
        }
    }

    @Test("the generated literal escapes quotes, backslashes, control and non-ASCII characters")
    func literalEscaping() {
        #expect(ProfileEmbedding.literal("a \"b\" \\ c\n\td\r") == #""a \"b\" \\ c\n\td\r""#)
        #expect(ProfileEmbedding.literal("é→\u{1B}") == #""\u{e9}\u{2192}\u{1b}""#)
        #expect(ProfileEmbedding.literal("\"\"\"#") == ##""\"\"\"#""##)
    }

    @Test("the generated source declares AuthCheckMatrices.sources with every file, sorted by path")
    func generatedSource() {
        let source = ProfileEmbedding.swiftSource(for: [
            ProfileSource(path: "matrices/servers/b.yaml", text: "id: b\n"),
            ProfileSource(path: "matrices/servers/a.yaml", text: "id: a\n"),
        ])
        #expect(source.contains("extension AuthCheckMatrices {"))
        #expect(source.contains("public static let sources: [ProfileSource] = ["))
        let a = source.range(of: #"path: "matrices/servers/a.yaml""#)
        let b = source.range(of: #"path: "matrices/servers/b.yaml""#)
        #expect(a != nil && b != nil)
        if let a, let b { #expect(a.lowerBound < b.lowerBound) }
        #expect(source.contains(#"text: "id: a\n""#))
    }
}
