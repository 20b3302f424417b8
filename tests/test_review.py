"""Reviewable documents: --check guards output/, textconv shows text, and the change report
lists exactly the figure and the sentence that changed — matched by identity, never invented,
and the same whether it reads the .md, the .docx or the .pdf."""

from __future__ import annotations

import contextlib
import difflib
import io
import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build, snapshot
from uvpgen.cli import main
from uvpgen.formatting import parse, percentage, quantity
from uvpgen.reading import read
from uvpgen.review import change_report, textconv


@pytest.fixture(scope="session")
def every_markdown(committed) -> list[Path]:
    """Every document of the year (all types, every deelnemer and Twente) as canonical Markdown."""
    return sorted(committed.rglob("*.md"))


@pytest.fixture(scope="session")
def three_kinds(committed) -> dict[str, Path]:
    """A UVP, a monitoring report and a jaarverslag in .md, .docx and .pdf (paths without suffix)."""
    return {"uvp": committed / "enschede/uvp-2025-enschede",
            "monitoring": committed / "hengelo/monitoring-najaar-2025-hengelo",
            "jaarverslag": committed / "hengelo/jaarverslag-2025-hengelo"}


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_one_figure_and_one_sentence(project, committed):
    output = project / "output"
    folder = output / "2025" / "enschede"
    shutil.copytree(committed / "enschede", folder)  # the published version: what the sources give now
    before = {fmt: (folder / f"uvp-2025-enschede.{fmt}") for fmt in ("md", "docx", "pdf")}
    old_text = {fmt: textconv(path) if fmt != "pdf" else None for fmt, path in before.items()}
    old_md = before["md"].read_text(encoding="utf-8")

    # One aantal (Melding asbest verwijderen 470 -> 480) and one sentence in the content.
    prognose = project / "data/2025/prognose/enschede.csv"
    prognose.write_text(prognose.read_text(encoding="utf-8").replace("A1.35.03;470;", "A1.35.03;480;"), encoding="utf-8")
    scope = project / "content/2025/uvp/scope.md"
    scope.write_text(scope.read_text(encoding="utf-8").replace(
        "Het programma geldt voor 2025.", "Het programma geldt voor het hele jaar 2025."), encoding="utf-8")

    stale = snapshot(output)
    assert build(project, output, "--gemeente", "enschede", "--check", "--document", "uvp", "--format", "md") == 3
    assert snapshot(output) == stale  # --check writes nothing

    old_copy = {fmt: project / f"oud.{fmt}" for fmt in ("md", "docx", "pdf")}
    old_copy["md"].write_text(old_md, encoding="utf-8")
    for fmt in ("docx", "pdf"):
        shutil.copy(before[fmt], old_copy[fmt])
    assert build(project, output, "--gemeente", "enschede") == 0

    # textconv differs in exactly those places: the row, the totals it feeds, and the sentence.
    diff = changed_lines(old_text["docx"], textconv(before["docx"]))
    sentence = ("Het programma geldt voor {}2025. Gedurende het jaar volgen wij de uitvoerings- en "
                "handhavingswerkzaamheden (U&H-werkzaamheden) en in het voorjaar en het najaar verschijnt hierover "
                "een monitoringsrapportage. Als het jaar voorbij is, beoordeelt het jaarverslag VTHA of de geplande "
                "werkzaamheden zijn uitgevoerd en of de geprioriteerde beleidsdoelen uit dit UVP zijn bereikt.")
    # The capacity balance (4.4) worked by hand, not read from output/: needed hours are the
    # reference's 5.369 + 8.972 + 1.191 + 1.155 + 739 + 1.406 + 300 = 19.132 (test_uvp_document);
    # data/2025/capaciteit.yaml gives € 110,99 an hour, 1.300 hours an fte and Enschede's formatie
    # 4,10 + 6,60 + 0,80 + 0,90 + 0,57 + 1,08 + 0,23 = 14,28 fte = 18.564 hours, per part
    # 5.330, 8.580, 1.040, 1.170, 741, 1.404, 299 hours.
    #   gap: 19.132 - 18.564 = 568; vergunningen 5.369 - 5.330 = 39, toezicht 8.972 - 8.580 = 392,
    #   handhaving 1.191 - 1.040 = 151; diensten (+2) and lokaal (+1) are under a hundredth fte
    #   (13 hours), so no shortage.
    #   euros: each part's hours x € 110,99 rounded half up, the total the sum of the parts:
    #   needed 595.905 (5.369 x 110,99 = 595.905,31) + 995.802 + 132.189 + 128.193 + 82.022 + 156.052
    #   + 33.297 = 2.123.460 (rounding 19.132 x 110,99 = 2.123.460,68 instead would print 2.123.461);
    #   available 591.577 (5.330 x 110,99 = 591.576,70) + 952.294 + 115.430 + 129.858 + 82.244
    #   + 155.830 + 33.186 = 2.060.419 (not 18.564 x 110,99 = 2.060.418,36); gap 63.041.
    #   vergunningen € 595.905 - € 591.577 = 4.328.
    # After the change, vergunningen needs 30 hours more (10 x kental 3): 5.399, total 19.162, gap
    # 598 and 69; 5.399 x 110,99 = 599.235,01 -> 599.235, so 2.126.790, gaps 66.371 and 7.658.
    # Both sentences rest on the illustrative formatie, and say so (issue 23).
    balance = "In totaal is {} uur nodig en 18.564 uur beschikbaar: een tekort van {} uur, ofwel € {} (illustratief)."
    shortages = ("Tekorten zijn er bij vergunningen ({} uur), toezicht (392 uur) en handhaving (151 uur) (illustratief). Lukt het "
                 "niet dat op te vangen, dan gaat de capaciteit eerst naar de bedrijven met het hoogste risico en "
                 "schuift werk met een laag risico op; de monitoringsrapportages laten zien of dat nodig is.")
    expected = [
        "-" + sentence.format(""), "+" + sentence.format("het hele jaar "),
        "-| Vergunningen (4.1) | 5.369 |", "+| Vergunningen (4.1) | 5.399 |",
        "-| Totaal | 19.132 |", "+| Totaal | 19.162 |",
        "-| A1.35.03 | Melding asbest verwijderen | 470 | 3 | 1.410 |",
        "+| A1.35.03 | Melding asbest verwijderen | 480 | 3 | 1.440 |",
        "-| | Totaal benodigde capaciteit | | | 5.369 |", "+| | Totaal benodigde capaciteit | | | 5.399 |",
        # The capacity balance (4.4) needs what the programme needs: its sentences follow its figures.
        "-" + balance.format("19.132", "568", "63.041"), "-" + shortages.format("39"),
        "+" + balance.format("19.162", "598", "66.371"), "+" + shortages.format("69"),
        "-| Vergunningen | 5.369 | 4,10 | 5.330 | +39 | € 595.905 | € 591.577 | +€ 4.328 |",
        "+| Vergunningen | 5.399 | 4,10 | 5.330 | +69 | € 599.235 | € 591.577 | +€ 7.658 |",
        "-| Totaal | 19.132 | 14,28 | 18.564 | +568 | € 2.123.460 | € 2.060.419 | +€ 63.041 |",
        "+| Totaal | 19.162 | 14,28 | 18.564 | +598 | € 2.126.790 | € 2.060.419 | +€ 66.371 |",
    ]
    def plain(lines: list[str]) -> list[str]:  # DOCX tables and Markdown differ in blank lines and no-break spaces
        return [line.replace("\u00a0", " ") for line in lines if line not in "+-"]
    assert plain(diff) == expected
    assert plain(changed_lines(old_text["md"], textconv(before["md"]))) == expected
    assert "A1.35.03 Melding asbest verwijderen 480 3 1.440" in textconv(before["pdf"])

    # The change report names exactly that figure, with its recomputed totals, and that section.
    code, report, _ = run_cli("diff", str(old_copy["md"]), str(before["md"]))
    assert code == 0
    assert "Prognose vergunningen 2025, A1.35.03: Aantal 470 → 480 (Δ +10); Totaal (uren) 1.410 → 1.440 (Δ +30)" in report
    assert "Prognose vergunningen 2025, Totaal benodigde capaciteit: Totaal (uren) 5.369 → 5.399 (Δ +30)" in report
    assert "Benodigde capaciteit 2025 voor de gemeente Enschede (uren), Vergunningen (4.1): Capaciteit (uren) 5.369 → 5.399 (Δ +30)" in report
    assert "1.2 Scope van het programma: … uitvoeren. Het programma geldt voor {+het hele jaar+} 2025. Gedurende" in report
    assert "Tekst gewijzigd:\n  1.2 Scope van het programma" in report
    sections_changed = [line for line in report.split("Tekst gewijzigd:")[1].splitlines() if line.startswith("  ")]
    assert [line.split(":")[0].strip() for line in sections_changed] == ["1.2 Scope van het programma",
                                                                          "4.4 Capaciteit en middelen"]
    assert "Secties toegevoegd" not in report and "Secties vervallen" not in report

    # Two mailed versions, .docx or .pdf, report the same rows and sections as their .md.
    for fmt in ("docx", "pdf"):
        code, mailed, _ = run_cli("diff", str(old_copy[fmt]), str(before[fmt]))
        assert code == 0 and "(begin)" not in mailed
        assert outline(mailed) == outline(report)


def outline(report: str) -> list[str]:
    """A report without its title and without the changed words: which figures, which sections."""
    return [line.split(": …")[0] for line in report.splitlines()[1:]]


def test_textconv_of_a_docx_shows_tables_as_rows():
    code, text, _ = run_cli("textconv", str(ROOT / "output/2025/enschede/uvp-2025-enschede.docx"))
    assert code == 0 and "| Code | Product | Aantal | Kental (uren) | Totaal (uren) |" in text


def test_change_appendix_from_the_previous_version_in_git(project):
    import subprocess

    def git(*args):
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)

    assert build(project, project / "output", "--gemeente", "enschede", "--format", "md") == 0
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "versie 1.0")
    git("tag", "v1.0")
    document = project / "data/2025/document.yaml"
    text = document.read_text(encoding="utf-8").replace('versie: "1.0"', 'versie: "1.1"', 1)
    document.write_text(text.replace("  datum: 2024-11-21\n",
                                     '  datum: 2024-11-28\n  vorige_versie: {versie: "1.0", git: v1.0}\n'),
                        encoding="utf-8")
    prognose = project / "data/2025/prognose/enschede.csv"
    prognose.write_text(prognose.read_text(encoding="utf-8").replace("A1.35.03;470;", "A1.35.03;480;"), encoding="utf-8")
    assert build(project, project / "output", "--gemeente", "enschede", "--format", "md", "--document-appendix") == 0
    text = (project / "output/2025/enschede/uvp-2025-enschede.md").read_text(encoding="utf-8")
    appendix = text.split("# Wijzigingen ten opzichte van versie 1.0")[1]
    assert "- Prognose vergunningen 2025, A1.35.03: Aantal 470 → 480 (Δ +10); Totaal (uren) 1.410 → 1.440 (Δ +30)" in appendix
    assert "Versie 1.1 · concept · 28 november 2024" in text  # its adoption in document.yaml is illustrative


def test_every_document_compared_with_itself_has_no_changes(every_markdown):
    assert len(every_markdown) == 64
    invented = {}
    for path in every_markdown:
        reading = read(path)
        report = change_report(reading, reading, path.name)
        if report != f"Wijzigingen in {path.name}\nGeen wijzigingen.\n":
            invented[path.name] = report
    assert invented == {}


def reordered(markdown: str) -> str:
    """Every table's rows shuffled (the header stays on top) and every heading and caption renumbered."""
    def shuffle(match: re.Match) -> str:
        header, delimiter, *rows = match[0].splitlines()
        random.Random(len(rows)).shuffle(rows)
        return "\n".join([header, delimiter, *rows]) + "\n"

    shuffled = re.sub(r"(?m)(?:^\|.*\n)+", shuffle, markdown)
    renumbered = re.sub(r"(?m)^(#+ )(\d+)", lambda m: f"{m[1]}{int(m[2]) + 1}", shuffled)
    return re.sub(r"(?m)^(Tabel|Figuur) (\d+)", lambda m: f"{m[1]} {int(m[2]) + 2}", renumbered)


@pytest.mark.parametrize("name", ["enschede/uvp-2025-enschede", "twente/uvp-2025-twente",
                                  "hengelo/monitoring-voorjaar-2025-hengelo", "twente/jaarverslag-2025-twente"])
def test_reordered_rows_and_renumbered_headings_are_no_change(every_markdown, name):
    [path] = [p for p in every_markdown if p.as_posix().endswith(f"/{name}.md")]
    text = path.read_text(encoding="utf-8")
    assert reordered(text) != text
    assert change_report(text, reordered(text), "x") == "Wijzigingen in x\nGeen wijzigingen.\n"


def with_cell(markdown: str, row_start: str, column: int, change) -> tuple[str, str, str]:
    """The Markdown with one cell of the one table row that starts with `row_start` changed; the
    cell's old and new text."""
    [line] = [line for line in markdown.splitlines() if line.startswith(row_start)]
    cells = line.split("|")
    old = cells[column].strip()
    cells[column] = f" {change(old)} "
    return markdown.replace(line, "|".join(cells)), old, change(old)


@pytest.mark.parametrize("name, row_start, column, change, expected", [
    # Hengelo has two local projects: the Twentse UVP's rows share their first cell.
    ("twente/uvp-2025-twente", "| Hengelo | Bodemonderzoeken uit bouwaanvragen (invoer BIS) |", -2,
     lambda old: quantity(parse(old) + 10),
     "Lokale projecten van de deelnemers 2025 (illustratief), Hengelo / Bodemonderzoeken uit bouwaanvragen (invoer BIS): "
     "Capaciteit (uren) {old} → {new} (Δ +10)"),
    # Four indicator rows start with "Naleefgedrag".
    ("hengelo/jaarverslag-2025-hengelo", "| Naleefgedrag | Opvolgend naleefgedrag |", -3,
     lambda old: percentage(parse(old) + 1, 1),
     "Indicatoren van de doelen uit het uitvoeringsprogramma 2025 (illustratief), Naleefgedrag / Opvolgend naleefgedrag: "
     "2025 {old} → {new} (Δ +1)"),
], ids=["two-local-projects-of-hengelo", "indicators-of-one-goal"])
def test_rows_that_share_a_first_cell_are_never_confused(every_markdown, name, row_start, column, change, expected):
    [path] = [p for p in every_markdown if p.as_posix().endswith(f"/{name}.md")]
    text = path.read_text(encoding="utf-8")
    changed, old, new = with_cell(text, row_start, column, change)
    assert change_report(text, changed, "x") == f"Wijzigingen in x\nCijfers:\n  {expected.format(old=old, new=new)}\n"


@pytest.mark.parametrize("kind", ["uvp", "monitoring", "jaarverslag"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_docx_and_the_pdf_read_as_their_markdown(three_kinds, kind, fmt):
    """What a secretary receives by mail reads as what the reviewer compares in git."""
    path = three_kinds[kind]
    markdown = read(path.with_suffix(".md"))
    assert change_report(markdown, read(path.with_suffix(f".{fmt}"))) == "Wijzigingen\nGeen wijzigingen.\n"
    assert len(markdown.tables) > 5 and len(markdown.sections) > 10


def test_a_budget_once_over_refuses_every_later_step():
    """pypdf catches errors from our callbacks inside a form and reads on: the next step must
    refuse again, whatever it spends."""
    from uvpgen.errors import InputError
    from uvpgen.limits import Budget

    budget = Budget("data/x.pdf")
    budget.spend(10, 10, "bytes")
    with pytest.raises(InputError, match="meer dan 10 bytes"):
        budget.spend(1, 10, "bytes")
    with pytest.raises(InputError, match="meer dan 10 bytes"):
        budget.at_most(0, 5, "pagina's")
