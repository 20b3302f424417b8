"""Fingerprints: which output files are what their sources produce, without rendering them.

A file's fingerprint is a hash over everything that shapes its bytes: the document's canonical
Markdown and metadata (which cover data/, content/ and the templates through compose), its
charts, and the render inputs of its format (CSS, reference.docx, fonts, content pictures, the
renderer code and library versions). The manifest `output/manifest.txt` records, one line per
file, its fingerprint and the hash of the file as written; it also records the hash of every
source file, so a build can say which inputs changed, and whether the whole set was current.

The manifest is committed with output/, so a fresh clone and CI know what is current. A
fingerprint is trusted only while the file on disk still has the recorded hash: a file edited
or deleted by hand is rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path

from .document import MAX_IMAGE_BYTES, Document, asset_path
from .limits import MAX_OUTPUT_BYTES, MAX_SOURCE_BYTES, file_hash, limit_of, read_bytes
from .paths import regular_files
from .render import PageLayout

MANIFEST = "manifest.txt"
LAYOUTS = ".uvpgen-paginas"  # local, not in git: see LayoutCache
START = "start:"  # in LayoutCache's file: a place where a page begins
HEADER = ("# uvpgen: vingerafdrukken van de documenten in output/ (niet met de hand wijzigen).\n"
          "# gecontroleerd <hash>: alle bronnen samen, toen de hele cyclus samengesteld en gecontroleerd werd;\n"
          "# verouderd <pad> <document> <reden>: een bestand dat toen niet bij was; bron <pad> <hash>: de bronnen bij de laatste "
          "bouw;\n# bestand <pad> <vingerafdruk> <hash van het bestand>\n")
RENDERERS = {"docx": ("python-docx", "matplotlib", "fonttools", "uharfbuzz", "resvg-py", "weasyprint", "pydyf"), "pdf": ("weasyprint", "pydyf", "matplotlib", "pikepdf"),
             "archief": ("weasyprint", "pydyf", "matplotlib", "pikepdf"), "md": (),
             "html": ("matplotlib", "fonttools", "brotli")}  # brotli: the embedded font is WOFF2


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:32]


def bytes_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:32]


def file_digest(path: Path, inside: Path | None = None, limit: int = MAX_SOURCE_BYTES) -> str | None:
    """The hash bytes_digest gives a file, read in pieces and only if it is a regular file
    reached without a link below `inside` (paths.open_file); None when there is nothing."""
    if not os.path.lexists(path):
        return None
    return file_hash(path, limit, inside)[:32]


def output_digest(output_dir: Path, path: Path) -> str | None:
    """The hash of a file in output/, which may itself be a link (a share) but holds none."""
    return file_digest(path, output_dir, MAX_OUTPUT_BYTES)


@lru_cache(maxsize=None)
def _version(package: str) -> str:
    """An installed package's version (read once per process: the lookup scans site-packages)."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


@dataclass(frozen=True)
class RenderInputs:
    """What shapes a format's bytes beyond the Markdown: named files and versions, each hashed."""
    by_format: dict[str, dict[str, str]]  # format -> {input name: hash}

    @classmethod
    def of(cls, root: Path, templates: Path) -> RenderInputs:
        package = Path(__file__).resolve().parent
        code = {str(p.relative_to(package.parent)): digest(p.read_bytes())
                for p in sorted([*(package / "render").glob("*.py"), package / "document.py"])}
        # The house style (font faces, colours, sizes) shapes every format but the Markdown.
        fonts = {f"templates/fonts/{p.name}": digest(read_bytes(p, MAX_SOURCE_BYTES))
                 for p in regular_files(templates / "fonts")} \
            | {"templates/huisstijl.toml": file_digest(templates / "huisstijl.toml") or "-"}
        styles = {name: {f"templates/{name}": file_digest(templates / name) or "-"}
                  for name in ("print.css", "screen.css", "reference.docx")}
        by_format = {}
        for fmt, packages in RENDERERS.items():
            inputs = dict(code) | {f"versie {p}": _version(p) for p in packages}
            if fmt in ("pdf", "archief"):
                inputs |= fonts | styles["print.css"]
            if fmt == "html":
                inputs |= fonts | styles["screen.css"]
            if fmt == "docx":
                # The DOCX takes its table of contents' page numbers from the PDF layout.
                inputs |= fonts | styles["reference.docx"] | styles["print.css"]
            by_format[fmt] = inputs if fmt != "md" else {}
        return cls(by_format)


def pictures(shown: tuple[str, ...], content_dir: Path) -> dict[str, str]:
    """The content pictures a document shows (documents.Document.pictures), with the hash of each,
    read only once checked (document.asset_path); one that is refused is "-" (rendering says why)."""
    return {src: file_digest(path, limit=MAX_IMAGE_BYTES) if (path := asset_path(content_dir, src)) else "-"
            for src in shown}


def fingerprint(fmt: str, markdown: str, document: Document, inputs: RenderInputs, shown: dict[str, str]) -> str:
    """What shapes a file's bytes: the canonical text; for the other formats also the
    document's metadata and charts, the content pictures it shows (`pictures`) and the inputs of
    that format."""
    parts = [fmt, markdown] if fmt == "md" else [fmt, markdown, repr(document.meta), repr(document.charts)]
    for name, value in sorted({**inputs.by_format[fmt], **(shown if fmt != "md" else {})}.items()):
        parts += [name, value]
    return digest(*parts)


def sources_digest(sources: dict[str, str]) -> str:
    return digest(*(f"{path} {value}" for path, value in sorted(sources.items())))


def source_files(root: Path) -> dict[str, str]:
    """Every source file (data/, content/, templates/) by its path relative to the project, and
    uvpgen's own code (a change to compose or figures changes documents too), with their hashes.
    A link, a pipe or a file larger than its reader takes (limits.limit_of) among them is refused
    here, before any work, even where nothing reads it (paths.regular_files)."""
    package = Path(__file__).resolve().parent
    found = {f"uvpgen/{path.relative_to(package).as_posix()}": bytes_digest(path.read_bytes())
             for path in sorted(package.rglob("*.py"))}
    for folder in ("data", "content", "templates"):
        for path in regular_files(root / folder):
            found[path.relative_to(root).as_posix()] = file_digest(path, limit=limit_of(path))
    return found


class Reason(Enum):
    """Why a file is made again (or was not current), as the build says it."""
    NEW = "nieuw"
    NOT_RECORDED = "niet in het manifest"
    MISSING = "bestand ontbreekt"
    EDITED = "bestand met de hand gewijzigd"
    SOURCES = "bronnen gewijzigd"
    FORCED = "volledig opnieuw (--volledig)"
    APPENDIX = "met wijzigingsbijlage"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Stale:
    """A file that is not current: the document it belongs to and why."""
    stem: str
    reason: Reason


@dataclass
class Manifest:
    """The committed record of output/: source hashes and, per file, fingerprint and file hash.

    `checked` is the digest of the sources for which the whole cycle was last composed and
    passed the cross-document check, and `stale` the files that were not current for them. The
    check is a function of the sources alone: while they keep that digest, a build composes
    only the documents it makes, and still knows what else is not current."""
    sources: dict[str, str] = field(default_factory=dict)  # as at the last build
    checked: str | None = None
    stale: dict[str, Stale] = field(default_factory=dict)  # relative path -> its document and why
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # relative path -> (fingerprint, file hash)

    @classmethod
    def read(cls, output_dir: Path) -> Manifest:
        manifest = cls()
        path = output_dir / MANIFEST
        if not os.path.lexists(path):
            return manifest
        for line in read_bytes(path, MAX_OUTPUT_BYTES, output_dir).decode("utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "gecontroleerd":
                manifest.checked = parts[1]
            elif len(parts) == 4 and parts[0] == "verouderd" and parts[3].upper() in Reason.__members__:
                manifest.stale[parts[1]] = Stale(parts[2], Reason[parts[3].upper()])
            elif len(parts) == 3 and parts[0] == "bron":
                manifest.sources[parts[1]] = parts[2]
            elif len(parts) == 4 and parts[0] == "bestand":
                manifest.files[parts[1]] = (parts[2], parts[3])
        return manifest

    def text(self) -> str:
        lines = [f"gecontroleerd {self.checked}"] if self.checked else []
        lines += [f"verouderd {path} {stale.stem} {stale.reason.name.lower()}" for path, stale in sorted(self.stale.items())]
        lines += [f"bron {path} {value}" for path, value in sorted(self.sources.items())]
        lines += [f"bestand {path} {fp} {h}" for path, (fp, h) in sorted(self.files.items())]
        return HEADER + "\n".join(lines) + "\n"

    def intact(self, output_dir: Path, paths: Iterable[str]) -> list[str]:
        """The files among `paths` that are missing or not what the manifest recorded."""
        return [p for p in paths if p not in self.files or output_digest(output_dir, output_dir / p) != self.files[p][1]]


class LayoutCache:
    """Each document's latest PDF layout (render.PageLayout: where its headings fell and where its
    pages begin), with that PDF's fingerprint.

    The DOCX's table of contents takes its page numbers from the PDF layout; with this record a
    DOCX-only build need not lay the PDF out again. The layout is a function of what the PDF's
    fingerprint covers, so a recorded one gives the same bytes as a new one. One line per
    document; local to the machine (`output/.uvpgen-paginas`, not in git): a missing or
    outdated entry costs one layout."""

    def __init__(self, entries: dict[str, tuple[str, PageLayout]]):
        self.entries = entries  # document stem -> (PDF fingerprint, its layout)
        self.changed = False

    @classmethod
    def read(cls, output_dir: Path) -> LayoutCache:
        """Per line: stem, fingerprint, then `anchor=page` per heading and `start:block[.item]`
        per place a page begins."""
        path = output_dir / LAYOUTS
        entries = {}
        if os.path.lexists(path):
            for line in read_bytes(path, MAX_OUTPUT_BYTES, output_dir).decode("utf-8", errors="replace").splitlines():
                stem, key, *parts = line.split()
                headings = {anchor: int(page) for anchor, _, page in (p.rpartition("=") for p in parts if "=" in p)}
                starts = frozenset(tuple(map(int, p.removeprefix(START).split("."))) for p in parts
                                   if p.startswith(START))
                entries[stem] = (key, PageLayout(headings, starts))
        return cls(entries)

    def get(self, stem: str, key: str) -> PageLayout | None:
        recorded = self.entries.get(stem)
        return recorded[1] if recorded and recorded[0] == key else None

    def put(self, stem: str, key: str, layout: PageLayout) -> None:
        if self.entries.get(stem) != (key, layout):
            self.entries[stem] = (key, layout)
            self.changed = True

    def text(self) -> str:
        def parts(layout: PageLayout) -> str:
            return " ".join([*(f"{a}={p}" for a, p in sorted(layout.headings.items())),
                             *(START + ".".join(map(str, path)) for path in sorted(layout.starts))])
        return "".join(f"{stem} {key} {parts(layout)}\n" for stem, (key, layout) in sorted(self.entries.items()))
