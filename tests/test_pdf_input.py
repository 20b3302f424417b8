"""What the PDF renderer cannot show stops the build with a message, instead of going missing
without a word: pictures WeasyPrint may not or cannot load, characters no shipped font has.
And what it can show stays on the page: a 500-character word, nothing left in /tmp."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT, build, snapshot
from uvpgen.errors import InputError
from uvpgen.document import Meta
from uvpgen.markdown import parse_document
from uvpgen.render.checks import check_text
from uvpgen.render.pdf import layout_pdf, release, write_pdf

EXTERNAL_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="50" height="50"/>'
                '<image href="https://example.org/logo.png" width="50" height="50"/></svg>')


INTRODUCTION = "content/2025/monitoring/inleiding.md"
MONITORING = ("--gemeente", "enschede", "--document", "monitoring", "--periode", "voorjaar", "--format", "pdf")


def add_to_introduction(project, text: str) -> None:
    """Text added to the monitoringsrapportage, the shortest document (the quickest to build)."""
    path = project / INTRODUCTION
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")


@pytest.mark.parametrize("name, message", [
    ("extern.svg", "content/afbeeldingen/extern.svg: afbeelding kan niet in de PDF worden opgenomen "
                   "(waarde: 'Failed to render SVG image afbeelding:afbeeldingen/extern.svg')"),
    ("groot.png", "content/afbeeldingen/groot.png: afbeelding is te groot (waarde: '20000 × 20000 pixels'); "
                  "verwacht: hoogstens 25 megapixel"),
    ("kapot.png", "content/afbeeldingen/kapot.png: afbeelding is onleesbaar"),
])
def test_a_picture_the_pdf_cannot_show_stops_the_build(project, capsys, monkeypatch, name, message):
    folder = project / "content/afbeeldingen"
    folder.mkdir()
    if name == "extern.svg":  # a reference the asset fetcher refuses: WeasyPrint would draw nothing
        (folder / name).write_text(EXTERNAL_SVG, encoding="utf-8")
    elif name == "groot.png":  # 400 megapixel in a 50 kB file
        Image.new("1", (20000, 20000)).save(folder / name, optimize=True)
    else:
        (folder / name).write_bytes(b"\x89PNG\r\n\x1a\nniet meer")
    add_to_introduction(project, f"![Kaart van het werkgebied](afbeeldingen/{name})")
    monkeypatch.chdir(project)  # messages name paths relative to the working directory
    assert build(project, project / "output", *MONITORING) == 2
    assert message in capsys.readouterr().err
    assert snapshot(project / "output") == {}


def test_a_character_no_font_has_stops_the_build(project, capsys, monkeypatch):
    add_to_introduction(project, "Wij gaan ervoor! 😀")
    monkeypatch.chdir(project)
    assert build(project, project / "output", *MONITORING) == 2
    lines = (project / INTRODUCTION).read_text(encoding="utf-8").splitlines()
    assert (f"uvpgen: fout: {INTRODUCTION}, regel {len(lines)}: teken '😀' (U+1F600 GRINNING FACE) "
            "staat niet in het lettertype van de PDF; verwacht: tekens die het lettertype Noto Sans kent"
            in capsys.readouterr().err)
    assert snapshot(project / "output") == {}


def test_a_character_from_the_data_is_shown_in_its_context(project, capsys):
    catalogue = project / "data/pdc.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        'naam: "Melding asbest verwijderen"', 'naam: "Melding asbest verwijderen ☢"'), encoding="utf-8")
    assert build(project, project / "output", *MONITORING) == 2
    err = capsys.readouterr().err
    # the table and the row it is printed in, and the row's text around it
    assert re.search(r"teken '☢' \(U\+2622 RADIOACTIVE SIGN\) staat niet in het lettertype van de PDF in Tabel \d+, "
                     r"rij A1\.35\.03 \(waarde: '[^']*Melding asbest verwijderen ☢ \|", err), err


def pdf_of(markdown: str) -> bytes:
    document = parse_document(markdown, Meta("t", "r", "a"))
    check_text(document, ROOT / "templates")
    laid_out = layout_pdf(document, ROOT / "templates", ROOT / "content")
    try:
        return write_pdf(laid_out, ROOT / "content")["pdf"]
    finally:
        release(laid_out)


def test_a_runaway_paragraph_is_refused_before_layout():
    with pytest.raises(InputError, match="alinea of tabel van 60000 tekens .* verwacht: hoogstens 50000 tekens"):
        pdf_of("Inleiding\n\n" + "woord" * 12_000)


def test_a_very_long_word_wraps_inside_its_column(tmp_path):
    word = "Bodemsaneringsvergunningaanvraag" * 16  # 512 characters, no hyphenation point WeasyPrint knows
    markdown = ("| Code | Soort | Product | Aantal | Totaal (uren) |\n|:--|:--|:--|--:|--:|\n"
                f"| A1.35.03 | outcome | Melding {word} | 470 | 1.410 |\n| A1.35.04 | output | Sloop | 2 | 6 |\n\n"
                f"Een alinea met {word} erin.\n")
    pdf = tmp_path / "lang.pdf"
    pdf.write_bytes(pdf_of(markdown))
    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', words))
    assert right <= 595.3 - 56.7 + 0.5, f"text reaches x = {right:.1f} pt"
    for ordinary in ("A1.35.03", "outcome", "output", "Melding", "1.410"):
        assert f">{ordinary}</word>" in words  # only the long word is broken, the columns keep their width


# Renders two small documents in two worker processes (argv[1]: the project).
TWO_DOCUMENTS = """
import datetime as dt, sys
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[1]) / "src"))
from uvpgen.build import ProjectPaths, render_all
from uvpgen.document import Meta
from uvpgen.markdown import parse_document
from uvpgen.render import Work
meta = Meta("t", "r", "a", "s", "", dt.date(2024, 11, 21))
work = [Work("test-" + slug, parse_document("# Titel " + slug + "\\n\\nTekst.\\n", meta), ("pdf",)) for slug in ("a", "b")]
rendered = render_all(work, ProjectPaths(Path(sys.argv[1])), 2, lambda *args: None)
assert set(rendered) == {"test-a", "test-b"}, list(rendered)
"""


def test_no_temporary_folders_are_left_behind():
    """WeasyPrint copies the fonts into a temporary folder per document; worker processes end
    without cleaning up, so the renderer removes it itself. In a process of its own, so that the
    workers (forked from a server that process starts) see the temporary folder set for it."""
    # Not under tmp_path: the forkserver's socket lives in TMPDIR, and an AF_UNIX path may hold 107
    # bytes, which pytest's own folders (/tmp/pytest-of-root/pytest-390/popen-gw1/test_…) nearly fill.
    folder = Path(tempfile.mkdtemp(prefix="uvp-"))
    try:
        subprocess.run([sys.executable, "-c", TWO_DOCUMENTS, str(ROOT)], check=True,
                       env={**os.environ, "TMPDIR": str(folder)})
        assert list(folder.iterdir()) == []
    finally:
        shutil.rmtree(folder)
