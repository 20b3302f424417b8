"""Render stage, DOCX: canonical Markdown -> python-docx on top of templates/reference.docx.

A walker over markdown-it's syntax tree with one method per node type of the declared grammar
(`block_<type>`, `inline_<type>`; see uvpgen.markdown). Only styles from reference.docx are
used, so the house style can be changed in Word. The house font is embedded (render.fonts).
Output is deterministic: properties come from the data and the zip is rewritten with fixed
timestamps in a fixed member order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from markdown_it.tree import SyntaxTreeNode

from ..composed import Chart, asset_path
from ..markdown import heading_id, parser
from .charts import png
from .fonts import FONTS_DIR, embed_fonts, text_width_mm

ZIP_TIMESTAMP = (2000, 1, 1, 0, 0, 0)
CLASS_STYLES = {"titel": "Title", "ondertitel": "Subtitle", "voorblad-tekst": "Voorblad",
                "voorblad-meta": "Voorblad meta", "colofon-tekst": "Colofon",
                "colofon-waarschuwing": "Colofon waarschuwing", "bijschrift": "Caption"}
MM_PER_CSS_PX = 25.4 / 96  # a picture's natural size, as WeasyPrint takes it
LIST_INDENT_MM = 6


@dataclass(frozen=True)
class DocxMeta:
    title: str
    running_title: str
    author: str
    subject: str
    created: dt.date
    keywords: str = "OD Twente; VTHA"
    language: str = "nl-NL"


@dataclass(frozen=True)
class Scope:
    """Where a block is written: its paragraph style, extra left indent and list depth."""
    style: str = "Normal"
    indent_mm: float = 0
    list_depth: int = 0


@dataclass(frozen=True)
class Format:
    """How inline text is written: emphasis, and the hyperlink element runs go into."""
    bold: bool = False
    italic: bool = False
    link: object = None


def _field(paragraph: Paragraph, instruction: str, result: str = "", into=None) -> None:
    """A Word field (PAGE, NUMPAGES, PAGEREF ...) with a pre-filled result; its runs go into
    `into` (a hyperlink) when given."""
    def append(run):
        if into is not None:
            into.append(run._r)
        return run

    append(paragraph.add_run())._r.append(_fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    append(paragraph.add_run())._r.append(instr)
    append(paragraph.add_run())._r.append(_fld_char("separate"))
    if result:
        append(paragraph.add_run(result))
    append(paragraph.add_run())._r.append(_fld_char("end"))


def _paragraph_properties(style_id: str, keep_with_next: bool = False, align: str | None = None):
    """A w:pPr with a style and, when asked, keep-with-next and an alignment (in schema order)."""
    ppr = OxmlElement("w:pPr")
    ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
    if keep_with_next:
        ppr.append(OxmlElement("w:keepNext"))
    if align:
        ppr.append(OxmlElement("w:jc", {qn("w:val"): align}))
    return ppr


# Children of w:pPr that the schema puts before w:pBdr and w:shd (ECMA-376 CT_PPrBase).
_BEFORE_BORDER = tuple(qn(f"w:{tag}") for tag in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
                                                   "widowControl", "numPr", "suppressLineNumbers", "pBdr"))


def add_border_or_shading(ppr, element) -> None:
    """Add a w:pBdr or w:shd to paragraph properties in the place the schema requires."""
    preceding = [child for child in ppr if child.tag in _BEFORE_BORDER]
    if preceding:
        preceding[-1].addnext(element)
    else:
        ppr.insert(0, element)


def _fld_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


# (font size in pt, cell margin left and right in mm) of tables and of wide tables, as print.css
TABLE, WIDE_TABLE = (8.5, 1.8), (7.5, 1.2)
AIR_MM = 0.6  # so that a word measured to fit also fits after rounding
LONG_WORD_MM = 40


def _column_widths(rows: list[list[str]], numeric: list[bool], total_mm: float,
                   size_pt: float, side_margin_mm: float) -> list[float]:
    """Column widths as a browser's automatic table layout would choose them, measured in the
    house font: every column gets at least its longest word (header words in bold; numbers:
    their whole value, never wrapped; a text column at most LONG_WORD_MM, beyond which Word
    breaks the rare very long word); the remaining width goes to the columns in proportion
    to how much wider they would like to be to show their longest text on one line."""
    def width(text: str, bold: bool = False) -> float:
        return text_width_mm(text, size_pt, bold) + 2 * side_margin_mm + AIR_MM

    minimum, desired = [], []
    for values, is_number in zip(zip(*rows), numeric):
        header, body = values[0], values[1:]
        words = [width(word) for value in body for word in value.split()]
        words += [width(word, bold=True) for word in header.split()]
        needed = max(words + [width(value) for value in body if is_number] or [width("")])
        minimum.append(needed if is_number else min(needed, LONG_WORD_MM))
        # Numbers never need more than their minimum; text would like its longest value on one line.
        desired.append(minimum[-1] if is_number else max([width(header, True)] + [width(v) for v in body]))
    desired = [max(d, m) for d, m in zip(desired, minimum)]
    if sum(desired) <= total_mm:
        return [d * total_mm / sum(desired) for d in desired]
    if sum(minimum) >= total_mm:
        return [m * total_mm / sum(minimum) for m in minimum]
    spare = total_mm - sum(minimum)
    wish = [d - m for d, m in zip(desired, minimum)]
    return [m + spare * w / sum(wish) for m, w in zip(minimum, wish)]


class DocxWriter:
    """Walks the syntax tree and appends to a python-docx Document."""

    def __init__(self, document, headings: list[tuple[int, str]], content_dir: Path, charts: tuple[Chart, ...] = (),
                 heading_pages: Mapping[str, int] | None = None):
        self.doc = document
        self.content_dir = content_dir
        self.charts = {chart.name: chart for chart in charts}
        self.heading_pages = heading_pages or {}
        self.table_spacer = None  # the empty paragraph after the last table, which keeps tables apart
        self.style_ids = {style.name: style.style_id for style in document.styles}
        self.style_indents: dict[str, float] = {}  # paragraph style name -> its left indent in mm
        # Word's own convention for headings a TOC links to: hidden bookmarks _Toc<number>.
        self.headings = [(level, text, number) for number, (level, text) in enumerate(headings, 1)]
        self.next_heading = iter(self.headings)
        self.bookmarks: dict[str, str] = {}  # heading anchor -> bookmark of its first occurrence
        for _, text, number in reversed(self.headings):
            self.bookmarks[heading_id(text)] = _bookmark_name(number)
        section = document.sections[0]
        self.text_width_mm = (section.page_width - section.left_margin - section.right_margin) / 36000

    # --- blocks ---------------------------------------------------------------------------

    def render(self, node: SyntaxTreeNode, scope: Scope = Scope()) -> None:
        method = getattr(self, f"block_{node.type}", None)
        if method is None:
            raise ValueError(f"DOCX-renderer kent het element '{node.type}' niet")
        method(node, scope)

    def render_children(self, node: SyntaxTreeNode, scope: Scope) -> None:
        for child in node.children:
            self.render(child, scope)

    block_root = render_children
    block_container_voorblad = render_children

    def block_heading(self, node, scope):
        body = self.doc.element.body  # body[-1]: the w:sectPr; a text may open with its first chapter
        if node.tag == "h1" and len(body) > 1 and body[-2] is self.table_spacer:
            # A chapter starts on a new page: a spacer left at the foot of the previous one could
            # spill over and leave that page blank.
            body.remove(self.table_spacer)
        paragraph = self._add_paragraph(f"Heading {node.tag[1]}")
        self._bookmark(paragraph, next(self.next_heading)[2])
        self.inline(paragraph, node.children[0])

    def block_paragraph(self, node, scope):
        inline = node.children[0]
        if [child.type for child in inline.children] == ["image"]:
            return self._figure(inline.children[0], scope)
        paragraph = self._paragraph(CLASS_STYLES.get(node.attrs.get("class", ""), scope.style), scope)
        self.inline(paragraph, inline)

    def block_blockquote(self, node, scope):
        self.render_children(node, dataclasses.replace(scope, style="Quote", indent_mm=self._indent(scope) + 6))

    def block_code_block(self, node, scope):
        self._paragraph("Code", scope).add_run(node.content.rstrip("\n"))

    block_fence = block_code_block

    def block_hr(self, node, scope):
        border = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" '
                           f'w:color="9AA9B8"/></w:pBdr>')
        add_border_or_shading(self._paragraph("Normal", scope)._p.get_or_add_pPr(), border)

    def block_bullet_list(self, node, scope):
        self._list(node, scope, ordered=False)

    def block_ordered_list(self, node, scope):
        self._list(node, scope, ordered=True)

    def _list(self, node, scope, ordered: bool):
        """Each item's first paragraph carries its bullet or number as text (no Word numbering);
        further blocks of the item are indented with its text, nested lists one step further."""
        depth = scope.list_depth
        style = "List Number" if ordered else ("List Bullet" if depth == 0 else "List Bullet 2")
        indent = self._indent(scope) + LIST_INDENT_MM
        inner = Scope(indent_mm=indent, list_depth=depth + 1)
        for number, item in enumerate(node.children, int(node.attrs.get("start", 1))):
            marker = f"{number}." if ordered else ("•" if depth == 0 else "–")
            for index, child in enumerate(item.children):
                if child.type != "paragraph":
                    self.render(child, inner)
                    continue
                paragraph = self._add_paragraph(style)
                paragraph.paragraph_format.left_indent = Mm(indent)
                paragraph.paragraph_format.first_line_indent = Mm(-5 if index == 0 else 0)
                if index == 0:
                    paragraph.add_run(marker + "\t")
                    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(indent))
                self.inline(paragraph, child.children[0])

    def block_container_colofon(self, node, scope):
        """At the foot of the cover, under a rule, as in the PDF; the contents start on a new page."""
        first = len(self.doc.element.body) - 1  # where its first paragraph goes, before the w:sectPr
        self.render_children(node, scope)
        paragraph = Paragraph(self.doc.element.body[first], self.doc._body)
        paragraph.paragraph_format.space_before = Mm(30)
        add_border_or_shading(paragraph._p.get_or_add_pPr(), parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="8" w:color="9AA9B8"/></w:pBdr>'))
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def block_container_inhoud(self, node, scope):
        """A real TOC field (Word can update it) whose result is already filled in: every
        chapter and section as a link to its bookmark, with its page number from the PDF's
        layout as a PAGEREF field. No dirty flag: Word would ask on opening to update it."""
        self._add_paragraph("TOC Heading").add_run("Inhoud")
        entries = [heading for heading in self.headings if heading[0] <= 2]
        paragraphs = [self._add_paragraph(f"toc {level}") for level, _, _ in entries]
        first, last = paragraphs[0], paragraphs[-1]
        first.add_run()._r.append(_fld_char("begin"))
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = ' TOC \\o "1-2" \\h \\z \\u '
        first.add_run()._r.append(instr)
        first.add_run()._r.append(_fld_char("separate"))
        for paragraph, (_, text, number) in zip(paragraphs, entries):
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Mm(self.text_width_mm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            bookmark = _bookmark_name(number)
            link = self._hyperlink(paragraph, anchor=bookmark)
            for run in (paragraph.add_run(text), paragraph.add_run("\t")):
                link.append(run._r)
            page = self.heading_pages.get(heading_id(text))
            _field(paragraph, f"PAGEREF {bookmark} \\h", str(page) if page else "", into=link)
        last.add_run()._r.append(_fld_char("end"))
        last.add_run().add_break(WD_BREAK.PAGE)

    block_dl = render_children

    def block_dt(self, node, scope):
        self.inline(self._paragraph("Definitieterm", scope), node.children[0])

    def block_dd(self, node, scope):
        self.render_children(node, dataclasses.replace(scope, style="Definitie", indent_mm=self._indent(scope) + 6))

    def block_table(self, node, scope):
        """A table in "UVP Tabel": the header row repeats on every page and no row splits; the
        header stays with the first two body rows and the last two rows stay together."""
        head = node.children[0].children[0]
        body_rows = node.children[1].children if len(node.children) > 1 else []
        header = [self._plain(cell) for cell in head.children]
        rows = [[self._plain(cell) for cell in row.children] for row in body_rows]
        numeric = ["right" in cell.attrs.get("style", "") for cell in head.children]
        classes = node.attrs.get("class", "").split()
        wide = "breed" in classes

        table = self.doc.add_table(rows=1 + len(rows), cols=len(header), style="UVP Tabel")
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        self._table_look(table, last_row="totaal" in classes)
        if wide:
            self._cell_margins(table, top_bottom_mm=1, sides_mm=WIDE_TABLE[1])
        widths = _column_widths([header] + rows, numeric, self.text_width_mm - scope.indent_mm,
                                *(WIDE_TABLE if wide else TABLE))
        last = len(body_rows)
        for r, row_node in enumerate([head, *body_rows]):
            row = table.rows[r]
            cells = row.cells  # python-docx works the list out anew at each use
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if r == 0:
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on every page
            keep = r < last and r in (0, 1, last - 1)
            for c, cell_node in enumerate(row_node.children):
                cell = cells[c]
                cell.width = Mm(widths[c])
                paragraph = cell.paragraphs[0]
                paragraph._p.insert(0, _paragraph_properties(
                    self.style_ids["Tabeltekst klein" if wide else "Tabeltekst"], keep, "right" if numeric[c] else None))
                if cell_node.children:
                    self.inline(paragraph, cell_node.children[0])
        self._grid(table, widths)
        if scope.indent_mm:
            self._table_indent(table, scope.indent_mm)
        spacer = self._add_paragraph("Normal")
        spacer.paragraph_format.space_after = Mm(0)
        self.table_spacer = spacer._p

    def _figure(self, image: SyntaxTreeNode, scope: Scope) -> None:
        """A picture on its own: a chart (as PNG) or a content picture, at the text width."""
        paragraph = self._paragraph("Figuur", scope)
        self._picture(paragraph, image, self.text_width_mm - scope.indent_mm, Format())

    # --- inline ---------------------------------------------------------------------------

    def inline(self, paragraph: Paragraph, node: SyntaxTreeNode, fmt: Format = Format()) -> None:
        for child in node.children:
            method = getattr(self, f"inline_{child.type}", None)
            if method is None:
                raise ValueError(f"DOCX-renderer kent het inline-element '{child.type}' niet")
            method(paragraph, child, fmt)

    def inline_text(self, paragraph, node, fmt):
        self._run(paragraph, node.content, fmt)

    inline_code_inline = inline_text

    def inline_softbreak(self, paragraph, node, fmt):
        self._run(paragraph, " ", fmt)

    def inline_hardbreak(self, paragraph, node, fmt):
        self._run(paragraph, "", fmt).add_break()

    def inline_strong(self, paragraph, node, fmt):
        self.inline(paragraph, node, dataclasses.replace(fmt, bold=True))

    def inline_em(self, paragraph, node, fmt):
        self.inline(paragraph, node, dataclasses.replace(fmt, italic=True))

    def inline_link(self, paragraph, node, fmt):
        """A real hyperlink: to a web or e-mail address, or (#anker) to a heading's bookmark."""
        href = node.attrs["href"]
        if href.startswith("#"):
            link = self._hyperlink(paragraph, anchor=self.bookmarks.get(href[1:], href[1:]))
        else:
            link = self._hyperlink(paragraph, address=href)
        self.inline(paragraph, node, dataclasses.replace(fmt, link=link))

    def inline_image(self, paragraph, node, fmt):
        """A picture in a sentence: its natural size (as in the PDF), at most the text width."""
        self._picture(paragraph, node, None, fmt)

    # --- helpers ----------------------------------------------------------------------------

    def _add_paragraph(self, style: str) -> Paragraph:
        """A new paragraph in a style of reference.docx, at the end of the body. Made as XML:
        python-docx's lookup of a style by name scans every style, and its insertion looks for
        each possible sibling in the schema's order, which together took most of the time."""
        p = OxmlElement("w:p")
        p.append(_paragraph_properties(self.style_ids[style]))
        self.doc.element.body.sectPr.addprevious(p)
        return Paragraph(p, self.doc._body)

    def _paragraph(self, style: str, scope: Scope) -> Paragraph:
        paragraph = self._add_paragraph(style)
        if scope.indent_mm:
            paragraph.paragraph_format.left_indent = Mm(scope.indent_mm)
        return paragraph

    def _indent(self, scope: Scope) -> float:
        """The left indent of blocks in a scope, in mm: its own, or else its style's."""
        if scope.style not in self.style_indents:
            indent = self.doc.styles.get_by_id(self.style_ids[scope.style], WD_STYLE_TYPE.PARAGRAPH) \
                .paragraph_format.left_indent
            self.style_indents[scope.style] = indent.mm if indent else 0
        return scope.indent_mm or self.style_indents[scope.style]

    def _run(self, paragraph: Paragraph, text: str, fmt: Format) -> Run:
        """A run of text in the paragraph (or its hyperlink), made as XML like `_add_paragraph`."""
        r = OxmlElement("w:r")
        properties = [OxmlElement("w:rStyle", {qn("w:val"): self.style_ids["Hyperlink"]})] if fmt.link is not None \
            else []
        properties += [OxmlElement(tag) for tag, on in (("w:b", fmt.bold), ("w:i", fmt.italic)) if on]
        if properties:
            r.append(OxmlElement("w:rPr"))
            r[0].extend(properties)  # in the schema's order: rStyle, b, i
        for part in re.split(r"([\t\n])", text):
            if part == "\t":
                r.append(OxmlElement("w:tab"))
            elif part == "\n":
                r.append(OxmlElement("w:br"))
            elif part:
                t = OxmlElement("w:t", {qn("xml:space"): "preserve"} if part != part.strip() else None)
                t.text = part
                r.append(t)
        (paragraph._p if fmt.link is None else fmt.link).append(r)
        return Run(r, paragraph)

    def _picture(self, paragraph: Paragraph, image: SyntaxTreeNode, width_mm: float | None, fmt: Format) -> None:
        """A picture with its alt text; SVG pictures as PNG (python-docx cannot place SVG)."""
        src = image.attrs["src"]
        if src.startswith("grafiek:"):
            data = png(self.charts[src.removeprefix("grafiek:")])
        else:
            path = asset_path(self.content_dir, src)
            if path is None:
                raise ValueError(f"DOCX-renderer: afbeelding {src!r} staat niet in content/afbeeldingen/")
            data = svg_to_png(path.read_bytes()) if path.suffix.lower() == ".svg" \
                else path.read_bytes()
        if width_mm is None:
            pixels = Image.from_blob(data).px_width
            natural = pixels * MM_PER_CSS_PX / (SVG_ZOOM if src.lower().endswith(".svg") else 1)
            width_mm = min(natural, self.text_width_mm)
        run = self._run(paragraph, "", fmt)
        shape = run.add_picture(io.BytesIO(data), width=Mm(width_mm))
        alt = "".join(_text_of(image))
        shape._inline.docPr.set("descr", alt)
        shape._inline.docPr.set("title", alt.split(":")[0])

    @staticmethod
    def _plain(node: SyntaxTreeNode) -> str:
        return "".join(_text_of(node))

    def _hyperlink(self, paragraph: Paragraph, anchor: str | None = None, address: str | None = None):
        link = OxmlElement("w:hyperlink")
        if address is not None:
            link.set(qn("r:id"), paragraph.part.relate_to(address, RT.HYPERLINK, is_external=True))
        else:
            link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        return link

    @staticmethod
    def _bookmark(paragraph: Paragraph, number: int) -> None:
        name = _bookmark_name(number)
        paragraph._p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{name}"/>'))
        paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>'))

    @staticmethod
    def _table_look(table: Table, last_row: bool) -> None:
        tbl_pr = table._tbl.tblPr
        look = tbl_pr.find(qn("w:tblLook"))
        if look is None:
            look = OxmlElement("w:tblLook")
            tbl_pr.append(look)
        for key, value in (("w:val", "0060" if last_row else "0020"), ("w:firstRow", "1"),
                           ("w:lastRow", "1" if last_row else "0"), ("w:firstColumn", "0"),
                           ("w:lastColumn", "0"), ("w:noHBand", "1"), ("w:noVBand", "1")):
            look.set(qn(key), value)

    @staticmethod
    def _cell_margins(table: Table, top_bottom_mm: float, sides_mm: float) -> None:
        """Narrower cell padding for wide tables, as print.css gives table.breed."""
        twips = {side: round((top_bottom_mm if side in ("top", "bottom") else sides_mm) * 56.7)
                 for side in ("top", "left", "bottom", "right")}
        margins = "".join(f'<w:{side} w:w="{value}" w:type="dxa"/>' for side, value in twips.items())
        table._tbl.tblPr.find(qn("w:tblLook")).addprevious(  # schema order: ... tblCellMar, tblLook
            parse_xml(f'<w:tblCellMar {nsdecls("w")}>{margins}</w:tblCellMar>'))

    @staticmethod
    def _table_indent(table: Table, indent_mm: float) -> None:
        table._tbl.tblPr.find(qn("w:jc")).addnext(  # schema order: ... jc, tblCellSpacing, tblInd
            parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{round(indent_mm * 56.7)}" w:type="dxa"/>'))

    @staticmethod
    def _grid(table: Table, widths: list[float]) -> None:
        for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(int(width * 56.7)))  # twentieths of a point per mm


SVG_ZOOM = 2  # SVG pictures are rasterised at twice their natural size, for a sharp print


def svg_to_png(svg: bytes) -> bytes:
    """An SVG picture as PNG, with text in the shipped fonts only (the same on every machine)."""
    import resvg_py

    fonts = [str(path) for path in sorted(FONTS_DIR.glob("*.ttf"))]
    return bytes(resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8"), zoom=SVG_ZOOM, skip_system_fonts=True,
                                       font_files=fonts, font_family="Noto Sans"))


def _bookmark_name(number: int) -> str:
    return f"_Toc{number:08d}"


def _text_of(node: SyntaxTreeNode):
    for child in node.children:
        if child.type in ("text", "code_inline"):
            yield child.content
        elif child.type == "softbreak":
            yield " "
        else:
            yield from _text_of(child)


def _header_footer(document, meta: DocxMeta) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True  # the cover page has neither
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(meta.running_title)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Pagina ")
    _field(footer, "PAGE", "1")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES", "1")


def _properties(document, meta: DocxMeta) -> None:
    """Core and extended properties of this document: its title, subject, keywords, dates from
    the data, and uvpgen as the application that wrote it (no page or word counts: only a
    word processor that lays the document out knows them)."""
    props = document.core_properties
    moment = dt.datetime.combine(meta.created, dt.time(12, 0))
    props.title, props.author, props.subject = meta.title, meta.author, meta.subject
    props.last_modified_by, props.language, props.revision = meta.author, meta.language, 1
    props.created = props.modified = props.last_printed = moment
    props.keywords, props.comments, props.category = meta.keywords, "", ""
    app = next(rel.target_part for rel in document.part.package.rels.values() if rel.reltype == RT.EXTENDED_PROPERTIES)
    app._blob = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
                 '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                 f'<Company>{escape(meta.author)}</Company><Application>uvpgen</Application>'
                 '<DocSecurity>0</DocSecurity></Properties>').encode()


def _shown_characters(document) -> set[str]:
    """Every character the document shows (body, header, footer), for the font subset."""
    section = document.sections[0]
    elements = [document.element.body, section.header._element, section.footer._element]
    return {char for element in elements for text in element.iter(qn("w:t")) for char in text.text or ""}


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite the package with a fixed timestamp and sorted members ([Content_Types].xml first)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def render_docx(markdown_text: str, meta: DocxMeta, reference_docx: Path, content_dir: Path,
                charts: tuple[Chart, ...] = (), heading_pages: Mapping[str, int] | None = None) -> bytes:
    """The DOCX of a canonical text. `heading_pages` maps heading anchors (markdown.heading_id)
    to their 1-based page in the PDF layout of the same text; the table of contents shows them."""
    tree = SyntaxTreeNode(parser().parse(markdown_text))
    document = Document(str(reference_docx))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    headings = [(int(n.tag[1]), n.children[0].content) for n in tree.walk() if n.type == "heading"]
    DocxWriter(document, headings, content_dir, charts, heading_pages).render(tree)
    _header_footer(document, meta)
    _properties(document, meta)
    embed_fonts(document, _shown_characters(document))
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())
