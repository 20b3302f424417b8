"""The DOCX with tracked changes ("met wijzigingen bijhouden", `build.py --wijzigingen-docx`,
`uvpgen diff OUD NIEUW --docx`): LibreOffice's own "accept all" gives the new version's text and
"reject all" the old one's, paragraph by paragraph and cell by cell; a changed figure is a change
in its cell, a project that came or went a tracked row, a rewritten sentence its changed words."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from checkers import ooxml_says
from conftest import ROOT, build
from uvpgen.cli import main
from uvpgen.document import Deleted, Inserted, Text
from uvpgen.documents import TYPES, Cycle, ProjectPaths
from uvpgen.redline import words
from uvpgen.render.docx import render_docx

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, with python3-uno
MD = "output/2025/hengelo/uvp-2025-hengelo.md"
MONITORING = "output/2025/hengelo/monitoring-najaar-2025-hengelo.md"


def run_cli(project: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args), root=project)
    return code, out.getvalue(), err.getvalue()


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True,
                   capture_output=True)


def hengelo_docx(project: Path) -> bytes:
    """Hengelo's UVP as the build renders its DOCX (without a PDF layout, so without page numbers
    in the contents, as the DOCX with tracked changes has them)."""
    uvp = next(kind for kind in TYPES if kind.key == "uvp")
    document = Cycle(ProjectPaths(project), 2025).documents(uvp, ("hengelo",))["hengelo"]
    return render_docx(document.tree, project / "templates/reference.docx", project / "content")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def versions(project) -> Path:
    """Hengelo's UVP 1.0 committed (tag v1.0), and the sources of version 1.1 with four kinds of
    change: a prognose (its figures ripple through several tables) and a project's hours (its
    table and its page in Bijlage 2), a rewritten sentence, a local project removed and one added,
    and the chapter Ketenpartners moved after the risks."""
    assert build(project, project / "output", "--gemeente", "hengelo", "--format", "md") == 0
    (project / "oud.docx").write_bytes(hengelo_docx(project))
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "versie 1.0")
    git(project, "tag", "v1.0")
    replace(project / "data/2025/document.yaml", 'versie: "1.0"', 'versie: "1.1"')
    replace(project / "data/2025/document.yaml", "  datum: 2024-11-21\n",
            '  datum: 2024-11-28\n  vorige_versie: {versie: "1.0", git: v1.0}\n')
    replace(project / "data/2025/prognose/hengelo.csv", "A1.11.03;5;", "A1.11.03;7;")
    replace(project / "data/2025/projecten.yaml", "capaciteit_uren: 1500", "capaciteit_uren: 1600")
    replace(project / "content/2025/uvp/scope.md", "Het programma geldt voor 2025.",
            "Dit programma geldt voor het hele jaar 2025.")
    replace(project / "data/2025/lokale_projecten.yaml", """  - naam: Bodemonderzoeken uit bouwaanvragen (invoer BIS)
    opdracht: >-
      Invoeren van bodemonderzoeken die bij bouwaanvragen zijn ingediend in
      het Bodeminformatiesysteem.
    capaciteit_uren: 60
""", """  - naam: Geluid bij evenementen
    opdracht: Geluidmetingen bij de grote evenementen in de binnenstad.
    capaciteit_uren: 80
""")
    replace(project / "data/2025/realisatie/jaar/verantwoording.yaml",  # the jaarverslag's account of it
            "naam: Bodemonderzoeken uit bouwaanvragen (invoer BIS)", "naam: Geluid bij evenementen")
    template = project / "templates/uvp.md.j2"
    replace(template, '{% include "_ketenpartners.md.j2" %}\n', "")
    replace(template, '{% include "_risicos.md.j2" %}\n', '{% include "_risicos.md.j2" %}\n\n'
                                                           '{% include "_ketenpartners.md.j2" %}\n')
    (project / "nieuw.docx").write_bytes(hengelo_docx(project))
    return project


def libreoffice_lines(*arguments: str) -> list[list[str]]:
    """Per "accept:file", "reject:file" or "asis:file" the lines LibreOffice reads (tests/libreoffice_text.py)."""
    result = subprocess.run([SYSTEM_PYTHON, str(ROOT / "tests/libreoffice_text.py"), *arguments], capture_output=True,
                            text=True, timeout=300, check=True)
    return json.loads(result.stdout)


def rows(document, marked: str) -> list[str]:
    """The text of the table rows tracked as inserted ("ins") or deleted ("del")."""
    found = []
    for tr in document.element.body.iter(qn("w:tr")):
        if tr.find(f"{qn('w:trPr')}/{qn('w:' + marked)}") is not None:
            found.append(" | ".join("".join(t.text for t in tc.iter(qn("w:t"), qn("w:delText")))
                                    for tc in tr.iter(qn("w:tc"))))
    return found


def changes(element, marked: str) -> list[str]:
    return ["".join(t.text for t in change.iter(qn("w:t"), qn("w:delText")))
            for change in element.iter(qn(f"w:{marked}")) if change.getparent().tag != qn("w:trPr")
            and change.getparent().tag != qn("w:rPr")]


@pytest.mark.skipif(not Path(SYSTEM_PYTHON).exists() or shutil.which("soffice") is None,
                    reason="LibreOffice with python3-uno is not installed")
def test_accept_all_gives_the_new_version_and_reject_all_the_old(versions):
    project = versions
    code, out, err = run_cli(project, "--gemeente", "hengelo", "--wijzigingen-docx")
    assert code == 0, err
    redline = project / "output/2025/hengelo/uvp-2025-hengelo-wijzigingen.docx"
    assert "uvp-2025-hengelo-wijzigingen.docx (met bijgehouden wijzigingen ten opzichte van versie 1.0)" in out

    accepted, rejected, new, old = libreoffice_lines(f"accept:{redline}", f"reject:{redline}",
                                                     f"asis:{project / 'nieuw.docx'}", f"asis:{project / 'oud.docx'}")
    assert new != old
    assert accepted == new
    assert rejected == old

    document = docx.Document(str(redline))
    body = document.element.body
    # A changed figure is a change inside its cell: the row is in both versions.
    row = next(tr for tr in body.iter(qn("w:tr")) if "A1.11.03" in "".join(t.text for t in tr.iter(qn("w:t"))))
    assert row.find(f"{qn('w:trPr')}/{qn('w:ins')}") is None and row.find(f"{qn('w:trPr')}/{qn('w:del')}") is None
    assert (changes(row, "del"), changes(row, "ins")) == (["5", "75"], ["7", "105"])
    # A project's hours: in its row, and in its page of Bijlage 2 (a definition list) in its paragraph.
    row = next(tr for tr in body.iter(qn("w:tr")) if "OD1" in "".join(t.text for t in tr.iter(qn("w:t"))))
    assert (changes(row, "del"), changes(row, "ins")) == (["1.500"], ["1.600"])
    hours = [p for p in body.iter(qn("w:p")) if "".join(t.text for t in p.iter(qn("w:t"))) == "1.600 uur"]
    assert len(hours) == 1 and (changes(hours[0], "del"), changes(hours[0], "ins")) == (["1.500"], ["1.600"])
    # The local projects: one row deleted, one inserted; their total changed in its cell.
    assert rows(document, "del") == ["Bodemonderzoeken uit bouwaanvragen (invoer BIS) | Invoeren van bodemonderzoeken "
                                     "die bij bouwaanvragen zijn ingediend in het Bodeminformatiesysteem. | 60"]
    assert rows(document, "ins") == ["Geluid bij evenementen | Geluidmetingen bij de grote evenementen in de "
                                     "binnenstad. | 80"]
    # The rewritten sentence: its changed words, not the paragraph.
    paragraph = next(p for p in body.iter(qn("w:p")) if "geldt voor" in "".join(t.text for t in p.iter(qn("w:t"))))
    assert ([c.strip() for c in changes(paragraph, "del")], [c.strip() for c in changes(paragraph, "ins")]) == \
        (["Het"], ["Dit", "het hele jaar"])
    # Renumbered chapters change by their number only.
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1" and "Projecten en diensten" in p.text)
    assert (changes(heading._p, "del"), changes(heading._p, "ins")) == (["6"], ["5"])
    # The moved chapter is a Word move: as it was where it was, as it is where it is.
    for kind, text in (("moveFrom", "5 Ketenpartners"), ("moveTo", "7 Ketenpartners")):
        assert [m.get(qn("w:name")) for m in body.iter(qn(f"w:{kind}RangeStart"))] == ["verplaatsing1"]
        assert text in changes(body, kind)
    # Who and when: uvpgen, on the new version's date (document.yaml), never the clock.
    marks = [m for m in body.iter(qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"))]
    assert {(m.get(qn("w:author")), m.get(qn("w:date"))) for m in marks} == {("uvpgen", "2024-11-28T00:00:00Z")}
    ids = [m.get(qn("w:id")) for m in marks]
    assert len(ids) == len(set(ids))
    assert ooxml_says(redline) == []
    assert b"word/fonts/" in redline.read_bytes()  # the house font is embedded
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_unchanged_documents_give_no_tracked_changes_and_say_so(tmp_path):
    md = str(ROOT / MD)
    made = []
    for name in ("een.docx", "twee.docx"):
        code, out, err = run_cli(ROOT, "diff", md, md, "--docx", str(tmp_path / name), "--auteur", "OD Twente")
        assert code == 0, err
        assert "geen wijzigingen" in out
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]  # the same input gives the same bytes
    xml = docx.Document(str(tmp_path / "een.docx")).element.body.xml
    assert "<w:ins " not in xml and "<w:del " not in xml


@pytest.mark.parametrize("arguments, message", [
    (("onbekend", "HEAD", "--bestand", MD), "git kent deze versie of dit bestand niet"),
    ((MD, MD.replace(".md", ".docx")), "het .md-bestand van het document"),
    ((MD, MD.replace("hengelo", "enschede")), "twee verschillende documenten"),
    ((MD, "README.md"), "geen document van uvpgen"),
    ((MONITORING, MONITORING), "de grafieken van dit document staan niet in de Markdown"),
])
def test_bad_input_is_refused_and_nothing_is_written(tmp_path, arguments, message):
    out_file = tmp_path / "uit.docx"
    with contextlib.chdir(ROOT):
        code, _, err = run_cli(ROOT, "diff", *arguments, "--docx", str(out_file))
    assert code == 2 and message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_words_change_where_they_differ():
    old = (Text("Er zijn 7 8 aanvragen in Borne."),)
    new = (Text("Er zijn 9 10 aanvragen in Borne."),)
    assert words(old, new) == (Text("Er zijn "), Deleted((Text("7 8"),)), Inserted((Text("9 10"),)),
                               Text(" aanvragen in Borne."))
    assert words(old, old) == old
    long_old, long_new = (Text(" ".join(["woord"] * 4000)),), (Text(" ".join(["ander"] * 4000)),)
    assert words(long_old, long_new) == (Deleted(long_old), Inserted(long_new))  # too long to compare word by word
