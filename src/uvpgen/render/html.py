"""Render stage, HTML: the document as HTML, one writer with two variants.

- **print** (`to_html`): the page WeasyPrint lays out with templates/print.css (uvpgen.render.pdf):
  captions as paragraphs, pictures and charts by reference (WeasyPrint's asset fetcher resolves
  them), the table of contents with page numbers from the layout.
- **screen** (`screen_parts`, `screen_page`): the same text for a browser, with
  templates/screen.css (which has its own `@media print`): a skip link, landmarks (header, the
  table of contents as a navigation landmark, main), each table's caption in its <caption>, each
  figure a <figure> with its caption and the chart inline as SVG (role="img", the alt text as its
  <title>). `standalone` makes it one self-contained file (`--format html`): the stylesheet, the
  house font (subset, WOFF2) and content pictures inline, so it requests nothing at all; the
  live preview (uvpgen.preview) serves font and pictures itself.

Both variants walk the same tree (uvpgen.document), so the PDF, the web page and the preview show
the same text, numbering and tables. The markup follows CommonMark's HTML (markdown-it's), so a
page reads as the Markdown reads.
"""

from __future__ import annotations

import base64
import html
import io
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..document import (Block, BulletList, Cell, Chart, Code, CodeBlock, Colophon, Contents, Cover, DefinitionList,
                        Document, Emph, Figure, HardBreak, Heading, Image, Inline, Link, Meta, OrderedList, Paragraph,
                        Quote, Rule, SoftBreak, Strong, TableBlock, Text, Visitor, MAX_IMAGE_BYTES, asset_path,
                        holds_words, plain)
from ..limits import MAX_SOURCE_BYTES, read_bytes
from .style import house_style


@dataclass(frozen=True)
class Screen:
    """What the screen variant needs besides the text: where a content picture
    (afbeeldingen/kaart.png) is fetched from, and how a chart is drawn (render.charts.svg)."""
    picture: Callable[[str], str]
    svg: Callable[[Chart], bytes]


LONG_WORD = 40  # characters: longer than any Dutch word a column is made to fit


class _HtmlWriter(Visitor):
    """One method per node type; with `screen` set, the screen variant."""
    name = "HTML-schrijver"

    def __init__(self, document: Document, screen: Screen | None):
        self.document, self.screen = document, screen
        self.heading_before: Heading | None = None  # the block before the one being written, if a heading
        self.toc = [(heading.level, heading.text, heading.anchor) for heading in document.headings()
                    if heading.level <= 2]

    def blocks(self, blocks: tuple[Block, ...], tight: bool = False, marked: bool = False) -> str:
        """Blocks in order; in a tight list a paragraph is its text alone, as CommonMark has it.
        `marked` (the print variant's top level): the first element of each block says the block's
        place in the document (data-blok), so that `render.pdf.page_starts` can tell at which
        block each page of the layout begins."""
        out, after_text = [], False
        for index, block in enumerate(blocks):
            if tight and isinstance(block, Paragraph):
                out.append(self.inlines(block.inlines))
                after_text = True
                continue
            self.heading_before = blocks[index - 1] if index and isinstance(blocks[index - 1], Heading) else None
            written = self.visit(block)
            if marked:
                written = re.sub(r"^<([a-z0-9]+)", rf'<\1 data-blok="{index}"', written, count=1)
            out.append(("\n" if after_text else "") + written)
            after_text = False
        return "".join(out)

    def visit_cover(self, node: Cover) -> str:
        return f'<div class="voorblad">\n{self.blocks(node.blocks)}</div>\n'

    def visit_colophon(self, node: Colophon) -> str:
        return f'<div class="colofon">\n{self.blocks(node.blocks)}</div>\n'

    def visit_contents(self, node: Contents) -> str:
        if self.screen is not None:
            return ""  # the screen page has the table of contents beside the text (screen_page)
        return f'<nav class="inhoud"><h1 class="inhoud-kop">Inhoud</h1>{toc_list(self.toc)}</nav>\n'

    def visit_heading(self, node: Heading) -> str:
        number = f"{_escape(node.number)} " if node.number else ""
        return f'<h{node.level} id="{node.anchor}">{number}{self.inlines(node.title)}</h{node.level}>\n'

    def visit_paragraph(self, node: Paragraph) -> str:
        opening = f'<p class="{node.style}">' if node.style else "<p>"
        return f"{opening}{self.inlines(node.inlines)}</p>\n"

    def visit_bulletlist(self, node: BulletList) -> str:
        return f"<ul>\n{self._items(node.items, node.tight)}</ul>\n"

    def visit_orderedlist(self, node: OrderedList) -> str:
        start = f' start="{node.start}"' if node.start != 1 else ""
        return f"<ol{start}>\n{self._items(node.items, node.tight)}</ol>\n"

    def _items(self, items, tight: bool) -> str:
        return "".join(self._container("li", item.blocks, tight, index) for index, item in enumerate(items))

    def _container(self, tag: str, blocks: tuple[Block, ...], tight: bool, item: int | None = None) -> str:
        """<li> or <dd>: no line break after the tag when a tight paragraph's text follows."""
        bare = tight and bool(blocks) and isinstance(blocks[0], Paragraph)
        return f"<{tag}{self._item(item)}>{'' if bare or not blocks else chr(10)}{self.blocks(blocks, tight)}</{tag}>\n"

    def _item(self, index: int | None) -> str:
        """The print variant marks each list item and term with its place in its list, for
        `render.pdf.page_starts`."""
        return f' data-item="{index}"' if index is not None and self.screen is None else ""

    def visit_quote(self, node: Quote) -> str:
        return f"<blockquote>\n{self.blocks(node.blocks)}</blockquote>\n"

    def visit_codeblock(self, node: CodeBlock) -> str:
        return f"<pre><code>{_escape(node.text)}</code></pre>\n"

    def visit_rule(self, node: Rule) -> str:
        return "<hr />\n"

    def visit_definitionlist(self, node: DefinitionList) -> str:
        items = "".join(f"<dt{self._item(index)}>{self.inlines(item.term)}</dt>\n"
                        + "".join(self._container("dd", blocks, item.tight) for blocks in item.definitions)
                        for index, item in enumerate(node.items))
        return f"<dl>\n{items}</dl>\n"

    def visit_tableblock(self, node: TableBlock) -> str:
        """The caption a paragraph before the table (print) or the table's <caption> (screen); a
        table without caption directly under a heading (the list of terms) is named by it."""
        print_only = self.screen is None
        classes = " ".join(name for name, on in (("totaal", node.total), ("breed", node.wide),
                                                 ("heel", print_only and node.kept_whole),
                                                 ("hoge-rijen", print_only and node.tall_rows)) if on)
        attributes = (f' id="{node.id}"' if node.id else "") + (f' class="{classes}"' if classes else "")
        caption = None if node.caption is None else f"Tabel {node.number} {self.inlines(node.caption)}"
        before = inside = ""
        if caption is not None and self.screen is not None:
            inside = f"<caption>{caption}</caption>\n"
        elif caption is not None:
            before = f'<p class="bijschrift">{caption}</p>\n'
        elif self.heading_before is not None and self.screen is not None:
            attributes += f' aria-labelledby="{self.heading_before.anchor}"'
        aligns = ["right" if numeric else "left" for numeric in node.numeric]
        head = "".join(f'<th style="text-align:{align}" scope="col">{self._cell(cell)}</th>\n'
                       for align, cell in zip(aligns, node.header))
        rows = "".join("<tr>\n" + "".join(f'<td{_words(align, cell)} style="text-align:{align}">{self._cell(cell)}</td>\n'
                                          for align, cell in zip(aligns, row.cells)) + "</tr>\n" for row in node.rows)
        body = f"<tbody>\n{rows}</tbody>\n" if node.rows else ""
        return f"{before}<table{attributes}>\n{inside}<thead>\n<tr>\n{head}</tr>\n</thead>\n{body}</table>\n"

    def _cell(self, cell: Cell) -> str:
        """A cell's text; a word too long for any column (a 500-character product name) may break
        anywhere (span.lang-woord), so it wraps inside its cell instead of widening the table
        past the page. Only such words: on every word it would let the table layout squeeze
        columns until ordinary words break."""
        return "".join(_breakable(self.visit(inline)) if isinstance(inline, Text) else self.visit(inline)
                       for inline in cell.inlines)

    def visit_figure(self, node: Figure) -> str:
        caption = f"Figuur {node.number} {self.inlines(node.caption)}"
        if self.screen is None:
            return f'<p class="bijschrift">{caption}</p>\n<p>{self.visit_image(node.image, alone=True)}</p>\n'
        return f"<figure>\n<figcaption>{caption}</figcaption>\n{self.visit_image(node.image, alone=True)}\n</figure>\n"

    # --- inlines ----------------------------------------------------------------------------

    def inlines(self, inlines: tuple[Inline, ...]) -> str:
        """A picture alone in its paragraph is a figure; one in a sentence keeps its own size."""
        alone = len(inlines) == 1
        return "".join(self.visit(inline, alone) if isinstance(inline, Image) else self.visit(inline)
                       for inline in inlines)

    def visit_text(self, node: Text) -> str:
        return _escape(node.text)

    def visit_code(self, node: Code) -> str:
        return f"<code>{_escape(node.text)}</code>"

    def visit_softbreak(self, node: SoftBreak) -> str:
        return "\n"

    def visit_hardbreak(self, node: HardBreak) -> str:
        return "<br />\n"

    def visit_emph(self, node: Emph) -> str:
        return f"<em>{self.inlines(node.children)}</em>"

    def visit_strong(self, node: Strong) -> str:
        return f"<strong>{self.inlines(node.children)}</strong>"

    def visit_link(self, node: Link) -> str:
        return f'<a href="{_escape(node.href)}">{self.inlines(node.children)}</a>'

    def visit_image(self, node: Image, alone: bool = False) -> str:
        """A chart (inline SVG on screen) or a content picture (class in-tekst in a sentence)."""
        alt = _escape(node.alt_text)
        if node.chart is not None and self.screen is not None:
            return inline_svg(self.screen.svg(self.document.chart(node.chart)), node.chart, node.alt_text)
        if node.chart is not None:
            src = node.src
        else:  # print: through WeasyPrint's asset fetcher, never the file system
            src = self.screen.picture(node.src) if self.screen else f"afbeelding:{node.src}"
        size = "" if alone else ' class="in-tekst"'
        return f'<img src="{_escape(src)}" alt="{alt}"{size} />'


def _words(align: str, cell: Cell) -> str:
    """The class of words in a column of numbers (document.holds_words): they wrap, numbers do not."""
    return ' class="woorden"' if align == "right" and holds_words(plain(cell.inlines)) else ""


def _escape(text: str) -> str:
    """&, <, > and " as character references (as CommonMark's HTML writes them; ' stays)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _breakable(text: str) -> str:
    return re.sub(rf"(\S{{{LONG_WORD + 1},}})", r'<span class="lang-woord">\1</span>', text)


def _head(meta: Meta) -> str:
    return (f"<title>{html.escape(meta.title)}</title>\n"
            f'<meta name="author" content="{html.escape(meta.author)}">\n'
            f'<meta name="description" content="{html.escape(meta.subject)}">\n'
            f'<meta name="keywords" content="{html.escape(meta.keywords)}">\n'
            + (f'<meta name="dcterms.created" content="{meta.date.isoformat()}">\n' if meta.date else ""))


def to_html(document: Document, house: str = "") -> str:
    """The print variant: what WeasyPrint lays out with print.css, after the house style's font
    and colours (`house`: render.style.HouseStyle.css)."""
    meta = document.meta
    body = _HtmlWriter(document, None).blocks(document.blocks, marked=True)
    return (
        f'<!DOCTYPE html>\n<html lang="{meta.language}">\n<head>\n<meta charset="utf-8">\n{_head(meta)}'
        + (f"<style>\n{house}</style>\n" if house else "")
        + f'<link rel="stylesheet" href="print.css">\n</head>\n<body>\n'
        f'<div class="lopende-kop">{html.escape(meta.running_title)}</div>\n{body}</body>\n</html>\n'
    )


# --- the screen variant ------------------------------------------------------------------

def inline_svg(svg: bytes, name: str, alt: str) -> str:
    """A chart's SVG file as an element inside the page: without XML prolog and metadata, its
    ids prefixed with the chart's name (matplotlib gives every chart the same ones), and its
    alternative text as <title>, which role="img" makes its accessible name."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    prefix = f"grafiek-{name}-"
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', text)
    text = re.sub(r'(href="|url\()#', lambda m: f"{m[1]}#{prefix}", text)
    opening = text.index(">") + 1
    return (text[:4] + f' role="img" aria-labelledby="{prefix}titel" focusable="false"' + text[4:opening]
            + f'\n <title id="{prefix}titel">{html.escape(alt)}</title>' + text[opening:].rstrip() + "\n")


@dataclass(frozen=True)
class ScreenParts:
    """The parts of a screen page that change with the text: its table of contents and body."""
    toc: str
    body: str


def screen_parts(document: Document, screen: Screen) -> ScreenParts:
    writer = _HtmlWriter(document, screen)
    return ScreenParts(toc_list(writer.toc), writer.blocks(document.blocks))


def toc_list(toc) -> str:
    """The table of contents as a list of links to the headings."""
    return "<ol>" + "".join(f'<li class="toc-{level}"><a href="#{anchor}">{html.escape(text)}</a></li>'
                            for level, text, anchor in toc) + "</ol>"


# What a written page may load, enforced by the browser as well (README, 'Als webpagina'): nothing
# from elsewhere, no script. Its stylesheet is inline, the font and content pictures are data:
# URIs, the charts inline SVG; links still lead away when the reader follows one.
PAGE_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; "
               "base-uri 'none'; form-action 'none'")


def screen_page(parts: ScreenParts, meta: Meta, css: str, *, head: str = "", before: str = "",
                after: str = "", policy: str = PAGE_POLICY) -> str:
    """A whole screen page: skip link, header, table of contents, the text as main landmark.
    `head`, `before` and `after` (the text) are the preview's additions, `policy` its
    Content-Security-Policy (which the server sends as well)."""
    nav = (f'<nav class="inhoud" aria-labelledby="inhoud-kop"><h2 id="inhoud-kop">Inhoud</h2>\n{parts.toc}\n</nav>\n'
           if parts.toc else "")
    return (
        f'<!DOCTYPE html>\n<html lang="{meta.language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{_head(meta)}'
        f'<style id="huisstijl">\n{css}</style>\n{head}</head>\n<body>\n'
        f'<a class="naar-tekst" href="#tekst">Naar de tekst</a>\n'
        f'<header class="kop"><p>{html.escape(meta.author)} · {html.escape(meta.running_title)}</p></header>\n'
        f"{before}"
        f'<div class="pagina{"" if nav else " zonder-inhoud"}">\n'
        f'{nav}<main id="tekst" tabindex="-1">\n{parts.body}</main>\n</div>\n{after}</body>\n</html>\n'
    )


def stylesheet(templates_dir: Path, font_source: Callable[[str], str]) -> str:
    """The screen stylesheet (templates/screen.css, with its @media print) after the house font
    and colours (templates/huisstijl.toml)."""
    return (house_style(templates_dir).css(font_source, display=True)
            + read_bytes(templates_dir / "screen.css", MAX_SOURCE_BYTES).decode("utf-8"))


# Every character a Dutch text is likely to use, so that most documents share one font subset
# (made once per process); a document with others gets a subset of its own.
SCREEN_CHARACTERS = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2080, 0x208A)])) \
    | frozenset("€–—‘’‚“”„…•·‰′″")  # 0x2080-0x2089: subscript digits (CO₂)


@lru_cache(maxsize=8)
def _embedded_font(path: Path, characters: frozenset[str]) -> str:
    """A face of the house font subset to `characters`, as a WOFF2 data: URI (deterministic)."""
    from fontTools.ttLib import TTFont

    from .fonts import subset_font

    font = TTFont(io.BytesIO(subset_font(path, characters)), recalcTimestamp=False)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer)
    return "data:font/woff2;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def mime_type(path: Path) -> str | None:
    return "image/svg+xml" if path.suffix.lower() == ".svg" else mimetypes.guess_type(path.name)[0]


def data_uri(path: Path, content: bytes) -> str:
    return f"data:{mime_type(path)};base64,{base64.b64encode(content).decode('ascii')}"


def _picture_inline(content_dir: Path) -> Callable[[str], str]:
    """A content picture as a data: URI, checked as the PDF checks it (compose already refused
    pictures from elsewhere; this refuses one that is not there or too large)."""
    from ..errors import InputError
    from .checks import check_picture

    def picture(src: str) -> str:
        path = asset_path(content_dir, src)
        if path is None:
            raise InputError("afbeelding niet gevonden of te groot", path=content_dir / src,
                             expected="een png-, jpg- of svg-bestand in content/afbeeldingen/ van hoogstens 5 MB")
        content = read_bytes(path, MAX_IMAGE_BYTES)
        check_picture(path, content)
        return data_uri(path, content)
    return picture


def standalone(document: Document, templates_dir: Path, content_dir: Path) -> bytes:
    """The document as one self-contained, accessible HTML file (`--format html`): nothing in it
    refers to anything outside the file."""
    from .charts import svg

    style = house_style(templates_dir)
    parts = screen_parts(document, Screen(_picture_inline(content_dir), lambda chart: svg(chart, style)))
    return screen_page(parts, document.meta, self_contained_css(templates_dir, "".join(document.text()))).encode("utf-8")


def self_contained_css(templates_dir: Path, text: str) -> str:
    """The screen stylesheet with the house font embedded, subset to what `text` needs."""
    characters = SCREEN_CHARACTERS | frozenset(c for c in text if c.isprintable())
    fonts = house_style(templates_dir).fonts_dir
    return stylesheet(templates_dir, lambda name: _embedded_font(fonts / name, characters))


@dataclass(frozen=True)
class IndexEntry:
    """One document in the index of a year: who it is for, which type, and its file."""
    who: str  # the row: "Enschede", "Twente"
    kind: str  # the column: "Uitvoeringsprogramma VTHA"
    href: str  # relative to the index: "enschede/uvp-2025-enschede.html"


def index_page(jaar: int, author: str, rows: list[str], columns: list[str], entries: list[IndexEntry],
               templates_dir: Path) -> bytes:
    """output/<jaar>/index.html: every HTML document of the year in a table, a row per deelnemer
    (and Twente), a column per type of document."""
    found = {(e.who, e.kind): e for e in entries}
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = []
    for who in rows:
        cells = []
        for kind in columns:
            entry = found.get((who, kind))
            cells.append(f'<td><a href="{html.escape(entry.href)}">{html.escape(kind)}'
                         f'<span class="verborgen"> {html.escape(who)}</span></a></td>' if entry
                         else '<td class="ontbreekt"><span aria-hidden="true">–</span>'
                         '<span class="verborgen">nog niet gemaakt</span></td>')
        body.append(f'<tr><th scope="row">{html.escape(who)}</th>{"".join(cells)}</tr>')
    title = f"Documenten van de beleidscyclus {jaar}"
    text = (f"<h1>{title}</h1>\n<p>De documenten van {html.escape(author)} over {jaar} als webpagina, per "
            "deelnemer en soort.</p>\n"
            f'<table class="overzicht">\n<caption>{len(entries)} {"document" if len(entries) == 1 else "documenten"} '
            f'over {jaar}</caption>\n'
            f'<thead><tr><th scope="col">Deelnemer</th>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body) + "\n</tbody>\n</table>\n")
    meta = Meta(title, f"Beleidscyclus {jaar}", author, title)
    return screen_page(ScreenParts("", text), meta, self_contained_css(templates_dir, text)).encode("utf-8")
