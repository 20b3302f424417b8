"""Writer contracts: what each writer (DOCX, HTML, PDF) makes of every construct of the grammar
(uvpgen.markdown), pinned per construct in fixture files, plus the accessibility properties
asserted on their own.

The fixtures follow MyST-Parser's format (tests/test_renderers/fixtures/*.md there): one file per
writer in fixtures/, each case a title line, the Markdown input and the expected output, each
closed by a line holding only a dot. The three files hold the same cases (titles and inputs); the
expected output is
- docx.md: the children of w:body in word/document.xml, without noise (widths, drawing
  boilerplate), relationship ids replaced by their target;
- html.md: the contents of <main> of the self-contained web page (--format html), data: URIs and
  the drawing inside a chart's SVG shortened;
- pdf.md: the tagged structure tree under /Document, one element a line, nested by indentation,
  with its /Alt, /Scope, /Headers (the header cells' row-column) and a link's target; the
  marked-content Spans WeasyPrint makes per run of text are left out (they follow the layout).

    UVPGEN_FIXTURES=update .venv/bin/python -m pytest tests/writers -n 0

rewrites the expected outputs from the writers as they are now: review the diff
(git diff tests/writers/fixtures) before committing it. A case in DEFECTS keeps the output it
should have, written by hand, and is a strict xfail until the writer is mended.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pikepdf
import pytest
from lxml import etree
from PIL import Image

from conftest import ROOT
from uvpgen.document import Chart, Meta
from uvpgen.markdown import parse_document
from uvpgen.render import html, pdf
from uvpgen.render.docx import render_docx

FIXTURES = Path(__file__).parent / "fixtures"
WRITERS = ("docx", "html", "pdf")
UPDATE = os.environ.get("UVPGEN_FIXTURES") == "update"

# (writer, case title) -> why the writer's output is wrong; the fixture holds what it should be.
_WORD_LISTS = ("DOCX lists are paragraphs with a typed bullet or number: without Word list numbering "
               "(w:numPr) Word and screen readers do not know them as lists (WCAG 1.3.1)")
DEFECTS: dict[tuple[str, str], str] = {
    ("docx", "Bullet list, nested three deep"): _WORD_LISTS,
    ("docx", "Ordered list with a nested bullet list"): _WORD_LISTS,
    ("docx", "Ordered list starting at 3"): _WORD_LISTS,
    ("docx", "List item with a second paragraph"): _WORD_LISTS,
    ("pdf", "List item with a second paragraph"):
        "the paragraphs of a loose list item are children of LI beside Lbl, not inside LBody "
        "(ISO 32000-1 table 336: LI holds Lbl and LBody)",
    ("pdf", "Table with caption, id and total row"):
        "the table's caption is a P before the Table (print variant), not its Caption child: the "
        "table is not associated with its caption (WCAG 1.3.1; ISO 32000-1 table 337: a Table may "
        "have a Caption as its first or last child)",
}


# --- the fixture files --------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    title: str
    markdown: str
    expected: str


def read_cases(path: Path) -> list[Case]:
    """The cases of a fixture file: title, ".", input, ".", expected, "." (blank lines between)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases, index = [], 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title = lines[index]
        assert lines[index + 1] == ".", f"{path.name}:{index + 2}: '.' expected after the title {title!r}"
        parts, index = [], index + 2
        for _ in range(2):  # the input, then the expected output
            end = lines.index(".", index)
            parts.append("\n".join(lines[index:end]))
            index = end + 1
        cases.append(Case(title, parts[0] + "\n", parts[1]))
    return cases


def write_cases(path: Path, cases: list[Case]) -> None:
    path.write_text("\n".join(f"{case.title}\n.\n{case.markdown}.\n{case.expected}\n.\n" for case in cases),
                    encoding="utf-8")


CASES = {writer: read_cases(FIXTURES / f"{writer}.md") for writer in WRITERS}


# --- rendering, once per writer and input ---------------------------------------------------

META = Meta("Contracten", "Contracten", "OD Twente", "Proef", date=dt.date(2025, 1, 1))
CHART = Chart("uren", "staaf", ("Vergunningen", "Toezicht"),
              (("Gepland", (1200.0, 800.0)), ("Gerealiseerd", (1100.0, 900.0))), "uren")


def _document(markdown: str):
    """The fixture's Markdown parsed once into the document every writer writes."""
    return parse_document(markdown, META, (CHART,))


def _docx(markdown: str, content: Path) -> bytes:
    return render_docx(_document(markdown), ROOT / "templates" / "reference.docx", content)


def _html(markdown: str, content: Path) -> bytes:
    return html.standalone(_document(markdown), ROOT / "templates", content)


def _pdf(markdown: str, content: Path) -> bytes:
    laid_out = pdf.layout_pdf(_document(markdown), ROOT / "templates", content)
    try:
        return pdf.write_pdf(laid_out, content)["pdf"]
    finally:
        pdf.release(laid_out)


RENDERERS = {"docx": _docx, "html": _html, "pdf": _pdf}


@pytest.fixture(scope="module")
def render(tmp_path_factory):
    """render(writer, markdown) -> the file's bytes; each input is rendered once per writer."""
    content = tmp_path_factory.mktemp("writers") / "content"
    (content / "afbeeldingen").mkdir(parents=True)
    Image.new("RGB", (24, 24), "#00457c").save(content / "afbeeldingen" / "icoon.png")
    Image.new("RGB", (300, 200), "#9aa9b8").save(content / "afbeeldingen" / "kaart.png")
    made: dict[tuple[str, str], bytes] = {}

    def rendered(writer: str, markdown: str) -> bytes:
        if (writer, markdown) not in made:
            made[writer, markdown] = RENDERERS[writer](markdown, content)
        return made[writer, markdown]
    return rendered


# --- what a fixture shows of each writer's output ---------------------------------------------

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture"}
# Layout the writer measures (column widths) and the boilerplate of a picture: not the contract.
DOCX_NOISE = ("w:tcW", "wp:cNvGraphicFramePr", "pic:nvPicPr", "a:stretch", "pic:spPr")
# Elements a fixture shows on one line (a run holding a picture excepted), so a paragraph reads
# as its style and runs, and a table row as its cells.
DOCX_ONE_LINE = ("w:pPr", "w:trPr", "w:tblGrid", "w:tc", "w:r")


def w(name: str) -> str:
    """'w:p' -> '{http://...wordprocessingml...}p'"""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def docx_body(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find("w:body", NS)


def docx_fixture(data: bytes) -> str:
    rels = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    body = docx_body(data)
    body.remove(body.find("w:sectPr", NS))
    for element in [e for name in DOCX_NOISE for e in body.iter(w(name))]:
        element.getparent().remove(element)
    empty = [e for e in body.iter(w("w:tcPr")) if len(e) == 0]  # a cell's properties were its width
    empty += [e for e in body.iter(w("w:r")) if all(child.tag == w("w:rPr") for child in e)]  # no text
    for element in empty:
        element.getparent().remove(element)
    lists: dict[str, str] = {}  # Word numbering ids, arbitrary handles: numbered in order of use
    for element in body.iter(w("w:numId")):
        element.set(w("w:val"), lists.setdefault(element.get(w("w:val")), str(len(lists) + 1)))
    for element in body.iter():
        if element.tag == w("w:gridCol"):
            element.attrib.clear()
        for name in [name for name in element.attrib if name.startswith(w("w:rsid"))]:
            del element.attrib[name]
        for name in (w("r:id"), w("r:embed")):
            if name in element.attrib:
                element.set(name, targets[element.get(name)])
    for child in body:
        etree.indent(child, space="  ")
    for element in body.iter(*map(w, DOCX_ONE_LINE)):
        if element.find(".//w:drawing", NS) is None:
            for inner in element.iter():  # WordprocessingML has no mixed content: this is indentation
                if len(inner):
                    inner.text = None
                if inner is not element:
                    inner.tail = None
    text = "\n".join(etree.tostring(child, encoding="unicode", with_tail=False) for child in body)
    return re.sub(r' xmlns:\w+="[^"]*"', "", text).strip()


def html_main(data: bytes) -> str:
    page = data.decode("utf-8")
    return page[page.index(">", page.index("<main")) + 1:page.index("</main>")]


def html_fixture(data: bytes) -> str:
    text = re.sub(r'"data:([\w/+]+);base64,[^"]*"', r'"data:\1;base64,…"', html_main(data))
    # A chart's drawing is matplotlib's business; its element and text alternative are the writer's.
    text = re.sub(r"(<svg [^>]*>\s*<title [^>]*>.*?</title>).*?</svg>", r"\1 … </svg>", text, flags=re.S)
    return text.strip()


def pdf_tree(document: pikepdf.Pdf):
    """Every structure element under /Document as (depth, element), in document order."""
    top = document.Root.StructTreeRoot.K
    top = top[0] if isinstance(top, pikepdf.Array) else top

    def walk(element, depth: int):
        yield depth, element
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield from walk(kid, depth + 1)
    for kid in top.K:
        yield from walk(kid, 0)


def _kids(element) -> list:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def pdf_elements(data: bytes) -> list[tuple[int, str, dict[str, str]]]:
    """The structure tree as (depth, role, attributes), without the Spans that only hold the
    marked content of a run of text."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as document:
        for depth, element in pdf_tree(document):
            role, kids = str(element.S)[1:], _kids(element)
            if role == "Span" and not any(isinstance(kid, pikepdf.Dictionary) and "/S" in kid for kid in kids):
                continue
            attributes = {}
            if "/Alt" in element:
                attributes["Alt"] = str(element.Alt)
            cell = element.get("/A")
            if cell is not None and "/Scope" in cell:
                attributes["Scope"] = str(cell.Scope)[1:]
            if cell is not None and "/Headers" in cell:  # ids are "<object>-<row>-<column>"
                attributes["Headers"] = " ".join(str(id_).split("-", 1)[1] for id_ in cell.Headers)
            for kid in kids:  # a link's annotation: its web address or destination
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    annotation = kid.Obj
                    if "/A" in annotation:
                        attributes["URI"] = str(annotation.A.URI)
                    else:
                        attributes["Dest"] = str(annotation.Dest)
            found.append((depth, role, attributes))
    return found


def pdf_fixture(data: bytes) -> str:
    return "\n".join("  " * depth + role + "".join(f' {key}="{value}"' for key, value in attributes.items())
                     for depth, role, attributes in pdf_elements(data))


SHOWN = {"docx": docx_fixture, "html": html_fixture, "pdf": pdf_fixture}


# --- the contracts ------------------------------------------------------------------------------

def _params():
    for writer in WRITERS:
        for case in CASES[writer]:
            defect = DEFECTS.get((writer, case.title))
            marks = [pytest.mark.xfail(strict=True, reason=defect)] if defect else []
            yield pytest.param(writer, case, marks=marks, id=f"{writer}: {case.title}")


def test_every_writer_has_the_same_cases():
    cases = {writer: [(case.title, case.markdown) for case in CASES[writer]] for writer in WRITERS}
    assert cases["docx"] == cases["html"] == cases["pdf"]
    titles = [title for title, _ in cases["docx"]]
    assert len(set(titles)) == len(titles), "titles are unique"


@pytest.mark.parametrize("writer, case", list(_params()))
def test_writer_contract(render, writer, case):
    actual = SHOWN[writer](render(writer, case.markdown))
    if UPDATE and (writer, case.title) not in DEFECTS and actual != case.expected:
        path = FIXTURES / f"{writer}.md"
        write_cases(path, [Case(c.title, c.markdown, actual) if c.title == case.title else c
                           for c in read_cases(path)])
        pytest.skip(f"{path.name}: {case.title!r} rewritten, review the diff")
    assert actual == case.expected


# --- accessibility, asserted on its own ----------------------------------------------------------

HEADINGS = "Headings, levels 1 to 3 (### is the tussenkop)"
TABLES = ("Table with a header row and right-aligned numeric columns", "Table with caption, id and total row",
          "Wide table (.breed) with an empty cell")
PICTURES = ("Picture in a sentence", "Figure: picture on its own with caption", "Figure: chart with caption")


def case(title: str) -> str:
    """The Markdown input of a case (the same in every writer's file)."""
    return next(c.markdown for c in CASES["html"] if c.title == title)


def alt_texts(markdown: str) -> list[str]:
    return re.findall(r"!\[([^\]]*)\]", markdown)


def html_page(render, title: str):
    return lxml.html.document_fromstring(render("html", case(title)))


def test_html_page_is_in_dutch(render):
    assert html_page(render, "Bold").get("lang") == "nl"


def test_html_header_cells_head_their_column(render):
    """Markdown tables have one header row and no row headers: every th is in it, with scope="col"."""
    for title in TABLES:
        page = html_page(render, title)
        headers = page.xpath("//main//th")
        assert headers and headers == page.xpath("//main//table/thead/tr/th"), title
        assert [th.get("scope") for th in headers] == ["col"] * len(headers), title


def test_html_index_page_has_column_and_row_headers():
    """The one table with row headers: the index of a year's documents, a row per deelnemer."""
    entries = [html.IndexEntry("Enschede", "UVP", "enschede/uvp.html")]
    page = lxml.html.document_fromstring(html.index_page(2025, "OD Twente", ["Enschede", "Twente"], ["UVP"], entries,
                                                         ROOT / "templates"))
    assert page.get("lang") == "nl"
    assert [(th.get("scope"), th.text_content()) for th in page.xpath("//table/thead//th")] == \
        [("col", "Deelnemer"), ("col", "UVP")]
    assert [(th.get("scope"), th.text_content()) for th in page.xpath("//table/tbody/tr/*[1]")] == \
        [("row", "Enschede"), ("row", "Twente")]
    assert len(page.xpath("//table/tbody//th")) == 2  # no other header cells in the body
    assert page.xpath("//table/*[1]")[0].tag == "caption"


def test_html_numeric_columns_are_right_aligned(render):
    page = html_page(render, TABLES[0])
    for row in page.xpath("//main//tr"):
        assert [cell.get("style") for cell in row] == ["text-align:left"] * 2 + ["text-align:right"] * 2


def test_html_table_caption_is_the_tables_own(render):
    page = html_page(render, "Table with caption, id and total row")
    first = page.xpath("//main//table/*[1]")[0]
    assert (first.tag, first.text_content()) == ("caption", "Tabel 1 Capaciteit per onderdeel")
    assert page.xpath("//main//*[contains(@class, 'bijschrift')]") == []  # not also left as a paragraph


def test_html_pictures_and_charts_have_their_text_alternative(render):
    inline, picture, chart = (html_page(render, title) for title in PICTURES)
    assert [img.get("alt") for img in inline.xpath("//main//img")] == alt_texts(case(PICTURES[0]))
    figure = picture.xpath("//main//figure")[0]
    assert [child.tag for child in figure] == ["figcaption", "img"]
    assert figure[0].text_content() == "Figuur 1 Kaart van Twente"
    assert figure[1].get("alt") == alt_texts(case(PICTURES[1]))[0]
    svg = chart.xpath("//main//figure/*[local-name()='svg']")[0]
    title = svg.xpath("*[local-name()='title']")[0]
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == title.get("id")
    assert title.text_content() == alt_texts(case(PICTURES[2]))[0]


def styled_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph outside tables."""
    return [(p.find("w:pPr/w:pStyle", NS).get(w("w:val")), "".join(p.itertext()))
            for p in docx_body(data).findall("w:p", NS)]


def test_docx_headings_carry_the_heading_styles(render):
    headings = [(style, text) for style, text in styled_paragraphs(render("docx", case(HEADINGS)))
                if style.startswith("Heading")]
    assert headings == [("Heading1", "1 Hoofdstuk"), ("Heading2", "1.1 Paragraaf"), ("Heading3", "Tussenkop")]
    # What makes them headings to Word's navigation pane and a screen reader: their outline level.
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(render("docx", case(HEADINGS)))).read("word/styles.xml"))
    for level in (1, 2, 3):
        outline = styles.find(f"w:style[@w:styleId='Heading{level}']/w:pPr/w:outlineLvl", NS)
        assert outline.get(w("w:val")) == str(level - 1)


def test_docx_bold_is_w_b_and_italic_is_w_i(render):
    def formats(title: str) -> dict[str, set[str]]:
        runs = docx_body(render("docx", case(title))).iter(w("w:r"))
        return {"".join(run.itertext()): {etree.QName(e).localname for e in run.findall("w:rPr/*", NS)}
                for run in runs}
    assert formats("Bold")["vetwoord"] == {"b"}
    assert formats("Italic")["cursiefwoord"] == {"i"}
    both = formats("Bold and italic, combined and nested")
    assert both["vet en cursief"] == both["cursief"] == {"b", "i"} and both["vet met "] == {"b"}


def test_docx_header_row_repeats_on_every_page(render):
    for title in TABLES:
        rows = docx_body(render("docx", case(title))).findall("w:tbl/w:tr", NS)
        assert [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows] == [True] + [False] * (len(rows) - 1)


def test_docx_numeric_columns_are_right_aligned(render):
    for row in docx_body(render("docx", case(TABLES[0]))).findall("w:tbl/w:tr", NS):
        alignment = [cell.find("w:p/w:pPr/w:jc", NS) for cell in row.findall("w:tc", NS)]
        assert [jc.get(w("w:val")) if jc is not None else None for jc in alignment] == [None, None, "right", "right"]


def test_docx_captions_stay_with_their_table_or_figure(render):
    """A caption is a Caption paragraph directly before its table or picture; the style keeps it
    with what follows on the page."""
    for title in ("Table with caption, id and total row", *PICTURES[1:]):
        data = render("docx", case(title))
        blocks = list(docx_body(data))
        assert blocks[0].find("w:pPr/w:pStyle", NS).get(w("w:val")) == "Caption", title
        assert blocks[1].tag == w("w:tbl") or blocks[1].find(".//w:drawing", NS) is not None, title
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    assert styles.find("w:style[@w:styleId='Caption']/w:pPr/w:keepNext", NS) is not None


def test_docx_pictures_have_alt_text(render):
    for title in PICTURES:
        pictures = docx_body(render("docx", case(title))).findall(".//wp:docPr", NS)
        assert [picture.get("descr") for picture in pictures] == alt_texts(case(title)), title


def test_docx_list_items_keep_their_list_style_and_depth(render):
    """Until lists are Word lists (see DEFECTS): each item a list paragraph, nested ones further in."""
    paragraphs = docx_body(render("docx", case("Bullet list, nested three deep"))).findall("w:p", NS)
    assert [(p.find("w:pPr/w:pStyle", NS).get(w("w:val")), p.find("w:pPr/w:ind", NS).get(w("w:left")))
            for p in paragraphs] == [("ListBullet", "340"), ("ListBullet2", "680"), ("ListBullet2", "1020"),
                                     ("ListBullet", "340")]


def test_docx_a_text_may_open_with_a_chapter_heading(render):
    assert styled_paragraphs(render("docx", "# 1 Hoofdstuk\n\nTekst.\n"))[0] == ("Heading1", "1 Hoofdstuk")


def pdf_roles(render, title: str) -> list[tuple[str, dict]]:
    """(role, the attributes these tests read) of every structure element of a case's PDF."""
    with pikepdf.open(io.BytesIO(render("pdf", case(title)))) as document:
        found = []
        for _, element in pdf_tree(document):
            cell = element.get("/A", {})
            found.append((str(element.S)[1:], {
                "Alt": str(element.Alt) if "/Alt" in element else None,
                "Scope": str(cell.Scope) if "/Scope" in cell else None,
                "ID": str(element.ID) if "/ID" in element else None,
                "Headers": [str(id_) for id_ in cell.Headers] if "/Headers" in cell else None}))
        return found


def test_pdf_is_in_dutch(render):
    with pikepdf.open(io.BytesIO(render("pdf", case("Bold")))) as document:
        assert str(document.Root.Lang) == "nl"


def test_pdf_heading_tags_per_level(render):
    assert [role for role, _ in pdf_roles(render, HEADINGS) if re.fullmatch(r"H\d?", role)] == ["H1", "H2", "H3"]


def test_pdf_header_cells_have_column_scope_and_data_cells_refer_to_them(render):
    for title in TABLES:
        elements = pdf_roles(render, title)
        headers = [found for role, found in elements if role == "TH"]
        assert headers and all(found["Scope"] == "/Column" and found["ID"] for found in headers), title
        columns = len(headers)
        cells = [found["Headers"] for role, found in elements if role == "TD"]
        assert cells and cells == [[headers[index % columns]["ID"]] for index in range(len(cells))], title


def test_pdf_table_caption_stays_with_its_table(render):
    """Now a P directly before the Table; as it should be (see DEFECTS), the Table's first child."""
    roles = [(depth, role) for depth, role, _ in pdf_elements(render("pdf", case(TABLES[1])))]
    assert roles[:2] in ([(0, "P"), (0, "Table")], [(0, "Table"), (1, "Caption")])


def test_pdf_figures_have_their_alt_text(render):
    for title in PICTURES:
        alts = [found["Alt"] for role, found in pdf_roles(render, title) if role == "Figure"]
        assert alts == alt_texts(case(title)), title
