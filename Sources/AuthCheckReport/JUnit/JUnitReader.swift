/// Reads JUnit XML back through libxml2: this tool's files and the common shapes of other tools
/// (a bare `testsuite` root, nested suites, which are flattened).
public enum JUnitReader {
    /// Parses `xml`; `file` names it in errors.
    /// - Throws: ``ReportError/malformedXML(file:line:reason:)`` when the bytes are not well-formed XML
    ///   or the root is not `testsuites`/`testsuite`.
    public static func read(_ xml: [UInt8], file: String) throws(ReportError) -> JUnitDocument {
        let document = try XMLDocument(bytes: xml, file: file)
        guard let root = document.root else { throw .malformedXML(file: file, line: 1, reason: "no root element") }
        switch root.name {
        case "testsuites":
            var suites: [JUnitSuite] = []
            for child in root.children where child.name == "testsuite" { suites += readSuites(child) }
            return JUnitDocument(name: root.attribute("name") ?? "cvat-authcheck", suites: suites)
        case "testsuite":
            return JUnitDocument(suites: readSuites(root))
        default:
            throw .malformedXML(file: file, line: root.line, reason: "root element <\(root.name)> is not <testsuites> or <testsuite>")
        }
    }

    /// A suite and, flattened after it, any suites nested inside it.
    private static func readSuites(_ node: XMLNode) -> [JUnitSuite] {
        var suite = JUnitSuite(
            name: node.attribute("name") ?? "unnamed", hostname: node.attribute("hostname") ?? "unknown",
            timestamp: node.attribute("timestamp") ?? "1970-01-01T00:00:00", time: Seconds.parse(node.attribute("time")))
        var nested: [JUnitSuite] = []
        for child in node.children {
            switch child.name {
            case "properties":
                suite.properties += child.children.filter { $0.name == "property" }.map {
                    JUnitProperty($0.attribute("name") ?? "", $0.attribute("value") ?? $0.text)
                }
            case "testcase": suite.cases.append(readCase(child, suite: suite.name))
            case "testsuite": nested += readSuites(child)
            case "system-out": suite.systemOut = child.text
            case "system-err": suite.systemErr = child.text
            default: continue
            }
        }
        return [suite] + nested
    }

    private static func readCase(_ node: XMLNode, suite: String) -> JUnitCase {
        let classname = node.attribute("classname").flatMap { $0.isEmpty ? nil : $0 } ?? suite
        var testCase = JUnitCase(
            classname: classname, name: node.attribute("name") ?? "unnamed", time: Seconds.parse(node.attribute("time")),
            result: .passed)
        for child in node.children {
            switch child.name {
            // The first terminal element wins, as in Jenkins; later ones are ignored.
            case "failure" where testCase.result == .passed:
                testCase.result = .failure(message: child.attribute("message") ?? "", type: child.attribute("type") ?? "failure", body: child.text)
            case "error" where testCase.result == .passed:
                testCase.result = .error(message: child.attribute("message") ?? "", type: child.attribute("type") ?? "error", body: child.text)
            case "skipped" where testCase.result == .passed:
                testCase.result = .skipped(message: child.attribute("message") ?? "", body: child.text)
            case "system-out": testCase.systemOut = (testCase.systemOut.map { $0 + "\n" } ?? "") + child.text
            case "system-err": testCase.systemErr = (testCase.systemErr.map { $0 + "\n" } ?? "") + child.text
            default: continue
            }
        }
        return testCase
    }
}
