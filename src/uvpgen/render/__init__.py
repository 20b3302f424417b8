"""Render stage: one composed document in the formats asked, each writer in its own module.

Every writer walks the same tree (uvpgen.document): Markdown (the canonical text), DOCX, HTML,
and the PDF that WeasyPrint lays out from the print HTML. This package imports only
uvpgen.document and the standard library; each renderer is imported
when its format is asked for (together they cost a second). So a worker process that renders
holds the renderers and one document, not the libraries that loading and composing need.
"""

from __future__ import annotations

import gc
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..document import Document

LAID_OUT = ("pdf", "archief")  # the formats WeasyPrint lays out in pages


@dataclass(frozen=True)
class PageLayout:
    """What the PDF layout of a document tells its DOCX: the page each heading is on (by its
    anchor), for the contents; and where the pages begin, so that the DOCX begins its pages
    there too: (block,) for a top-level block that opens a page, (block, item) for an item of a
    top-level list (render.pdf.page_layout)."""
    headings: dict[str, int]
    starts: frozenset[tuple[int, ...]] = frozenset()


@dataclass(frozen=True)
class Work:
    """One document to render: its tree, the formats asked, and its PDF layout where an earlier
    build already laid it out (for a DOCX without a PDF)."""
    stem: str  # uvp-2025-enschede
    document: Document
    formats: tuple[str, ...]
    pages: PageLayout | None = None

    @property
    def lays_out(self) -> bool:
        """Whether the document is laid out in pages: for a PDF, or for the table of contents
        of a DOCX whose page numbers are not known yet."""
        return any(fmt in self.formats for fmt in LAID_OUT) or ("docx" in self.formats and self.pages is None)


def render(work: Work, templates_dir: Path, content_dir: Path) -> tuple[dict[str, bytes], PageLayout | None]:
    """The requested renderings of one document, in memory, keyed by format, and the heading
    pages of the PDF layout when it was laid out. The PDF layout, the largest thing a build
    holds, is freed before anything else is rendered."""
    from .checks import check_text

    document, formats = work.document, work.formats
    if any(fmt in formats for fmt in ("pdf", "archief", "docx", "html")):
        check_text(document, templates_dir)
    rendered: dict[str, bytes] = {}
    pages = work.pages
    if work.lays_out:
        from .pdf import layout_pdf, page_layout, release, write_pdf

        # One PDF layout: written as the PDF variants; the DOCX's table of contents takes its page numbers.
        layout = layout_pdf(document, templates_dir, content_dir)
        try:
            pages = page_layout(layout)
            rendered.update(write_pdf(layout, content_dir, tuple(fmt for fmt in LAID_OUT if fmt in formats)))
        finally:
            release(layout)
        del layout
        if "docx" in formats or "html" in formats:
            gc.collect()  # before those: the layout's boxes refer to each other, only the collector frees them
    if "docx" in formats:
        from .docx import render_docx

        rendered["docx"] = render_docx(document, templates_dir / "reference.docx", content_dir, pages)
    if "html" in formats:
        from .html import standalone

        rendered["html"] = standalone(document, templates_dir, content_dir)
    if "md" in formats:
        from .markdown import write_markdown

        rendered["md"] = write_markdown(document).encode("utf-8")
    return rendered, pages if work.lays_out else None


def timed_render(work: Work, templates_dir: Path,
                 content_dir: Path) -> tuple[tuple[dict[str, bytes], PageLayout | None], float]:
    """`render`, and the seconds it took (what a worker sends back)."""
    start = time.perf_counter()
    return render(work, templates_dir, content_dir), time.perf_counter() - start


def start_worker(scratch: str) -> None:
    """Workers leave Ctrl-C and SIGTERM to the main process, which stops them; their temporary
    files (WeasyPrint's copies of the fonts) go into `scratch`, which the main process removes
    even when it stopped them halfway. And the libraries a worker starts with (WeasyPrint,
    imported once in the forkserver) live as long as it does: frozen, the collector need not
    walk them again and again while a layout is made."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    tempfile.tempdir = scratch
    gc.freeze()
