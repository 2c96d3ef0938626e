import AuthCheckReport
import Foundation
import Testing

/// Paths of the package and throw-away folders for the report tests.
enum TestFiles {
    /// The package root, found from this source file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// This test target's Fixtures folder in the source tree (so goldens can be regenerated).
    static let fixtures = packageRoot.appendingPathComponent("Tests/AuthCheckReportTests/Fixtures")

    /// The Jenkins xUnit schema beside the package (`../shared/schemas/jenkins-junit-10.xsd`), when present.
    static let jenkinsSchemaPath = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/jenkins-junit-10.xsd").path

    static var jenkinsSchemaAvailable: Bool { FileManager.default.fileExists(atPath: jenkinsSchemaPath) }

    /// A fresh empty folder under the system temporary directory.
    static func temporaryFolder(_ label: String = #function) throws -> String {
        let safe = label.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "cvat-authcheck-report-tests/\(safe)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Files in `folder` (names only).
    static func listing(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    /// Validates against the project XSD and, when `../shared` is present, the Jenkins xUnit XSD.
    static func validateEverywhere(_ xml: [UInt8], file: String = "report.xml") throws {
        try JUnitReport.validate(xml, file: file)
        if jenkinsSchemaAvailable {
            try JUnitReport.validate(xml, file: file, xsd: XSD.file(jenkinsSchemaPath))
        }
    }
}
