"""Content stage: the narrative Markdown writers keep in content/, read for one document.

A section's text is the uniform file, or a deelnemer's override that replaces or extends it.
Writers may reference figures ({{ totaal.toezicht }}); the text is rendered in a sandboxed
Jinja environment with strict undefined, so a typo is an error, not an empty string. What a
writer may put in a text is checked here (sub-headings only, pictures only from
content/afbeeldingen/, links only to web pages), with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt

from .errors import InputError, display_path
from .markdown import BLOCKS, CONTROL_CHARACTERS, INLINES, MAX_NESTING, NESTING, PARTS, TEMPLATE_ONLY

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
    for number, line in enumerate(body.splitlines(), start=1):
        for expression in re.findall(r"\{\{\s*([\w.]+)", line):
            if missing in expression.split("."):
                return expression, number
    return missing, None


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Return (front matter, body, number of lines before the body)."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---\n", 3)
    if end < 0:
        raise InputError("front matter wordt niet afgesloten", path=path, line=1,
                         expected="een regel '---' na de front matter")
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(f"ongeldige front matter: {getattr(err, 'problem', err)}", path=path,
                         line=mark.line + 2 if mark else 1) from None
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
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("tekstbestand is geen UTF-8", path=path, expected="UTF-8") from None


_SANDBOX = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


@lru_cache(maxsize=1024)
def _compiled(body: str) -> jinja2.Template:
    """A content text compiled once per process, however many deelnemers share it."""
    return _SANDBOX.from_string(body)


@dataclass(frozen=True)
class Explanation:
    """A writer's explanation of one deviation, and where it was written (for warnings)."""
    key: str
    text: str
    path: str
    line: int


class ContentRenderer:
    """Renders the narrative Markdown of one document for one deelnemer."""

    def __init__(self, source: ContentSource, variables: dict[str, Any], parser: MarkdownIt):
        self.source = source
        self.variables = variables
        self.parser = parser
        self.used: set[str] = set()

    def section(self, name: str, kopniveau: int = 3) -> str:
        """The text of a section; its ### sub-headings become level `kopniveau` (2 directly
        under a chapter or appendix without numbered sections, so no heading level is skipped)."""
        self.used.add(name)
        uniform, override = self.source.uniform(name), self.source.override(name)
        if override.is_file():
            meta, body, offset = split_front_matter(override, _read_text(override))
            text = self._render(override, body, offset)
            if meta.get("modus", "vervangen") == "aanvullen":
                text = self._uniform(uniform) + "\n\n" + text
        else:
            text = self._uniform(uniform)
        return self._shift_headings(text, kopniveau)

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
        for number, line in enumerate([*body.splitlines(), "### "], start=offset + 1):
            if not line.startswith("### "):
                if key is None and line.strip():
                    raise InputError("tekst vóór de eerste kop", path=path, line=number, value=line.strip(),
                                     expected="per toelichting een kop '### <code of programma> <achter|voor|...>'")
                lines.append(line)
                continue
            if key is not None:
                text = "\n".join(lines)
                found[key] = Explanation(key, self._render(path, "\n" * (start - offset) + text, offset).strip(),
                                         display_path(path), start)
            key, start, lines = " ".join(line[4:].split()).lower(), number, []
            if key in found:
                raise InputError("dubbele toelichting", path=path, line=number, value=key,
                                 expected="één toelichting per kop")
        return found

    def unused_overrides(self, also_valid: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Override files this document never asked for: most likely a misspelt section name.
        `also_valid` are sections other variants of the document use (the other period)."""
        folder = self.source.override("x").parent
        return tuple(f"{display_path(path)}: wordt niet gebruikt; dit document kent geen sectie '{path.stem}'"
                     for path in sorted(folder.glob("*.md")) if path.stem not in self.used | also_valid)

    def _uniform(self, path: Path) -> str:
        if not path.is_file():
            raise InputError("tekstbestand ontbreekt", path=path,
                             expected=f"de tekst van sectie '{path.stem}' (Markdown)")
        meta, body, offset = split_front_matter(path, _read_text(path))
        if meta:
            raise InputError("front matter hoort alleen in een bestand per deelnemer", path=path, line=2)
        return self._render(path, body, offset)

    def _render(self, path: Path, body: str, offset: int) -> str:
        if not body.strip():
            raise InputError("tekstbestand is leeg", path=path, expected="de tekst van deze sectie")
        try:
            text = _compiled(body).render(self.variables)
        except jinja2.TemplateSyntaxError as err:
            raise InputError(f"fout in {{{{ }}}}-verwijzing: {err.message}", path=path,
                             line=err.lineno + offset) from None
        except jinja2.UndefinedError as err:
            name, line = _unknown_reference(body, str(err.message))
            raise InputError(f"onbekende verwijzing {name!r}" if name else f"onbekende verwijzing: {err.message}",
                             path=path, line=line + offset if line else None,
                             expected="een van: " + ", ".join(sorted(self._names()))) from None
        except jinja2.exceptions.SecurityError as err:
            raise InputError(f"niet toegestaan in tekst: {err}", path=path) from None
        self._check(path, text, offset)
        return text.strip()

    def _names(self) -> list[str]:
        names = []
        for key, value in self.variables.items():
            names += [f"{key}.{sub}" for sub in value] if isinstance(value, dict) else [key]
        return names

    def _check(self, path: Path, text: str, offset: int) -> None:
        """Content uses the declared grammar (uvpgen.markdown) only, lists and quotes nested at
        most MAX_NESTING deep, and no control characters; it has only ### sub-headings (chapters,
        sections and the ::: blocks come from the template); it may show pictures from
        content/afbeeldingen/ only (with alt text) and link to web pages; nothing may point at
        other files, data: or anything outside the project."""
        for number, line_text in enumerate(text.split("\n"), start=1):
            if match := CONTROL_CHARACTERS.search(line_text):
                raise InputError(f"stuurteken U+{ord(match.group()):04X} in de tekst", path=path, line=number + offset,
                                 expected="gewone tekst; een nieuwe pagina komt uit het sjabloon, niet uit een form feed")
        depth = 0
        for block in self.parser.parse(text):
            line = (block.map[0] if block.map else 0) + 1 + offset
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
                    if not asset_path(self.source.content_dir, src):
                        raise InputError("afbeelding geweigerd", path=path, line=line, value=src,
                                         expected=f"een bestand in content/{ASSETS}/ ({', '.join(IMAGE_TYPES)}), "
                                                  f"hoogstens {MAX_IMAGE_BYTES // 1_000_000} MB, zoals "
                                                  f"{ASSETS}/kaart.png")
                    if not token.content.strip():
                        raise InputError("afbeelding zonder alternatieve tekst", path=path, line=line, value=src,
                                         expected="een beschrijving voor wie de afbeelding niet ziet: ![beschrijving](...)")
                elif token.type == "link_open":
                    href = str(token.attrs.get("href", ""))
                    if not href.startswith(("https://", "http://", "mailto:", "#")):
                        raise InputError("link geweigerd", path=path, line=line, value=href,
                                         expected="een webadres (https://...), e-mailadres (mailto:) of #anker")

    def _shift_headings(self, text: str, level: int) -> str:
        if level == 3:
            return text
        lines = text.split("\n")
        for token in self.parser.parse(text):
            if token.type == "heading_open":
                line = token.map[0]
                lines[line] = "#" * level + lines[line].lstrip()[3:]
        return "\n".join(lines)


ASSETS = "afbeeldingen"
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".svg")
MAX_IMAGE_BYTES = 5_000_000


def asset_path(content_dir: Path, src: str) -> Path | None:
    """The file a content image refers to (afbeeldingen/<name>), or None when it is not an
    existing, reasonably sized picture inside content/afbeeldingen/."""
    folder = (content_dir / ASSETS).resolve()
    if ":" in src or src.startswith(("/", "\\")):
        return None
    candidate = (content_dir / src).resolve()
    if (not candidate.is_relative_to(folder) or candidate.suffix.lower() not in IMAGE_TYPES
            or not candidate.is_file() or candidate.stat().st_size > MAX_IMAGE_BYTES):
        return None
    return candidate


