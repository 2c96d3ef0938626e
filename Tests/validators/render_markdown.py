"""Render a Markdown file as GitHub does (cmark-gfm, through cmarkgfm) and print what a reader sees, as JSON.

usage: python render_markdown.py FILE

Runs in the venv of scripts/validators-venv.sh. cmarkgfm is GitHub's own fork of cmark with the GFM
extensions (tables, autolinks, strikethrough, the tag filter). Raw HTML is kept (GitHub keeps
<details> and <summary> in job summaries), so the output shows every element the renderer made.
Printed: the headings, every table (header cells and row cells, as text), the count of each element
and the text of each <summary>.
"""

import json
import sys
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self.tables = []
        self.elements = {}
        self.summaries = []
        self.stack = []
        self.text = None
        self.row = None
        self.section = None

    def handle_starttag(self, tag, attrs):
        self.elements[tag] = self.elements.get(tag, 0) + 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "summary", "th", "td"):
            self.text = []
        if tag == "table":
            self.tables.append({"header": [], "rows": []})
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr":
            self.row = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.text is not None:
            self.headings.append({"level": int(tag[1]), "text": "".join(self.text).strip()})
            self.text = None
        elif tag == "summary" and self.text is not None:
            self.summaries.append("".join(self.text).strip())
            self.text = None
        elif tag in ("th", "td") and self.text is not None and self.row is not None:
            self.row.append("".join(self.text).strip())
            self.text = None
        elif tag == "tr" and self.row is not None and self.tables:
            table = self.tables[-1]
            if self.section == "thead":
                table["header"] = self.row
            else:
                table["rows"].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        text = handle.read()
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    reader = Reader()
    reader.feed(html)
    reader.close()
    json.dump(
        {"headings": reader.headings, "tables": reader.tables, "elements": reader.elements, "summaries": reader.summaries},
        sys.stdout,
        ensure_ascii=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
