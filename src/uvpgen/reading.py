"""Our documents read back as a reader sees them, for the change report (uvpgen.review).

One representation for the three formats: sections (by heading, in order) with their words, and
tables (by caption) with a header and rows. Three readers produce it — from the canonical
Markdown, from a DOCX and from a tagged PDF — and for the same document the three readings are
equal: what a reviewer compares in git and what a secretary receives by mail report alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.token import Token

from .errors import InputError
from .markdown import parser

COVER = "(voorblad)"  # the section before the first heading: cover page and colophon
HEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|Bijlage \d+)\s+")  # "4.1 ", "Bijlage 2 "
CAPTION_NUMBER = re.compile(r"^(?:Tabel|Figuur) \d+\s+")
BREAK_AFTER = "-/–"  # a line may end in one of these without a space: "VTHA-|werkzaamheden", "grond/|baggerspecie"
SPACE_AFTER_BREAK = re.compile(rf"([{BREAK_AFTER}]) ")


@dataclass(frozen=True)
class Text:
    """Printed text, compared as a reader sees it: every run of spaces, line breaks and no-break
    spaces is one space, and two texts are equal when they differ only in a space after a hyphen,
    slash or dash: where a PDF line ends in one ("bouw-" or "VTHA-"), the file does not say
    whether a space followed."""

    shown: str = field(compare=False)
    key: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shown", " ".join(self.shown.split()))
        object.__setattr__(self, "key", SPACE_AFTER_BREAK.sub(r"\1", self.shown))

    def __str__(self) -> str:
        return self.shown


def words(raw: str) -> list[Text]:
    """The words of a text; "bouw- en" is one word, as a PDF may print it as "bouw-en"."""
    return [Text(word) for word in re.split(rf"(?<![{BREAK_AFTER}])\s+", raw.strip()) if word]


@dataclass(frozen=True)
class Section:
    path: tuple[Text, ...]  # the headings down to this one, without their numbers: its identity
    title: str  # the heading as printed, with its number
    words: list[Text]


@dataclass(frozen=True)
class Table:
    header: tuple[Text, ...]
    rows: list[tuple[Text, ...]]


@dataclass(frozen=True)
class Reading:
    sections: list[Section]
    tables: dict[Text, Table]  # by caption without "Tabel N", unique in the document


class _Builder:
    """Assembles a Reading from what a reader meets in document order."""

    def __init__(self) -> None:
        self.sections = [Section((Text(COVER),), COVER, [])]
        self.headings: list[Text] = []  # the path to the current section
        self.tables: dict[Text, Table] = {}
        self.pending_caption: str | None = None

    def heading(self, level: int, raw: str) -> None:
        self._caption_as_words()
        title = Text(raw).shown
        self.headings = [*self.headings[:level - 1], Text(HEADING_NUMBER.sub("", title))]
        self.sections.append(Section(tuple(self.headings), title, []))

    def text(self, raw: str) -> None:
        self._caption_as_words()
        self.sections[-1].words.extend(words(raw))

    def caption(self, raw: str) -> None:
        """A "Tabel N …" or "Figuur N …" caption: it names the table that follows it."""
        self._caption_as_words()
        self.pending_caption = CAPTION_NUMBER.sub("", Text(raw).shown)

    def table(self, rows: list[list[str]]) -> None:
        name = self.pending_caption or self.sections[-1].path[-1].shown
        self.pending_caption = None
        unique, number = name, 1
        while Text(unique) in self.tables:
            number += 1
            unique = f"{name} ({number})"
        header, *body = [tuple(Text(cell) for cell in row) for row in rows] or [()]
        self.tables[Text(unique)] = Table(header, body)

    def _caption_as_words(self) -> None:
        """A caption not followed by a table (a figure's) is text of its section."""
        if self.pending_caption is not None:
            caption, self.pending_caption = self.pending_caption, None
            self.text(caption)

    def reading(self) -> Reading:
        self._caption_as_words()
        return Reading(self.sections if self.sections[0].words else self.sections[1:], self.tables)


def read(path: Path) -> Reading:
    """A .md, .docx or .pdf file made by uvpgen."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    return read_markdown(path.read_text(encoding="utf-8"))


# --- Markdown -------------------------------------------------------------------------------

def _plain(inline: Token) -> str:
    """The text of an inline token as printed: no markup, an image by its alt text."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_plain(child))
    return "".join(parts)


def read_markdown(markdown: str) -> Reading:
    builder = _Builder()
    tokens = parser().parse(markdown)
    rows: list[list[str]] | None = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            builder.heading(int(token.tag[1]), _plain(tokens[index + 1]))
        elif token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            rows.append([])
        elif token.type == "table_close":
            builder.table(rows)
            rows = None
        elif token.type != "inline" or tokens[index - 1].type == "heading_open":
            continue
        elif rows is not None:
            rows[-1].append(_plain(token))
        elif "bijschrift" in str(tokens[index - 1].attrs.get("class", "")):
            builder.caption(_plain(token))
        else:
            builder.text(_plain(token))
    return builder.reading()


# --- DOCX -----------------------------------------------------------------------------------

TOC_STYLES = ("TOC Heading", "toc 1", "toc 2")  # the table of contents repeats the headings
LIST_MARKER = re.compile(r"^(?:•|–|\d+\.)\t")  # the renderer's own bullet or number and its tab


def read_docx(path: Path) -> Reading:
    import docx
    from docx.table import Table as DocxTable

    document = docx.Document(str(path))
    builder = _Builder()
    for block in document.iter_inner_content():  # paragraphs and tables in document order
        if isinstance(block, DocxTable):
            builder.table([[cell.text for cell in row.cells] for row in block.rows])
            continue
        style = block.style.name
        if style.startswith("Heading "):
            builder.heading(int(style.removeprefix("Heading ")), block.text)
        elif style == "Caption":
            builder.caption(block.text)
        elif style not in TOC_STYLES:
            pictures = block._p.xpath(".//wp:docPr/@descr")  # a figure: its alt text
            builder.text(" ".join(pictures) or LIST_MARKER.sub("", block.text))
    return builder.reading()


# --- PDF ------------------------------------------------------------------------------------

HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")
# Structure elements that hold blocks; the rest (Span, Link, NonStruct in a line) hold a line's text.
BLOCKS = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "P", "L", "LI", "LBody", "Lbl", "Table",
          "Figure", "Caption", *HEADINGS}


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    return [kid.get_object() if hasattr(kid, "get_object") else kid
            for kid in (kids if isinstance(kids, list) else [kids])]


def _role(element) -> str:
    return str(element.get("/S", ""))[1:] if isinstance(element, dict) else ""


def _marked_text(reader) -> dict[tuple[int, int], str]:
    """The text drawn inside each marked-content sequence, by (page number, MCID).

    WeasyPrint draws every line (or part of a line in another style) as one BDC … BT … ET … EMC;
    pypdf passes the operators and then the decoded text, and starts the text of a new line
    with a line break."""
    drawn: dict[tuple[int, int], str] = {}
    for number, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def operator(op, args, cm, tm):
            if op == b"BDC":
                properties = args[1] if len(args) > 1 else None
                stack.append(properties.get("/MCID") if isinstance(properties, dict) else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(content, cm, tm, font, size):
            if stack and stack[-1] is not None and content:
                key = (number, stack[-1])
                drawn[key] = drawn.get(key, "") + content

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return drawn


def _join_lines(raw: str) -> str:
    """Lines as WeasyPrint broke them, joined: a word it hyphenated (U+2010) is whole again, and a
    line that ends in a hyphen or slash of the text continues without a space (Text ignores it)."""
    return re.sub(rf"([{BREAK_AFTER}])\n\s*", r"\1", re.sub(r"\u2010\s*", "", raw))


class _PdfReader:
    """Walks the structure tree of a tagged PDF (PDF/UA) and finds each element's text through
    its marked content. Running headers and footers are not in the tree."""

    def __init__(self, reader) -> None:
        self.drawn = _marked_text(reader)
        self.pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
        self.builder = _Builder()

    def text(self, *elements) -> str:
        """All text inside the elements, in order; a change of page is a change of line."""
        lines, previous = [], None
        for element in elements:
            for page, chunk in self._chunks(element, None):
                lines.append(chunk if page == previous else "\n" + chunk)
                previous = page
        return _join_lines("".join(lines))

    def _chunks(self, element, page: int | None) -> Iterator[tuple[int, str]]:
        if isinstance(element, int):  # an MCID on the page of its element
            yield page, self.drawn.get((page, element), "")
        elif _role(element) in ("Lbl", "Figure"):  # a list's bullet; a chart's own lettering
            return
        elif "/MCID" in element:  # a marked-content reference, with its page
            page = self.pages[element.raw_get("/Pg").idnum]
            yield page, self.drawn.get((page, element["/MCID"]), "")
        elif element.get("/Type") != "/OBJR":  # not a link's annotation
            page = self.pages[element.raw_get("/Pg").idnum] if "/Pg" in element else page
            for kid in _kids(element):
                yield from self._chunks(kid, page)

    def blocks(self, elements: list) -> None:
        """Elements in document order; a run of elements that are parts of a line is one text."""
        index = 0
        while index < len(elements):
            element, role = elements[index], _role(elements[index])
            index += 1
            if role == "Table":  # a table continued on the next page is a new Table there
                rows = self._rows(element)
                while index < len(elements) and _role(elements[index]) == "Table":
                    more = self._rows(elements[index])
                    rows += more[1:] if _same_row(more[0], rows[0]) else more  # without the repeated header
                    index += 1
                self.builder.table(rows)
            elif role in HEADINGS:
                self.builder.heading(int(role[1]), self.text(element))
            elif role == "Figure":
                self.builder.text(str(element.get("/Alt", "")))
            elif role == "Lbl":  # a list item's bullet or number
                continue
            elif role == "P" and _is_caption(caption := self.text(element),
                                             elements[index] if index < len(elements) else None):
                self.builder.caption(caption)
            elif any(_role(kid) in BLOCKS for kid in _kids(element)):
                self.blocks(_kids(element))
            elif role in BLOCKS:
                self.builder.text(self.text(element))
            else:
                line = [element]
                while index < len(elements) and _role(elements[index]) not in BLOCKS:
                    line.append(elements[index])
                    index += 1
                self.builder.text(self.text(*line))

    def _rows(self, table) -> list[list[str]]:
        found = []
        for kid in _kids(table):
            if _role(kid) == "TR":
                found.append([self.text(cell) for cell in _kids(kid) if _role(cell) in ("TH", "TD")])
            elif _role(kid) in ("THead", "TBody", "TFoot"):
                found += self._rows(kid)
        return found

    def contents_skipped(self, elements: list) -> list:
        """The top-level elements without the table of contents: the HTML nav (a NonStruct) that
        starts with the heading "Inhoud", and its continuation on the next pages."""
        kept, in_contents = [], False
        for element in elements:
            if _role(element) == "NonStruct":
                first = next((kid for kid in _kids(element) if isinstance(kid, dict)), None)
                in_contents = in_contents or (_role(first) == "H1" and Text(self.text(first)).shown == "Inhoud")
                if in_contents:
                    continue
            in_contents = False
            kept.append(element)
        return kept


def _same_row(a: list[str], b: list[str]) -> bool:
    return [Text(cell) for cell in a] == [Text(cell) for cell in b]


def _is_caption(paragraph: str, following) -> bool:
    """A paragraph "Tabel N …" or "Figuur N …" followed by the table or figure it names."""
    return (CAPTION_NUMBER.match(Text(paragraph).shown) is not None and following is not None
            and (_role(following) == "Table" or any(_role(kid) == "Figure" for kid in _kids(following))))


def read_pdf(path: Path) -> Reading:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if "/StructTreeRoot" not in reader.trailer["/Root"]:
        raise InputError("deze PDF heeft geen structuur (tags) om te lezen", path=path,
                         expected="een PDF die uvpgen maakte (PDF/UA), of de .md of .docx van het document")
    walker = _PdfReader(reader)
    document = _kids(reader.trailer["/Root"]["/StructTreeRoot"])[0]
    walker.blocks(walker.contents_skipped(_kids(document)))
    return walker.builder.reading()
