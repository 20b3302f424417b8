"""The grammar of the Markdown that templates and writers type, and its parse into the document.

CommonMark without raw HTML, plus GFM tables, `:::` containers (voorblad, inhoud, colofon),
`{.class}` block attributes (the cover's paragraphs) and definition lists (project pages). The
constructs are declared below as markdown-it syntax-tree node types; the content check
(uvpgen.content) refuses anything else in a writer's file, and `build_blocks` turns each into a
node of uvpgen.document. A document is parsed here once; the renderers write the tree.

What compose builds itself (numbered headings, tables, figures) stands in the text the templates
write as a placeholder paragraph (`placeholder`), which `build_blocks` replaces by the node;
content a template includes is marked with the file it came from (`marked`). The
canonical text's own caption form parses back into the table or figure it captions.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

from .characters import BIDI_EXPECTED, bidi_control
from .document import (ASSETS, IMAGE_TYPES, PARAGRAPH_STYLES, Block, BulletList, Cell, Chart, Code,
                       CodeBlock, Colophon, Contents, Cover, Definition, DefinitionList, Document, Emph, Figure,
                       HardBreak, Heading, Image, Inline, Link, ListItem, Meta, OrderedList, Paragraph, Quote, Rule,
                       SoftBreak, Source, Strong, TableBlock, TableRow, Text, GENERATED, anchor, asset_path,
                       plain, walk)
from .errors import InputError

CONTAINERS = ("voorblad", "inhoud", "colofon")

# Blocks a text may consist of. Lists and quotes nest at most MAX_NESTING deep: far below
# markdown-it's own maxNesting, past which it silently drops the rest of the document.
BLOCKS = ("paragraph", "heading", "blockquote", "bullet_list", "ordered_list", "code_block", "fence", "hr",
          "table", "dl", "dt", "dd", *(f"container_{name}" for name in CONTAINERS))
# Parts that only occur inside their block and are rendered by its handler.
PARTS = ("list_item", "thead", "tbody", "tr", "th", "td")
INLINES = ("text", "softbreak", "hardbreak", "code_inline", "em", "strong", "link", "image")
NESTING = ("blockquote", "bullet_list", "ordered_list")
MAX_NESTING = 3
TEMPLATE_ONLY = tuple(f"container_{name}" for name in CONTAINERS)  # the template places these, not writers
# Control characters (form feed, NUL, escape, ...) have no meaning in a text and cannot be stored in DOCX.
# Private-use characters mark what compose builds itself (`placeholder`); no text may contain them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")
# A cross-reference to a part of the document by its id, typed by writers in content/ and data/
# and by templates; compose replaces it by the part's number: {ref}`bijlage-energie` ->
# "Bijlage 2", {ref-titel}`bijlage-energie` -> "Bijlage 2 (Energie en duurzaamheid)",
# {ref-nummer}`bijlage-energie` -> "2".
REFERENCE = re.compile(r"\{(ref|ref-titel|ref-nummer)\}`([^`\n]*)`")


# --- what may become HTML -----------------------------------------------------------------
# One policy for every text that becomes a document, wherever it comes from: templates, content/
# and data/. It is checked per content file and per data value (an early message at the writer's
# line) and again on the assembled text (`build_blocks`), so that nothing passes by being put
# together from parts that each pass: a link in one file and its reference definition in another,
# an attribute line at the end of one text that attaches to the next block of the template.

LINK_PREFIXES = ("https://", "http://", "mailto:", "#")
LINK_EXPECTED = "een webadres (https://...), e-mailadres (mailto:) of #anker"
CHART_PREFIX = "grafiek:"  # a chart of the document, placed by compose (never typed by a writer)
PICTURE_EXPECTED = f"een bestand in content/{ASSETS}/ ({', '.join(IMAGE_TYPES)}), zoals {ASSETS}/kaart.png"
# The attributes a block may carry: those Markdown gives it itself (a list's start, a column's
# alignment) and, from a template's {...} line only, a class of the house style and a table's id.
MARKDOWN_ATTRIBUTES = {"ordered_list": {"start"}, "th": {"style"}, "td": {"style"}}
TEMPLATE_ATTRIBUTES = {"paragraph": {"class"}, "table": {"id", "class"}}
CLASSES = {"paragraph": frozenset(PARAGRAPH_STYLES), "table": frozenset({"totaal", "breed"})}
ATTRIBUTE_VALUES = {"id": re.compile(r"[\w-]+"), "start": re.compile(r"\d{1,9}"),
                    "style": re.compile(r"text-align:(left|center|right)")}
ATTRIBUTES_EXPECTED = "gewone Markdown: opmaak en klassen ({...}) komen uit het sjabloon"
TEMPLATE_EXPECTED = ("een klasse van de huisstijl ({." + "}, {.".join(PARAGRAPH_STYLES) + "}) voor een alinea, "
                     "{#id .totaal .breed} voor een tabel")


@dataclass(frozen=True)
class Refusal:
    """Why part of a text is refused: what the message says, the value and what was expected."""
    message: str
    value: str | None
    expected: str


def refused_link(href: str) -> Refusal | None:
    """Links go to web pages, e-mail addresses and the document's own headings only: never
    javascript:, data:, file: or a path."""
    return None if href.startswith(LINK_PREFIXES) else Refusal("link geweigerd", href, LINK_EXPECTED)


def refused_picture(src: str, content_dir: Path | None = None) -> Refusal | None:
    """A picture comes from content/afbeeldingen/ only (and exists there, when `content_dir` is known)."""
    inside = (src.startswith(ASSETS + "/") and ":" not in src and "\\" not in src and ".." not in src.split("/")
              and src.lower().endswith(IMAGE_TYPES))
    if not inside or (content_dir is not None and asset_path(content_dir, src) is None):
        return Refusal("afbeelding geweigerd", src, PICTURE_EXPECTED + ", hoogstens 5 MB")
    return None


def refused_attributes(kind: str, attrs: Mapping, template: bool, where: str = "een tekstbestand") -> Refusal | None:
    """Attributes Markdown gives the block itself; a template's may add a class of the house style
    and a table's id. Nothing else reaches a page: no style, no event handler, no other class."""
    allowed = MARKDOWN_ATTRIBUTES.get(kind, set()) | (TEMPLATE_ATTRIBUTES.get(kind, set()) if template else set())
    if all(key in allowed and (key != "class" or set(str(value).split()) <= CLASSES[kind])
           and (key not in ATTRIBUTE_VALUES or ATTRIBUTE_VALUES[key].fullmatch(str(value)))
           for key, value in attrs.items()):
        return None
    shown = " ".join(f"{key}={value}" for key, value in attrs.items())
    if not template:
        return Refusal(f"attributen horen niet in {where}", shown, ATTRIBUTES_EXPECTED)
    return Refusal("attribuut of klasse die de huisstijl niet kent", shown, TEMPLATE_EXPECTED)


def refused_definitions(env: Mapping) -> Iterator[tuple[int, Refusal]]:
    """Reference definitions ([naam]: adres) whose address is not a link a text may have, with
    the line (from 0) where each is: a definition makes a link of [naam] anywhere in the document."""
    for definition in env.get("references", {}).values():
        if refusal := refused_link(definition["href"]):
            yield definition["map"][0], refusal


def refused_value(text: str) -> Refusal | None:
    """A value in data/ as a writer's text: a template may show it as Markdown, so it holds no
    attributes and no link or picture that a content file may not have (and no direction marks)."""
    if problem := bidi_control(text):
        return Refusal(problem, text, BIDI_EXPECTED)
    if not any(mark in text for mark in "[<{"):  # no link, picture or attribute line can start here
        return None
    env: dict = {}
    # A paragraph after the value, as the template's next block: a {...} line that ends the value attaches to it.
    for token in _writer_parser().parse(text + "\n\n.", env):
        refusal = refused_attributes(token.type.removesuffix("_open"), token.attrs, template=False,
                                     where="een gegevensveld")
        for child in token.children or []:
            refusal = refusal or (refused_link(str(child.attrs["href"])) if child.type == "link_open"
                                  else refused_picture(str(child.attrs["src"])) if child.type == "image" else None)
        if refusal:
            return refusal
    return next((refusal for _, refusal in refused_definitions(env)), None)


@lru_cache(maxsize=1)
def _writer_parser() -> MarkdownIt:
    return parser()


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    for name in CONTAINERS:
        md.use(container_plugin, name)
    # Parse every link and image, whatever its address: compose then refuses the unsafe ones with
    # a message, instead of markdown-it silently leaving them as text.
    md.validateLink = lambda url: True
    return md.use(attrs_block_plugin).use(deflist_plugin)


def row_cells(line: str) -> int:
    """How many cells a table row has in its text, split as markdown-it splits it (the parser
    keeps only as many as the header has)."""
    cells = escapedSplit(line.strip())
    return len(cells) - (cells[0] == "") - (len(cells) > 1 and cells[-1] == "")


def part_id(title: str) -> str:
    """The id of a heading without an explicit key: 'Projecten en diensten' -> 'projecten-en-diensten'."""
    return anchor(title).removeprefix("h-")


# --- placeholders -------------------------------------------------------------------------

OPEN, CLOSE = "\ue000", "\ue001"
PLACEHOLDER = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")


PLACEHOLDER_LEAD = "\n\n"


def placeholder(key: str) -> str:
    """Where a node compose built (a numbered heading, a table, a figure) goes in a template's
    text: a paragraph of its own, replaced by the node when the text is parsed."""
    return f"{PLACEHOLDER_LEAD}{OPEN}{key}{CLOSE}\n\n"


END_OF_SOURCE = "/bron"


def marked(text: str, key: str) -> str:
    """A writer's text between placeholders that give each of its blocks the file (and line) it
    came from: `key` names that `Source` among the parts compose hands to `build_blocks`."""
    return f"{placeholder(key)}{text}{placeholder(END_OF_SOURCE)}"


# --- the parse into the document ----------------------------------------------------------

def build_blocks(text: str, parts: Mapping[str, Block | Source] | None = None,
                 source: Source = Source("templates")) -> tuple[Block, ...]:
    """The blocks of a text: every construct of the grammar as its node, each placeholder
    replaced by the node compose built for it (`parts`). Attributes are checked here, where
    they are still there to see (the document keeps only a paragraph's class and a table's id)."""
    return _Builder(parts or {}, source).blocks(SyntaxTreeNode(parser().parse(text)).children)


def parse_document(text: str, meta: Meta, charts: tuple[Chart, ...] = ()) -> Document:
    """The document of a Markdown text on its own (the writers' contract fixtures, the preview
    of a text)."""
    blocks = build_blocks(text)
    check_blocks(blocks, charts)
    return Document(meta, blocks, charts)


def check_blocks(blocks: tuple[Block, ...], charts: tuple[Chart, ...], content_dir: Path | None = None) -> None:
    """Every link, picture, class, id and piece of text of an assembled document against the
    policy above, whatever text or part (a table, a heading compose built) it came from; an error
    names the file (and line) of the block it is in. Pictures must exist when `content_dir` is known."""
    source, names = GENERATED, {chart.name for chart in charts}
    for node in walk(blocks):
        source = getattr(node, "source", source)
        if isinstance(node, (Text, Code, CodeBlock)) and (problem := bidi_control(node.text)):
            _refuse_if(Refusal(problem, node.text, BIDI_EXPECTED), source)
        elif isinstance(node, Link):
            _refuse_if(refused_link(node.href), source)
        elif isinstance(node, Image) and node.chart not in names:
            _refuse_if(refused_picture(node.src, content_dir), source)
        elif isinstance(node, Paragraph) and node.style is not None:
            _refuse_if(refused_attributes("paragraph", {"class": node.style}, template=True), source)
        elif isinstance(node, TableBlock) and node.id is not None:
            _refuse_if(refused_attributes("table", {"id": node.id}, template=True), source)


def _refuse_if(refusal: Refusal | None, source: Source) -> None:
    if refusal is not None:
        raise InputError(refusal.message, path=source.path, line=source.line, value=refusal.value,
                         expected=refusal.expected)


CAPTION = re.compile(r"(Tabel|Figuur) (\d+) (.+)", re.S)


def _captioned(blocks: list[Block]) -> tuple[Block, ...]:
    """Blocks with a caption in the canonical text's own form (a {.bijschrift} paragraph "Tabel 3
    ..." directly before its table, "Figuur 1 ..." before its picture) joined to what they caption:
    the canonical text parses back into the tree it was written from. Templates and writers do
    not type captions; compose builds numbered tables and figures as nodes."""
    joined: list[Block] = []
    for block in blocks:
        caption = joined[-1] if joined else None
        match = (CAPTION.fullmatch(plain(caption.inlines)) if isinstance(caption, Paragraph)
                 and caption.style == "bijschrift" and caption.inlines and isinstance(caption.inlines[0], Text) else None)
        title = (Text(match.group(3)), *caption.inlines[1:]) if match else ()
        if match and match.group(1) == "Tabel" and isinstance(block, TableBlock) and block.caption is None:
            joined[-1] = dataclasses.replace(block, number=int(match.group(2)), caption=title, source=caption.source)
        elif (match and match.group(1) == "Figuur" and isinstance(block, Paragraph) and len(block.inlines) == 1
              and isinstance(image := block.inlines[0], Image)):
            joined[-1] = Figure(int(match.group(2)), title, image, f"figuur-{image.chart or part_id(image.alt_text)}",
                                caption.source)
        else:
            joined.append(block)
    return tuple(joined)


class _Builder:
    """markdown-it's syntax tree -> uvpgen.document, one method per node type."""

    def __init__(self, parts: Mapping[str, Block | Source], source: Source):
        self.parts = parts
        self.sources = [(source, None)]  # (source, line in the text where its first block is)

    def blocks(self, nodes) -> tuple[Block, ...]:
        found: list[Block] = []
        for node in nodes:
            key = self._placeholder(node)
            if key is not None and node.attrs:  # a {...} line that ends a text (or comes just before one)
                _refuse_if(refused_attributes("placeholder", node.attrs, template=len(self.sources) == 1),
                           self._source(node, lines_before=len(PLACEHOLDER_LEAD)))
            if key is None:
                found.append(self.block(node))
            elif key == END_OF_SOURCE:
                self.sources.pop()
            elif isinstance(part := self.parts[key], Source):
                self.sources.append((part, node.map[1] + 1))
            else:
                found.append(part)
        return _captioned(found)

    def block(self, node: SyntaxTreeNode) -> Block:
        self._check_attributes(node, node.type)
        for part in node.walk(include_self=False):
            if part.type in PARTS + ("dt", "dd"):
                self._check_attributes(part, part.type)
        method = getattr(self, f"block_{node.type}", None)
        if method is None:
            raise ValueError(f"het Markdown-element '{node.type}' heeft geen plaats in het document")
        return method(node)

    @staticmethod
    def _placeholder(node: SyntaxTreeNode) -> str | None:
        if node.type != "paragraph":
            return None
        children = node.children[0].children
        if len(children) == 1 and children[0].type == "text" and (match := PLACEHOLDER.fullmatch(children[0].content)):
            return match.group(1)
        return None

    def _check_attributes(self, node: SyntaxTreeNode, kind: str) -> None:
        """A writer's text (marked with its file) may carry Markdown's own attributes only; the
        templates' text, and the data it shows, also the declared classes and ids."""
        if node.attrs:
            _refuse_if(refused_attributes(kind, node.attrs, template=len(self.sources) == 1), self._source(node))

    def _source(self, node: SyntaxTreeNode, lines_before: int = 0) -> Source:
        """The file the block came from, and its line there when the text kept the file's lines
        (or the line `lines_before` lines above it: the last line of the text a mark ends)."""
        source, first = self.sources[-1]
        if source.line is None or first is None or not node.map:
            return source
        return Source(source.path, source.line + node.map[0] - lines_before - first)

    def block_heading(self, node):
        title = self.inlines(node.children[0])
        return Heading(int(node.tag[1]), None, title, part_id(plain(title)), self._source(node))

    def block_paragraph(self, node):
        return Paragraph(self.inlines(node.children[0]), node.attrs.get("class") or None, self._source(node))

    def block_bullet_list(self, node):
        return BulletList(self._items(node), self._tight(node))

    def block_ordered_list(self, node):
        return OrderedList(self._items(node), int(node.attrs.get("start", 1)), self._tight(node))

    def _items(self, node) -> tuple[ListItem, ...]:
        return tuple(ListItem(self.blocks(item.children)) for item in node.children)

    @staticmethod
    def _tight(node) -> bool:
        return all(child.hidden for item in node.children for child in item.children if child.type == "paragraph")

    def block_blockquote(self, node):
        return Quote(self.blocks(node.children))

    def block_code_block(self, node):
        return CodeBlock(node.content)

    block_fence = block_code_block

    def block_hr(self, node):
        return Rule()

    def block_table(self, node):
        head = node.children[0].children[0]
        body = node.children[1].children if len(node.children) > 1 else []
        classes = str(node.attrs.get("class", "")).split()
        return TableBlock(
            str(node.attrs["id"]) if "id" in node.attrs else None, None, None,
            tuple(self._cell(cell) for cell in head.children),
            tuple("right" in str(cell.attrs.get("style", "")) for cell in head.children),
            tuple(TableRow(None, tuple(self._cell(cell) for cell in row.children)) for row in body),
            "totaal" in classes, "breed" in classes, self._source(node))

    def _cell(self, node) -> Cell:
        return Cell(self.inlines(node.children[0]) if node.children else ())

    def block_dl(self, node):
        items: list[Definition] = []
        for child in node.children:
            if child.type == "dt":
                items.append(Definition(self.inlines(child.children[0]), ()))
            else:
                last = items[-1]
                tight = last.tight and all(block.hidden for block in child.children if block.type == "paragraph")
                items[-1] = Definition(last.term, last.definitions + (self.blocks(child.children),), tight)
        return DefinitionList(tuple(items))

    def block_container_voorblad(self, node):
        return Cover(self.blocks(node.children))

    def block_container_colofon(self, node):
        return Colophon(self.blocks(node.children))

    def block_container_inhoud(self, node):
        return Contents()

    # --- inlines ----------------------------------------------------------------------------

    def inlines(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        found: list[Inline] = []
        for child in node.children:
            method = getattr(self, f"inline_{child.type}", None)
            if method is None:
                raise ValueError(f"het Markdown-element '{child.type}' heeft geen plaats in het document")
            inline = method(child)
            if isinstance(inline, Text) and found and isinstance(found[-1], Text):
                found[-1] = Text(found[-1].text + inline.text)  # markdown-it splits text at characters it tried
            else:
                found.append(inline)
        return tuple(found)

    def inline_text(self, node):
        return Text(node.content)

    def inline_code_inline(self, node):
        return Code(node.content)

    def inline_softbreak(self, node):
        return SoftBreak()

    def inline_hardbreak(self, node):
        return HardBreak()

    def inline_em(self, node):
        return Emph(self.inlines(node))

    def inline_strong(self, node):
        return Strong(self.inlines(node))

    def inline_link(self, node):
        return Link(str(node.attrs["href"]), self.inlines(node))

    def inline_image(self, node):
        src = str(node.attrs["src"])
        return Image(src, self.inlines(node), src.removeprefix("grafiek:") if src.startswith("grafiek:") else None)
