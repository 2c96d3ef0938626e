import AuthCheckCore
import AuthCheckReport
import Foundation
import Testing

/// Renders the HTML report in headless Chromium (Debian's `chromium` package).
@Suite struct HTMLChromiumTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Where the screenshot is kept: `.build/test-artefacts/` in the package.
    static let artefacts = TestFiles.packageRoot.appendingPathComponent(".build/test-artefacts").path

    /// Runs Chromium headless with `arguments`, killing it after 90 s, and returns stdout.
    func runChromium(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.chromium))
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(try TestFiles.temporaryFolder("chromium-profile"))",
            ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(
        "Chromium shows the matrix and the filters work; a screenshot is kept",
        .enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium); the headless rendering test is skipped"))
    func rendersInChromium() throws {
        let folder = try TestFiles.temporaryFolder()
        let page = folder + "/report.html"
        try AtomicFile.write(Array(HTMLReport.render(Samples.record()).utf8), to: page)
        let url = URL(fileURLWithPath: page).absoluteString

        let dom = try runChromium(["--dump-dom", url])
        #expect(dom.status == 0)
        #expect(dom.output.contains("data-ready=\"1\""), "the inline script did not run")
        #expect(dom.output.contains("<table id=\"matrix\" class=\"matrix\">"))
        #expect(dom.output.contains("title=\"alpha · cvat-sdk 2.24–2.40 · session: fail\">✗</td>"))
        #expect(dom.output.contains("showing 13 of 13 cases"))

        let filtered = try runChromium(["--dump-dom", url + "?status=fail&target=alpha"])
        #expect(filtered.output.contains("showing 2 of 13 cases"))

        try FileManager.default.createDirectory(atPath: Self.artefacts, withIntermediateDirectories: true)
        let screenshot = Self.artefacts + "/html-report.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        let shot = try runChromium(["--screenshot=\(screenshot)", "--window-size=1280,1400", "--hide-scrollbars", url])
        #expect(shot.status == 0)
        let png = try #require(FileManager.default.contents(atPath: screenshot), "no screenshot at \(screenshot)")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.count > 20_000, "the screenshot looks blank (\(png.count) bytes)")
    }
}
