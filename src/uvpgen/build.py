"""Build stage: which documents, rendered to which files, written atomically into output/.

Every file of a document is rendered in memory first; only when all succeeded are they
written, each to a temporary file in the target directory and then renamed. A failing
build therefore leaves every previous output as it was.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import compose, figures
from .data import YearData
from .markdown import parser
from .render.docx import DocxMeta, render_docx
from .render.pdf import PdfMeta, render_pdf

FORMATS = ("docx", "pdf", "md")


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"


def output_path(output_dir: Path, document: str, jaar: int, slug: str, fmt: str) -> Path:
    """output/<jaar>/<slug>/<document>-<jaar>-<slug>.<fmt> (DESIGN §6)."""
    return output_dir / str(jaar) / slug / f"{document}-{jaar}-{slug}.{fmt}"


def render_uvp(paths: ProjectPaths, data: YearData, slug: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """All requested renderings of one deelnemer's UVP, in memory, keyed by format."""
    uvp = figures.uvp_figures(data, slug)
    markdown_text = compose.compose_uvp(data, uvp, paths.templates, paths.content, parser())
    doc = data.document
    title = f"{doc.titel} {data.jaar} {uvp.deelnemer.aanduiding}"
    running = f"{doc.titel} {data.jaar} · {uvp.deelnemer.aanduiding}"
    rendered: dict[str, bytes] = {}
    if "md" in formats:
        rendered["md"] = markdown_text.encode("utf-8")
    if "docx" in formats:
        rendered["docx"] = render_docx(markdown_text, DocxMeta(title, running, doc.organisatie, doc.ondertitel,
                                                               doc.datum), paths.templates / "reference.docx")
    if "pdf" in formats:
        rendered["pdf"] = render_pdf(markdown_text, PdfMeta(title, running, doc.organisatie, doc.datum.isoformat()),
                                     paths.templates)
    return rendered


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write each file via a temporary sibling and rename, so readers never see half a file."""
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
