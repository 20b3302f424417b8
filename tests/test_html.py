"""Every document as an accessible web page (--format html): one self-contained file per document
that requests nothing, with landmarks, a skip link, numbered headings, tables with captions and
header cells with scope, charts as inline SVG with their text alternative and a print stylesheet;
and output/<jaar>/index.html listing them. The committed pages of 2025 (proven current by the
`committed` fixture; test_determinism rebuilds some byte for byte) are read back as HTML, and a
sample is opened in Chromium and checked with axe-core."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

from conftest import ROOT
from headless import axe_violations, csp_violations
from uvpgen.build import FORMATS, default_formats
from uvpgen.fingerprints import Manifest, RenderInputs
from uvpgen.render.html import PAGE_POLICY

# axe-core takes one or two seconds a document: one with charts, and the index (test_preview.py runs
# it on Enschede's UVP, the document with the most tables, in the same screen layout).
IN_BROWSER = ["twente/monitoring-voorjaar-2025-twente.html", "index.html"]


class Page(HTMLParser):
    """The parts of an HTML page these tests look at."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []  # every start tag, in order
        self.open: list[str] = []
        self.text: dict[int, list[str]] = {}  # the text inside each start tag (by index), while it is open
        self.stack: list[int] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in ("meta", "img", "br", "hr", "link", "path", "use", "rect", "col"):
            self.stack.append(len(self.tags) - 1)

    def handle_endtag(self, tag):
        while self.stack:
            index = self.stack.pop()
            if self.tags[index][0] == tag:
                break

    def handle_data(self, data):
        for index in self.stack:
            self.text.setdefault(index, []).append(data)

    def text_of(self, index: int) -> str:
        return " ".join("".join(self.text.get(index, [])).split())

    def all(self, tag: str) -> list[tuple[int, dict[str, str]]]:
        return [(i, attrs) for i, (t, attrs) in enumerate(self.tags) if t == tag]


def test_every_document_is_one_accessible_self_contained_page(committed):
    pages = sorted(committed.glob("*/*.html"))
    assert len(pages) == 64
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = Page(text)
        name = path.name
        tags = [tag for tag, _ in page.tags]
        assert page.tags[0] == ("html", {"lang": "nl"}), name
        # Landmarks and the skip link, the first thing in the body, to the main text.
        body = tags.index("body")
        assert page.tags[body + 1] == ("a", {"class": "naar-tekst", "href": "#tekst"}), name
        assert {"header", "nav", "main"} <= set(tags), name
        assert dict(page.all("main"))[tags.index("main")]["id"] == "tekst"
        # The headings of the canonical text, with their numbers, in order.
        main = tags.index("main")
        headings = [page.text_of(i) for i, (tag, _) in enumerate(page.tags) if i > main and tag in ("h1", "h2", "h3")]
        markdown = path.with_suffix(".md").read_text(encoding="utf-8")
        assert headings == re.findall(r"^#{1,3} (.+)$", markdown, re.M), name
        assert sum(bool(re.match(r"(Bijlage )?\d+(\.\d+)? ", h)) for h in headings) > 5, name
        # Tables: a caption (or, for the list of terms, the heading above it), header cells with scope.
        for index, attrs in page.all("table"):
            assert (page.tags[index + 1][0] == "caption" and page.text_of(index + 1).startswith("Tabel ")
                    or page.tags[index - 1] == ("h1", {"id": attrs.get("aria-labelledby")})), name
        assert all(attrs.get("scope") in ("col", "row") for _, attrs in page.all("th")), name
        # Charts inline, named by their text alternative; pictures with one.
        for index, attrs in page.all("svg"):
            assert attrs["role"] == "img" and page.tags[index + 1][0] == "title", name
            assert page.tags[index + 1][1]["id"] == attrs["aria-labelledby"] and len(page.text_of(index + 1)) > 20
        assert all(attrs.get("alt") for _, attrs in page.all("img")), name
        # Nothing outside the file: every resource is inline, every reference within the page.
        references = [(tag, attrs[key]) for tag, attrs in page.tags for key in ("src", "href", "xlink:href", "srcset")
                      if key in attrs and tag != "a"]
        assert all(value.startswith(("data:", "#")) for _, value in references), (name, references[:3])
        assert re.findall(r"url\((?![\"']?(?:data:|#))", text) == [] and "@import" not in text, name
        assert not {"link", "script", "iframe", "object", "embed"} & set(tags), name
        # ... and the browser holds the page to that (README, 'Als webpagina').
        assert page.tags[tags.index("meta") + 1] == ("meta", {"http-equiv": "Content-Security-Policy",
                                                              "content": PAGE_POLICY}), name
        ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
        assert len(ids) == len(set(ids)), name
        assert "@media print" in text and "@font-face" in text, name


def test_the_charts_and_captions_are_those_of_the_pdf(committed):
    page = Page((committed / "enschede/monitoring-voorjaar-2025-enschede.html").read_text(encoding="utf-8"))
    markdown = committed / "enschede/monitoring-voorjaar-2025-enschede.md"
    figures = [page.text_of(i) for i, _ in page.all("figcaption")]
    assert figures and all(caption.startswith("Figuur ") for caption in figures)
    charts = [attrs for _, attrs in page.all("svg")]
    assert len(charts) == len(figures) == markdown.read_text(encoding="utf-8").count("](grafiek:")


def test_the_index_lists_every_document_by_deelnemer_and_type(committed):
    page = Page((committed / "index.html").read_text(encoding="utf-8"))
    links = [attrs["href"] for _, attrs in page.all("a") if attrs["href"] != "#tekst"]
    assert len(links) == 64 and all((committed / link).is_file() for link in links)
    rows = [page.text_of(i) for i, attrs in page.all("th") if attrs.get("scope") == "row"]
    assert rows[0] == "Almelo" and rows[-1] == "Twente" and len(rows) == 16
    columns = [page.text_of(i) for i, attrs in page.all("th") if attrs.get("scope") == "col"]
    assert columns == ["Deelnemer", "Uitvoeringsprogramma VTHA", "Monitoringsrapportage voorjaar",
                       "Monitoringsrapportage najaar", "Jaarverslag VTHA"]
    assert page.text_of(page.all("caption")[0][0]) == "64 documenten over 2025"


def test_in_chromium_no_wcag_violation_and_no_request(committed, browser):
    for name in IN_BROWSER:
        browser.get((committed / name).as_uri())
        assert browser.execute_script("return document.documentElement.lang") == "nl"
        assert browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)") == [], name
        assert axe_violations(browser) == [], name
        assert csp_violations(browser) == [], name  # the page needs nothing its policy refuses
    # The house font is the embedded one, and the charts are drawn.
    browser.get((committed / "enschede/monitoring-voorjaar-2025-enschede.html").as_uri())
    assert browser.execute_script("return document.fonts.check('12px \"Noto Sans\"')")
    assert browser.execute_script("return [...document.querySelectorAll('figure svg')].every("
                                  "s => s.getBoundingClientRect().width > 300)")


def test_in_chromium_the_policy_blocks_what_would_reach_elsewhere(committed, browser, tmp_path):
    """Were a picture from another host or a script to reach a page, the browser would refuse it."""
    page = (committed / "enschede/monitoring-voorjaar-2025-enschede.html").read_text(encoding="utf-8")
    hostile = tmp_path / "pagina.html"
    hostile.write_text(page.replace("<main", '<img src="https://example.org/p.png" alt="p">'
                                    '<script>document.title = "uitgevoerd"</script><main', 1), encoding="utf-8")
    csp_violations(browser)  # what earlier pages left
    browser.get(hostile.as_uri())
    blocked = csp_violations(browser)
    assert browser.title != "uitgevoerd" and len(blocked) == 2, blocked


def test_html_is_kept_current_once_output_has_it():
    manifest = Manifest(files={"2025/enschede/uvp-2025-enschede.pdf": ("a", "b")})
    assert default_formats(manifest) == FORMATS
    manifest.files["2025/enschede/uvp-2025-enschede.html"] = ("c", "d")
    assert default_formats(manifest) == (*FORMATS, "html")


def test_the_screen_stylesheet_makes_only_the_web_pages_stale(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    before = RenderInputs.of(ROOT, templates).by_format
    screen = templates / "screen.css"
    screen.write_text(screen.read_text(encoding="utf-8").replace("line-height: 1.6", "line-height: 1.5", 1))
    after = RenderInputs.of(ROOT, templates).by_format
    assert [fmt for fmt in before if before[fmt] != after[fmt]] == ["html"]
