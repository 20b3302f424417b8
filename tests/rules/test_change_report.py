"""The change report (`uvpgen diff`, the change appendix), one case per kind of change.

Every test takes one small canonical Markdown document, shaped like ours (numbered headings,
captioned tables whose rows are keyed by a product or project code), makes exactly one change
and asserts the whole report: exactly that change, nothing else. Each expected report is
written out by hand.
"""

from __future__ import annotations

import contextlib
import io
from textwrap import dedent

import pytest

from uvpgen import review
from uvpgen.cli import main
from uvpgen.document import Document, Meta
from uvpgen.render.markdown import write_markdown
from uvpgen.review import change_report

INLEIDING = """
    # 1 Inleiding

    Dit uitvoeringsprogramma beschrijft welke taken de Omgevingsdienst Twente (OD Twente) in 2025 uitvoert voor de gemeente Enschede.
"""
ONTWIKKELINGEN = """
    # 2 Ontwikkelingen

    De OD Twente staat aan het begin van een nieuwe fase.
"""
OMGEVINGSWET = """
    ## 2.1 Omgevingswet

    Sinds 1 januari 2024 geldt de Omgevingswet. De ramingen zijn opgebouwd uit de producten van de PDC Omgevingswet.
"""
BODEM = """
    ## 2.2 Bodem

    Gemeenten stellen hun bodembeleid op onder de Omgevingswet. De OD Twente adviseert daarbij over de bodemkwaliteitskaart en de regels voor grondverzet.
"""
GEDRAGSSTURING = """
    ## 2.3 Gedragssturing

    Met gedragssturing bevorderen wij dat bedrijven de regels uit zichzelf naleven.
"""
VERGUNNINGEN = """
    # 3 Vergunningen

    De prognose telt per product het verwachte aantal en de benodigde uren.

    {.bijschrift}
    Tabel 1 Prognose vergunningen 2025

    {#prognose-vergunningen}
    | Code | Product | Aantal | Totaal (uren) |
    |:--|:--|--:|--:|
    | A1.01.00 | Omgevingsvergunning bouwen | 120 | 1.800 |
    | A1.17.00 | Omgevingsvergunning milieu | 32 | 640 |
    | A1.35.03 | Melding asbest verwijderen | 470 | 1.410 |
"""
TOEZICHT = """
    # 4 Toezicht

    Met toezicht gaan wij na of de regels worden nageleefd.

    {.bijschrift}
    Tabel 2 Projecten toezicht 2025

    {#projecten-toezicht}
    | Code | Project | Capaciteit (uren) | Status |
    |:--|:--|--:|:--|
    | OD1 | Omgevingswet | 1.500 | Lopend |
    | OD2 | Stikstof: Lbv en Lbv+ | 500 | Lopend |
    | OD5 | Project lozen buiten inrichtingen | 250 | Afgerond |
"""


def document(*parts: str) -> str:
    """Canonical Markdown from its parts (headings with their text and tables), in this order."""
    return "\n".join(dedent(part).strip() + "\n" for part in parts)


BASE = document(INLEIDING, ONTWIKKELINGEN, OMGEVINGSWET, BODEM, GEDRAGSSTURING, VERGUNNINGEN, TOEZICHT)
NO_CHANGES = "Wijzigingen\nGeen wijzigingen.\n"


def edited(old: str, new: str, base: str = BASE) -> str:
    """The document with its one occurrence of `old` replaced: a change that surely happened, once."""
    assert base.count(old) == 1, old
    return base.replace(old, new)


LAST_ROW = "| A1.35.03 | Melding asbest verwijderen | 470 | 1.410 |\n"
# Two rows without a code: the code alone no longer tells every row apart.
WITH_TWO_TOTALS = edited(LAST_ROW, LAST_ROW + "| | Totaal benodigde capaciteit | | 3.850 |\n"
                                              "| | Totaal beschikbare capaciteit | | 3.600 |\n")
# A heading text that occurs twice: chapter 4 "Toezicht" and section 3.1 "Toezicht".
TOEZICHT_BIJ_VERGUNNINGEN = """
    ## 3.1 Toezicht

    Ook bij vergunningen speelt toezicht een rol.
"""


def test_a_changed_number_cell():
    new = edited("| A1.17.00 | Omgevingsvergunning milieu | 32 | 640 |",
                 "| A1.17.00 | Omgevingsvergunning milieu | 32 | 650 |")
    assert change_report(BASE, new) == (
        "Wijzigingen\n"
        "Cijfers:\n"
        "  Prognose vergunningen 2025, A1.17.00: Totaal (uren) 640 → 650 (Δ +10)\n")


def test_a_reviewer_sees_the_same_report_from_the_cli(tmp_path):
    old, new = tmp_path / "oud.md", tmp_path / "nieuw.md"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(edited("| 32 | 640 |", "| 32 | 650 |"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["diff", str(old), str(new)])
    assert (code, out.getvalue(), err.getvalue()) == (0, (
        "Wijzigingen in nieuw.md\n"
        "Cijfers:\n"
        "  Prognose vergunningen 2025, A1.17.00: Totaal (uren) 640 → 650 (Δ +10)\n"), "")


STATUS = ("| 500 | Lopend |", "| 500 | Afgerond |", "  Projecten toezicht 2025, OD2: Status Lopend → Afgerond")
PRODUCT = ("| Omgevingsvergunning milieu |", "| Omgevingsvergunning milieubelastende activiteit |",
           "  Prognose vergunningen 2025, A1.17.00: Product Omgevingsvergunning milieu → "
           "Omgevingsvergunning milieubelastende activiteit")


@pytest.mark.parametrize("base, old, new, expected", [
    (BASE, *STATUS),
    (BASE, *PRODUCT),
    (WITH_TWO_TOTALS, *PRODUCT),  # two rows without a code do not make every row's identity longer
], ids=["status-word", "product-name", "product-name-in-a-table-with-two-total-rows"])
def test_a_changed_text_cell(base, old, new, expected):
    assert change_report(base, edited(old, new, base)) == f"Wijzigingen\nCijfers:\n{expected}\n"


def test_an_added_row():
    row = "| A1.01.00 | Omgevingsvergunning bouwen | 120 | 1.800 |\n"
    new = edited(row, row + "| A1.05.00 | Omgevingsvergunning slopen | 40 | 200 |\n")  # not at the end
    assert change_report(BASE, new) == (
        "Wijzigingen\n"
        "Cijfers:\n"
        "  Prognose vergunningen 2025 — nieuwe rij: A1.05.00 | Omgevingsvergunning slopen | 40 | 200\n")


def test_a_removed_row():
    new = edited("| A1.17.00 | Omgevingsvergunning milieu | 32 | 640 |\n", "")  # not the last row
    assert change_report(BASE, new) == (
        "Wijzigingen\n"
        "Cijfers:\n"
        "  Prognose vergunningen 2025 — rij vervallen: A1.17.00 | Omgevingsvergunning milieu | 32 | 640\n")


def test_a_rewritten_paragraph():
    new = edited("adviseert daarbij over", "ondersteunt hen bij")
    assert change_report(BASE, new) == (
        "Wijzigingen\n"
        "Tekst gewijzigd:\n"
        "  2.2 Bodem: … de Omgevingswet. De OD Twente [-adviseert daarbij over-] {+ondersteunt hen bij+} "
        "de bodemkwaliteitskaart en de regels …\n")


@pytest.mark.parametrize("more", [
    (),
    (TOEZICHT_BIJ_VERGUNNINGEN,),  # a heading that occurs twice does not make every section's identity longer
], ids=["every-heading-unique", "a-heading-occurs-twice"])
def test_a_moved_section(more):
    """2.3 Gedragssturing moves, unchanged, to the end of chapter 4 as 4.1. The report has no
    notion of "moved": pinned here is what it does, which is to say nothing, as the section is
    matched by its heading without its number. Never a section removed plus a section added."""
    moved = GEDRAGSSTURING.replace("## 2.3 Gedragssturing", "## 4.1 Gedragssturing")
    old = document(INLEIDING, ONTWIKKELINGEN, OMGEVINGSWET, BODEM, GEDRAGSSTURING, VERGUNNINGEN, *more, TOEZICHT)
    new = document(INLEIDING, ONTWIKKELINGEN, OMGEVINGSWET, BODEM, VERGUNNINGEN, *more, TOEZICHT, moved)
    assert change_report(old, new) == NO_CHANGES


def test_a_renumbered_chapter():
    assert change_report(BASE, edited("# 4 Toezicht", "# 5 Toezicht")) == NO_CHANGES


def test_a_renumbered_table_caption():
    assert change_report(BASE, edited("Tabel 2 Projecten", "Tabel 3 Projecten")) == NO_CHANGES


def test_no_change():
    assert change_report(BASE, document(INLEIDING, ONTWIKKELINGEN, OMGEVINGSWET, BODEM, GEDRAGSSTURING,
                                        VERGUNNINGEN, TOEZICHT)) == NO_CHANGES


def test_the_appendix_is_the_same_changes_as_document_blocks():
    """The change appendix (--document-appendix) is written from the same list of changes as the
    report, not from its text: added words in bold, removed words as "(was: ...)"."""
    new = edited("| A1.17.00 | Omgevingsvergunning milieu | 32 | 640 |",
                 "| A1.17.00 | Omgevingsvergunning milieu | 32 | 650 |")
    new = edited("De OD Twente staat aan het begin van een nieuwe fase.",
                 "De OD Twente staat aan het einde van een nieuwe fase.", new)
    changes = review.changes(BASE, new)
    assert [(change.group, change.table, change.row, change.cells) for change in changes.changes] == [
        (review.Group.FIGURES, "Prognose vergunningen 2025", "A1.17.00",
         (review.CellChange("Totaal (uren)", "640", "650"),)),
        (review.Group.TEXT, "", "", ())]
    appendix = write_markdown(Document(Meta("t", "r", "a"), changes.blocks("Wijzigingen ten opzichte van versie 1.0")))
    assert appendix == dedent("""\
        # Wijzigingen ten opzichte van versie 1.0

        **Cijfers**

        - Prognose vergunningen 2025, A1.17.00: Totaal (uren) 640 → 650 (Δ +10)

        **Tekst gewijzigd**

        - 2 Ontwikkelingen: … OD Twente staat aan het (was: begin) **einde** van een nieuwe fase. …
        """)
