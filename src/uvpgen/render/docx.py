"""Render stage, DOCX: the document (uvpgen.document) -> python-docx on top of templates/reference.docx.

A walker over the document with one method per node type (`visit_<block>`, `inline_<inline>`);
a node type it does not know stops the build. Only styles from reference.docx are
used, so the house style can be changed in Word. The house font is embedded (render.fonts).
Output is deterministic: properties come from the data and the zip is rewritten with fixed
timestamps in a fixed member order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .. import document as tree
from ..document import MAX_IMAGE_BYTES, asset_path
from ..limits import MAX_SOURCE_BYTES, read_bytes
from . import PageLayout
from .charts import png
from .fonts import embed_fonts, text_width
from .style import HouseStyle, house_style

ZIP_TIMESTAMP = (2000, 1, 1, 0, 0, 0)
CLASS_STYLES = {"titel": "Title", "ondertitel": "Subtitle", "voorblad-tekst": "Voorblad",
                "voorblad-meta": "Voorblad meta", "colofon-tekst": "Colofon",
                "colofon-waarschuwing": "Colofon waarschuwing", "bijschrift": "Caption"}
MM_PER_CSS_PX = 25.4 / 96  # a picture's natural size, as WeasyPrint takes it
LIST_INDENT_MM = 6


@dataclass(frozen=True)
class Scope:
    """Where a block is written: its paragraph style, extra left indent and list depth."""
    style: str = "Normal"
    indent_mm: float = 0
    list_depth: int = 0


@dataclass(frozen=True)
class Format:
    """How inline text is written: emphasis, the hyperlink element runs go into, and whether the
    runs are a tracked change (tree.INSERTED or tree.DELETED)."""
    bold: bool = False
    italic: bool = False
    link: object = None
    change: str | None = None


@dataclass(frozen=True)
class Tracking:
    """Who made the tracked changes of a document with changes (tree.Revision ...), and when: the
    date of the newer version, never the clock."""
    author: str
    date: dt.date


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


# (size in the house style, cell margin left and right in mm) of tables and of wide tables, as print.css
TABLE, WIDE_TABLE = ("tabel", 1.8), ("tabel_klein", 1.2)
AIR_MM = 0.6  # so that a word measured to fit also fits after rounding
LONG_WORD_MM = 40
TABLE_GAP_MM = 4  # print.css: table { margin: 0 0 4mm }


def _column_widths(rows: list[list[str]], numeric: list[bool], total_mm: float, style: HouseStyle,
                   size: str, side_margin_mm: float) -> list[float]:
    """Column widths as a browser's automatic table layout would choose them, measured in the
    house font: every column gets at least its longest word (header words in bold; numbers:
    their whole value, never wrapped; a text column at most LONG_WORD_MM, beyond which Word
    breaks the rare very long word); the remaining width goes to the columns in proportion
    to how much wider they would like to be to show their longest text on one line; where the
    table has room for every header on one line (a number's too), each gets it."""
    measures = {bold: text_width(style, style.sizes[size], bold) for bold in (False, True)}

    def width(text: str, bold: bool = False) -> float:
        return measures[bold](text) + 2 * side_margin_mm + AIR_MM

    minimum, desired, whole_headers = [], [], []
    for values, is_number in zip(zip(*rows), numeric):
        header, body = values[0], values[1:]
        words = [width(word) for value in body for word in value.split()]
        words += [width(word, bold=True) for word in header.split()]
        numbers = [width(value) for value in body if is_number and not tree.holds_words(value)]
        needed = max(words + numbers or [width("")])
        minimum.append(needed if is_number else min(needed, LONG_WORD_MM))
        # Numbers never need more than their minimum; text (words among numbers too) would like
        # its longest value on one line.
        texts = [width(v) for v in body if not is_number or tree.holds_words(v)]
        desired.append(max([width(header, True)] + texts) if texts or not is_number else minimum[-1])
        whole_headers.append(max(desired[-1], width(header, True)))
    desired = [max(d, m) for d, m in zip(desired, minimum)]
    if sum(whole_headers) <= total_mm:  # room for every header on one line, as the PDF has them
        return [d * total_mm / sum(whole_headers) for d in whole_headers]
    if sum(desired) <= total_mm:
        return [d * total_mm / sum(desired) for d in desired]
    if sum(minimum) >= total_mm:
        return [m * total_mm / sum(minimum) for m in minimum]
    spare = total_mm - sum(minimum)
    wish = [d - m for d, m in zip(desired, minimum)]
    return [m + spare * w / sum(wish) for m, w in zip(minimum, wish)]


def _table_xml(table_style: str, widths: list[float], node: tree.TableBlock, cell_style: str, indent_mm: float,
               row_marks: list[str]) -> str:
    """A table's w:tbl with its rows and empty cell paragraphs, as one string (building it
    element by element with python-docx took most of a DOCX's time). A wide table gets
    print.css's narrower cell padding; the look marks a total row as the last row. `row_marks`
    holds per row (the header first) its tracked insertion or deletion (w:ins, w:del) or ""."""
    right = '<w:jc w:val="right"/>'
    twips = [round(int(width * 36000) / 635) for width in widths]  # python-docx's Mm -> twips of w:tcW
    indent = f'<w:tblInd w:w="{round(indent_mm * 56.7)}" w:type="dxa"/>' if indent_mm else ""
    margins = ""
    if node.wide:
        sides = round(WIDE_TABLE[1] * 56.7)
        margins = (f'<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="{sides}" w:type="dxa"/>'
                   f'<w:bottom w:w="57" w:type="dxa"/><w:right w:w="{sides}" w:type="dxa"/></w:tblCellMar>')
    look = (f'<w:tblLook w:firstColumn="0" w:firstRow="1" w:lastColumn="0" w:lastRow="{"1" if node.total else "0"}" '
            f'w:noHBand="1" w:noVBand="1" w:val="{"0060" if node.total else "0020"}"/>')
    grid = "".join(f'<w:gridCol w:w="{int(width * 56.7)}"/>' for width in widths)  # twentieths of a point per mm
    last, whole, tall = len(node.rows), node.kept_whole, node.tall_rows  # each an estimate over the whole table
    rows = []
    for r in range(last + 1):
        keep = "<w:keepNext/>" if r < last and (whole or r == 0 or not tall and (
            r < 3 or r >= last - (3 if node.total else 2))) else ""
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p><w:pPr>'
                        f'<w:pStyle w:val="{escape(cell_style)}"/>{keep}{right if numeric else ""}'
                        "</w:pPr></w:p></w:tc>" for width, numeric in zip(twips, node.numeric))
        rows.append(f'<w:tr><w:trPr><w:cantSplit/>{"<w:tblHeader/>" if r == 0 else ""}{row_marks[r]}</w:trPr>'
                    f'{cells}</w:tr>')
    return (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{escape(table_style)}"/><w:tblW w:type="auto" w:w="0"/>'
            f'<w:jc w:val="left"/>{indent}<w:tblLayout w:type="fixed"/>{margins}{look}</w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


class DocxWriter(tree.Visitor):
    """Walks the document and appends to a python-docx Document, one method per node type."""
    name = "DOCX-schrijver"

    def __init__(self, document, source: tree.Document, style: HouseStyle, content_dir: Path,
                 layout: PageLayout | None = None, tracking: Tracking | None = None):
        self.doc = document
        self.style = style
        self.source = source
        self.content_dir = content_dir
        self.layout = layout or PageLayout({})
        self.table_spacer = None  # the empty paragraph after the last table, which keeps tables apart
        self.block_index: int | None = None  # the top-level block being written (top_level)
        self.style_ids = {style.name: style.style_id for style in document.styles}
        self.style_indents: dict[str, float] = {}  # paragraph style name -> its left indent in mm
        # Word's own convention for headings a TOC links to: hidden bookmarks _Toc<number>.
        self.headings = [(heading, number) for number, heading in enumerate(source.headings(), 1)]
        self.next_heading = iter(self.headings)
        self.bookmarks: dict[str, str] = {}  # heading anchor -> bookmark of its first occurrence
        for heading, number in reversed(self.headings):
            self.bookmarks[heading.anchor] = _bookmark_name(number)
        section = document.sections[0]
        self.text_width_mm = (section.page_width - section.left_margin - section.right_margin) / 36000
        # Tracked changes: the change being written (of a whole tree.Revision), the headings inside
        # one (for the contents), and the changes' ids, after the bookmarks' (Word's ids of annotations are unique).
        self.tracking = tracking
        self.revision: str | None = None
        self.heading_changes = {id(node): _READ_AS.get(revision.kind, revision.kind)  # the contents have no moves
                                for revision in tree.walk(source.blocks) if isinstance(revision, tree.Revision)
                                for node in tree.walk(revision.blocks) if isinstance(node, tree.Heading)}
        self.change_ids = itertools.count(len(self.headings) + 1)

    # --- blocks ---------------------------------------------------------------------------

    def top_level(self, blocks: tuple[tree.Block, ...]) -> None:
        """The document's blocks. Where the PDF layout opens a page with a block, or with an item
        of a list (PageLayout.starts), the DOCX starts a page too: its pages then
        follow the PDF's, and so do the page numbers of its contents, in Word or LibreOffice
        (a chapter starts a page by its style)."""
        body = self.doc.element.body
        for index, block in enumerate(blocks):
            self.block_index, previous = index, body.sectPr.getprevious()
            self.visit(block, Scope())
            if (index,) in self.layout.starts and not (isinstance(block, tree.Heading) and block.level == 1):
                self._page_break_before(previous.getnext() if previous is not None else body[0])
        self.block_index = None

    def _starts_page(self, item: int, scope: Scope) -> bool:
        """Whether the PDF opens a page with this item of a list at the top level."""
        return self.block_index is not None and scope.list_depth == 0 and scope.indent_mm == 0 \
            and (self.block_index, item) in self.layout.starts

    @staticmethod
    def _page_break_before(element) -> None:
        """A page break before a paragraph, or before a table (on its first paragraph)."""
        p = element if element.tag == qn("w:p") else next(element.iter(qn("w:p")))
        p.get_or_add_pPr().pageBreakBefore_val = True

    def blocks(self, blocks: tuple[tree.Block, ...], scope: Scope = Scope()) -> None:
        for block in blocks:
            self.visit(block, scope)

    def visit_cover(self, node: tree.Cover, scope: Scope) -> None:
        self.blocks(node.blocks, scope)

    def visit_heading(self, node: tree.Heading, scope: Scope) -> None:
        body = self.doc.element.body  # body[-1]: the w:sectPr; a text may open with its first chapter
        if node.level == 1 and len(body) > 1 and body[-2] is self.table_spacer:
            # A chapter starts on a new page: a spacer left at the foot of the previous one could
            # spill over and leave that page blank.
            body.remove(self.table_spacer)
        self._close_table_gap()
        paragraph = self._add_paragraph(f"Heading {node.level}")
        self._bookmark(paragraph, next(self.next_heading)[1])
        self.inlines(paragraph, _numbered(node.number, node.title))

    def visit_paragraph(self, node: tree.Paragraph, scope: Scope) -> None:
        if len(node.inlines) == 1 and isinstance(node.inlines[0], tree.Image):
            return self._figure(node.inlines[0], scope)
        paragraph = self._paragraph(CLASS_STYLES.get(node.style or "", scope.style), scope)
        self.inlines(paragraph, node.inlines)

    def visit_quote(self, node: tree.Quote, scope: Scope) -> None:
        self.blocks(node.blocks, dataclasses.replace(scope, style="Quote", indent_mm=self._indent(scope) + 6))

    def visit_codeblock(self, node: tree.CodeBlock, scope: Scope) -> None:
        self._run(self._paragraph("Code", scope), node.text.rstrip("\n"), Format())

    def visit_rule(self, node: tree.Rule, scope: Scope) -> None:
        border = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" '
                           f'w:color="{self.style.word("lijn")}"/></w:pBdr>')
        add_border_or_shading(self._paragraph("Normal", scope)._p.get_or_add_pPr(), border)

    def visit_bulletlist(self, node: tree.BulletList, scope: Scope) -> None:
        self._list(node.items, 1, scope, ordered=False)

    def visit_orderedlist(self, node: tree.OrderedList, scope: Scope) -> None:
        self._list(node.items, node.start, scope, ordered=True)

    def _list(self, items: tuple[tree.ListItem, ...], start: int, scope: Scope, ordered: bool) -> None:
        """Each item's first paragraph carries its bullet or number as text (no Word numbering);
        further blocks of the item are indented with its text, nested lists one step further."""
        depth = scope.list_depth
        style = "List Number" if ordered else ("List Bullet" if depth == 0 else "List Bullet 2")
        indent = self._indent(scope) + LIST_INDENT_MM
        inner = Scope(indent_mm=indent, list_depth=depth + 1)
        for position, item in enumerate(items):
            number = start + position
            marker = f"{number}." if ordered else ("•" if depth == 0 else "–")
            revision = item.blocks[0] if len(item.blocks) == 1 and isinstance(item.blocks[0], tree.Revision) else None
            with self._revising(revision.kind if revision else None):
                self._list_item(revision.blocks if revision else item.blocks, marker, position, style, indent,
                                inner, scope)

    def _list_item(self, blocks: tuple[tree.Block, ...], marker: str, position: int, style: str, indent: float,
                   inner: Scope, scope: Scope) -> None:
        for index, block in enumerate(blocks):
            if not isinstance(block, tree.Paragraph):
                self.blocks((block,), inner)
                continue
            paragraph = self._add_paragraph(style)
            if index == 0 and self._starts_page(position, scope):
                self._page_break_before(paragraph._p)
            paragraph.paragraph_format.left_indent = Mm(indent)
            paragraph.paragraph_format.first_line_indent = Mm(-5 if index == 0 else 0)
            if index == 0:
                self._run(paragraph, marker + "\t", Format())
                paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(indent))
            self.inlines(paragraph, block.inlines)

    def visit_colophon(self, node: tree.Colophon, scope: Scope) -> None:
        """On page 2, to itself, under a rule, as in the PDF; the contents start on a new page."""
        first = len(self.doc.element.body) - 1  # where its first paragraph goes, before the w:sectPr
        self.blocks(node.blocks, scope)
        paragraph = Paragraph(self.doc.element.body[first], self.doc._body)
        paragraph.paragraph_format.page_break_before = True
        add_border_or_shading(paragraph._p.get_or_add_pPr(), parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="8" w:color="{self.style.word("lijn")}"/>'
            '</w:pBdr>'))
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def visit_contents(self, node: tree.Contents, scope: Scope) -> None:
        """A real TOC field (Word can update it) whose result is already filled in: every
        chapter and section as a link to its bookmark, with its page number from the PDF's
        layout as a PAGEREF field. No dirty flag: Word would ask on opening to update it."""
        self._add_paragraph("TOC Heading").add_run("Inhoud")
        entries = [(heading, number) for heading, number in self.headings if heading.level <= 2]
        paragraphs = []
        for heading, _ in entries:
            with self._revising(self.heading_changes.get(id(heading))):
                paragraphs.append(self._add_paragraph(f"toc {heading.level}"))
        first, last = paragraphs[0], paragraphs[-1]
        first.add_run()._r.append(_fld_char("begin"))
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = ' TOC \\o "1-2" \\h \\z \\u '
        first.add_run()._r.append(instr)
        first.add_run()._r.append(_fld_char("separate"))
        for paragraph, (heading, number) in zip(paragraphs, entries):
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Mm(self.text_width_mm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            bookmark = _bookmark_name(number)
            link = self._hyperlink(paragraph, anchor=bookmark)
            # The heading's text as its runs (with its tracked changes), moved into the link.
            with self._revising(self.heading_changes.get(id(heading))):
                self.inlines(paragraph, _numbered(heading.number, heading.title))
                self._run(paragraph, "\t", Format())
            link.extend(list(paragraph._p)[paragraph._p.index(link) + 1:])
            page = self.layout.headings.get(heading.anchor)
            _field(paragraph, f"PAGEREF {bookmark} \\h", str(page) if page else "", into=link)
        last.add_run()._r.append(_fld_char("end"))
        last.add_run().add_break(WD_BREAK.PAGE)

    def visit_definitionlist(self, node: tree.DefinitionList, scope: Scope) -> None:
        for number, item in enumerate(node.items):
            term = self._paragraph("Definitieterm", scope)
            if self._starts_page(number, scope):
                self._page_break_before(term._p)
            self.inlines(term, item.term)
            for blocks in item.definitions:
                self.blocks(blocks, dataclasses.replace(scope, style="Definitie", indent_mm=self._indent(scope) + 6))

    def visit_tableblock(self, node: tree.TableBlock, scope: Scope) -> None:
        """A table in "UVP Tabel" after its caption, as print.css lays it out: the header row
        repeats on every page and no row splits; a short table (TableBlock.kept_whole) is kept
        on one page, a longer one keeps its header with three body rows and its last three rows
        (above the total) together (`_table_xml`)."""
        caption = None if node.caption is None else _numbered(f"Tabel {node.number}", node.caption)
        self._table(node, caption, (None,) * len(node.rows), scope)

    def visit_revisedtable(self, node: tree.RevisedTable, scope: Scope) -> None:
        """A table of both versions: its rows added or removed as tracked rows, its cells' changes as tracked runs."""
        self._table(node.table, node.caption, node.changes, scope)

    def _table(self, node: tree.TableBlock, caption: tuple[tree.Inline, ...] | None, changes: tuple[str | None, ...],
               scope: Scope) -> None:
        if caption is not None:
            self._close_table_gap()
            self.inlines(self._paragraph("Caption", scope), caption)
        header = [tree.plain(cell.inlines) for cell in node.header]
        rows = [[tree.plain(cell.inlines) for cell in row.cells] for row in node.rows]
        widths = _column_widths([header] + rows, node.numeric, self.text_width_mm - scope.indent_mm, self.style,
                                *(WIDE_TABLE if node.wide else TABLE))
        style_id = self.style_ids["Tabeltekst klein" if node.wide else "Tabeltekst"]
        changes = (None, *changes)  # the header row's, then the body rows'
        marks = [self._mark_xml(change or self.revision) for change in changes]
        tbl = parse_xml(_table_xml(self.style_ids["UVP Tabel"], widths, node, style_id, scope.indent_mm, marks))
        self.doc.element.body.sectPr.addprevious(tbl)
        paragraphs = tbl.iter(qn("w:p"))
        for change, cells in zip(changes, (node.header, *(row.cells for row in node.rows))):
            with self._revising(change):
                for cell, p in zip(cells, paragraphs):  # cells first: zip then takes no paragraph too many
                    self.inlines(Paragraph(p, self.doc._body), cell.inlines)
        spacer = self._add_paragraph("Normal")
        spacer.paragraph_format.space_after = Mm(0)
        spacer.paragraph_format.line_spacing = Mm(TABLE_GAP_MM)  # exactly print.css's margin under a table
        self.table_spacer = spacer._p

    def _close_table_gap(self) -> None:
        """A heading or caption right after a table brings its own space above it; CSS takes the
        larger of the two margins, Word and LibreOffice would add them: the spacer shrinks."""
        body = self.doc.element.body
        if len(body) > 1 and body[-2] is self.table_spacer:
            Paragraph(self.table_spacer, self.doc._body).paragraph_format.line_spacing = Pt(1)

    def visit_revision(self, node: tree.Revision, scope: Scope) -> None:
        """Blocks inserted or deleted whole; or moved, within a named range from the start of the
        first paragraph to the end of the last (w:moveFromRangeStart ... w:moveFromRangeEnd)."""
        body = self.doc.element.body
        before = set(body)  # (a heading may remove the spacer under a table before it: no index stays)
        with self._revising(node.kind):
            self.blocks(node.blocks, scope)
        if node.name:
            paragraphs = [p for element in body if element not in before for p in element.iter(qn("w:p"))]
            start = OxmlElement(f"w:{node.kind}RangeStart", {**self._mark_attributes(), qn("w:name"): node.name})
            paragraphs[0].insert(1, start)  # after its w:pPr
            paragraphs[-1].append(OxmlElement(f"w:{node.kind}RangeEnd", {qn("w:id"): start.get(qn("w:id"))}))

    def visit_figure(self, node: tree.Figure, scope: Scope) -> None:
        self._close_table_gap()
        self.inlines(self._paragraph("Caption", scope), _numbered(f"Figuur {node.number}", node.caption))
        self._figure(node.image, scope)

    def _figure(self, image: tree.Image, scope: Scope) -> None:
        """A picture on its own: a chart (as PNG) or a content picture, at the text width."""
        paragraph = self._paragraph("Figuur", scope)
        self._picture(paragraph, image, self.text_width_mm - scope.indent_mm, Format())

    # --- inline ---------------------------------------------------------------------------

    def inlines(self, paragraph: Paragraph, inlines: tuple[tree.Inline, ...], fmt: Format = Format()) -> None:
        for inline in inlines:
            self.visit(inline, paragraph, fmt)

    def visit_text(self, node: tree.Text, paragraph: Paragraph, fmt: Format) -> None:
        self._run(paragraph, node.text, fmt)

    visit_code = visit_text

    def visit_softbreak(self, node: tree.SoftBreak, paragraph: Paragraph, fmt: Format) -> None:
        self._run(paragraph, " ", fmt)

    def visit_hardbreak(self, node: tree.HardBreak, paragraph: Paragraph, fmt: Format) -> None:
        self._run(paragraph, "", fmt).add_break()

    def visit_strong(self, node: tree.Strong, paragraph: Paragraph, fmt: Format) -> None:
        self.inlines(paragraph, node.children, dataclasses.replace(fmt, bold=True))

    def visit_emph(self, node: tree.Emph, paragraph: Paragraph, fmt: Format) -> None:
        self.inlines(paragraph, node.children, dataclasses.replace(fmt, italic=True))

    def visit_link(self, node: tree.Link, paragraph: Paragraph, fmt: Format) -> None:
        """A real hyperlink: to a web or e-mail address, or (#anker) to a heading's bookmark."""
        href = node.href
        if href.startswith("#"):
            link = self._hyperlink(paragraph, anchor=self.bookmarks.get(href[1:], href[1:]))
        else:
            link = self._hyperlink(paragraph, address=href)
        self.inlines(paragraph, node.children, dataclasses.replace(fmt, link=link))

    def visit_inserted(self, node: tree.Inserted, paragraph: Paragraph, fmt: Format) -> None:
        self.inlines(paragraph, node.children, dataclasses.replace(fmt, change=tree.INSERTED))

    def visit_deleted(self, node: tree.Deleted, paragraph: Paragraph, fmt: Format) -> None:
        self.inlines(paragraph, node.children, dataclasses.replace(fmt, change=tree.DELETED))

    def visit_image(self, node: tree.Image, paragraph: Paragraph, fmt: Format) -> None:
        """A picture in a sentence: its natural size (as in the PDF), at most the text width."""
        self._picture(paragraph, node, None, fmt)

    # --- helpers ----------------------------------------------------------------------------

    def _add_paragraph(self, style: str) -> Paragraph:
        """A new paragraph in a style of reference.docx, at the end of the body. Made as XML:
        python-docx's lookup of a style by name scans every style, and its insertion looks for
        each possible sibling in the schema's order, which together took most of the time."""
        p = OxmlElement("w:p")
        p.append(_paragraph_properties(self.style_ids[style]))
        if self.revision:  # the paragraph mark is a tracked change too
            p[0].append(OxmlElement("w:rPr"))
            p[0][-1].append(self._mark(self.revision))
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
        change = fmt.change or self.revision
        for part in re.split(r"([\t\n])", text):
            if part == "\t":
                r.append(OxmlElement("w:tab"))
            elif part == "\n":
                r.append(OxmlElement("w:br"))
            elif part:
                t = OxmlElement("w:delText" if _READ_AS.get(change, change) == tree.DELETED else "w:t",
                                {qn("xml:space"): "preserve"} if part != part.strip() else None)
                t.text = part
                r.append(t)
        parent = paragraph._p if fmt.link is None else fmt.link
        if change:
            parent.append(self._mark(change))
            parent = parent[-1]
        parent.append(r)
        return Run(r, paragraph)

    @contextmanager
    def _revising(self, change: str | None):
        """Write what follows as a tracked insertion or deletion (`change`), or as before (None)."""
        previous, self.revision = self.revision, change or self.revision
        try:
            yield
        finally:
            self.revision = previous

    def _mark_attributes(self) -> dict[str, str]:
        """The next tracked change's id, author and date (the newer version's, at midnight UTC)."""
        return {qn("w:id"): str(next(self.change_ids)), qn("w:author"): self.tracking.author,
                qn("w:date"): f"{self.tracking.date.isoformat()}T00:00:00Z"}

    def _mark(self, change: str):
        """A w:ins or w:del element."""
        return OxmlElement(f"w:{change}", self._mark_attributes())

    def _mark_xml(self, change: str | None) -> str:
        """A w:ins or w:del as XML inside a table's string (`_table_xml`), or "" for no change."""
        if not change:
            return ""
        attributes = "".join(f' w:{name.rsplit("}", 1)[1]}="{escape(value)}"'
                             for name, value in self._mark_attributes().items())
        return f"<w:{_READ_AS.get(change, change)}{attributes}/>"  # Word moves no table rows

    def _picture(self, paragraph: Paragraph, image: tree.Image, width_mm: float | None, fmt: Format) -> None:
        """A picture with its alt text; SVG pictures as PNG (python-docx cannot place SVG)."""
        if image.chart is not None:
            data = png(self.source.chart(image.chart), self.style)
        else:
            path = asset_path(self.content_dir, image.src)
            if path is None:
                raise ValueError(f"DOCX-renderer: afbeelding {image.src!r} staat niet in content/afbeeldingen/")
            content = read_bytes(path, MAX_IMAGE_BYTES)
            data = svg_to_png(content, self.style) if path.suffix.lower() == ".svg" else content
        if width_mm is None:
            pixels = Image.from_blob(data).px_width
            natural = pixels * MM_PER_CSS_PX / (SVG_ZOOM if image.src.lower().endswith(".svg") else 1)
            width_mm = min(natural, self.text_width_mm)
        run = self._run(paragraph, "", fmt)
        shape = run.add_picture(io.BytesIO(data), width=Mm(width_mm))
        alt = image.alt_text
        shape._inline.docPr.set("descr", alt)
        shape._inline.docPr.set("title", alt.split(":")[0])

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


# A moved part's text where it was is deleted text there, and where it is inserted text: what
# Word records where a move has no element of its own (a table row, the table of contents).
_READ_AS = {tree.MOVED_FROM: tree.DELETED, tree.MOVED_TO: tree.INSERTED}

SVG_ZOOM = 2  # SVG pictures are rasterised at twice their natural size, for a sharp print


def svg_to_png(svg: bytes, style: HouseStyle) -> bytes:
    """An SVG picture as PNG, with text in the shipped fonts only (the same on every machine)."""
    import resvg_py

    fonts = [str(path) for path in sorted(style.fonts_dir.glob("*.ttf"))]
    return bytes(resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8"), zoom=SVG_ZOOM, skip_system_fonts=True,
                                       font_files=fonts, font_family=style.family))


def _bookmark_name(number: int) -> str:
    return f"_Toc{number:08d}"


def _numbered(number: str | None, title: tuple[tree.Inline, ...]) -> tuple[tree.Inline, ...]:
    """A heading's or caption's text after its number, in one run where the title is plain text."""
    if not number:
        return title
    if title and isinstance(title[0], tree.Text):
        return (tree.Text(f"{number} {title[0].text}"), *title[1:])
    return (tree.Text(f"{number} "), *title)


def _header_footer(document, meta: tree.Meta) -> None:
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


def _properties(document, meta: tree.Meta) -> None:
    """Core and extended properties of this document: its title, subject, keywords, dates from
    the data, and uvpgen as the application that wrote it (no page or word counts: only a
    word processor that lays the document out knows them)."""
    props = document.core_properties
    moment = dt.datetime.combine(meta.date, dt.time(12, 0))
    props.title, props.author, props.subject = meta.title, meta.author, meta.subject
    props.last_modified_by, props.language, props.revision = meta.author, f"{meta.language}-NL", 1
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
    return {char for element in elements for text in element.iter(qn("w:t"), qn("w:delText"))
            for char in text.text or ""}


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


def render_docx(source: tree.Document, reference_docx: Path, content_dir: Path,
                layout: PageLayout | None = None, tracking: Tracking | None = None) -> bytes:
    """The DOCX of a document. `layout` is what the PDF layout of the same document says: the
    page of each heading, which the table of contents shows, and where the pages begin, where
    the DOCX begins them too. `tracking` says who made the tracked changes a document with
    changes has (uvpgen.redline), and when."""
    document = Document(io.BytesIO(read_bytes(reference_docx, MAX_SOURCE_BYTES)))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    style = house_style(reference_docx.parent)
    DocxWriter(document, source, style, content_dir, layout, tracking).top_level(source.blocks)
    _header_footer(document, source.meta)
    _properties(document, source.meta)
    embed_fonts(document, _shown_characters(document), style)
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())
