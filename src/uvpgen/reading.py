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
from .limits import (MAX_REVIEW_COLUMNS, MAX_REVIEW_CONTENT, MAX_REVIEW_DEPTH, MAX_REVIEW_ELEMENTS, MAX_REVIEW_ITEMS,
                     MAX_REVIEW_LINE, MAX_REVIEW_MARKDOWN, MAX_REVIEW_PAGE_TEXT, MAX_REVIEW_PAGES, MAX_REVIEW_TEXT, Budget)
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


def words(raw: str) -> list[str]:
    """The words of a text; "bouw- en" is one word, as a PDF may print it as "bouw-en"."""
    return [word for word in re.split(rf"(?<![{BREAK_AFTER}])\s+", raw.strip()) if word]


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


ITEMS = "woorden, alinea's, koppen, tabellen, rijen en cellen"
TEXT = "tekens tekst (ook tekst die het bestand herhaalt, telt elke keer)"
COLUMNS = "kolommen in een tabel (ook door samengevoegde cellen)"


class _Builder:
    """Assembles a Reading from what a reader meets in document order, within the budget."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.sections = [Section((Text(COVER),), COVER, [])]
        self.headings: list[Text] = []  # the path to the current section
        self.tables: dict[Text, Table] = {}
        self.copies: dict[str, int] = {}  # tables by caption so far, for numbering the next one
        self.pending_caption: str | None = None

    def heading(self, level: int, raw: str) -> None:
        self._caption_as_words()
        self.budget.spend(1, MAX_REVIEW_ITEMS, ITEMS)
        title = Text(raw).shown
        self.headings = [*self.headings[:level - 1], Text(HEADING_NUMBER.sub("", title))]
        self.sections.append(Section(tuple(self.headings), title, []))

    def text(self, raw: str) -> None:
        self._caption_as_words()
        found = words(raw)
        self.budget.spend(len(found), MAX_REVIEW_ITEMS, ITEMS)
        self.sections[-1].words.extend(Text(word) for word in found)

    def caption(self, raw: str) -> None:
        """A "Tabel N …" or "Figuur N …" caption: it names the table that follows it."""
        self._caption_as_words()
        self.pending_caption = CAPTION_NUMBER.sub("", Text(raw).shown)

    def table(self, rows: list[list[str]]) -> None:
        for row in rows:
            self.budget.at_most(len(row), MAX_REVIEW_COLUMNS, COLUMNS)
        self.budget.spend(1 + len(rows) + sum(map(len, rows)), MAX_REVIEW_ITEMS, ITEMS)
        name = self.pending_caption or self.sections[-1].path[-1].shown
        self.pending_caption = None
        unique, number = name, self.copies.get(name, 0)
        while number == 0 or Text(unique) in self.tables:
            number += 1
            unique = f"{name} ({number})" if number > 1 else name
        self.copies[name] = number
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
    return read_markdown(path.read_text(encoding="utf-8"), path)


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


def read_markdown(markdown: str, path: Path | str | None = None) -> Reading:
    """`path` names the text in a message: the file, or the git version it came from."""
    budget = Budget(path)
    budget.at_most(len(markdown), MAX_REVIEW_MARKDOWN, "tekens Markdown")
    builder = _Builder(budget)
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
HEADING_STYLE = re.compile(r"Heading ([1-9])")  # Word's heading levels; any other style is text


def docx_rows(table, budget: Budget) -> list[list[str]]:
    """A Word table's rows of cell texts, as python-docx's `row.cells` gives them but bounded: a
    cell spanning columns (gridSpan) is in each of them, a cell that continues a vertical merge
    (vMerge) repeats the text of the cell above it, looked up in the row above (python-docx walks
    the whole merge up for each). The row's width is checked before a span is expanded."""
    from docx.table import _Cell

    rows, above = [], {}
    for tr in table._tbl.tr_lst:
        row, below, column = [], {}, tr.grid_before
        for tc in tr.tc_lst:
            span = max(tc.grid_span, 0)
            budget.at_most(column + span, MAX_REVIEW_COLUMNS, COLUMNS)
            text = above.get(column, "") if tc.vMerge == "continue" else _Cell(tc, table).text
            budget.spend(span * len(text), MAX_REVIEW_TEXT, TEXT)
            row += [text] * span
            below[column] = text
            column += span
        rows.append(row)
        above = below
    return rows


def read_docx(path: Path) -> Reading:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table as DocxTable

    document = docx.Document(str(path))
    budget = Budget(path)
    builder = _Builder(budget)
    # Style names by id, looked up once: python-docx searches all styles for each paragraph.
    names = {style.style_id: style.name for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    for block in document.iter_inner_content():  # paragraphs and tables in document order
        budget.spend(1, MAX_REVIEW_ITEMS, ITEMS)  # python-docx's work for an empty paragraph too
        if isinstance(block, DocxTable):
            builder.table(docx_rows(block, budget))
            continue
        style = names.get(block._p.style, default.name if default is not None else "")
        if heading := HEADING_STYLE.fullmatch(style or ""):
            builder.heading(int(heading[1]), block.text)
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


TEXT_OPERATORS = (b"Tj", b"TJ", b"'", b'"')


CONTENT = "bytes pagina-inhoud en lettertypen (wat pagina's delen, telt op elke pagina)"


def pdf_pages(reader, budget: Budget, operator=None, text=None) -> Iterator[str]:
    """Each page's text as pypdf extracts it, with its visitors `operator(op, args)` and
    `text(content)`, within the budget: the pages; the content and fonts pypdf reads for each
    (a stream or font shared by pages counts on each, a form where it is drawn, as the largest
    form its name can draw); the text in a line, on a page and in all."""
    budget.at_most(len(reader.pages), MAX_REVIEW_PAGES, "pagina's")
    costs: dict[int, tuple[int, dict[str, int]]] = {}  # by resources, which pages share
    for page in reader.pages:
        resources = _resolved(page.get("/Resources"))
        if id(resources) not in costs:
            costs[id(resources)] = _resource_costs(resources)
        fonts, forms = costs[id(resources)]
        budget.spend(_content_size(page) + fonts, MAX_REVIEW_CONTENT, CONTENT)
        line = on_page = 0

        def before(op, args, cm, tm):
            nonlocal line
            drawn = forms.get(args[0], 0) if op == b"Do" and args and isinstance(args[0], str) else 0
            budget.spend(drawn, MAX_REVIEW_CONTENT, CONTENT)
            if op in TEXT_OPERATORS:
                line += sum(len(part) for arg in args for part in (arg if isinstance(arg, list) else [arg])
                            if isinstance(part, (str, bytes)))
                budget.at_most(line, MAX_REVIEW_LINE, "bytes tekst op één regel")
            if operator is not None:
                operator(op, args)

        def after_line(content, cm, tm, font, size):
            nonlocal line, on_page
            line, on_page = 0, on_page + len(content)
            budget.at_most(on_page, MAX_REVIEW_PAGE_TEXT, "tekens tekst op één pagina")
            budget.spend(len(content), MAX_REVIEW_TEXT, TEXT)
            if text is not None:
                text(content)

        extracted = page.extract_text(visitor_operand_before=before, visitor_text=after_line)
        budget.spend(0, MAX_REVIEW_TEXT, TEXT)  # over a limit inside a form, which pypdf skipped
        yield extracted


def _resolved(value):
    return value.get_object() if value is not None else None


def _entries(resources, kind: str) -> list:
    """The resolved entries of one kind ("/Font", "/XObject") in a resources dictionary."""
    entries = _resolved(resources.get(kind)) if isinstance(resources, dict) else None
    return [(name, _resolved(value)) for name, value in entries.items()] if isinstance(entries, dict) else []


def _content_size(page) -> int:
    contents = _resolved(page.get("/Contents")) or []
    return sum(len(stream.get_object().get_data()) for stream in (contents if isinstance(contents, list) else [contents]))


def _resource_costs(resources) -> tuple[int, dict[str, int]]:
    """What pypdf reads to extract text with these resources: its fonts (again on each page and
    in each form: it keeps none), and per XObject name the largest form that name can draw, in
    these resources or in the forms' own (each form looked at once), with its fonts."""
    forms: dict[str, int] = {}
    seen, todo = set(), [resources]
    while todo:
        for name, form in _entries(todo.pop(), "/XObject"):
            if id(form) not in seen and isinstance(form, dict) and form.get("/Subtype") == "/Form":
                seen.add(id(form))
                own = _resolved(form.get("/Resources"))
                forms[name] = max(forms.get(name, 0), len(form.get_data()) + _font_cost(own))
                todo.append(own)
    return _font_cost(resources), forms


def _font_cost(resources) -> int:
    """The bytes of the fonts' ToUnicode maps (or of the font programs pypdf reads without one),
    and their widths and encoding differences at 8 bytes a number."""
    cost = 0
    for _, font in _entries(resources, "/Font"):
        if not isinstance(font, dict):
            continue
        descriptor = _resolved(font.get("/FontDescriptor"))
        streams = ([font.get("/ToUnicode")] if "/ToUnicode" in font else
                   [descriptor.get(key) for key in ("/FontFile", "/FontFile3")] if isinstance(descriptor, dict) else [])
        cost += sum(len(stream.get_object().get_data()) for stream in streams if stream is not None)
        encoding = _resolved(font.get("/Encoding"))
        arrays = [font.get("/Widths"), encoding.get("/Differences") if isinstance(encoding, dict) else None,
                  *(_resolved(descendant).get("/W") for descendant in _resolved(font.get("/DescendantFonts")) or [])]
        cost += 8 * sum(_numbers(_resolved(array)) for array in arrays if array is not None)
    return cost


def _numbers(array) -> int:
    """The numbers in an array and in the arrays in it (a /W table: 1 [500 600])."""
    return sum(len(_resolved(item)) if isinstance(_resolved(item), list) else 1 for item in array) \
        if isinstance(array, list) else 0


def _marked_text(reader, budget: Budget) -> dict[tuple[int, int], str]:
    """The text drawn inside each marked-content sequence, by (page number, MCID).

    WeasyPrint draws every line (or part of a line in another style) as one BDC … BT … ET … EMC;
    pypdf passes the operators and then the decoded text, and starts the text of a new line
    with a line break."""
    drawn: dict[tuple[int, int], list[str]] = {}
    stack: list[int | None] = []
    number = 0

    def operator(op, args):
        if op == b"BDC":
            properties = args[1] if len(args) > 1 else None
            stack.append(properties.get("/MCID") if isinstance(properties, dict) else None)
        elif op == b"BMC":
            stack.append(None)
        elif op == b"EMC" and stack:
            stack.pop()

    def text(content):
        if stack and stack[-1] is not None and content:
            drawn.setdefault((number, stack[-1]), []).append(content)

    for _ in pdf_pages(reader, budget, operator, text):
        number += 1
        stack.clear()
    return {key: "".join(parts) for key, parts in drawn.items()}


def _join_lines(raw: str) -> str:
    """Lines as WeasyPrint broke them, joined: a word it hyphenated (U+2010) is whole again, and a
    line that ends in a hyphen or slash of the text continues without a space (Text ignores it)."""
    return re.sub(rf"([{BREAK_AFTER}])\n\s*", r"\1", re.sub(r"\u2010\s*", "", raw))


class _PdfReader:
    """Walks the structure tree of a tagged PDF (PDF/UA) and finds each element's text through
    its marked content. Running headers and footers are not in the tree."""

    def __init__(self, reader, root, budget: Budget) -> None:
        self.drawn = _marked_text(reader, budget)
        self.pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
        self.budget = budget
        self.builder = _Builder(budget)
        self.tree = _tree(root, budget)

    def kids(self, element) -> list:
        return self.tree.get(id(element), [])

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
            yield page, self._drawn(page, element)
        elif _role(element) in ("Lbl", "Figure"):  # a list's bullet; a chart's own lettering
            return
        elif "/MCID" in element:  # a marked-content reference, with its page
            page = self.pages[element.raw_get("/Pg").idnum]
            yield page, self._drawn(page, element["/MCID"])
        elif element.get("/Type") != "/OBJR":  # not a link's annotation
            page = self.pages[element.raw_get("/Pg").idnum] if "/Pg" in element else page
            for kid in self.kids(element):
                yield from self._chunks(kid, page)

    def _drawn(self, page: int | None, mcid: int) -> str:
        """The text of a marked-content sequence; elements that share one count it each time."""
        text = self.drawn.get((page, mcid), "")
        self.budget.spend(len(text), MAX_REVIEW_TEXT, TEXT)
        return text

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
            elif role == "P" and self._is_caption(caption := self.text(element),
                                                  elements[index] if index < len(elements) else None):
                self.builder.caption(caption)
            elif any(_role(kid) in BLOCKS for kid in self.kids(element)):
                self.blocks(self.kids(element))
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
        for kid in self.kids(table):
            if _role(kid) == "TR":
                found.append([self.text(cell) for cell in self.kids(kid) if _role(cell) in ("TH", "TD")])
            elif _role(kid) in ("THead", "TBody", "TFoot"):
                found += self._rows(kid)
        return found

    def contents_skipped(self, elements: list) -> list:
        """The top-level elements without the table of contents: the HTML nav (a NonStruct) that
        starts with the heading "Inhoud", and its continuation on the next pages."""
        kept, in_contents = [], False
        for element in elements:
            if _role(element) == "NonStruct":
                first = next((kid for kid in self.kids(element) if isinstance(kid, dict)), None)
                in_contents = in_contents or (_role(first) == "H1" and Text(self.text(first)).shown == "Inhoud")
                if in_contents:
                    continue
            in_contents = False
            kept.append(element)
        return kept

    def _is_caption(self, paragraph: str, following) -> bool:
        """A paragraph "Tabel N …" or "Figuur N …" followed by the table or figure it names."""
        return (CAPTION_NUMBER.match(Text(paragraph).shown) is not None and following is not None
                and (_role(following) == "Table" or any(_role(kid) == "Figure" for kid in self.kids(following))))


def _tree(root, budget: Budget) -> dict[int, list]:
    """The kids of each element of the structure tree (by id), from one walk: an element that
    is already in the tree (a kid shared by two elements, or a cycle) is left out where it comes
    again, so that each is read once. The elements visited and their nesting are bounded."""
    tree: dict[int, list] = {}
    todo, seen = [(root, 0)], {id(root)}
    while todo:
        element, depth = todo.pop()
        budget.at_most(depth, MAX_REVIEW_DEPTH, "niveaus in de structuur (tags) van de PDF")
        kids = tree[id(element)] = []
        for kid in _kids(element):
            budget.spend(1, MAX_REVIEW_ELEMENTS, "elementen in de structuur (tags) van de PDF")
            if isinstance(kid, dict):
                if id(kid) in seen:
                    continue
                seen.add(id(kid))
                todo.append((kid, depth + 1))
            kids.append(kid)
    return tree


def _same_row(a: list[str], b: list[str]) -> bool:
    return [Text(cell) for cell in a] == [Text(cell) for cell in b]


def read_pdf(path: Path) -> Reading:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if "/StructTreeRoot" not in reader.trailer["/Root"]:
        raise InputError("deze PDF heeft geen structuur (tags) om te lezen", path=path,
                         expected="een PDF die uvpgen maakte (PDF/UA), of de .md of .docx van het document")
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    walker = _PdfReader(reader, root, Budget(path))
    document = walker.kids(root)[0]
    walker.blocks(walker.contents_skipped(walker.kids(document)))
    return walker.builder.reading()
