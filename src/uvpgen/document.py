"""The document model: what compose builds and every renderer writes.

A closed set of node types, in the spirit of Pandoc's AST and the docutils doctree. Compose
parses the Markdown of templates and content once (uvpgen.markdown.build_blocks) into a `Document`;
the writers (uvpgen.render: Markdown, DOCX, HTML for print and screen) walk it with one method
per node type and refuse a type they do not know. Headings, tables and figures carry their
number and their id; a table carries its rows with their identities; every block carries where
it came from (`Source`), so an error names the file, not printed text.

Free of the libraries that loading and composing need (pydantic, PyYAML, Jinja, markdown-it):
the worker processes that render import only this module and the renderers.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath

from .paths import open_file


@dataclass(frozen=True)
class Meta:
    """What a document says about itself: title bar, document properties, running header."""
    title: str
    running_title: str
    author: str
    subject: str = ""
    keywords: str = "OD Twente, VTHA"
    date: dt.date | None = None  # from document.yaml, never the build time; None for a page without one
    language: str = "nl"


@dataclass(frozen=True)
class Chart:
    """A chart a document shows (a `Figure` refers to it by name); the renderers draw it
    (render.charts) from these numbers."""
    name: str
    kind: str  # "staaf" (grouped bars) or "lijn" (lines; None where a series has no value)
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    y_label: str


@dataclass(frozen=True)
class Source:
    """Where a node came from: a file of content/, templates/ or data/, and the line if known."""
    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path + (f", regel {self.line}" if self.line else "")


GENERATED = Source("templates")  # built by a template from data, not typed by a writer


# --- inlines ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    href: str  # a web or e-mail address, or "#<anchor>" of a heading
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Image:
    """A picture: a chart (`chart` set: its name) or a content picture (`src`: afbeeldingen/...)."""
    src: str
    alt: tuple[Inline, ...]
    chart: str | None = None

    @property
    def alt_text(self) -> str:
        return plain(self.alt)


@dataclass(frozen=True)
class SoftBreak:
    pass


@dataclass(frozen=True)
class HardBreak:
    pass


@dataclass(frozen=True)
class Inserted:
    """Inline content that a newer version added (a tracked change; uvpgen.redline)."""
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Deleted:
    """Inline content that a newer version removed (a tracked change; uvpgen.redline)."""
    children: tuple[Inline, ...]


Inline = Text | Code | Emph | Strong | Link | Image | SoftBreak | HardBreak  # the grammar of a text


# --- blocks -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    """A heading. Chapters, paragraphs and appendices have a `number` ("4", "4.1", "Bijlage 2");
    sub-headings of a text and the list of terms have none."""
    level: int
    number: str | None
    title: tuple[Inline, ...]
    id: str  # what a reference names: the template's key or the title in lower case with dashes
    source: Source = GENERATED

    @property
    def text(self) -> str:
        """The heading as printed: '4.1 Programma Vergunningen'."""
        return (f"{self.number} " if self.number else "") + plain(self.title)

    @property
    def anchor(self) -> str:
        """The link target of the heading in HTML, PDF and DOCX: 'h-4-1-programma-vergunningen'."""
        return anchor(self.text)


# The classes of the house style a paragraph may have (print.css, screen.css, reference.docx's styles).
PARAGRAPH_STYLES = ("titel", "ondertitel", "voorblad-tekst", "voorblad-meta", "colofon-tekst", "colofon-waarschuwing",
                    "bijschrift")


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    style: str | None = None  # one of PARAGRAPH_STYLES
    source: Source = GENERATED


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]
    tight: bool = True  # items without blank lines between them: no paragraph spacing inside


@dataclass(frozen=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1
    tight: bool = True


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Definition:
    """A term and its definitions (the project pages: "Doel", then the goal)."""
    term: tuple[Inline, ...]
    definitions: tuple[tuple[Block, ...], ...]
    tight: bool = True


@dataclass(frozen=True)
class DefinitionList:
    items: tuple[Definition, ...]


@dataclass(frozen=True)
class Cell:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class TableRow:
    key: str | None  # the row's identity in a table from data (product code, deelnemer, "totaal"); None in a text's table
    cells: tuple[Cell, ...]


MAX_COLUMNS = 12  # of a table in a text (content/); more do not fit across the page (ours have at most 9)
KEPT_WHOLE_ROWS = 12  # body rows (the total included) of a table that is never split over two pages
TALL_ROW_LINES = 8  # a row of more lines is tall (TableBlock.tall_rows): three such rows take a third of a page
# The height of a table as WeasyPrint lays it out, estimated from its text alone (TableBlock.height):
# fitted on the 946 tables of the 2025 documents, within 76 pt of the measured height (16 pt on average).
TABLE_CHARACTERS = {False: 100, True: 105}  # characters across the text width, a column's padding taken off (wide: smaller type)
LONG_WORD = 20  # characters; a longer word (a product name) may break, so it widens its column no further
LINE_POINTS = {False: 9.6, True: 8.5}  # a line of table text
ROW_POINTS = 9.5  # a row's padding and rule
TABLE_POINTS = 11  # the header row's padding and the table's margins
PAGE_POINTS = 610  # a table surely fits on an empty page under its caption: 711 pt of text height, less the caption and the estimate's error


@dataclass(frozen=True)
class TableBlock:
    """A table with its caption and number (none for an uncaptioned list such as the terms).
    `numeric` says per column whether it holds numbers (aligned right)."""
    id: str | None
    number: int | None
    caption: tuple[Inline, ...] | None
    header: tuple[Cell, ...]
    numeric: tuple[bool, ...]
    rows: tuple[TableRow, ...]
    total: bool = False  # the last row is a total
    wide: bool = False  # many columns: smaller type
    source: Source = GENERATED

    def _column_characters(self, texts: list[list[str]]) -> list[float]:
        """Each column's width in characters, shared out as a browser's automatic table layout
        does: at least its longest word (a number, or a header word, whole), the rest of the
        width to the columns in proportion to how much more their longest text would like."""
        least, most = [], []
        for numeric, column in zip(self.numeric, zip(*texts)):
            words = [len(word) for text in column for word in text.split()] or [1]
            if numeric:
                numbers = [len(text) for text in column[1:] if not holds_words(text)]
                least.append(max(numbers + words))
                most.append(max([least[-1]] + [len(text) for text in column if holds_words(text)]))
            else:
                least.append(min(max(words), LONG_WORD))
                most.append(max([least[-1]] + [len(text) for text in column]))
        width = TABLE_CHARACTERS[self.wide] - len(least)
        if sum(most) <= width:
            return most
        if sum(least) >= width:
            return [w * width / sum(least) for w in least]
        wishes = [m - w for m, w in zip(most, least)]
        return [w + (width - sum(least)) * wish / sum(wishes) for w, wish in zip(least, wishes)]

    def _row_lines(self) -> list[int]:
        """Each body row's lines: those of its longest cell in its column's width."""
        texts = [[plain(cell.inlines) for cell in row] for row in (self.header, *(row.cells for row in self.rows))]
        widths = self._column_characters(texts)
        return [max(max(1, math.ceil(len(text) / width)) for text, width in zip(row, widths)) for row in texts[1:]]

    @property
    def height(self) -> float:
        """The estimated height in points of the table without its caption (TABLE_CHARACTERS)."""
        return (LINE_POINTS[self.wide] * sum(self._row_lines()) + ROW_POINTS * len(self.rows)
                + TABLE_POINTS)

    @property
    def kept_whole(self) -> bool:
        """Short enough never to be split over two pages (a reader compares its rows at a glance),
        even if that leaves the end of the page before it empty. Text that would make such a
        table taller than a page belongs under it, not in it (the risks are a list, the results
        of the Twentse projecten a table of their own); a table that does not fit a page is
        split, or WeasyPrint would leave its caption alone on the page before it."""
        return len(self.rows) <= KEPT_WHOLE_ROWS and self.height <= PAGE_POINTS

    @property
    def tall_rows(self) -> bool:
        """Rows of several lines each: three of them may not fit under the caption at the foot of
        a page, so the table keeps only its header with its first row."""
        return any(lines > TALL_ROW_LINES for lines in self._row_lines())


@dataclass(frozen=True)
class Figure:
    """A numbered figure: a caption and the picture (a chart or a content picture) under it."""
    number: int
    caption: tuple[Inline, ...]
    image: Image
    id: str
    source: Source = GENERATED


@dataclass(frozen=True)
class Cover:
    """The cover page (title, subtitle, version and adoption)."""
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Colophon:
    """The colophon at the foot of the cover: who made it, its status, its illustrative sources."""
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Contents:
    """Where the table of contents goes; the writers fill it from the headings."""


# The kinds of tracked change, as Word names their elements: text inserted or deleted, and a part
# moved: where it was (MOVED_FROM, read as deleted) and where it is (MOVED_TO, read as inserted).
INSERTED, DELETED, MOVED_FROM, MOVED_TO = "ins", "del", "moveFrom", "moveTo"


@dataclass(frozen=True)
class Revision:
    """Blocks that a newer version added (`kind` INSERTED) or removed (DELETED) as a whole, or moved
    (MOVED_FROM where they were, MOVED_TO where they are, both with the move's `name`), for the
    document with tracked changes (uvpgen.redline); only the DOCX writer knows it."""
    kind: str
    blocks: tuple[Block, ...]
    name: str = ""


@dataclass(frozen=True)
class RevisedTable:
    """A table of both versions: its cells may hold Inserted and Deleted text, `changes` says per
    body row whether it was added (INSERTED), removed (DELETED) or is in both (None), and `caption`
    is the caption with its number ("Tabel 7 ..."), whose changes may include the number."""
    table: TableBlock
    changes: tuple[str | None, ...]
    caption: tuple[Inline, ...] | None


Block = (Heading | Paragraph | BulletList | OrderedList | Quote | CodeBlock | Rule | DefinitionList | TableBlock
         | Figure | Cover | Colophon | Contents)  # the blocks of a document, which every writer renders

# A document with tracked changes (uvpgen.redline) holds these too, inline and as blocks; only the
# DOCX writer renders them, the others refuse them as elements they do not know.
Revised = Inserted | Deleted | Revision | RevisedTable


@dataclass(frozen=True)
class Document:
    """One document as compose built it."""
    meta: Meta
    blocks: tuple[Block, ...]
    charts: tuple[Chart, ...] = ()

    def headings(self) -> list[Heading]:
        return [node for node in walk(self.blocks) if isinstance(node, Heading)]

    def chart(self, name: str) -> Chart:
        return next(chart for chart in self.charts if chart.name == name)

    def text(self) -> Iterator[str]:
        """Every piece of text the document shows that writers or data supplied (for the check
        that the house font has each character); numbers and labels come from the code."""
        yield from (self.meta.title, self.meta.running_title, self.meta.author)
        for node in walk(self.blocks):
            if isinstance(node, (Text, Code)):
                yield node.text
            elif isinstance(node, CodeBlock):
                yield node.text


# --- writers ------------------------------------------------------------------------------

class Visitor:
    """What every writer shares: one method per node type, `visit_<type>` (Heading ->
    visit_heading, Text -> visit_text), in the manner of Sphinx's translators; a node type the
    writer has no method for stops the build, loudly."""
    name = "schrijver"  # as the message names it: "DOCX-schrijver"

    def visit(self, node, *args):
        method = getattr(self, f"visit_{type(node).__name__.lower()}", None)
        if method is None:
            raise TypeError(f"{self.name} kent het element {type(node).__name__} niet")
        return method(node, *args)


# --- helpers ------------------------------------------------------------------------------

# The fields of a node that hold other nodes (a node, a tuple of them, or a tuple of tuples).
_CHILD_FIELDS = frozenset({"blocks", "items", "title", "inlines", "children", "alt", "caption", "header", "rows",
                           "cells", "term", "definitions", "image", "table"})
_CHILDREN: dict[type, tuple[str, ...]] = {}


def walk(nodes) -> Iterator[object]:
    """Every node under `nodes` (blocks, inlines, list items, cells), depth first, in document
    order; with a stack of its own, not one generator per level (a document has some 20.000 nodes)."""
    stack = [iter(nodes)]
    while stack:
        for node in stack[-1]:
            yield node
            names = _CHILDREN.get(type(node))
            if names is None:
                names = _CHILDREN[type(node)] = tuple(f.name for f in fields(node) if f.name in _CHILD_FIELDS)
            children = []
            for name in names:
                value = getattr(node, name)
                if isinstance(value, tuple):
                    children.extend(_flatten(value))
                elif value is not None:
                    children.append(value)
            if children:
                stack.append(iter(children))
                break
        else:
            stack.pop()


def _flatten(values: tuple) -> Iterator[object]:
    for value in values:
        if isinstance(value, tuple):
            yield from _flatten(value)
        else:
            yield value


WORDS = re.compile(r"\s[^\W\d_]")  # a space before a letter: words, not an amount such as "€ 1.234" or "12,02 %"


def holds_words(text: str) -> bool:
    """A value in a column of numbers that is words ("verdeling, zie hieronder"): it may wrap
    over lines, where a number or amount never does."""
    return WORDS.search(text) is not None


def plain(inlines: tuple[Inline, ...], soft_break: str = " ") -> str:
    """Inline content as plain text; a soft break is a space, or `soft_break` (a line break, to
    count lines as the writer typed them)."""
    parts = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, SoftBreak):
            parts.append(soft_break)
        elif isinstance(node, HardBreak):
            parts.append("\n")
        elif isinstance(node, (Emph, Strong, Link, Inserted)):  # a tracked change reads as its newer version
            parts.append(plain(node.children, soft_break))
        elif isinstance(node, Image):
            parts.append(plain(node.alt, soft_break))
    return "".join(parts)


def anchor(text: str) -> str:
    """A stable anchor for a heading: '4.1 Programma Vergunningen' -> 'h-4-1-programma-vergunningen'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "h-" + re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


ASSETS = "afbeeldingen"
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".svg")
MAX_IMAGE_BYTES = 5_000_000


def asset_path(content_dir: Path, src: str) -> Path | None:
    """The file a content image refers to (afbeeldingen/<name>), or None when it is not an
    existing, reasonably sized picture inside content/afbeeldingen/. A link on its way, or in its
    place, is an input error that names it (paths.open_file): it could show a file from elsewhere."""
    parts = PurePosixPath(src).parts
    if ":" in src or "\\" in src or src.startswith("/") or ".." in parts or len(parts) < 2 or parts[0] != ASSETS:
        return None
    candidate = content_dir.joinpath(*parts)
    if candidate.suffix.lower() not in IMAGE_TYPES or not os.path.lexists(candidate):
        return None
    with open_file(candidate) as stream:
        too_large = os.fstat(stream.fileno()).st_size > MAX_IMAGE_BYTES
    return None if too_large else candidate

