"""Pages a reader accepts, measured where the words are in built PDFs (pdftotext -bbox): a
caption is on the page of its table's first row or of its figure; a table of at most 12 body
rows is never split; a longer one never leaves its header with fewer than three body rows at
the bottom of a page, nor fewer than three rows (above its total) alone at the top of the next;
the colofon has page 2 to itself; charts keep their legend off the data and their value axis
starts at 0."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn
from conftest import ROOT

from uvpgen.document import Chart, holds_words
from uvpgen.markdown import parser
from uvpgen.render import charts
from uvpgen.render.style import house_style

MM = 72 / 25.4
TEXT_AREA = (24 * MM, 841.89 - 22 * MM)  # A4 minus the margins: outside are the running header and page number


@dataclass
class Block:
    """A table (caption, header row and body rows, the total left out) or a figure (caption, alt text)."""
    caption: str | None
    rows: list[str]
    alt: str | None = None
    total: bool = False


def inline_text(token) -> str:
    return "".join(" " if child.type.endswith("break") else child.content for child in token.children or ())


def blocks(markdown: str) -> list[Block]:
    found: list[Block] = []
    caption = rows = None
    tokens = parser().parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and "bijschrift" in str(token.attrs.get("class", "")):
            caption = inline_text(tokens[index + 1])
        elif token.type == "table_open":
            rows, total = [], "totaal" in str(token.attrs.get("class", ""))
        elif token.type == "tr_open":
            rows.append("")
        elif token.type == "inline" and rows is not None:
            rows[-1] += inline_text(token)
        elif token.type == "table_close":
            found.append(Block(caption, rows[:-1] if total else rows, total=total))
            caption = rows = None
        elif token.type == "inline" and caption and token.children and token.children[0].type == "image":
            found.append(Block(caption, [], token.children[0].content))
            caption = None
    return found


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def characters(pdf: Path) -> tuple[str, list[tuple[int, float, float]]]:
    """The text of the pages without white space, in the order it was drawn, and the page, top
    and bottom of each character; words hyphenated at a line end (WeasyPrint's U+2010) are whole
    again. (tools/table_heights.py measures tables with it.)"""
    out = subprocess.run(["pdftotext", "-raw", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    text, where = [], []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for top, bottom, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page):
            if float(top) >= TEXT_AREA[0] and float(bottom) <= TEXT_AREA[1]:
                word = html.unescape(word).removesuffix("\u2010")
                text.append(word)
                where += [(number, float(top), float(bottom))] * len(word)
    return "".join(text), where


def words(pdf: Path) -> tuple[str, list[int]]:
    """The text of the pages without white space, and the page of each character."""
    text, where = characters(pdf)
    return text, [page for page, _, _ in where]


def figure_pages(pdf: Path) -> dict[str, int]:
    """Alt text -> page of every figure, from the structure tree (a chart's text is drawn as paths)."""
    with pikepdf.open(pdf) as document:
        pages = {page.obj.objgen: number for number, page in enumerate(document.pages, start=1)}
        found, pending = {}, [document.Root.StructTreeRoot]
        while pending:
            element = pending.pop()
            if element.get("/S") == "/Figure":
                found[str(element.Alt)] = pages[element.Pg.objgen]
            kids = element.get("/K")
            pending += [kid for kid in (kids if isinstance(kids, pikepdf.Array) else [kids])
                        if isinstance(kid, pikepdf.Dictionary) and "/K" in kid]
    return found


def layout_problems(stem: Path) -> list[str]:
    text, pages = words(stem.with_suffix(".pdf"))
    found = blocks(stem.with_suffix(".md").read_text(encoding="utf-8"))
    figures = figure_pages(stem.with_suffix(".pdf")) if any(block.alt for block in found) else {}
    problems, position = [], 0

    def page_of(line: str) -> int:
        nonlocal position
        position = text.find(squeezed(line), position)
        assert position >= 0, f"{stem.name}: niet gevonden in de PDF: {line}"
        return pages[position]

    for block in found:
        name = block.caption or f"tabel '{block.rows[0][:30]}'"
        caption_page = page_of(block.caption) if block.caption else None
        if block.alt is not None:
            if figures[block.alt] != caption_page:
                problems.append(f"{name}: bijschrift op p. {caption_page}, figuur op p. {figures[block.alt]}")
            continue
        row_pages = [page_of(row) for row in block.rows]
        header_page, body = row_pages[0], row_pages[1:]
        if caption_page not in (None, header_page):
            problems.append(f"{name}: bijschrift op p. {caption_page}, kopregel op p. {header_page}")
        if body and body[0] != header_page:
            problems.append(f"{name}: kopregel alleen onderaan p. {header_page}")
        per_page = {page: body.count(page) for page in sorted(set(body))}
        if len(per_page) > 1 and len(body) + block.total <= 12:
            problems.append(f"{name}: tabel van {len(body) + block.total} rijen gesplitst {per_page}")
        elif len(per_page) > 1 and min(per_page.values()) < 3:
            problems.append(f"{name}: rijen per pagina {per_page}")
    return problems


def test_captions_stay_with_tables_and_figures_and_no_page_has_a_lone_row(committed):
    stems = sorted(path.with_suffix("") for path in committed.glob("*/*.md"))
    assert len(stems) == 64
    problems = [f"{stem.name}: {problem}" for stem in stems for problem in layout_problems(stem)]
    assert problems == []


def test_status_words_are_not_hyphenated(published):
    split = re.compile(r"sche\u2010\s*ma|be\u2010\s*haald|prog\u2010\s*nose")
    for stem in published:
        text = subprocess.run(["pdftotext", str(stem.with_suffix(".pdf")), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert not split.search(text), stem.name
        if stem.name.startswith("jaarverslag-"):
            assert "op schema" in " ".join(text.split()), stem.name


def test_chart_legends_stay_off_the_data():
    for kind in ("staaf", "lijn"):
        chart = Chart("c", kind, ("Spontaan naleefgedrag", "Opvolgend naleefgedrag"),
                      (("2024", (75.3, 79.2)), ("2025", (81.2, 100.0))), "procent")
        figure = charts._figure(chart, house_style(ROOT / "templates"))
        figure.canvas.draw()
        axes = figure.axes[0]
        legend, plot = axes.get_legend().get_window_extent(), axes.get_window_extent()
        assert legend.y0 >= plot.y1, kind  # above the plot area, where no bar or line can be


def test_a_chart_value_axis_starts_at_zero():
    """Issue 24: values 75–100 on a line chart drawn from 75 upwards make 5 points look like half
    the chart; from 0 they do not. A chart with a negative value keeps room below 0."""
    style = house_style(ROOT / "templates")
    for kind in ("staaf", "lijn"):
        chart = Chart("c", kind, ("a", "b"), (("2024", (75.3, 79.2)), ("2025", (81.2, 100.0))), "procent")
        assert charts._figure(chart, style).axes[0].get_ylim()[0] == 0, kind
    falling = Chart("c", "lijn", ("a", "b"), (("2024", (-4.0, 2.0)),), "procent")
    assert charts._figure(falling, style).axes[0].get_ylim()[0] < -4


def test_the_colofon_has_page_2_to_itself(committed):
    """The cover alone on page 1, the colofon alone on page 2 (in the jaarverslagen and the Twente
    UVP it used to spill a line or two onto page 2), the contents from page 3: all 64 documents."""
    stems = sorted(path.with_suffix("") for path in committed.glob("*/*.md"))
    assert len(stems) == 64
    for stem in stems:
        pages = subprocess.run(["pdftotext", "-layout", str(stem.with_suffix(".pdf")), "-"], capture_output=True,
                               text=True, check=True).stdout.split("\f")
        colofon = stem.with_suffix(".md").read_text(encoding="utf-8").split("::: colofon\n", 1)[1].split("\n:::", 1)[0]
        first_words = [line.removeprefix("- ").split()[:3] for line in colofon.splitlines()
                       if line and not line.startswith("{")]
        page_2 = " ".join(pages[1].split())
        assert " ".join(first_words[0]) in page_2 and " ".join(first_words[-1]) in page_2, stem.name
        assert not any(" ".join(words) in " ".join(pages[0].split()) for words in first_words if words), stem.name
        assert re.search(r"^\s*Inhoud\s*$", pages[2], re.M), stem.name


@pytest.mark.parametrize("cell, fits", [("12", True), ("€ 1.234.567", False)])
def test_a_table_wider_than_the_page_is_refused_not_cut_off(tmp_path, cell, fits):
    """Issue 25: a table of 40 columns lost columns 12 to 39 in the PDF, and the build said
    nothing. Twelve columns (the most a text may have) of short numbers fit; twelve of amounts,
    which never break, do not: an error at the table's file and line, in every laid-out format."""
    import dataclasses
    import datetime as dt

    from uvpgen.document import MAX_COLUMNS, Meta, Source
    from uvpgen.errors import InputError
    from uvpgen.markdown import parse_document
    from uvpgen.render.pdf import layout_pdf, release

    text = "\n".join(["| " + " | ".join(f"Jaar {20 + i}" for i in range(MAX_COLUMNS)) + " |",
                      "|" + "---:|" * MAX_COLUMNS, *["| " + " | ".join([cell] * MAX_COLUMNS) + " |"] * 2])
    tree = parse_document(text, Meta("Breed", "Breed", "OD Twente", date=dt.date(2025, 1, 1)))
    table = dataclasses.replace(tree.blocks[0], source=Source("content/tabel.md", 7))
    tree = dataclasses.replace(tree, blocks=(table,))
    if fits:
        release(layout_pdf(tree, ROOT / "templates", tmp_path))
        return
    with pytest.raises(InputError, match=r"content/tabel.md, regel 7: tabel is \d+ mm breder dan de pagina en zou in "
                                         r"de PDF worden afgesneden; verwacht: .*hoogstens 12 kolommen"):
        layout_pdf(tree, ROOT / "templates", tmp_path)


@pytest.mark.parametrize("value, words", [
    ("verdeling, zie hieronder", True), ("nog niet verantwoord", True), ("€ 63.041", False), ("+€ 4.328", False),
    ("12,02 %", False), ("24,5%", False), ("n.v.t.", False), ("–", False), ("1.083", False)])
def test_words_among_numbers_may_wrap_an_amount_never(value, words):
    assert holds_words(value) is words


def test_the_indicator_table_gives_its_text_the_room(committed):
    """Issue 24: the jaarverslag's indicator table kept "verdeling, zie hieronder" on one line in
    both year columns (a number column never wraps), so the definitions ran to seven lines and
    the seven rows took a page. Words in a number column wrap now, in the PDF and in the DOCX's
    column widths: each year column is narrower than the definitions beside it."""
    stem = committed / "twente" / "jaarverslag-2025-twente"
    table = next(t for t in docx.Document(str(stem.with_suffix(".docx"))).tables
                 if [c.text for c in t.rows[0].cells][:3] == ["Doel", "Indicator", "Definitie"])
    widths = dict(zip((c.text for c in table.rows[0].cells),
                      (int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.iter(qn("w:gridCol")))))
    assert widths["2024"] < widths["Definitie"] and widths["2025"] < widths["Definitie"], widths
    out = subprocess.run(["pdftotext", "-bbox", str(stem.with_suffix(".pdf")), "-"], capture_output=True, text=True,
                         check=True).stdout
    page = next(page for page in out.split("<page ")[1:] if "Indicatoren van de doelen" in " ".join(
        re.findall(r">([^<]*)</word>", page)))
    words = [(word, float(top)) for top, word in re.findall(r'yMin="([\d.]+)"[^>]*>([^<]*)</word>', page)]
    start = next(i for i, (word, _) in enumerate(words) if word == "verdeling,")
    assert [word for word, _ in words[start:start + 3]] == ["verdeling,", "zie", "hieronder"]
    assert words[start][1] < words[start + 2][1]  # two lines (at least), not one


def test_a_short_table_moves_whole_to_the_next_page_or_keeps_its_caption(tmp_path):
    """Issue 24, the other side of keeping short tables whole: twelve rows that fit a page go
    to the next page whole; twelve rows too tall for any page (a writer's table of long texts)
    are split, with the caption on the page of their first row (kept whole, WeasyPrint left the
    caption alone on a page and started the table on the next). One document, laid out once:
    each table comes after most of a page of text."""
    import datetime as dt

    from uvpgen.document import Meta
    from uvpgen.markdown import parse_document
    from uvpgen.render.pdf import layout_pdf, release, write_pdf

    def part(name: str, words: int) -> list[str]:
        long = " ".join([f"woord{n}" for n in range(words)])
        return [" ".join(["Tekst"] * 600), f"{{.bijschrift}}\nTabel 1 {name}",
                "\n".join(["| Nr. | Omschrijving |", "|:--|:--|", *(f"| {name}{n} | {long} |" for n in range(12))])]
    text = "\n\n".join(part("Past", 20) + part("Hoog", 60))
    tree = parse_document(text, Meta("Proef", "Proef", "OD Twente", date=dt.date(2025, 1, 1)))
    assert [block.kept_whole for block in tree.blocks[1::2]] == [True, False]
    laid_out = layout_pdf(tree, ROOT / "templates", tmp_path)
    try:
        (tmp_path / "t.pdf").write_bytes(write_pdf(laid_out, tmp_path)["pdf"])
    finally:
        release(laid_out)
    pages = subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")

    def page_of(word: str) -> list[int]:
        return [number for number, page in enumerate(pages, start=1) if word in page.split()]
    for name, kept in (("Past", True), ("Hoog", False)):
        caption, first, last = page_of(name), page_of(f"{name}0"), page_of(f"{name}11")
        assert caption == first and len(caption) == 1, name
        assert (first == last) is kept, name
