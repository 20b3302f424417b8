"""The claims check in the build: a composed document whose sentence contradicts its table, or
whose table contradicts its own label, is not written; the error names the template and line.

The committed output/ holds the 64 documents of 2025, each composed through this check, so none of
them contradicts itself in the ways uvpgen.claims knows (tests/rules/test_claims_rules.py works
each rule out by hand). Here the check is shown to run in the real build, on deliberately
contradicting inputs.
"""

from __future__ import annotations

import contextlib
import io
import re
from decimal import ROUND_HALF_UP, Decimal

from conftest import build, snapshot


def run(project, *args) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = build(project, project / "output", "--format", "md", *args)
    return code, err.getvalue()


def test_a_template_sentence_that_says_another_figure_than_its_table(project):
    """Borne's capacity sentence says the total difference is 7 hours; make the template say 8."""
    template = project / "templates/_capaciteit_balans.md.j2"
    lines = template.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if "uur meer nodig dan beschikbaar" in line)
    said = 'b.verschil_uren, "meer") | getal }} uur meer nodig dan beschikbaar'  # the branch of a gap under the marge
    assert lines[number - 1].count(said) == 1
    lines[number - 1] = lines[number - 1].replace(said, said.replace("b.verschil_uren", "b.verschil_uren + 1"))
    template.write_text("\n".join(lines), encoding="utf-8")
    code, err = run(project, "--gemeente", "borne")
    assert code == 2 and snapshot(project / "output") == {}
    assert (f"templates/_capaciteit_balans.md.j2, regel {number}: Uitvoeringsprogramma VTHA 2025 gemeente Borne: de "
            "zin zegt 8 meer, maar tabel 'capaciteit-balans' drukt in rij 'totaal', kolom 'Verschil (uren)' +7 af") in err
    assert "Traceback" not in err


def test_a_finished_project_without_hours_is_refused_where_its_table_is_placed(project):
    """OD5 (capacity 250 hours) finished with 0 hours written: the table says both; a reader says no."""
    for periode in ("voorjaar", "najaar", "jaar"):  # hours count from 1 January: none in any period
        export = project / f"data/2025/realisatie/{periode}/projecten.csv"
        text = export.read_text(encoding="utf-8")
        line = next(x for x in text.splitlines() if x.startswith("OD5;"))
        status = "Afgerond" if periode == "jaar" else line.split(";")[2]
        export.write_text(text.replace(line, f"OD5;0;{status};{line.split(';')[3]}"), encoding="utf-8")
    code, err = run(project, "--gemeente", "hengelo", "--document", "jaarverslag")
    assert code == 2
    # The Twentse projects are in every jaarverslag: the first one composed says it.
    assert "templates/_jaarverslag.md.j2, regel " in err and "Er is niets geschreven" in err
    assert ", tabel 'projecten-jaar', rij 'OD5': status Afgerond met 0 bestede uren (waarde: '0')" in err


def test_a_jaarverslag_share_that_is_not_its_table(project):
    """The jaarverslag's verdeelsleutel sentence names Enschede's share of the hours written on the
    projects (6.067 × 12,02% = 729,25 -> 729), which the capacity table (Tabel 25) prints in its row
    of the projects. Point the sentence at the row of the diensten (1.399 hours) instead."""
    template = project / "templates/_jaarverslag.md.j2"
    text = template.read_text(encoding="utf-8")
    claim = '("capaciteit-jaar", "projecten", "Geschreven (uren)")'
    assert text.count(claim) == 1
    template.write_text(text.replace(claim, claim.replace("projecten", "diensten")), encoding="utf-8")
    code, err = run(project, "--gemeente", "enschede", "--document", "jaarverslag")
    assert code == 2 and snapshot(project / "output") == {}
    line = next(i for i, x in enumerate((project / "templates/_macros.md.j2").read_text(encoding="utf-8").split("\n"), 1)
                if "Op basis van de verdeelsleutel" in x)
    assert f"templates/_macros.md.j2, regel {line}: Jaarverslag VTHA 2025 gemeente " in err
    assert "tabel 'capaciteit-jaar' drukt in rij 'diensten', kolom 'Geschreven (uren)'" in err
    assert "Traceback" not in err


def test_a_count_of_indicators_that_is_not_the_rows_of_their_tables(project):
    """The UVP's doelen sentence counts the indicators of its tables (4 + 1 + 1 + 1 = 7; every UVP
    has the same goals). A template that counts only the measured ones (2) says "Van de 2 indicatoren"."""
    template = project / "templates/_doelen.md.j2"
    text = template.read_text(encoding="utf-8")
    claim = "bewering.aantal(tabellen, indicatoren | length)"
    assert text.count(claim) == 1
    template.write_text(text.replace(claim, "bewering.aantal(tabellen, gemeten | length)"), encoding="utf-8")
    line = next(i for i, x in enumerate(text.split("\n"), 1) if claim in x)
    code, err = run(project, "--gemeente", "enschede", "--document", "uvp")
    assert code == 2 and snapshot(project / "output") == {}
    assert f"templates/_doelen.md.j2, regel {line}: Uitvoeringsprogramma VTHA 2025 " in err
    assert ": de zin telt 2, maar de tabellen 'indicatoren-spontaan-naleefgedrag', " in err
    assert "hebben 7 regels" in err and "Traceback" not in err


def test_an_energy_share_of_another_whole(project):
    """Each gemeente's UVP says how many of the 5.228 hours it brings and which share that is
    (Enschede: 904, 904 / 5.228 = 17,29% -> 17,3%). A template that divides by the wrong whole
    (here: the hours of the controls alone, 640 + 1.650 + 558 + 80 = 2.928) prints another share,
    which the claim recomputes from the figures the sentence prints. The build composes every
    document of the cycle, so the first gemeente composed reports it."""
    template = project / "templates/_bijlage_energie.md.j2"
    text = template.read_text(encoding="utf-8")
    claim = "bewering.deel(a.uren, a.totaal, a.aandeel)"
    assert text.count(claim) == 1
    template.write_text(text.replace(claim, "bewering.deel(a.uren, a.totaal, 100 * a.uren / 2928)"), encoding="utf-8")
    code, err = run(project, "--gemeente", "enschede", "--document", "uvp")
    assert code == 2 and snapshot(project / "output") == {}
    found = re.search(r"de zin zegt dat (\d+) (\d+),(\d)% is van 5\.228, maar dat is (\d+),(\d)%", err)
    assert found and "Traceback" not in err, err
    part, said, computed = int(found[1]), Decimal(f"{found[2]}.{found[3]}"), Decimal(f"{found[4]}.{found[5]}")
    assert said == (100 * Decimal(part) / 2928).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert computed == (100 * Decimal(part) / 5228).quantize(Decimal("0.1"), ROUND_HALF_UP)


def test_a_gemeente_sentence_about_the_twente_uvp(project):
    """Enschede's UVP says it brings 904 of the 5.228 energy hours, 17,3%; the Twente UVP's table
    of contributions prints that row. A template that looks up another gemeente's row in Twente's
    table (Almelo: 572) contradicts it, and the check over the whole cycle names the line."""
    template = project / "templates/_bijlage_energie.md.j2"
    text = template.read_text(encoding="utf-8")
    claim = 'bewering.elders("uvp", "twente", "energie-bijdragen", f.deelnemer.slug, "Uren", a.uren)'
    assert text.count(claim) == 1
    line = next(i for i, x in enumerate(text.split("\n"), 1) if claim in x)
    template.write_text(text.replace(claim, claim.replace("f.deelnemer.slug", '"almelo"')), encoding="utf-8")
    code, err = run(project, "--gemeente", "enschede", "--document", "uvp")
    assert code == 2 and snapshot(project / "output") == {}
    assert f"templates/_bijlage_energie.md.j2, regel {line}: Uitvoeringsprogramma VTHA 2025 gemeente " in err
    assert "maar tabel 'energie-bijdragen' van uvp-twente drukt in rij 'almelo', kolom 'Uren' 572 af" in err
    assert "Traceback" not in err


def test_the_legal_appendix_counts_its_own_judgements(project):
    """The appendix says how many requirements are voldaan, deels and niet voldaan; those are the
    rows of its table by their Oordeel. A template that prints the count of one judgement for
    another (a copy-paste slip) is stopped wherever the two counts differ."""
    template = project / "templates/_verantwoording.md.j2"
    text = template.read_text(encoding="utf-8")
    claim = "bewering.aantal(telling[0], deels, kolom=telling[1], begint=oordeel.DEELS.value)"
    assert text.count(claim) == 1
    template.write_text(text.replace(claim, claim.replace("deels,", "voldaan,")), encoding="utf-8")
    code, err = run(project, "--gemeente", "enschede", "--document", "uvp")
    assert code == 2 and snapshot(project / "output") == {}
    found = re.search(r"templates/_verantwoording\.md\.j2, regel \d+: .*: de zin telt (\d+), maar tabel 'verantwoording' "
                      r"heeft (\d+) regels met in kolom 'Oordeel' 'deels …'", err)
    assert found and found[1] != found[2] and "Traceback" not in err, err
