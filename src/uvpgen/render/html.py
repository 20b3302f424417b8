"""Render stage, HTML: the canonical Markdown as HTML, one builder with two variants.

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

Both variants come from the same tokens and the same renderer, so the PDF, the web page and the
preview show the same text, numbering and tables.
"""

from __future__ import annotations

import base64
import html
import io
import mimetypes
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from ..composed import Chart, Meta, asset_path
from ..markdown import heading_id, parser


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself (title bar, document properties, running header)."""
    title: str
    running_title: str
    author: str
    created: str  # ISO date from the data, never the build time
    subject: str = ""
    keywords: str = "OD Twente, VTHA"
    language: str = "nl"

    @classmethod
    def of(cls, meta: Meta) -> PageMeta:
        """The page of a composed document."""
        return cls(meta.title, meta.running_title, meta.author, meta.date.isoformat(), meta.subject, meta.keywords)


@dataclass(frozen=True)
class Screen:
    """What the screen variant needs besides the text: where a content picture
    (afbeeldingen/kaart.png) is fetched from, and the charts it draws inline."""
    picture: Callable[[str], str]
    charts: Mapping[str, Chart] = field(default_factory=dict)
    svg: Callable[[Chart], bytes] | None = None  # default: render.charts.svg


# Node types of the grammar (uvpgen.markdown) that markdown-it's RendererHTML writes as their own
# HTML element (<p>, <blockquote>, <table>, <dl>, <em>, <a> ...); every other type has a rule.
AS_ELEMENT = ("paragraph", "blockquote", "bullet_list", "ordered_list", "hr", "table", "dl", "dt", "dd",
              "em", "strong", "link")


class _Renderer(RendererHTML):
    """markdown-it's HTML renderer plus heading anchors and the generated table of contents;
    with `screen` set, the screen variant (captions in tables and figures, inline charts)."""

    def __init__(self, parser_instance=None):
        super().__init__(parser_instance)
        self.toc: list[tuple[int, str, str]] = []
        self.screen: Screen | None = None

    def heading_open(self, tokens: list[Token], idx: int, options, env) -> str:
        text = tokens[idx + 1].content
        tokens[idx].attrSet("id", heading_id(text))
        return self.renderToken(tokens, idx, options, env)

    def image(self, tokens: list[Token], idx: int, options, env) -> str:
        src = str(tokens[idx].attrs.get("src", ""))
        if self.screen is not None and src.startswith("grafiek:") and src.removeprefix("grafiek:") in self.screen.charts:
            chart = self.screen.charts[src.removeprefix("grafiek:")]
            return inline_svg((self.screen.svg or _chart_svg)(chart), chart.name,
                              self.renderInlineAsText(tokens[idx].children or [], options, env))
        if not src.startswith("grafiek:"):
            # Print: content pictures go through WeasyPrint's asset fetcher, never the file system.
            tokens[idx].attrSet("src", self.screen.picture(src) if self.screen else f"afbeelding:{src}")
        if len(tokens) > 1:  # a picture in a sentence keeps its own size; one on its own is a figure
            tokens[idx].attrSet("class", "in-tekst")
        return super().image(tokens, idx, options, env)

    def th_open(self, tokens: list[Token], idx: int, options, env) -> str:
        tokens[idx].attrSet("scope", "col")  # header cells say what they head, for screen readers
        return self.renderToken(tokens, idx, options, env)

    def table_open(self, tokens: list[Token], idx: int, options, env) -> str:
        opened = self.renderToken(tokens, idx, options, env)
        caption = tokens[idx].meta.get("caption")
        if caption is None:
            return opened
        return f"{opened}<caption>{self.renderInline(caption.children or [], options, env)}</caption>\n"

    def paragraph_open(self, tokens: list[Token], idx: int, options, env) -> str:
        caption = tokens[idx].meta.get("figure")
        if caption is None:
            return self.renderToken(tokens, idx, options, env)
        return f"<figure>\n<figcaption>{self.renderInline(caption.children or [], options, env)}</figcaption>\n"

    def paragraph_close(self, tokens: list[Token], idx: int, options, env) -> str:
        return "\n</figure>\n" if tokens[idx].meta.get("figure") else self.renderToken(tokens, idx, options, env)

    def container_inhoud_open(self, tokens, idx, options, env) -> str:
        if self.screen is not None:
            return ""  # the screen page has the table of contents beside the text (screen_page)
        return f'<nav class="inhoud"><h1 class="inhoud-kop">Inhoud</h1>{_toc_list(self.toc)}'

    def container_inhoud_close(self, tokens, idx, options, env) -> str:
        return "" if self.screen is not None else "</nav>\n"


def _body(markdown_text: str, screen: Screen | None) -> tuple[str, list[tuple[int, str, str]]]:
    """The body of either variant, and its table of contents (level, text, anchor)."""
    md = parser(_Renderer)
    # The container plugin registers default rules; ours for the table of contents win.
    md.add_render_rule("container_inhoud_open", _Renderer.container_inhoud_open)
    md.add_render_rule("container_inhoud_close", _Renderer.container_inhoud_close)
    renderer = md.renderer
    renderer.screen = screen
    tokens = md.parse(markdown_text)
    _breakable_long_words(tokens)
    if screen is not None:
        tokens = _captions_in_place(tokens)
    renderer.toc = [(int(t.tag[1]), tokens[i + 1].content, heading_id(tokens[i + 1].content))
                    for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h1", "h2")]
    return renderer.render(tokens, md.options, {}), renderer.toc


def _head(meta: PageMeta) -> str:
    return (f"<title>{html.escape(meta.title)}</title>\n"
            f'<meta name="author" content="{html.escape(meta.author)}">\n'
            f'<meta name="description" content="{html.escape(meta.subject)}">\n'
            f'<meta name="keywords" content="{html.escape(meta.keywords)}">\n'
            + (f'<meta name="dcterms.created" content="{meta.created}">\n' if meta.created else ""))


def to_html(markdown_text: str, meta: PageMeta) -> str:
    """The print variant: what WeasyPrint lays out with print.css."""
    body, _ = _body(markdown_text, None)
    return (
        f'<!DOCTYPE html>\n<html lang="{meta.language}">\n<head>\n<meta charset="utf-8">\n{_head(meta)}'
        f'<link rel="stylesheet" href="print.css">\n</head>\n<body>\n'
        f'<div class="lopende-kop">{html.escape(meta.running_title)}</div>\n{body}</body>\n</html>\n'
    )


LONG_WORD = 40  # characters: longer than any Dutch word a column is made to fit


def _breakable_long_words(tokens: list[Token]) -> None:
    """A word too long for any column (a 500-character product name) may break anywhere, so it
    wraps inside its cell instead of widening the table past the page. Only such words get
    overflow-wrap: anywhere (span.lang-woord): on every word it would let the table layout
    squeeze columns until ordinary words break."""
    in_cell = False
    for token in tokens:
        if token.type in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = token.type.endswith("_open")
        elif in_cell and token.type == "inline":
            token.children = [piece for child in token.children for piece in _split_long_words(child)]


def _split_long_words(token: Token) -> list[Token]:
    parts = re.split(rf"(\S{{{LONG_WORD + 1},}})", token.content) if token.type == "text" else []
    if len(parts) < 2:
        return [token]
    pieces = []
    for index, part in enumerate(parts):  # odd indices: the long words
        if index % 2:
            pieces += [Token("html_inline", "", 0, content='<span class="lang-woord">'),
                       Token("text", "", 0, content=part), Token("html_inline", "", 0, content="</span>")]
        elif part:
            pieces.append(Token("text", "", 0, content=part))
    return pieces


# --- the screen variant ------------------------------------------------------------------

def _is_caption(token: Token) -> bool:
    return token.type == "paragraph_open" and "bijschrift" in str(token.attrs.get("class", "")).split()


def _captions_in_place(tokens: list[Token]) -> list[Token]:
    """A caption paragraph ({.bijschrift}) directly before a table becomes that table's
    <caption>; one directly before a picture on its own becomes the <figcaption> of a <figure>
    holding it. Any other caption stays a paragraph, as in the PDF. A table without a caption
    directly under a heading (the list of terms) is named by that heading."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_open" and index >= 3 and tokens[index - 3].type == "heading_open":
            token.attrSet("aria-labelledby", heading_id(tokens[index - 2].content))
        following = tokens[index + 3] if index + 3 < len(tokens) else None
        if _is_caption(token) and following is not None:
            caption = tokens[index + 1]
            if following.type == "table_open":
                following.meta["caption"] = caption
                index += 3
                continue
            alone = tokens[index + 4] if index + 4 < len(tokens) else None
            if (following.type == "paragraph_open" and alone is not None and alone.type == "inline"
                    and [child.type for child in alone.children or []] == ["image"]):
                following.meta["figure"] = tokens[index + 5].meta["figure"] = caption
                index += 3
                continue
        kept.append(token)
        index += 1
    return kept


def _chart_svg(chart: Chart) -> bytes:
    from .charts import svg

    return svg(chart)


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


def screen_parts(markdown_text: str, screen: Screen) -> ScreenParts:
    body, toc = _body(markdown_text, screen)
    return ScreenParts(_toc_list(toc), body)


def _toc_list(toc) -> str:
    """The table of contents as a list of links to the headings."""
    return "<ol>" + "".join(f'<li class="toc-{level}"><a href="#{anchor}">{html.escape(text)}</a></li>'
                            for level, text, anchor in toc) + "</ol>"


def screen_page(parts: ScreenParts, meta: PageMeta, css: str, *, head: str = "", before: str = "",
                after: str = "") -> str:
    """A whole screen page: skip link, header, table of contents, the text as main landmark.
    `head`, `before` and `after` (the text) are the preview's additions."""
    nav = (f'<nav class="inhoud" aria-labelledby="inhoud-kop"><h2 id="inhoud-kop">Inhoud</h2>\n{parts.toc}\n</nav>\n'
           if parts.toc else "")
    return (
        f'<!DOCTYPE html>\n<html lang="{meta.language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{_head(meta)}'
        f'<style id="huisstijl">\n{css}</style>\n{head}</head>\n<body>\n'
        f'<a class="naar-tekst" href="#tekst">Naar de tekst</a>\n'
        f'<header class="kop"><p>{html.escape(meta.author)} · {html.escape(meta.running_title)}</p></header>\n'
        f"{before}"
        f'<div class="pagina{"" if nav else " zonder-inhoud"}">\n'
        f'{nav}<main id="tekst" tabindex="-1">\n{parts.body}</main>\n</div>\n{after}</body>\n</html>\n'
    )


FACES = (("NotoSans-Regular.ttf", 400, "normal"), ("NotoSans-Bold.ttf", 700, "normal"),
         ("NotoSans-Italic.ttf", 400, "italic"), ("NotoSans-BoldItalic.ttf", 700, "italic"))


def font_faces(source: Callable[[str], str]) -> str:
    """@font-face rules for the house font; `source` gives the url() of each file."""
    return "".join(f'@font-face {{ font-family: "Noto Sans"; font-weight: {weight}; font-style: {style}; '
                   f'font-display: swap; src: url("{source(name)}"); }}\n' for name, weight, style in FACES)


def stylesheet(templates_dir: Path, font_source: Callable[[str], str]) -> str:
    """The screen stylesheet (templates/screen.css, with its @media print) after the house font."""
    return font_faces(font_source) + (templates_dir / "screen.css").read_text(encoding="utf-8")


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


def data_uri(path: Path) -> str:
    return f"data:{mime_type(path)};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _picture_inline(content_dir: Path) -> Callable[[str], str]:
    """A content picture as a data: URI, checked as the PDF checks it (compose already refused
    pictures from elsewhere; this refuses one that is not there or too large)."""
    from ..errors import InputError
    from .pdf import _check_picture

    def picture(src: str) -> str:
        path = asset_path(content_dir, src)
        if path is None:
            raise InputError("afbeelding niet gevonden of te groot", path=content_dir / src,
                             expected="een png-, jpg- of svg-bestand in content/afbeeldingen/ van hoogstens 5 MB")
        _check_picture(path)
        return data_uri(path)
    return picture


def standalone(markdown_text: str, meta: PageMeta, templates_dir: Path, content_dir: Path,
               charts: tuple[Chart, ...] = ()) -> bytes:
    """The document as one self-contained, accessible HTML file (`--format html`): nothing in it
    refers to anything outside the file."""
    from .pdf import check_text

    check_text(markdown_text, templates_dir, content_dir)
    parts = screen_parts(markdown_text, Screen(_picture_inline(content_dir), {c.name: c for c in charts}))
    return screen_page(parts, meta, self_contained_css(templates_dir, markdown_text)).encode("utf-8")


def self_contained_css(templates_dir: Path, text: str) -> str:
    """The screen stylesheet with the house font embedded, subset to what `text` needs."""
    characters = SCREEN_CHARACTERS | frozenset(c for c in text if c.isprintable())
    return stylesheet(templates_dir, lambda name: _embedded_font(templates_dir / "fonts" / name, characters))


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
    meta = PageMeta(title, f"Beleidscyclus {jaar}", author, "", title)
    return screen_page(ScreenParts("", text), meta, self_contained_css(templates_dir, text)).encode("utf-8")
