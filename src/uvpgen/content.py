"""Content stage: the narrative Markdown writers keep in content/, read for one document.

A section's text is the uniform file, or a deelnemer's override that replaces or extends it.
Writers may reference figures ({{ totaal.toezicht }}); the text is rendered in a sandboxed
Jinja environment with strict undefined, so a typo is an error, not an empty string. What a
writer may put in a text is checked here (sub-headings only, pictures only from
content/afbeeldingen/, links only to web pages), with file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
import traceback
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markdown_it import MarkdownIt

from .characters import BIDI_EXPECTED, bidi_control
from .document import MAX_COLUMNS, Source
from .data import parse_yaml
from .errors import InputError, display_path
from .formatting import number
from .limits import MAX_CONTENT_BYTES, read_bytes
from .markdown import (BLOCKS, CONTROL_CHARACTERS, INLINES, MAX_NESTING, NESTING, PARTS, REFERENCE, TEMPLATE_ONLY, Refusal,
                       refused_attributes, refused_definitions, refused_link, refused_picture, row_cells)

FRONT_MATTER_KEYS = {"modus"}


@dataclass(frozen=True)
class ContentSource:
    """Where a section's text comes from: the uniform file and an optional deelnemer override."""
    content_dir: Path
    jaar: int
    document: str
    slug: str

    def uniform(self, section: str) -> Path:
        return self.content_dir / str(self.jaar) / self.document / f"{section}.md"

    def override(self, section: str) -> Path:
        return self.content_dir / str(self.jaar) / self.slug / self.document / f"{section}.md"


def _unknown_reference(body: str, message: str) -> tuple[str | None, int | None]:
    """The {{ reference }} Jinja could not find, and its line: 'totaal.toezich', 3."""
    match = re.search(r"has no attribute '(\w+)'|'(\w+)' is undefined", message)
    if not match:
        return None, None
    missing = match.group(1) or match.group(2)
    for line_number, line in enumerate(body.splitlines(), start=1):
        for expression in re.findall(r"\{\{\s*([\w.]+)", line):
            if missing in expression.split("."):
                return expression, line_number
    return missing, None


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Return (front matter, body, number of lines before the body)."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---\n", 3)
    if end < 0:
        raise InputError("front matter wordt niet afgesloten", path=path, line=1,
                         expected="een regel '---' na de front matter")
    meta = parse_yaml("\n" + text[4:end], path)[0] or {}  # "\n": line numbers as in the file
    if not isinstance(meta, dict) or set(meta) - FRONT_MATTER_KEYS:
        raise InputError("onbekende front matter", path=path, line=2, value=meta,
                         expected="alleen 'modus: vervangen' of 'modus: aanvullen'")
    if meta.get("modus", "vervangen") not in ("vervangen", "aanvullen"):
        raise InputError("onbekende modus", path=path, line=2, field="modus", value=meta["modus"],
                         expected="'vervangen' of 'aanvullen'")
    body_start = end + len("\n---\n")
    return meta, text[body_start:], text[:body_start].count("\n")


def _read_text(path: Path) -> str:
    try:
        # Windows editors may save a BOM and CRLF line ends; the front matter and Markdown want neither.
        return read_bytes(path, MAX_CONTENT_BYTES).decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise InputError("tekstbestand is geen UTF-8", path=path, expected="UTF-8") from None


# --- the sandbox ----------------------------------------------------------------------------
# A text may use references ({{ totaal.toezicht }}), conditions and loops ({% if %}, {% for %}),
# arithmetic, tests (is defined) and a few filters; nothing that assigns, defines, includes or
# calls (except range). Every loop, range, number, text and the output are bounded, and so is
# the time a text takes (DESIGN §8): no text can hang a build or exhaust its memory.

MAX_LOOPS = 10_000        # loop iterations in one text
MAX_TEXT = 100_000        # characters (or items) one expression may make
MAX_DIGITS = 100          # digits of a number one expression may make
MAX_OUTPUT = 200_000      # characters a text may render to
MAX_PARAGRAPH = 10_000    # characters in one paragraph
MAX_SECONDS = 2           # time one text may take to render

TEXT_FILTERS = ("abs", "capitalize", "float", "int", "lower", "round", "title", "trim", "upper")
ANY_FILTERS = ("count", "d", "default", "first", "last", "length", "max", "min", "sum")
ALLOWED = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.Name, nodes.Getattr,
           nodes.Getitem, nodes.Slice, nodes.If, nodes.CondExpr, nodes.Compare, nodes.Operand, nodes.And,
           nodes.Or, nodes.Not, nodes.Neg, nodes.Pos, nodes.BinExpr, nodes.For, nodes.Tuple, nodes.List,
           nodes.Dict, nodes.Pair, nodes.Filter, nodes.Test, nodes.Call, nodes.Keyword)
REFUSED_NAMES = {nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}", nodes.Macro: "{% macro %}",
                 nodes.CallBlock: "{% call %}", nodes.FilterBlock: "{% filter %}", nodes.With: "{% with %}",
                 nodes.Include: "{% include %}", nodes.Import: "{% import %}", nodes.FromImport: "{% import %}",
                 nodes.Extends: "{% extends %}", nodes.Block: "{% block %}", nodes.Concat: "~ (schrijf {{ a }}{{ b }})"}
EXPECTED = ("verwijzingen, {% if %}, {% for %}, rekenen, 'is'-tests, range() en de filters "
            + ", ".join(sorted(TEXT_FILTERS + ANY_FILTERS)))


class ContentLimit(Exception):
    """A text asked for more than the sandbox allows; `line` is set when it is known while compiling."""

    def __init__(self, message: str, expected: str, line: int | None = None):
        super().__init__(message)
        self.message, self.expected, self.line = message, expected, line


@dataclass
class _Budget:
    """What one rendering of one text has spent."""
    deadline: float
    loops: int = 0

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ContentLimit("de tekst kost te veel rekentijd", f"hoogstens {MAX_SECONDS} seconden per tekst")

    def loop(self) -> None:
        self.loops += 1
        if self.loops > MAX_LOOPS:
            raise ContentLimit(f"meer dan {number(MAX_LOOPS)} herhalingen in {{% for %}}",
                               f"hoogstens {number(MAX_LOOPS)} herhalingen per tekst")
        self.check()


_BUDGET: ContextVar[_Budget] = ContextVar("content_budget")


def _counted(iterable: Any) -> Iterator[Any]:
    """What a {% for %} loops over, one iteration at a time from the text's budget."""
    budget = _BUDGET.get()
    for item in iterable:
        budget.loop()
        yield item


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers[:MAX_RANGE + 1]) > MAX_RANGE:
        raise ContentLimit("range() met te veel getallen", f"hoogstens {number(MAX_RANGE)} getallen")
    return numbers


def _digits(value: int) -> int:
    return int(abs(value).bit_length() * 0.30103) + 1


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse before computing what would be too large: "x" * 10**9, 9 ** 9 ** 9, "%999999999d" % 1."""
    sized = (str, list, tuple)
    too_long = ContentLimit("tekst of lijst wordt te lang", f"hoogstens {number(MAX_TEXT)} tekens of elementen")
    if operator == "%" and isinstance(left, str):
        raise ContentLimit("tekst opmaken met % is niet toegestaan", EXPECTED)
    if operator == "*" and isinstance(left, sized) and isinstance(right, int) and len(left) * right > MAX_TEXT:
        raise too_long
    if operator == "*" and isinstance(right, sized) and isinstance(left, int) and len(right) * left > MAX_TEXT:
        raise too_long
    if operator == "+" and isinstance(left, sized) and isinstance(right, sized) and len(left) + len(right) > MAX_TEXT:
        raise too_long
    if operator in ("*", "**") and isinstance(left, int) and isinstance(right, int):
        digits = _digits(left) * right if operator == "**" and abs(left) > 1 else _digits(left) + _digits(right)
        if digits > MAX_DIGITS:
            raise ContentLimit("getal wordt te groot", f"een uitkomst van hoogstens {MAX_DIGITS} cijfers")


def _finalize(value: Any) -> Any:
    """What {{ }} may show: a text or a number, not a list or an object (its Python form)."""
    if not isinstance(value, (str, int, float, Decimal, dt.date, jinja2.Undefined)) and value is not None:
        raise ContentLimit(f"{{{{ }}}} toont een {type(value).__name__}, geen tekst of getal",
                           "een verwijzing naar een tekst of getal, zoals {{ totaal.toezicht }}")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise ContentLimit("te lange tekst in {{ }}", f"hoogstens {number(MAX_TEXT)} tekens")
    return value


def _guarded(name: str, function: Callable) -> Callable:
    """A text filter that refuses a list or object (it would turn it into its Python form first)."""
    @functools.wraps(function)
    def guarded(value: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(value, (str, int, float, Decimal)):
            raise ContentLimit(f"filter '{name}' op een {type(value).__name__}", "een tekst of getal")
        return function(value, *args, **kwargs)
    return guarded


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        _BUDGET.get().check()
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)


_SANDBOX = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                    finalize=_finalize)
_SANDBOX.globals = {"range": _range}
_SANDBOX.filters = {**{name: _SANDBOX.filters[name] for name in ANY_FILTERS},
                    **{name: _guarded(name, _SANDBOX.filters[name]) for name in TEXT_FILTERS}, "_counted": _counted}


class _Counting(NodeTransformer):
    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "_counted", [], [], None, None, lineno=node.lineno)
        return node


def _refuse_unsafe(tree: nodes.Template) -> None:
    """Only the constructs listed in EXPECTED; anything else is refused with its line."""
    for node in tree.find_all(nodes.Node):
        refused = None
        if not isinstance(node, ALLOWED):
            refused = REFUSED_NAMES.get(type(node), type(node).__name__)
        elif isinstance(node, nodes.Filter) and node.name not in TEXT_FILTERS + ANY_FILTERS:
            refused = f"filter '{node.name}'"
        elif isinstance(node, nodes.Call) and not (isinstance(node.node, nodes.Name) and node.node.name == "range"):
            refused = "een aanroep van een functie of methode"
        if refused:
            raise ContentLimit(f"{refused} is niet toegestaan in tekst", EXPECTED, line=node.lineno)


@lru_cache(maxsize=1024)
def _compiled(body: str) -> jinja2.Template:
    """A content text checked and compiled once per process, however many deelnemers share it."""
    tree = _SANDBOX.parse(body)
    _refuse_unsafe(tree)
    return _SANDBOX.from_string(_Counting().visit(tree))


def _template_line(err: BaseException) -> int | None:
    """The line of the text where rendering failed (Jinja puts the text's lines in the traceback)."""
    lines = [frame.lineno for frame in traceback.extract_tb(err.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else None


@dataclass(frozen=True)
class Explanation:
    """A writer's explanation of one deviation (marked with its file, as a section's text is), and
    where it was written (for warnings)."""
    key: str
    text: str
    path: str
    line: int


class ContentRenderer:
    """Renders the narrative Markdown of one document for one deelnemer."""

    def __init__(self, source: ContentSource, variables: dict[str, Any], parser: MarkdownIt,
                 mark: Callable[[str, Source], str] = lambda text, source: text):
        self.source = source
        self.mark = mark  # marks a rendered text with the file it came from (compose: Numbering.source)
        self.variables = variables
        self.parser = parser
        self.used: set[str] = set()
        self.typed: dict[str, tuple[Path, int | None]] = {}  # each cross-reference ({ref}`id`) and where it was typed

    def section(self, name: str, kopniveau: int = 3) -> str:
        """The text of a section; its ### sub-headings become level `kopniveau` (2 directly
        under a chapter or appendix without numbered sections, so no heading level is skipped)."""
        self.used.add(name)
        uniform, override = self.source.uniform(name), self.source.override(name)
        if override.is_file():
            meta, body, offset = split_front_matter(override, _read_text(override))
            text = self._marked(override, body, offset, kopniveau)
            if meta.get("modus", "vervangen") == "aanvullen":
                text = self._uniform(uniform, kopniveau) + "\n\n" + text
        else:
            text = self._uniform(uniform, kopniveau)
        return text

    def explanations(self, name: str) -> dict[str, Explanation]:
        """A deelnemer's explanations in `<name>.md`, one per `### <key>` heading: the key names
        what it explains as the document identifies it ("A2.02.05 achter", "toezicht voor").
        Compose prints an explanation only next to the deviation it names, so a text about a
        deviation the figures no longer show is never printed (see compose.Explained)."""
        self.used.add(name)
        path = self.source.override(name)
        if not path.is_file():
            return {}
        meta, body, offset = split_front_matter(path, _read_text(path))
        if meta:
            raise InputError("front matter hoort niet in een bestand met toelichtingen", path=path, line=2)
        found: dict[str, Explanation] = {}
        key, start, lines = None, 0, []
        for line_number, line in enumerate([*body.splitlines(), "### "], start=offset + 1):
            if not line.startswith("### "):
                if key is None and line.strip():
                    raise InputError("tekst vóór de eerste kop", path=path, line=line_number, value=line.strip(),
                                     expected="per toelichting een kop '### <code of programma> <achter|voor|...>'")
                lines.append(line)
                continue
            if key is not None:
                text = "\n".join(lines)
                rendered = self._render(path, "\n" * (start - offset) + text, offset)
                first = start + 1 + len(text) - len(text.lstrip("\n"))
                kept = rendered.count("\n") == text.strip().count("\n")
                found[key] = Explanation(key, self.mark(rendered, Source(display_path(path), first if kept else None)),
                                         display_path(path), start)
            key, start, lines = " ".join(line[4:].split()).lower(), line_number, []
            if key in found:
                raise InputError("dubbele toelichting", path=path, line=line_number, value=key,
                                 expected="één toelichting per kop")
        return found

    def unused_overrides(self, also_valid: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Override files this document never asked for: most likely a misspelt section name.
        `also_valid` are sections other variants of the document use (the other period)."""
        folder = self.source.override("x").parent
        return tuple(f"{display_path(path)}: wordt niet gebruikt; dit document kent geen sectie '{path.stem}'"
                     for path in sorted(folder.glob("*.md")) if path.stem not in self.used | also_valid)

    def _uniform(self, path: Path, kopniveau: int) -> str:
        if not path.is_file():
            raise InputError("tekstbestand ontbreekt", path=path,
                             expected=f"de tekst van sectie '{path.stem}' (Markdown)")
        meta, body, offset = split_front_matter(path, _read_text(path))
        if meta:
            raise InputError("front matter hoort alleen in een bestand per deelnemer", path=path, line=2)
        return self._marked(path, body, offset, kopniveau)

    def _marked(self, path: Path, body: str, offset: int, kopniveau: int) -> str:
        """The rendered text of a file, marked with the file it came from, and the line of its
        first block there when the {% %} in it left the lines as they were."""
        text = self._shift_headings(self._render(path, body, offset), kopniveau)
        first = offset + len(body) - len(body.lstrip("\n")) + 1 if body.strip() else None
        kept = text.count("\n") == body.strip().count("\n")
        return self.mark(text, Source(display_path(path), first if kept else None))

    def _render(self, path: Path, body: str, offset: int) -> str:
        if not body.strip():
            raise InputError("tekstbestand is leeg", path=path, expected="de tekst van deze sectie")
        token = _BUDGET.set(_Budget(time.monotonic() + MAX_SECONDS))
        try:
            text = self._generate(_compiled(body), self.variables)
        except jinja2.TemplateSyntaxError as err:
            raise InputError(f"fout in {{{{ }}}}-verwijzing: {err.message}", path=path,
                             line=err.lineno + offset) from None
        except jinja2.UndefinedError as err:
            name, line = _unknown_reference(body, str(err.message))
            raise InputError(f"onbekende verwijzing {name!r}" if name else f"onbekende verwijzing: {err.message}",
                             path=path, line=line + offset if line else None,
                             expected="een van: " + ", ".join(sorted(self._names()))) from None
        except ContentLimit as err:
            line = err.line or _template_line(err)
            raise InputError(err.message, path=path, line=line + offset if line else None,
                             expected=err.expected) from None
        except jinja2.exceptions.SecurityError as err:
            line = _template_line(err)
            raise InputError(f"niet toegestaan in tekst: {err}", path=path,
                             line=line + offset if line else None, expected=EXPECTED) from None
        except ArithmeticError as err:
            line = _template_line(err)
            raise InputError("deling door nul" if isinstance(err, ZeroDivisionError) else "getal wordt te groot",
                             path=path, line=line + offset if line else None,
                             expected="een berekening met een uitkomst (een deler die niet 0 is)") from None
        except (jinja2.TemplateError, LookupError, TypeError, ValueError) as err:
            line = _template_line(err)
            raise InputError(f"fout in {{{{ }}}}-verwijzing: {err}", path=path,
                             line=line + offset if line else None, expected=EXPECTED) from None
        except (RecursionError, SyntaxError):  # Jinja's parser, or Python compiling the text, nests too deep
            raise InputError("te diep geneste {{ }} of {% %}", path=path, expected=EXPECTED) from None
        finally:
            _BUDGET.reset(token)
        self._check_paragraphs(path, text, offset)
        _check_once(self, path, text, offset)
        self._remember_references(path, body, offset, text)
        return text.strip()

    def _remember_references(self, path: Path, body: str, offset: int, text: str) -> None:
        """Where each cross-reference in the text was typed: compose resolves them once the whole
        document is numbered, and names this file and line for one that does not resolve."""
        for match in REFERENCE.finditer(text):
            line = next((number for number, typed in enumerate(body.splitlines(), start=1) if match.group(0) in typed),
                        None)
            self.typed.setdefault(match.group(0), (path, line + offset if line else None))

    @staticmethod
    def _generate(template: jinja2.Template, variables: dict[str, Any]) -> str:
        """The rendered text, piece by piece, so that an endless or huge output stops at MAX_OUTPUT."""
        pieces, length = [], 0
        for piece in template.generate(variables):
            length += len(piece)
            if length > MAX_OUTPUT:
                raise ContentLimit("de tekst wordt te lang", f"hoogstens {number(MAX_OUTPUT)} tekens per tekst")
            pieces.append(piece)
        return "".join(pieces)

    @staticmethod
    def _check_paragraphs(path: Path, text: str, offset: int) -> None:
        """No paragraph longer than MAX_PARAGRAPH: the renderers lay out a paragraph as a whole."""
        length, first = 0, 1
        for index, line in enumerate(text.split("\n"), start=1):
            length, first = (0, index + 1) if not line.strip() else (length + len(line) + 1, first)
            if length > MAX_PARAGRAPH:
                raise InputError("te lange alinea (of lijst of tabel zonder witregel)", path=path, line=offset + first,
                                 expected=f"alinea's van hoogstens {number(MAX_PARAGRAPH)} tekens")

    def _names(self) -> list[str]:
        names = []
        for key, value in self.variables.items():
            names += [f"{key}.{sub}" for sub in value] if isinstance(value, dict) else [key]
        return names

    def _check(self, path: Path, text: str, offset: int) -> None:
        """Content uses the declared grammar (uvpgen.markdown) only, lists and quotes nested at
        most MAX_NESTING deep, tables of at most MAX_COLUMNS columns and no row with more cells
        than its header (markdown-it drops those), and no control characters; it has only ###
        sub-headings (chapters, sections and the ::: blocks come from the template); it may show
        pictures from content/afbeeldingen/ only (with alt text) and link to web pages; nothing
        may point at other files, data: or anything outside the project."""
        for line_number, line_text in enumerate(text.split("\n"), start=1):
            if match := CONTROL_CHARACTERS.search(line_text):
                raise InputError(f"stuurteken U+{ord(match.group()):04X} in de tekst", path=path, line=line_number + offset,
                                 expected="gewone tekst; een nieuwe pagina komt uit het sjabloon, niet uit een form feed")
            if problem := bidi_control(line_text):
                raise InputError(problem, path=path, line=line_number + offset, expected=BIDI_EXPECTED)
        depth, columns, table, env = 0, 0, 0, {}
        rows = text.split("\n")
        for block in self.parser.parse(text, env):
            line = (block.map[0] if block.map else 0) + 1 + offset
            if block.type == "table_open":
                columns, table = 0, line
            columns += block.type == "th_open"
            if columns > MAX_COLUMNS:
                raise InputError(f"tabel met meer dan {MAX_COLUMNS} kolommen", path=path, line=table,
                                 expected=f"hoogstens {MAX_COLUMNS} kolommen: meer passen niet naast elkaar op een "
                                          "pagina; verdeel de tabel over twee tabellen")
            if block.type == "tr_open" and columns and (cells := row_cells(rows[block.map[0]])) > columns:
                raise InputError(f"tabelrij met {cells} cellen onder een kop van {columns} "
                                 "kolommen (de cellen daarbuiten zouden wegvallen)", path=path, line=line,
                                 expected=f"{columns} cellen per rij, zoveel als de kop kolommen heeft")
            kind = block.type.removesuffix("_open").removesuffix("_close")
            if kind != "inline" and kind not in BLOCKS + PARTS or kind in TEMPLATE_ONLY:
                raise InputError(f"dit Markdown-element kan niet in een tekstbestand: {kind}", path=path, line=line,
                                 expected="alinea's, ###-koppen, lijsten, citaten, code, tabellen, definitielijsten, "
                                          "afbeeldingen en links (zie README, 'Tekst schrijven')")
            if kind in NESTING:
                depth += block.nesting
                if depth > MAX_NESTING:
                    raise InputError(f"lijsten of citaten dieper dan {MAX_NESTING} niveaus genest", path=path,
                                     line=line, expected=f"hoogstens {MAX_NESTING} niveaus")
            _refuse(refused_attributes(kind, block.attrs, template=False), path, line)
            if block.type == "heading_open" and block.markup != "###":
                raise InputError("kop op een ander niveau dan ### in een tekstbestand", path=path,
                                 line=line, value=block.markup,
                                 expected="alleen tussenkoppen met ### (hoofdstukken en paragrafen komen uit het sjabloon)")
            for token in block.children or []:
                if token.type.removesuffix("_open").removesuffix("_close") not in INLINES:
                    raise InputError(f"dit Markdown-element kan niet in een tekstbestand: {token.type}", path=path,
                                     line=line, expected="tekst, nadruk, code, links en afbeeldingen")
                if token.type == "image":
                    src = str(token.attrs.get("src", ""))
                    _refuse(refused_picture(src, self.source.content_dir), path, line)
                    if not token.content.strip():
                        raise InputError("afbeelding zonder alternatieve tekst", path=path, line=line, value=src,
                                         expected="een beschrijving voor wie de afbeelding niet ziet: ![beschrijving](...)")
                elif token.type == "link_open":
                    _refuse(refused_link(str(token.attrs.get("href", ""))), path, line)
        for line, refusal in refused_definitions(env):  # a definition makes links in every other text too
            _refuse(refusal, path, line + 1 + offset)

    def _shift_headings(self, text: str, level: int) -> str:
        if level == 3:
            return text
        lines = text.split("\n")
        for line in _heading_lines(self.parser, text):
            lines[line] = "#" * level + lines[line].lstrip()[3:]
        return "\n".join(lines)


# A writer's text is checked and its headings found once per text: the uniform content is the
# same in most of the 64 documents, and parsing it again for each took a quarter of composing.
_CHECKED: dict[tuple, None] = {}


def _check_once(renderer: ContentRenderer, path: Path, text: str, offset: int) -> None:
    """Check a text unless this text was checked before; a text with a picture every time (the
    picture may have changed on disk, as in the live preview)."""
    key = (renderer.source.content_dir, path, text, offset)
    if key not in _CHECKED or "![" in text:
        renderer._check(path, text, offset)
        if len(_CHECKED) > 4096:
            _CHECKED.clear()
        _CHECKED[key] = None


@lru_cache(maxsize=1024)
def _heading_lines(parser: MarkdownIt, text: str) -> tuple[int, ...]:
    return tuple(token.map[0] for token in parser.parse(text) if token.type == "heading_open")


def _refuse(refusal: Refusal | None, path: Path, line: int) -> None:
    if refusal is not None:
        raise InputError(refusal.message, path=path, line=line, value=refusal.value, expected=refusal.expected)
