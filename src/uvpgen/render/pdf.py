"""Render stage, PDF: canonical Markdown -> HTML + print CSS (templates/print.css) -> WeasyPrint.

WeasyPrint may only read the project's own assets (fonts, CSS): the URL fetcher refuses
everything else, so a build never touches the network or files outside templates/.
"""

from __future__ import annotations

import html
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from ..compose import Chart
from ..content import ASSETS, asset_path
from ..errors import InputError
from ..markdown import heading_id, parser
from .charts import svg


@dataclass(frozen=True)
class PdfMeta:
    """What the PDF says about itself (title bar, document properties, running header)."""
    title: str
    running_title: str
    author: str
    created: str  # ISO date from the data, never the build time
    subject: str = ""
    keywords: str = "OD Twente, VTHA"
    language: str = "nl"


# Node types of the grammar (uvpgen.markdown) that markdown-it's RendererHTML writes as their own
# HTML element (<p>, <blockquote>, <table>, <dl>, <em>, <a> ...); every other type has a rule.
AS_ELEMENT = ("paragraph", "blockquote", "bullet_list", "ordered_list", "hr", "table", "dl", "dt", "dd",
              "em", "strong", "link")


class _Renderer(RendererHTML):
    """markdown-it's HTML renderer plus heading anchors and the generated table of contents."""

    def __init__(self, parser_instance=None):
        super().__init__(parser_instance)
        self.toc: list[tuple[int, str, str]] = []

    def heading_open(self, tokens: list[Token], idx: int, options, env) -> str:
        text = tokens[idx + 1].content
        tokens[idx].attrSet("id", heading_id(text))
        return self.renderToken(tokens, idx, options, env)

    def image(self, tokens: list[Token], idx: int, options, env) -> str:
        # Content pictures (afbeeldingen/...) go through the asset fetcher, never the file system.
        src = tokens[idx].attrs.get("src", "")
        if not str(src).startswith("grafiek:"):
            tokens[idx].attrSet("src", f"afbeelding:{src}")
        if len(tokens) > 1:  # a picture in a sentence keeps its own size; one on its own is a figure
            tokens[idx].attrSet("class", "in-tekst")
        return super().image(tokens, idx, options, env)

    def th_open(self, tokens: list[Token], idx: int, options, env) -> str:
        tokens[idx].attrSet("scope", "col")  # header cells say what they head, for screen readers
        return self.renderToken(tokens, idx, options, env)

    def container_inhoud_open(self, tokens, idx, options, env) -> str:
        items = "".join(
            f'<li class="toc-{level}"><a href="#{anchor}">{html.escape(text)}</a></li>'
            for level, text, anchor in self.toc)
        return f'<nav class="inhoud"><h1 class="inhoud-kop">Inhoud</h1><ol>{items}</ol>'

    def container_inhoud_close(self, tokens, idx, options, env) -> str:
        return "</nav>\n"


def to_html(markdown_text: str, meta: PdfMeta) -> str:
    md = parser(_Renderer)
    # The container plugin registers default rules; ours for the table of contents win.
    md.add_render_rule("container_inhoud_open", _Renderer.container_inhoud_open)
    md.add_render_rule("container_inhoud_close", _Renderer.container_inhoud_close)
    renderer = md.renderer
    tokens = md.parse(markdown_text)
    renderer.toc = [(int(t.tag[1]), tokens[i + 1].content, heading_id(tokens[i + 1].content))
                    for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h1", "h2")]
    body = renderer.render(tokens, md.options, {})
    return (
        f'<!DOCTYPE html>\n<html lang="{meta.language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(meta.title)}</title>\n"
        f'<meta name="author" content="{html.escape(meta.author)}">\n'
        f'<meta name="description" content="{html.escape(meta.subject)}">\n'
        f'<meta name="keywords" content="{html.escape(meta.keywords)}">\n'
        f'<meta name="dcterms.created" content="{meta.created}">\n'
        f'<link rel="stylesheet" href="print.css">\n</head>\n<body>\n'
        f'<div class="lopende-kop">{html.escape(meta.running_title)}</div>\n{body}</body>\n</html>\n'
    )


def _asset_fetcher(templates_dir: Path, content_dir: Path, charts: tuple[Chart, ...]):
    """Allow only files inside templates/ (CSS, fonts), pictures from content/afbeeldingen/
    (afbeelding:<path>) and the document's own charts (grafiek:<name>, drawn here as SVG);
    refuse URLs, data: and paths outside."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = (templates_dir.resolve(), (content_dir / ASSETS).resolve())
    by_name = {chart.name: chart for chart in charts}

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("grafiek:") and url.removeprefix("grafiek:") in by_name:
                return URLFetcherResponse(url, body=svg(by_name[url.removeprefix("grafiek:")]),
                                          headers={"Content-Type": "image/svg+xml"})
            if url.startswith("afbeelding:"):
                path = asset_path(content_dir, url.removeprefix("afbeelding:"))
                if path is not None:
                    return URLFetcherResponse(url, body=path.read_bytes())
            if url.startswith("file:"):
                path = Path(url2pathname(urlparse(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise InputError("verwijzing naar een bestand of adres buiten de projectbestanden geweigerd",
                             value=url, expected="alleen bestanden in templates/")

    return AssetFetcher(allowed_protocols={"file", "grafiek", "afbeelding"}, fail_on_errors=True)


VARIANTS = {"pdf": "pdf/ua-1", "archief": "pdf/a-2b"}


@contextmanager
def _input_errors():
    """A refused asset is the writer's input error, not WeasyPrint's."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        yield
    except FatalURLFetchingError as err:
        if isinstance(err.__cause__, InputError):
            raise err.__cause__ from None
        raise


def layout_pdf(markdown_text: str, meta: PdfMeta, templates_dir: Path, content_dir: Path,
               charts: tuple[Chart, ...] = ()):
    """The document laid out in pages by WeasyPrint (a weasyprint.Document)."""
    import weasyprint  # imported here: it costs half a second and only PDF builds need it

    document = weasyprint.HTML(string=to_html(markdown_text, meta), base_url=str(templates_dir.resolve()) + "/",
                               url_fetcher=_asset_fetcher(templates_dir, content_dir, charts))
    with _input_errors():
        return document.render()


def write_pdf(laid_out, variants: tuple[str, ...] = ("pdf",)) -> dict[str, bytes]:
    """A laid-out document written as each variant: "pdf" is tagged PDF/UA-1 (for screen
    readers and publication), "archief" tagged PDF/A-2b (for the archive); one file cannot
    declare both."""
    with _input_errors():
        return {name: laid_out.write_pdf(pdf_variant=VARIANTS[name], pdf_tags=True) for name in variants}


def heading_pages(laid_out) -> dict[str, int]:
    """The 1-based page of every anchor (heading ids: markdown.heading_id) in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages
