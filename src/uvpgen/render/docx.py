"""Render stage, DOCX: canonical Markdown -> python-docx on top of templates/reference.docx.

A walker over markdown-it's syntax tree with one method per node type (like RendererHTML).
Only styles from reference.docx are used, so the house style can be changed in Word.
Output is deterministic: core properties come from the data and the zip is rewritten with
fixed timestamps in a fixed member order.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from markdown_it.tree import SyntaxTreeNode

from ..compose import Chart
from ..content import asset_path
from ..markdown import heading_id, parser
from .charts import png

ZIP_TIMESTAMP = (2000, 1, 1, 0, 0, 0)
CLASS_STYLES = {"titel": "Title", "ondertitel": "Subtitle", "voorblad-tekst": "Voorblad",
                "voorblad-meta": "Voorblad meta", "colofon-tekst": "Colofon",
                "colofon-waarschuwing": "Colofon waarschuwing", "bijschrift": "Caption"}


@dataclass(frozen=True)
class DocxMeta:
    title: str
    running_title: str
    author: str
    subject: str
    created: dt.date
    language: str = "nl-NL"


def _field(paragraph: Paragraph, instruction: str, result: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...) with a pre-filled result."""
    def run_with(element):
        run = paragraph.add_run()
        run._r.append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    if result:
        paragraph.add_run(result)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


CHAR_MM = 1.75  # average width of a character in 8 pt Noto Sans (table text), with some air
CELL_PADDING_MM = 3.5
BOLD_FACTOR = 1.05  # header cells are bold, and bold letters are wider
LONG_WORD_MM = 30
SMALL = 7 / 8  # tables with class "breed" use the 7 pt style "Tabeltekst klein"


def _column_widths(rows: list[list[str]], numeric: list[bool], total_mm: float, char_mm: float = CHAR_MM) -> list[float]:
    """Column widths as a browser's automatic table layout would choose them.

    Every column gets at least its longest word (numbers: their whole value, never wrapped;
    a text column at most LONG_WORD_MM, beyond which Word breaks the rare very long word);
    the remaining width goes to the columns in proportion to how much wider they would like
    to be to show their longest text on one line.
    """
    columns = list(zip(*rows))

    def width(chars: int) -> float:
        return chars * char_mm + CELL_PADDING_MM

    minimum = []
    for values, is_number in zip(columns, numeric):
        words = [word for value in values[1:] for word in value.split()] or [""]
        header_words = values[0].split() or [""]
        longest_word = max(max(map(len, words)), round(max(map(len, header_words)) * BOLD_FACTOR))
        longest_value = max(map(len, values[1:] or [""])) if is_number else 0
        needed = width(max(longest_word, longest_value))
        minimum.append(needed if is_number else min(needed, LONG_WORD_MM))
    # Numbers never need more than their minimum; text would like its longest value on one line.
    desired = [low if is_number else max(width(max(map(len, values))), low)
               for values, low, is_number in zip(columns, minimum, numeric)]
    if sum(desired) <= total_mm:
        return [d * total_mm / sum(desired) for d in desired]
    if sum(minimum) >= total_mm:
        return [m * total_mm / sum(minimum) for m in minimum]
    spare = total_mm - sum(minimum)
    wish = [d - m for d, m in zip(desired, minimum)]
    return [m + spare * w / sum(wish) for m, w in zip(minimum, wish)]


class DocxWriter:
    """Walks the syntax tree and appends to a python-docx Document."""

    def __init__(self, document, headings: list[tuple[int, str]], content_dir: Path, charts: tuple[Chart, ...] = ()):
        self.doc = document
        self.content_dir = content_dir
        self.headings = headings
        self.charts = {chart.name: chart for chart in charts}
        self.bookmark_id = 0
        self.text_width_mm = (document.sections[0].page_width - document.sections[0].left_margin
                              - document.sections[0].right_margin) / 36000

    # --- blocks ---------------------------------------------------------------------------

    def render(self, node: SyntaxTreeNode, context: dict | None = None) -> None:
        context = context or {}
        method = getattr(self, f"block_{node.type}", None)
        if method is None:
            raise ValueError(f"DOCX-renderer kent het element '{node.type}' niet")
        method(node, context)

    def block_root(self, node, context):
        for child in node.children:
            self.render(child, context)

    def block_heading(self, node, context):
        level = int(node.tag[1])
        text = node.children[0].content
        paragraph = self.doc.add_paragraph(style=f"Heading {level}")
        self._bookmark(paragraph, heading_id(text))
        self.inline(paragraph, node.children[0])

    def block_paragraph(self, node, context):
        inline = node.children[0]
        if [child.type for child in inline.children] == ["image"]:
            return self._figure(inline.children[0])
        style = CLASS_STYLES.get(node.attrs.get("class", ""), context.get("style", "Normal"))
        paragraph = self.doc.add_paragraph(style=style)
        if "indent_mm" in context:
            paragraph.paragraph_format.left_indent = Mm(context["indent_mm"])
        self.inline(paragraph, node.children[0])

    def block_bullet_list(self, node, context):
        self._list(node, context, ordered=False)

    def block_ordered_list(self, node, context):
        self._list(node, context, ordered=True)

    def _list(self, node, context, ordered: bool):
        depth = context.get("list_depth", 0)
        start = int(node.attrs.get("start", 1))
        for number, item in enumerate(node.children, start):
            marker = f"{number}." if ordered else ("•" if depth == 0 else "–")
            style = "List Number" if ordered else ("List Bullet" if depth == 0 else "List Bullet 2")
            for index, child in enumerate(item.children):
                if child.type == "paragraph":
                    paragraph = self.doc.add_paragraph(style=style)
                    indent = context.get("indent_mm", 0) + 6 * (depth + 1)
                    paragraph.paragraph_format.left_indent = Mm(indent)
                    paragraph.paragraph_format.first_line_indent = Mm(-5 if index == 0 else 0)
                    if index == 0:
                        paragraph.add_run(marker + "\t")
                        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(indent))
                    self.inline(paragraph, child.children[0])
                else:
                    self.render(child, {**context, "list_depth": depth + 1})

    def block_container_voorblad(self, node, context):
        for child in node.children:
            self.render(child, context)

    def block_container_colofon(self, node, context):
        for child in node.children:
            self.render(child, context)
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def block_container_inhoud(self, node, context):
        """A TOC field whose result already lists the headings (as links), so Word and
        LibreOffice show it when the file opens; Word updates the page numbers (dirty field)."""
        self.doc.add_paragraph("Inhoud", style="TOC Heading")
        entries = [(level, text) for level, text in self.headings if level <= 2]
        first = self.doc.add_paragraph(style="toc 1")
        paragraphs = [first] + [self.doc.add_paragraph(style=f"toc {level}") for level, _ in entries[1:]]
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        begin.set(qn("w:dirty"), "true")
        first.add_run()._r.append(begin)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = ' TOC \\o "1-2" \\h \\z \\u '
        first.add_run()._r.append(instr)
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        first.add_run()._r.append(separate)
        for paragraph, (level, text) in zip(paragraphs, entries):
            paragraph.style = self.doc.styles[f"toc {level}"]
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Mm(self.text_width_mm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            self._internal_link(paragraph, text, heading_id(text))
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        paragraphs[-1].add_run()._r.append(end)
        paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def block_dl(self, node, context):
        for child in node.children:
            self.render(child, context)

    def block_dt(self, node, context):
        paragraph = self.doc.add_paragraph(style="Definitieterm")
        self.inline(paragraph, node.children[0])

    def block_dd(self, node, context):
        for child in node.children:
            self.render(child, {**context, "style": "Definitie", "indent_mm": 6})

    def block_hr(self, node, context):
        self.doc.add_paragraph()

    def block_table(self, node, context):
        head = node.children[0].children[0]
        body_rows = node.children[1].children if len(node.children) > 1 else []
        header = [self._plain(cell) for cell in head.children]
        rows = [[self._plain(cell) for cell in row.children] for row in body_rows]
        numeric = ["right" in cell.attrs.get("style", "") for cell in head.children]
        classes = node.attrs.get("class", "").split()
        has_total, wide = "totaal" in classes, "breed" in classes

        table = self.doc.add_table(rows=1 + len(rows), cols=len(header), style="UVP Tabel")
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        self._table_look(table, last_row=has_total)
        widths = _column_widths([header] + rows, numeric, self.text_width_mm, CHAR_MM * (SMALL if wide else 1))
        for r, row_node in enumerate([head, *body_rows]):
            row = table.rows[r]
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if r == 0:
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on every page
            for c, cell_node in enumerate(row_node.children):
                cell = row.cells[c]
                cell.width = Mm(widths[c])
                paragraph = cell.paragraphs[0]
                paragraph.style = self.doc.styles["Tabeltekst klein" if wide else "Tabeltekst"]
                if numeric[c]:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if r == 0 or (has_total and r == len(body_rows)):
                    paragraph.paragraph_format.keep_with_next = r == 0
                if cell_node.children:
                    self.inline(paragraph, cell_node.children[0])
        self._grid(table, widths)
        self.doc.add_paragraph(style="Normal").paragraph_format.space_after = Mm(0)

    def _figure(self, image: SyntaxTreeNode) -> None:
        """A chart (as PNG) or a content picture, at the text width, with its alt text."""
        src = image.attrs["src"]
        if src.startswith("grafiek:"):
            picture = io.BytesIO(png(self.charts[src.removeprefix("grafiek:")]))
        else:
            path = asset_path(self.content_dir, src)
            if path is None:
                raise ValueError(f"DOCX-renderer: afbeelding {src!r} staat niet in content/afbeeldingen/")
            picture = io.BytesIO(path.read_bytes())
        paragraph = self.doc.add_paragraph(style="Figuur")
        shape = paragraph.add_run().add_picture(picture, width=Mm(self.text_width_mm))
        alt = "".join(_text_of(image))
        shape._inline.docPr.set("descr", alt)
        shape._inline.docPr.set("title", alt.split(":")[0])

    # --- inline ---------------------------------------------------------------------------

    def inline(self, paragraph: Paragraph, inline_node: SyntaxTreeNode, bold=False, italic=False) -> None:
        for child in inline_node.children:
            kind = child.type
            if kind == "text" or kind == "code_inline":
                self._run(paragraph, child.content, bold, italic)
            elif kind in ("softbreak",):
                self._run(paragraph, " ", bold, italic)
            elif kind == "hardbreak":
                paragraph.add_run().add_break()
            elif kind == "strong":
                self.inline(paragraph, child, True, italic)
            elif kind == "em":
                self.inline(paragraph, child, bold, True)
            elif kind == "link":
                self.inline(paragraph, child, bold, italic)
            else:
                raise ValueError(f"DOCX-renderer kent het inline-element '{kind}' niet")

    @staticmethod
    def _run(paragraph, text, bold, italic):
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None

    @staticmethod
    def _plain(node: SyntaxTreeNode) -> str:
        return "".join(_text_of(node))

    # --- helpers ----------------------------------------------------------------------------

    def _bookmark(self, paragraph: Paragraph, name: str) -> None:
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name[:40])
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        paragraph._p.append(start)
        paragraph._p.append(end)
        self.bookmark_id += 1

    def _internal_link(self, paragraph: Paragraph, text: str, anchor: str) -> None:
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor[:40])
        link.set(qn("w:history"), "1")
        run = paragraph.add_run(text)
        link.append(run._r)
        paragraph._p.append(link)

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
    def _grid(table: Table, widths: list[float]) -> None:
        for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(int(width * 56.7)))  # twentieths of a point per mm


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


def _core_properties(document, meta: DocxMeta) -> None:
    props = document.core_properties
    moment = dt.datetime.combine(meta.created, dt.time(12, 0))
    props.title, props.author, props.subject = meta.title, meta.author, meta.subject
    props.last_modified_by, props.language, props.revision = meta.author, meta.language, 1
    props.created = props.modified = moment
    props.last_printed = moment
    props.keywords, props.comments, props.category = "uitvoeringsprogramma; VTHA; OD Twente", "", ""


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
                charts: tuple[Chart, ...] = ()) -> bytes:
    tree = SyntaxTreeNode(parser().parse(markdown_text))
    document = Document(str(reference_docx))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    headings = [(int(n.tag[1]), n.children[0].content) for n in tree.walk() if n.type == "heading"]
    DocxWriter(document, headings, content_dir, charts).render(tree)
    _header_footer(document, meta)
    _core_properties(document, meta)
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())
