"""Build stage: which documents, composed and checked together, rendered (in parallel) and
written atomically into output/.

Every build composes all documents of the year, because the cross-document check needs
them (composing is fast; rendering is the slow part). Only the requested documents are
rendered, all in memory; only when every one succeeded are files written, each to a
temporary file in the target directory and then renamed. A failing build therefore leaves
every previous output as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from . import compose, consistency, exports, figures, review
from .data import VorigeVersie, YearData, load_jaarverslag
from .errors import InputError
from .formatting import number
from .markdown import parser
from .render.docx import DocxMeta, render_docx
from .render.pdf import PdfMeta, render_pdf

FORMATS = ("docx", "pdf", "archief", "md")  # archief: the PDF/A variant, <stem>-archief.pdf
TWENTE = compose.TWENTE


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


@dataclass(frozen=True)
class Document:
    """One composed document, ready to render: everything a worker process needs."""
    slug: str
    stem: str  # uvp-2025-enschede
    markdown: str
    title: str
    running_title: str
    author: str
    subject: str
    date: dt.date  # from document.yaml, never the build time
    warnings: tuple[str, ...]
    charts: tuple[compose.Chart, ...]


def output_path(output_dir: Path, jaar: int, slug: str, stem: str, fmt: str) -> Path:
    """output/<jaar>/<slug>/<document>-<jaar>-<slug>.<fmt> (DESIGN §6); archief: …-archief.pdf."""
    return output_dir / str(jaar) / slug / (f"{stem}-archief.pdf" if fmt == "archief" else f"{stem}.{fmt}")


def compose_uvps(paths: ProjectPaths, data: YearData) -> dict[str, Document]:
    """Every UVP of the year, per deelnemer and for Twente, checked against each other."""
    md = parser()
    twente = figures.twente_figures(data)
    composed = {uvp.deelnemer.slug: compose.compose_uvp(data, uvp, paths.templates, paths.content, md)
                for uvp in twente.deelnemers}
    regional = compose.compose_twente(data, twente, paths.templates, paths.content, md)
    consistency.check_twente(regional.markdown, {d.kortenaam: composed[d.slug].markdown for d in data.deelnemers}, md)
    composed[TWENTE] = regional
    return _documents(data, "uvp", "uvp", composed)


def compose_monitorings(paths: ProjectPaths, data: YearData, periode: str) -> dict[str, Document]:
    """Every monitoringsrapportage of a period: per deelnemer and for Twente."""
    periods = [exports.load_period(paths.data, data, p) for p in exports.available_periods(paths.data, data, periode)]
    composed = _per_deelnemer_and_twente(
        data, lambda slugs, naam: figures.monitoring_figures(data, slugs, naam, periods),
        lambda f, deelnemer, own, md: compose.compose_monitoring(data, f, deelnemer, own, paths.templates,
                                                                 paths.content, md))
    return _documents(data, f"monitoring-{periode}", f"monitoring-{periode}", composed)


def compose_jaarverslagen(paths: ProjectPaths, data: YearData) -> dict[str, Document]:
    """Every jaarverslag of the year: per deelnemer and for Twente."""
    extra = load_jaarverslag(paths.data, data)
    periods = [exports.load_period(paths.data, data, p) for p in exports.available_periods(paths.data, data, "jaar")]
    composed = _per_deelnemer_and_twente(
        data, lambda slugs, naam: figures.jaarverslag_figures(data, extra, slugs, naam, periods),
        lambda f, deelnemer, own, md: compose.compose_jaarverslag(data, f, deelnemer, own, extra, paths.templates,
                                                                  paths.content, md))
    return _documents(data, "jaarverslag", "jaarverslag", composed)


def _per_deelnemer_and_twente(data: YearData, figures_of: Callable, compose_with: Callable) -> dict[str, compose.Composed]:
    """A report for each deelnemer (figures of its own slug) and for Twente (figures of all
    slugs, plus every deelnemer's figures for the per-deelnemer sections)."""
    md = parser()
    own = {d.slug: figures_of([d.slug], d.kortenaam) for d in data.deelnemers}
    composed = {d.slug: compose_with(own[d.slug], d, (), md) for d in data.deelnemers}
    twente = figures_of([d.slug for d in data.deelnemers], "Twente")
    composed[TWENTE] = compose_with(twente, None, tuple(own.values()), md)
    return composed


def _documents(data: YearData, kind: str, stem: str, composed: dict[str, compose.Composed]) -> dict[str, Document]:
    doc = data.documenten[kind]
    names = {d.slug: d.aanduiding for d in data.deelnemers} | {TWENTE: "regio Twente"}
    return {slug: Document(
        slug=slug, stem=f"{stem}-{data.jaar}-{slug}", markdown=result.markdown,
        title=f"{doc.titel} {data.jaar} {names[slug]}", running_title=f"{doc.titel} {data.jaar} · {names[slug]}",
        author=doc.organisatie, subject=doc.ondertitel, date=doc.datum, warnings=result.warnings,
        charts=result.charts) for slug, result in composed.items()}


def with_change_appendix(root: Path, document: Document, output_dir: Path, jaar: int,
                         previous: VorigeVersie | None) -> Document:
    """The document with an appendix listing what changed since the previous version
    (document.yaml: vorige_versie), read from git as that version's canonical Markdown."""
    if previous is None:
        raise InputError("--document-appendix heeft een vorige versie nodig", field="vorige_versie",
                         expected="in data/<jaar>/document.yaml: vorige_versie: {versie: ..., git: <ref>}")
    relative = output_path(output_dir, jaar, document.slug, document.stem, "md").resolve().relative_to(root)
    result = subprocess.run(["git", "-C", str(root), "show", f"{previous.git}:{relative.as_posix()}"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise InputError(f"vorige versie niet gevonden in git: {result.stderr.strip()}", field="vorige_versie.git",
                         value=f"{previous.git}:{relative.as_posix()}")
    report = review.change_report(result.stdout, document.markdown, document.stem).splitlines()[1:]
    lines = [f"# Wijzigingen ten opzichte van versie {previous.versie}", ""]
    for line in report:
        lines.append(f"- {line.strip()}" if line.startswith("  ") else f"\n**{line.rstrip(':')}**\n")
    appendix = "\n".join(lines).replace("{+", "**").replace("+}", "**").replace("[-", "(was: ").replace("-]", ")")
    return dataclasses.replace(document, markdown=document.markdown + "\n" + appendix + "\n")


def render(document: Document, formats: tuple[str, ...], paths: ProjectPaths) -> dict[str, bytes]:
    """The requested renderings of one document, in memory, keyed by format."""
    templates_dir = paths.templates
    rendered: dict[str, bytes] = {}
    if "md" in formats:
        rendered["md"] = document.markdown.encode("utf-8")
    if "docx" in formats:
        rendered["docx"] = render_docx(document.markdown, DocxMeta(
            document.title, document.running_title, document.author, document.subject, document.date),
            templates_dir / "reference.docx", paths.content, document.charts)
    variants = tuple(fmt for fmt in ("pdf", "archief") if fmt in formats)
    if variants:
        rendered.update(render_pdf(document.markdown, PdfMeta(
            document.title, document.running_title, document.author, document.date.isoformat(), document.subject,
            f"OD Twente, VTHA, {document.stem.split('-')[0]}, {document.date.year}"), templates_dir,
            paths.content, document.charts, variants).files)
    return rendered


def _timed_render(document: Document, formats: tuple[str, ...], paths: ProjectPaths) -> tuple[dict[str, bytes], float]:
    start = time.perf_counter()
    return render(document, formats, paths), time.perf_counter() - start


def render_all(documents: list[Document], formats: tuple[str, ...], paths: ProjectPaths, jobs: int,
               progress: Callable[[int, Document, float], None]) -> dict[str, dict[str, bytes]]:
    """Render documents, `jobs` at a time in worker processes; results do not depend on `jobs`."""
    results: dict[str, dict[str, bytes]] = {}  # by document stem
    if jobs <= 1 or len(documents) == 1:
        for document in documents:
            results[document.stem], seconds = _timed_render(document, formats, paths)
            progress(len(results), document, seconds)
        return results
    with ProcessPoolExecutor(max_workers=min(jobs, len(documents))) as pool:
        futures = {pool.submit(_timed_render, d, formats, paths): d for d in documents}
        for future in as_completed(futures):
            document = futures[future]
            results[document.stem], seconds = future.result()
            progress(len(results), document, seconds)
    return results


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write each file via a temporary sibling and rename, so readers never see half a file.
    Ctrl-C waits until all files are written: a set of documents is never half old, half new."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        _write_all(files)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _write_all(files: dict[Path, bytes]) -> None:
    for path, content in sorted(files.items()):
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


def seconds(value: float) -> str:
    """Elapsed time as people read it here: '2,4 s'."""
    return f"{number(value, 1)} s"
