import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

@Suite struct JUnitReaderTests {
    @Test(
        "malformed XML is refused with the file and the line",
        arguments: [
            ("<testsuites>\n<testsuite name=\"a\">\n<testcase name=\"x\">\n</testsuite>\n</testsuites>", 4),
            ("<testsuites>\n<testsuite name=\"a\" \u{1}/>\n</testsuites>", 2),
            ("<?xml version=\"1.0\"?>\n<testsuites>\n  <testsuite name=\"a\" tests=\"1\">", 3),
        ])
    func malformed(xml: String, line: Int) {
        do {
            _ = try JUnitReport.read(Array(xml.utf8), file: "shards/junit-2.xml")
            Issue.record("malformed input was accepted")
        } catch {
            guard case .malformedXML(let file, let reportedLine, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(file == "shards/junit-2.xml")
            #expect(reportedLine == line)
            #expect(!reason.isEmpty)
            #expect(error.description.hasPrefix("shards/junit-2.xml:\(line): malformed JUnit XML:"))
        }
    }

    @Test("empty files and foreign roots are refused clearly")
    func notJUnit() {
        #expect(throws: ReportError.malformedXML(file: "e.xml", line: 1, reason: "the file is empty")) {
            try JUnitReport.read([], file: "e.xml")
        }
        do {
            _ = try JUnitReport.read(Array("<html>\n<body/></html>".utf8), file: "page.xml")
            Issue.record("accepted html")
        } catch {
            #expect(error.description.contains("root element <html>"))
        }
    }

    @Test("external entities are not fetched or expanded from the network")
    func noNetwork() throws {
        let xml = #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]><testsuites name="&e;"/>"#
        let document = try? JUnitReport.read(Array(xml.utf8), file: "x.xml")
        #expect(document?.name.contains("127.0.0.1") != true)
    }

    @Test("other tools' shapes are read: a bare testsuite, nested suites, several failures")
    func foreignShapes() throws {
        let goss =
            #"<testsuite name="goss" errors="0" tests="2" failures="1" time="1,234.5"><testcase name="a" time="0.1"><failure message="x">body</failure><error message="y"/></testcase><testcase name="b"><system-out>hi</system-out></testcase></testsuite>"#
        let document = try JUnitReport.read(Array(goss.utf8), file: "goss.xml")
        #expect(document.suites.count == 1)
        #expect(document.suites[0].time == 1234.5)
        #expect(document.cases.map(\.classname) == ["goss", "goss"])
        #expect(document.cases[0].result == .failure(message: "x", type: "failure", body: "body"))
        #expect(document.cases[1].systemOut == "hi")
        let nested =
            #"<testsuites><testsuite name="outer"><testsuite name="inner"><testcase classname="a.b" name="c"/></testsuite></testsuite></testsuites>"#
        let flat = try JUnitReport.read(Array(nested.utf8), file: "nested.xml")
        #expect(flat.suites.map(\.name) == ["outer", "inner"])
        #expect(flat.cases.count == 1)
    }
}
