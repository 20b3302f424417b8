"""Shared fixtures: one real build of Enschede's UVP per test session, and readers that turn the
generated DOCX and PDF back into what a person sees (text, tables, headings)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
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
    built by the `alle` and `published` fixtures, and by CI's --check)."""
    formats = [] if "--format" in args else ["--format", "docx,pdf,md"]
    return main(["--output", str(output), *args, *formats], root=root)


@pytest.fixture(scope="session")
def alle(tmp_path_factory) -> tuple[Path, str]:
    """Every UVP of 2025 (`--alle --jobs 2`, all four formats) built once from the repository's
    data and content: the output folder of the year and what the build printed."""
    output = tmp_path_factory.mktemp("alle")
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        assert build(ROOT, output, "--alle", "--jobs", "2", "--format", "docx,pdf,archief,md") == 0
    return output / "2025", stdout.getvalue()


@pytest.fixture(scope="session")
def enschede(alle) -> dict[str, Path]:
    """Enschede's UVP 2025 in its four formats."""
    folder = alle[0] / "enschede"
    return {fmt: folder / f"uvp-2025-enschede{'-archief.pdf' if fmt == 'archief' else '.' + fmt}"
            for fmt in ("docx", "pdf", "archief", "md")}


REPORTS = (("--document", "monitoring", "--periode", "voorjaar"), ("--document", "monitoring", "--periode", "najaar"),
           ("--document", "jaarverslag"))


@pytest.fixture(scope="session")
def published(alle, tmp_path_factory) -> list[Path]:
    """Every document type of 2025 for Enschede and for Twente, as published: the UVPs from
    `alle`, the reports built here in all four formats, two builds at a time. Each path is a
    document without its suffix: <stem>.docx, .pdf, -archief.pdf and .md exist."""
    output = tmp_path_factory.mktemp("rapporten")
    commands = [[sys.executable, str(ROOT / "build.py"), *who, *report, "--format", "docx,pdf,archief,md",
                 "--output", str(output)] for report in REPORTS for who in (("--gemeente", "enschede"), ("--twente",))]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for result in pool.map(lambda command: subprocess.run(command, capture_output=True, text=True), commands):
            assert result.returncode == 0, result.stderr
    reports = sorted(path.with_suffix("") for path in (output / "2025").rglob("*.md"))
    return [alle[0] / "enschede" / "uvp-2025-enschede", alle[0] / "twente" / "uvp-2025-twente", *reports]


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the project's sources, for tests that break them on purpose."""
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def squash(text: str) -> str:
    """Text as a reader perceives it: every run of spaces and line breaks is one space, and a
    word hyphenated at the end of a line (WeasyPrint's U+2010) is whole again."""
    return re.sub(r"\s+", " ", re.sub(r"\u2010\s+", "", text).replace("\u00a0", " ")).strip()


def pdf_pages(path: Path) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(path).pages]


def pdf_page(path: Path, number: int) -> str:
    """The text of one page (1-based): cheaper than reading them all."""
    return squash(PdfReader(path).pages[number - 1].extract_text())


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts."""
    return [[[squash(cell.text) for cell in row.cells] for row in table.rows]
            for table in docx.Document(str(path)).tables]


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
