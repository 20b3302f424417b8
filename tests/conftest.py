"""Shared fixtures: the committed output/ (proven current once per session), a writable copy of
the sources, and readers that turn the generated DOCX and PDF back into what a person sees
(text, tables, headings)."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import headless  # noqa: E402
from uvpgen.cli import main  # noqa: E402


def build(root: Path, output: Path, *args: str) -> int:
    """Run the CLI in this process. Without --format: docx, pdf and md (the archival PDF/A is
    read in the committed output/, and rebuilt by test_determinism)."""
    formats = [] if "--format" in args else ["--format", "docx,pdf,md"]
    return main(["--output", str(output), *args, *formats], root=root)


@pytest.fixture(scope="session")
def committed() -> Path:
    """The year's folder of the committed output/, which the tests read back as published. The
    quick check (`build.py --check`, the fingerprints of every source and renderer) proves first
    that it is what the sources produce now; test_determinism proves that a rebuild, in another
    process and time zone, gives the same bytes."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--check"], root=ROOT)
    assert code == 0, f"output/ is niet bij; draai eerst `python build.py`:\n{out.getvalue()}{err.getvalue()}"
    return ROOT / "output" / "2025"


@pytest.fixture(scope="session")
def enschede(committed) -> dict[str, Path]:
    """Enschede's UVP 2025 in its four formats."""
    folder = committed / "enschede"
    return {fmt: folder / f"uvp-2025-enschede{'-archief.pdf' if fmt == 'archief' else '.' + fmt}"
            for fmt in ("docx", "pdf", "archief", "md")}


KINDS = ("uvp", "monitoring-voorjaar", "monitoring-najaar", "jaarverslag")


@pytest.fixture(scope="session")
def published(committed) -> list[Path]:
    """Every document type of 2025 for Enschede and for Twente. Each path is a document without
    its suffix: <stem>.docx, .pdf, -archief.pdf and .md exist."""
    return [committed / slug / f"{kind}-2025-{slug}" for kind in KINDS for slug in ("enschede", "twente")]


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the project's sources, for tests that break them on purpose."""
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def printed_number(text: str) -> Decimal:
    """A printed Dutch number as a reader takes it ('1.410' -> 1410, '12,02%' -> 12.02, '€ 71.034' ->
    71034, '-€ 1.665' -> -1665), not with uvpgen.formatting.parse: a reader that shares the code
    under test could agree with a wrong rule."""
    return Decimal("".join(text.replace("€", "").replace("%", "").split()).replace(".", "").replace(",", "."))


def table_markdown(table, number: int | None) -> str:
    """A table of uvpgen.tables as the canonical Markdown prints it, after its numbered caption."""
    from uvpgen.render.markdown import _MarkdownWriter

    return _MarkdownWriter().block(table.block(number))


def printed_table(markdown: str, table_id: str) -> tuple[list[str], list[list[str]]]:
    """A table of a canonical Markdown text by its id, read as printed (without uvpgen): the header
    and the rows (the total row last), as cell texts."""
    lines = markdown.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("{#" + table_id + " ") or line == "{#" + table_id + "}")
    rows = []
    for line in lines[start + 3:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return [cell.strip() for cell in lines[start + 1].strip("|").split("|")], rows


def squash(text: str) -> str:
    """Text as a reader perceives it: every run of spaces and line breaks is one space, and a
    word hyphenated at the end of a line (WeasyPrint's U+2010) is whole again."""
    return re.sub(r"\s+", " ", re.sub(r"\u2010\s+", "", text).replace("\u00a0", " ")).strip()


def pdf_pages(path: Path) -> list[str]:
    """The text of every page; read once per version of the file (extracting a long PDF takes seconds)."""
    stat = path.stat()
    return list(_pdf_pages(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=16)
def _pdf_pages(path: Path, mtime: int, size: int) -> tuple[str, ...]:
    return tuple(squash(page.extract_text()) for page in PdfReader(path).pages)


def pdf_page(path: Path, number: int) -> str:
    """The text of one page (1-based): cheaper than reading them all."""
    return squash(PdfReader(path).pages[number - 1].extract_text())


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts."""
    return [[[squash(cell.text) for cell in row.cells] for row in table.rows]
            for table in docx.Document(str(path)).tables]


def markdown_tables(path: Path) -> list[list[list[str]]]:
    """Every table of a canonical Markdown file as rows of cell texts, as docx_tables reads them
    from the DOCX (test_review proves the DOCX and the PDF read as their Markdown)."""
    from uvpgen.reading import read_markdown

    return [[[str(cell) for cell in row] for row in (table.header, *table.rows)]
            for table in read_markdown(path.read_text(encoding="utf-8")).tables.values()]


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, in order."""
    return [(p.style.name, squash(p.text)) for p in docx.Document(str(path)).paragraphs]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: to prove a failed build changed nothing."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pdf_structure(path: Path) -> list[tuple[str, str | None]]:
    """The tagged structure of a PDF as (role, alt text) pairs in document order."""
    found: list[tuple[str, str | None]] = []

    def walk(element) -> None:
        element = element.get_object()
        if not isinstance(element, dict):
            return
        if "/S" in element:
            alt = element.get("/Alt")
            found.append((str(element["/S"]), str(alt) if alt is not None else None))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found


def pdf_figure_alts(path: Path) -> list[str | None]:
    return [alt for role, alt in pdf_structure(path) if role == "/Figure"]


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium for the session (tests/headless.py). Where it cannot be installed, the
    tests that need it say so and skip; with CI set (tools/setup.sh installs it there) they fail."""
    lacking = headless.missing()
    if lacking:
        message = f"geen browser voor deze test: {', '.join(lacking)} ontbreekt (sh tools/setup.sh installeert ze)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    driver = headless.chromium(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()
