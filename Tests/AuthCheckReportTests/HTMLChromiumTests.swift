import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

/// Renders the HTML report in headless Chromium (Debian's `chromium` package) as a person would see
/// it: the demo's page at a laptop's 1366 px and a phone's 390 px, measured and photographed.
@Suite(.serialized) struct HTMLChromiumTests {
    /// Where the screenshots are also kept after the run: `.build/test-artefacts/` in the package.
    static let artefacts = TestFiles.packageRoot.appendingPathComponent(".build/test-artefacts").path

    @Test(
        "Chromium shows the matrix and the filters work",
        .enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium); the headless rendering test is skipped"))
    func rendersInChromium() throws {
        let folder = try TestFiles.temporaryFolder()
        let page = folder + "/report.html"
        try AtomicFile.write(Array(HTMLReport.render(Samples.record()).utf8), to: page)
        let url = URL(fileURLWithPath: page).absoluteString

        let dom = try Chromium.run(["--dump-dom", url])
        #expect(dom.status == 0)
        #expect(dom.output.contains("data-ready=\"1\""), "the inline script did not run")
        #expect(dom.output.contains("<table id=\"matrix\" class=\"matrix\">"))
        #expect(dom.output.contains("title=\"alpha · cvat-sdk 2.24–2.40 · session: fail\">✗</td>"))
        #expect(dom.output.contains("showing 13 of 13 cases"))

        let filtered = try Chromium.run(["--dump-dom", url + "?status=fail&target=alpha"])
        #expect(filtered.output.contains("showing 2 of 13 cases"))
    }

    @Test(
        "the demo's page leads with the fixes and fits the screen: no sideways scrolling, matrix in its box, target names on one line, no word split",
        .enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium); the headless rendering test is skipped"),
        arguments: [(1366, 900), (390, 844)])
    func demoLayout(width: Int, height: Int) throws {
        let record = try Samples.fixture("demo")
        let folder = try TestFiles.temporaryFolder("layout\(width)")
        let html = HTMLReport.render(record)
        let layout = try Chromium.layout(of: html, in: folder, width: width, height: height, query: "?status=fail")

        // The frame gave the page the viewport asked for, and its script ran with the URL's filter.
        #expect(layout.innerWidth == Double(width))
        #expect(layout.ready == "1")
        let failing = record.outcomes.count { $0.status == .fail }
        #expect(layout.shown == "showing \(failing) of \(record.outcomes.count) cases")

        // It leads with the fix: the first heading after the title is "what broke", one card per cause.
        #expect(layout.title == "cvat-authcheck")
        #expect(layout.firstSection == "fixes")
        #expect(layout.firstHeading == "What broke and how to fix it")
        let causes = Set(record.outcomes.filter { $0.status == .fail || $0.status == .error }.map { $0.cause ?? "\($0.status): \($0.message)" })
        #expect(layout.causes.count == causes.count)

        // The body never scrolls sideways; nothing outside a scrolling box reaches past the viewport.
        #expect(layout.scrollWidth <= layout.clientWidth, "the page is \(layout.scrollWidth) px wide in a \(layout.clientWidth) px viewport")
        #expect(layout.overflowing.isEmpty, "past the right edge: \(layout.overflowing.prefix(5))")

        // Target names as the user wrote them, each on one line and never cut off.
        let names = Set(record.suites.map(\.target))
        #expect(!layout.targets.isEmpty)
        for target in layout.targets {
            #expect(names.contains(target.name), "\(target.name) is not a target name as written")
            #expect(target.lines == 1, "\(target.name) wraps over \(target.lines) lines at \(width) px")
            #expect(!target.clipped, "\(target.name) is cut off at \(width) px")
        }

        // No word of the fixes or the matrix is split over two lines.
        #expect(layout.fixesWords.checked > 100)
        #expect(layout.fixesWords.broken.isEmpty, "split words: \(layout.fixesWords.broken)")
        #expect(layout.matrixWords.broken.isEmpty, "split words: \(layout.matrixWords.broken)")

        // The matrix: client lines as rows (every line the record predicts), targets as columns.
        let predictions = record.outcomes.compactMap(\.prediction)
        #expect(Set(layout.matrix.lines) == Set(predictions.map(\.line)))
        #expect(layout.matrix.rows == Set(predictions.map { "\($0.line) \($0.mode)" }).count)
        #expect(layout.matrix.targets == record.suites.map(\.target).reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
        #expect(layout.matrix.boxLeft >= 0 && layout.matrix.boxRight <= Double(width), "the matrix box leaves the page")
        if width >= 1366 {
            #expect(
                layout.matrix.scrollWidth <= layout.matrix.clientWidth,
                "the matrix needs \(layout.matrix.scrollWidth) px in a \(layout.matrix.clientWidth) px box at \(width) px")
        }

        // A screenshot at that width, kept in the temporary folder and under .build/test-artefacts.
        let png = folder + "/report-\(width).png"
        let url = try Chromium.framed(html, in: folder, width: width, height: height)
        let shot = try Chromium.screenshot(url, to: png, width: width, height: height)
        #expect(shot.width == width && shot.height == height)
        #expect(shot.bytes > 20_000, "the screenshot looks blank (\(shot.bytes) bytes)")
        try FileManager.default.createDirectory(atPath: Self.artefacts, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: Self.artefacts + "/html-report-\(width).png")
        try FileManager.default.copyItem(atPath: png, toPath: Self.artefacts + "/html-report-\(width).png")
    }
}
