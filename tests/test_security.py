"""Content and templates cannot reach outside the project; no network; nothing is lost."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import struct
import zlib
from pathlib import Path

import docx
import pytest
from conftest import ROOT, build, pdf_figure_alts, pdf_text, snapshot
from uvpgen.document import Document, Meta
from uvpgen.markdown import build_blocks
from uvpgen.render.html import to_html


def add_to(path, text):
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")


def tiny_png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"\x00\x00\x45\x7c"  # one row, one blue-ish pixel (grey + alpha)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 4, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """Enschede's monitoringsrapportage (the shortest document) built, with the network blocked,
    from an introduction that holds raw HTML and a picture from the asset folder: the stem of the
    built files."""
    project = tmp_path_factory.mktemp("vijandig")
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    (project / "content/afbeeldingen").mkdir()
    (project / "content/afbeeldingen/kaart.png").write_bytes(tiny_png())
    introduction = project / "content/2025/monitoring/inleiding.md"
    add_to(introduction, "<script>alert(1)</script> en <img src=x onerror=alert(2)>")
    add_to(introduction, "![Kaart van het werkgebied van de OD Twente](afbeeldingen/kaart.png)")

    def refuse(*args, **kwargs):
        raise AssertionError("uvpgen tried to use the network")

    with pytest.MonkeyPatch.context() as patch:
        for target, name in ((socket.socket, "connect"), (socket, "create_connection"), (socket, "getaddrinfo")):
            patch.setattr(target, name, refuse)
        assert build(project, project / "output", "--gemeente", "enschede", "--document", "monitoring",
                     "--periode", "voorjaar", "--jobs", "1") == 0
    return project / "output/2025/enschede/monitoring-voorjaar-2025-enschede"


def test_raw_html_is_shown_as_text_not_run(hostile):
    markdown = hostile.with_suffix(".md").read_text(encoding="utf-8")
    # The text alone, without its charts: parse_document would refuse the figures' chart pictures.
    html = to_html(Document(Meta("t", "r", "a"), build_blocks(markdown)))
    assert "<script" not in html and "<img src=x" not in html and "&lt;script&gt;" in html
    assert "<script>alert(1)</script> en <img src=x onerror=alert(2)>" in pdf_text(hostile.with_suffix(".pdf"))
    text = "\n".join(p.text for p in docx.Document(str(hostile.with_suffix(".docx"))).paragraphs)
    assert "<script>alert(1)</script>" in text


def test_content_picture_from_the_asset_folder_with_alt_text(hostile):
    shapes = docx.Document(str(hostile.with_suffix(".docx"))).inline_shapes
    alts = [s._inline.docPr.get("descr") for s in shapes]
    assert alts[0] == "Kaart van het werkgebied van de OD Twente" and len(alts) == 3  # then the two charts
    assert pdf_figure_alts(hostile.with_suffix(".pdf"))[0] == "Kaart van het werkgebied van de OD Twente"


def test_build_with_the_network_blocked(hostile):
    assert sorted(path.name for path in hostile.parent.iterdir()) == [
        f"{hostile.name}.{fmt}" for fmt in ("docx", "md", "pdf")]


@pytest.mark.parametrize("markdown, message", [
    ("![wachtwoorden](file:///etc/passwd)", "afbeelding geweigerd (waarde: 'file:///etc/passwd')"),
    ("![logo](https://example.org/logo.png)", "afbeelding geweigerd (waarde: 'https://example.org/logo.png')"),
    ("![data](../data/deelnemers.yaml)", "afbeelding geweigerd (waarde: '../data/deelnemers.yaml')"),
    ("![pixel](data:image/png;base64,iVBORw0KGgo=)", "afbeelding geweigerd"),
    ("![](afbeeldingen/kaart.png)", "afbeelding zonder alternatieve tekst"),
    ("[zie hier](file:///etc/passwd)", "link geweigerd (waarde: 'file:///etc/passwd')"),
    ("{{ ''.__class__.__mro__ }}", "scope.md, regel 6: niet toegestaan in tekst: access to attribute '__class__'"),
    ("{{ deelnemer.__init__.__globals__ }}", "scope.md, regel 6: niet toegestaan in tekst: access to attribute '__init__'"),
])
def test_content_cannot_reach_outside_the_project(project, capsys, markdown, message):
    (project / "content/afbeeldingen").mkdir()
    (project / "content/afbeeldingen/kaart.png").write_bytes(tiny_png())
    add_to(project / "content/2025/uvp/scope.md", markdown)
    assert build(project, project / "output", "--gemeente", "enschede", "--format", "md") == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert snapshot(project / "output") == {}


def test_a_stylesheet_cannot_fetch_from_the_network(project, capsys):
    css = project / "templates/print.css"
    css.write_text('@import url("https://example.org/huisstijl.css");\n' + css.read_text(encoding="utf-8"),
                   encoding="utf-8")
    assert build(project, project / "output", "--gemeente", "enschede", "--format", "pdf") == 2
    assert "buiten de projectbestanden geweigerd (waarde: 'https://example.org/huisstijl.css')" in capsys.readouterr().err


def test_a_failing_document_in_alle_writes_nothing(project, monkeypatch, capsys):
    from uvpgen.render import docx as docx_module
    real = docx_module.render_docx

    def fail_for_borne(markdown, meta, *args, **kwargs):  # the second document: Almelo's was made
        if "Borne" in meta.title:
            raise RuntimeError("kapot")
        return real(markdown, meta, *args, **kwargs)

    monkeypatch.setattr(docx_module, "render_docx", fail_for_borne)
    output = project / "output"
    (output / "2025" / "almelo").mkdir(parents=True)
    (output / "2025" / "almelo" / "monitoring-voorjaar-2025-almelo.docx").write_bytes(b"vorige versie")
    before = snapshot(output)
    assert build(project, output, "--alle", "--document", "monitoring", "--periode", "voorjaar", "--jobs", "1",
                 "--format", "docx") == 1
    assert "interne fout" in capsys.readouterr().err
    assert snapshot(output) == before
    assert not list(output.rglob("*.uvpgen-tmp"))


def test_ctrl_c_leaves_previous_outputs_and_no_temporary_files(tmp_path):
    output = tmp_path / "output"
    assert build(ROOT, output, "--alle", "--format", "md") == 0
    before = snapshot(output)
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--alle", "--format", "md,docx",
                                "--jobs", "1", "--output", str(output)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(3)  # composing takes about 1,5 s; then it renders document after document
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert "afgebroken" in err.decode()
    assert snapshot(output) == before
    assert not list(tmp_path.rglob("*.uvpgen-tmp"))


# --- one policy for everything that becomes HTML (README, 'Als webpagina') ---------------------

from uvpgen.document import (PARAGRAPH_STYLES, Cell, Chart, Figure, Image, Link, Paragraph, Source, TableBlock,
                             TableRow, Text)
from uvpgen.errors import InputError
from uvpgen.markdown import check_blocks

WRITTEN = Source("content/2025/uvp/scope.md", 7)


def table(text: str) -> TableBlock:
    return TableBlock("t", 1, (Text("Tabel"),), (Cell((Text("Naam"),)),), (False,),
                      (TableRow("a", (Cell((Text(text),)),)),), source=Source("templates/uvp.md.j2"))


@pytest.mark.parametrize("blocks, message", [
    ((Paragraph((Link("javascript:alert(1)", (Text("klik"),)),), None, WRITTEN),),
     "content/2025/uvp/scope.md, regel 7: link geweigerd (waarde: 'javascript:alert(1)')"),
    ((Paragraph((Image("https://example.org/p.png", (Text("p"),)),), None, WRITTEN),),
     "regel 7: afbeelding geweigerd (waarde: 'https://example.org/p.png')"),
    ((Paragraph((Text("titel"),), "naar-tekst", WRITTEN),), "attribuut of klasse die de huisstijl niet kent"),
    ((table("Toets\u202eactualisatie"),), "templates/uvp.md.j2: onzichtbaar richtingsteken U+202E"),
    ((Figure(1, (Text("Uren"),), Image("grafiek:andere", (Text("uren"),), "andere"), "figuur-andere"),),
     "afbeelding geweigerd (waarde: 'grafiek:andere')"),
])
def test_the_assembled_document_is_checked_whatever_part_it_came_from(blocks, message):
    """The check on the whole document, which compose runs for every document: parts compose built
    itself (a table's cells, a figure) and text from any file are held to the same policy."""
    with pytest.raises(InputError) as refused:
        check_blocks(blocks, (Chart("uren", "staaf", ("a",), (("b", (1.0,)),), "uren"),))
    assert message in str(refused.value)


def test_the_declared_classes_are_those_the_docx_has_styles_for():
    from uvpgen.render.docx import CLASS_STYLES
    assert set(CLASS_STYLES) == set(PARAGRAPH_STYLES)


# --- paths that stay inside (uvpgen.paths): every folder on the way is checked, not only the file ---

def test_a_linked_folder_anywhere_on_the_way_is_refused_and_named(tmp_path):
    from uvpgen.errors import InputError
    from uvpgen.limits import read_bytes

    (tmp_path / "elders").mkdir()
    (tmp_path / "elders/tekst.md").write_text("van elders", encoding="utf-8")
    (tmp_path / "project/content/2025").mkdir(parents=True)
    os.symlink(tmp_path / "elders", tmp_path / "project/content/2025/enschede")
    with pytest.raises(InputError) as refused:
        read_bytes(tmp_path / "project/content/2025/enschede/tekst.md", 1000)
    assert refused.value.path == tmp_path / "project/content/2025/enschede"
    assert "deze map is een koppeling (symlink)" in str(refused.value)


def test_a_path_with_dot_dot_is_refused_even_when_it_comes_back(tmp_path):
    from uvpgen.errors import InputError
    from uvpgen.limits import read_bytes

    (tmp_path / "content").mkdir()
    (tmp_path / "content/tekst.md").write_text("tekst", encoding="utf-8")
    with pytest.raises(InputError, match=r"pad met '\.\.'"):
        read_bytes(tmp_path / "content/../content/tekst.md", 1000)


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    from uvpgen.errors import InputError
    from uvpgen.limits import read_bytes

    os.mkfifo(tmp_path / "pijp.csv")
    signal.alarm(5)  # a read that blocks fails the test instead of hanging it
    try:
        with pytest.raises(InputError, match="dit is geen gewoon bestand"):
            read_bytes(tmp_path / "pijp.csv", 1000)
    finally:
        signal.alarm(0)


def test_the_folder_a_read_starts_from_may_be_a_link_but_nothing_below_it(tmp_path):
    """`inside`: output/ on a share, or the folder git put a copy in for `uvpgen textconv`."""
    from uvpgen.errors import InputError
    from uvpgen.limits import read_bytes

    (tmp_path / "gedeeld/2025").mkdir(parents=True)
    (tmp_path / "gedeeld/manifest.txt").write_text("bestand", encoding="utf-8")
    os.symlink(tmp_path / "gedeeld", tmp_path / "output")
    os.symlink(tmp_path / "gedeeld/2025", tmp_path / "gedeeld/2026")
    assert read_bytes(tmp_path / "output/manifest.txt", 100, inside=tmp_path / "output") == b"bestand"
    with pytest.raises(InputError, match="deze map is een koppeling"):
        read_bytes(tmp_path / "output/manifest.txt", 100)  # from the file system's root, output is a link
    with pytest.raises(InputError, match="deze map is een koppeling"):
        read_bytes(tmp_path / "output/2026/x.md", 100, inside=tmp_path / "output")


def test_a_write_through_a_link_in_the_output_folder_lands_nowhere(tmp_path):
    from uvpgen.build import Transaction
    from uvpgen.errors import InputError

    (tmp_path / "elders").mkdir()
    (tmp_path / "output").mkdir()
    os.symlink(tmp_path / "elders", tmp_path / "output/2025")
    with pytest.raises(InputError, match="output/2025: deze map is een koppeling"):
        Transaction(tmp_path / "output").write({tmp_path / "output/2025/enschede/uvp.md": b"tekst"})
    assert list((tmp_path / "elders").iterdir()) == []
    Transaction(tmp_path / "output").write({tmp_path / "output/2026/enschede/uvp.md": b"tekst"})
    assert (tmp_path / "output/2026/enschede/uvp.md").read_bytes() == b"tekst"


def test_a_picture_in_a_linked_folder_is_refused_before_it_is_read(tmp_path):
    from uvpgen.document import asset_path
    from uvpgen.errors import InputError

    (tmp_path / "elders").mkdir()
    (tmp_path / "elders/kaart.png").write_bytes(tiny_png())
    (tmp_path / "content").mkdir()
    os.symlink(tmp_path / "elders", tmp_path / "content/afbeeldingen")
    with pytest.raises(InputError, match="content/afbeeldingen: deze map is een koppeling"):
        asset_path(tmp_path / "content", "afbeeldingen/kaart.png")


DOCTYPE = '<?xml version="1.0" encoding="{}"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'


@pytest.mark.parametrize("encoding, declared, problem", [
    ("utf-8", "UTF-8", "DOCTYPE"),
    ("utf-8-sig", "UTF-8", "DOCTYPE"),
    ("utf-16", "UTF-16", "DOCTYPE"),        # with a byte order mark
    ("utf-16-le", "UTF-16", "DOCTYPE"),     # without one
    ("utf-16-be", "UTF-16", "DOCTYPE"),
    ("utf-32", "UTF-32", "tekenset"),       # Office never writes it: refused, DOCTYPE or not
    ("utf-32-be", "UTF-32", "tekenset"),
    ("latin-1", "ISO-8859-1", "tekenset"),
    ("cp037", "EBCDIC-CP-US", "tekenset"),
])
def test_a_doctype_is_found_in_every_encoding_xml_allows(encoding, declared, problem):
    from uvpgen.limits import xml_problem

    assert problem in xml_problem(DOCTYPE.format(declared).encode(encoding))
    clean = DOCTYPE.format(declared).replace('<!DOCTYPE a [<!ENTITY b "c">]>', "").replace("&b;", "")
    assert (xml_problem(clean.encode(encoding)) is None) == (problem == "DOCTYPE")


def test_a_part_that_is_not_xml_is_not_searched():
    from uvpgen.limits import xml_problem

    assert xml_problem(tiny_png()) is None
