"""Render stage: one composed document in the formats asked, each renderer in its own module.

This package imports only uvpgen.composed and the standard library; each renderer is imported
when its format is asked for (together they cost a second). So a worker process that renders
holds the renderers and one document, not the libraries that loading and composing need.
"""

from __future__ import annotations

import gc
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from ..composed import Chart, Meta

LAID_OUT = ("pdf", "archief")  # the formats WeasyPrint lays out in pages


@dataclass(frozen=True)
class Work:
    """One document to render: its text, metadata and charts, the formats asked, and the page of
    each heading in its PDF layout where an earlier build already laid it out (for a DOCX
    without a PDF)."""
    stem: str  # uvp-2025-enschede
    markdown: str
    meta: Meta
    charts: tuple[Chart, ...]
    formats: tuple[str, ...]
    pages: dict[str, int] | None = None

    @property
    def lays_out(self) -> bool:
        """Whether the document is laid out in pages: for a PDF, or for the table of contents
        of a DOCX whose page numbers are not known yet."""
        return any(fmt in self.formats for fmt in LAID_OUT) or ("docx" in self.formats and self.pages is None)


def render(work: Work, templates_dir: Path, content_dir: Path) -> tuple[dict[str, bytes], dict[str, int] | None]:
    """The requested renderings of one document, in memory, keyed by format, and the heading
    pages of the PDF layout when it was laid out. The PDF layout, the largest thing a build
    holds, is freed before anything else is rendered."""
    from .html import PageMeta

    meta, formats = work.meta, work.formats
    page = PageMeta.of(meta)
    rendered: dict[str, bytes] = {}
    pages = work.pages
    if work.lays_out:
        from .pdf import heading_pages, layout_pdf, release, write_pdf

        # One PDF layout: written as the PDF variants; the DOCX's table of contents takes its page numbers.
        layout = layout_pdf(work.markdown, page, templates_dir, content_dir, work.charts)
        try:
            pages = heading_pages(layout)
            rendered.update(write_pdf(layout, content_dir, tuple(fmt for fmt in LAID_OUT if fmt in formats)))
        finally:
            release(layout)
        del layout
        if "docx" in formats or "html" in formats:
            gc.collect()  # before those: the layout's boxes refer to each other, only the collector frees them
    if "docx" in formats:
        from .docx import DocxMeta, render_docx

        rendered["docx"] = render_docx(work.markdown, DocxMeta(
            meta.title, meta.running_title, meta.author, meta.subject, meta.date, keywords=meta.keywords),
            templates_dir / "reference.docx", content_dir, work.charts, pages)
    if "html" in formats:
        from .html import standalone

        rendered["html"] = standalone(work.markdown, page, templates_dir, content_dir, work.charts)
    if "md" in formats:
        rendered["md"] = work.markdown.encode("utf-8")
    return rendered, pages if work.lays_out else None


def timed_render(work: Work, templates_dir: Path,
                 content_dir: Path) -> tuple[tuple[dict[str, bytes], dict[str, int] | None], float]:
    """`render`, and the seconds it took (what a worker sends back)."""
    start = time.perf_counter()
    return render(work, templates_dir, content_dir), time.perf_counter() - start


def ignore_interrupts() -> None:
    """Workers leave Ctrl-C and SIGTERM to the main process, which stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
