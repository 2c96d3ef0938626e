import Foundation
import Testing

/// Headless Chromium (Debian's `chromium` package) for the HTML tests: DOM dumps, screenshots, and
/// layout measurements at a chosen viewport width.
///
/// Headless Chromium will not make a window narrower than 500 px (a 390 px window still lays pages out
/// 500 px wide and only crops the screenshot), so a page is measured inside a frame of exactly the
/// width asked for: the frame's layout viewport is that width, and a screenshot of a window of the
/// same width shows exactly the frame.
enum Chromium {
    static let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs Chromium headless with `arguments`, killing it after 90 s, and returns stdout.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
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

    /// Writes `html` to `folder/report.html` with the layout probe (``LayoutProbe``) added before
    /// `</body>`, and a page that frames it at `width` × `height` and writes what the probe posts into
    /// `<pre id="layout">`; returns the framing page's URL.
    static func framed(_ html: String, in folder: String, width: Int, height: Int, query: String = "") throws -> String {
        let probed = html.replacingOccurrences(of: "</body>", with: "<script>\(LayoutProbe.script)</script>\n</body>")
        try Data(probed.utf8).write(to: URL(fileURLWithPath: folder + "/report.html"))
        let frame = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;overflow:hidden}\
            iframe{display:block;border:0;width:\(width)px;height:\(height)px}</style></head><body>\
            <iframe src="report.html\(query)"></iframe><script>addEventListener("message",function(e){\
            var p=document.createElement("pre");p.id="layout";p.textContent=e.data;document.body.appendChild(p);});</script></body></html>
            """
        let page = folder + "/frame-\(width).html"
        try Data(frame.utf8).write(to: URL(fileURLWithPath: page))
        return URL(fileURLWithPath: page).absoluteString
    }

    /// The layout of `html` in a viewport `width` px wide, as the probe measured it.
    static func layout(of html: String, in folder: String, width: Int, height: Int, query: String = "") throws -> PageLayout {
        let url = try framed(html, in: folder, width: width, height: height, query: query)
        let dom = try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--virtual-time-budget=10000", "--dump-dom", url])
        #expect(dom.status == 0)
        guard let start = dom.output.range(of: "<pre id=\"layout\">"),
            let end = dom.output.range(of: "</pre>", range: start.upperBound..<dom.output.endIndex)
        else { throw ChromiumFailure(description: "the layout probe reported nothing at \(width) px") }
        let json = String(dom.output[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(PageLayout.self, from: Data(json.utf8))
    }

    /// Takes a screenshot of the framed page (written by ``framed(_:in:width:height:query:)``) into `png`
    /// and returns the image's size in pixels and bytes, read from the PNG header.
    static func screenshot(_ url: String, to png: String, width: Int, height: Int) throws -> (width: Int, height: Int, bytes: Int) {
        try? FileManager.default.removeItem(atPath: png)
        let shot = try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png)", url])
        #expect(shot.status == 0)
        let data = try #require(FileManager.default.contents(atPath: png), "no screenshot at \(png)")
        let bytes = Array(data)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
        guard bytes.count > 24 else { throw ChromiumFailure(description: "a truncated PNG at \(png)") }
        func be32(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20), bytes.count)
    }

    struct ChromiumFailure: Error, CustomStringConvertible {
        var description: String
    }
}
