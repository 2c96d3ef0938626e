/// A script the layout tests add to a copy of the HTML report: once the page has loaded (and its own
/// script has applied the URL's filters) it opens the cause cards' case lists, measures the layout the
/// way a person would see it and posts the figures, as JSON, to the framing page (``Chromium``).
enum LayoutProbe {
    static let script = """
        addEventListener("load", function () {
          document.querySelectorAll("details.members").forEach(function (d) { d.open = true; });
          var de = document.documentElement, vw = de.clientWidth;
          function lineRects(range) {
            return Array.prototype.slice.call(range.getClientRects()).filter(function (x) { return x.width > 0; });
          }
          function lineCount(rects) { return new Set(rects.map(function (x) { return Math.round(x.top); })).size; }
          var r = { innerWidth: innerWidth, clientWidth: vw, scrollWidth: Math.max(de.scrollWidth, document.body.scrollWidth) };
          var h1 = document.querySelector("h1"), h2 = document.querySelector("h2");
          r.title = h1 ? h1.textContent : "";
          r.firstHeading = h2 ? h2.textContent : "";
          r.firstSection = h2 && h2.parentElement ? h2.parentElement.id : "";
          r.overflowing = [];
          document.querySelectorAll("body *").forEach(function (e) {
            if (e.parentElement && e.parentElement.closest(".scroll")) { return; }
            var b = e.getBoundingClientRect();
            if (b.width > 0 && (b.right > vw + 0.5 || b.left < -0.5)) { r.overflowing.push(e.tagName + "#" + e.id + "." + e.className); }
          });
          r.targets = [];
          document.querySelectorAll(".target").forEach(function (e) {
            var range = document.createRange(); range.selectNodeContents(e);
            var rects = lineRects(range);
            if (rects.length === 0) { return; }
            var clipped = getComputedStyle(e).display === "inline-block" && e.scrollWidth > e.clientWidth + 0.5;
            r.targets.push({ name: e.textContent, lines: lineCount(rects), clipped: clipped });
          });
          function words(root) {
            var out = { checked: 0, broken: [] };
            if (!root) { return out; }
            var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), node, m, re = /[^\\s\\-\\/–—]+/g;
            while ((node = walker.nextNode())) {
              re.lastIndex = 0;
              while ((m = re.exec(node.data))) {
                var range = document.createRange(); range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                var rects = lineRects(range);
                if (rects.length === 0) { continue; }
                out.checked++;
                if (lineCount(rects) > 1) { out.broken.push(m[0]); }
              }
            }
            return out;
          }
          r.fixesWords = words(document.getElementById("fixes"));
          r.matrixWords = words(document.getElementById("matrix"));
          var box = document.getElementById("matrix-box"), table = document.getElementById("matrix");
          r.matrix = {
            boxLeft: box.getBoundingClientRect().left, boxRight: box.getBoundingClientRect().right,
            scrollWidth: box.scrollWidth, clientWidth: box.clientWidth,
            lines: Array.prototype.map.call(table.querySelectorAll("tbody th.line"), function (e) { return e.textContent; }),
            targets: Array.prototype.map.call(table.querySelectorAll("thead th.target-col .target"), function (e) { return e.textContent; }),
            rows: table.tBodies[0].rows.length, columns: table.tHead.rows[0].cells.length
          };
          r.causes = Array.prototype.map.call(document.querySelectorAll("#fixes article.cause"), function (e) { return e.id; });
          r.shown = (document.getElementById("shown") || {}).textContent || "";
          r.ready = document.body.getAttribute("data-ready") || "";
          parent.postMessage(JSON.stringify(r), "*");
        });
        """
}

/// What ``LayoutProbe`` measured.
struct PageLayout: Decodable {
    /// A text's words and those split over two lines (breaks at spaces, hyphens and slashes are between
    /// words, so they do not count).
    struct Words: Decodable {
        var checked: Int
        var broken: [String]
    }

    /// One element holding a target's name: its text, the lines it takes, whether it is cut off.
    struct TargetName: Decodable {
        var name: String
        var lines: Int
        var clipped: Bool
    }

    /// The matrix's scrolling box and the table in it.
    struct Matrix: Decodable {
        var boxLeft: Double
        var boxRight: Double
        var scrollWidth: Double
        var clientWidth: Double
        /// The client lines heading the rows.
        var lines: [String]
        /// The target names heading the columns.
        var targets: [String]
        var rows: Int
        var columns: Int
    }

    var innerWidth: Double
    /// The layout viewport's width.
    var clientWidth: Double
    /// The document's width: more than ``clientWidth`` means the page scrolls sideways.
    var scrollWidth: Double
    var title: String
    /// The first `h2` on the page and the id of its section.
    var firstHeading: String
    var firstSection: String
    /// Elements outside any scrolling box that reach past the viewport.
    var overflowing: [String]
    var targets: [TargetName]
    var fixesWords: Words
    var matrixWords: Words
    var matrix: Matrix
    /// The ids of the cause cards in "what broke and how to fix it".
    var causes: [String]
    /// The cases table's "showing N of M cases".
    var shown: String
    /// `1` once the page's own script ran.
    var ready: String
}
