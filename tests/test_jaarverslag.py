"""Jaarverslag: indicators computed by hand for a small year-end export, found in DOCX and PDF;
regional ratios from summed counts (not averaged percentages); no "behaald" without a measurement;
the indicators, their definitions and streefwaarden are the UVP's own (data/2025/doelen.yaml)."""

from __future__ import annotations

import shutil

from conftest import build, docx_tables, markdown_tables, pdf_text

OTHERS = ["Almelo", "Borne", "Dinkelland", "Haaksbergen", "Hellendoorn", "Hengelo", "Hof van Twente", "Losser",
          "Oldenzaal", "Rijssen-Holten", "Tubbergen", "Twenterand", "Wierden", "Provincie Overijssel"]
# The UVP defines spontaan naleefgedrag as HC / PC and opvolgend naleefgedrag as HHC / HC.
# Enschede: periodieke controles (A2.02.*) 300 + 5 + 10 = 315, hercontroles (A2.03.04) 63,
# handhavingscontroles (A2.12.00) 9.
#   spontaan naleefgedrag  = 63 / 315 = 20,0%   (streefwaarde below: maximaal 25%: behaald)
#   opvolgend naleefgedrag = 9 / 63   = 14,3%   (streefwaarde below: maximaal 10%: niet behaald)
# Every other deelnemer: PC 10, HC 5, HHC 1, so 50,0% and 20,0% each.
# Twente from summed counts: PC 315 + 14 x 10 = 455, HC 63 + 14 x 5 = 133, HHC 9 + 14 x 1 = 23:
#   spontaan  = 133 / 455 = 29,2%   (the average of the fifteen percentages would be 48,0%)
#   opvolgend = 23 / 133  = 17,3%   (average: 19,6%)
ENSCHEDE = [("A2.02.05", 300, "3300"), ("A2.02.03", 5, "175"), ("A2.02.04", 10, "220"), ("A2.03.04", 63, "630"),
            ("A2.12.00", 9, "90")]
OTHER = [("A2.02.05", 10, "110"), ("A2.03.04", 5, "50"), ("A2.12.00", 1, "10")]
TARGETS = {"spontaan": "{maximaal: 25, vastgesteld: 2025-06-12, door: het algemeen bestuur}",
           "opvolgend": "{maximaal: 10, vastgesteld: 2025-06-12, door: het algemeen bestuur}"}


def year_end_export(project, enschede=ENSCHEDE):
    """A hand-made year-end export; the interim exports go, since a year-end figure may never be
    lower than an interim one and these hand-made figures need not fit above theirs."""
    realisatie = project / "data/2025/realisatie"
    for interim in ("voorjaar", "najaar"):
        shutil.rmtree(realisatie / interim)
    for path in (realisatie / "jaar").glob("*export*"):
        path.unlink()
    rows = ["Deelnemer;Productcode;Aantal afgerond;Uren geschreven;Peildatum"]
    rows += [f"Enschede;{code};{count};{hours};31-12-2025" for code, count, hours in enschede]
    rows += [f"{name};{code};{count};{hours};31-12-2025" for name in OTHERS for code, count, hours in OTHER]
    (realisatie / "jaar" / "export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def adopt_targets(project):
    """Streefwaarden adopted during the year: a change to doelen.yaml, which the UVP and the jaarverslag both show."""
    path = project / "data/2025/doelen.yaml"
    text = path.read_text(encoding="utf-8")
    for kind, target in TARGETS.items():
        before = f"formule: {{teller: {'HC, noemer: PC' if kind == 'spontaan' else 'HHC, noemer: HC'}}}\n        streefwaarde: null"
        assert before in text
        text = text.replace(before, before.replace("streefwaarde: null", f"streefwaarde: {target}"))
    path.write_text(text, encoding="utf-8")


def doelen_rows(path):
    table = next(t for t in (docx_tables if path.suffix == ".docx" else markdown_tables)(path)
                 if t[0][:2] == ["Doel", "Indicator"])
    return {row[1]: dict(zip(table[0], row)) for row in table[1:]}


def test_indicators_computed_by_hand_appear_in_docx_and_pdf(project):
    year_end_export(project)
    adopt_targets(project)
    output = project / "output"
    assert build(project, output, "--gemeente", "enschede", "--document", "jaarverslag") == 0
    assert build(project, output, "--gemeente", "enschede", "--format", "md") == 0
    folder = output / "2025" / "enschede"
    rows = doelen_rows(folder / "jaarverslag-2025-enschede.docx")
    adopted = "vastgesteld door het algemeen bestuur op 12 juni 2025"
    assert rows["Spontaan naleefgedrag"]["Definitie"] == "aantal hercontroles gedeeld door aantal periodieke controles (HC / PC)"
    assert [rows["Spontaan naleefgedrag"][k] for k in ("Streefwaarde", "2024", "2025", "Status")] == \
        [f"maximaal 25% ({adopted})", "24,7%", "20,0%", "behaald"]
    assert [rows["Opvolgend naleefgedrag"][k] for k in ("Streefwaarde", "2025", "Status")] == \
        [f"maximaal 10% ({adopted})", "14,3%", "niet behaald"]
    assert [rows["Gedragssturing"][k] for k in ("Streefwaarde", "2025", "Status")] == \
        ["nog niet vastgesteld", "–", "geen meting"]
    uvp = (folder / "uvp-2025-enschede.md").read_text(encoding="utf-8")
    assert f"| maximaal 25% ({adopted}) |" in uvp and f"| maximaal 10% ({adopted}) |" in uvp
    text = pdf_text(folder / "jaarverslag-2025-enschede.pdf")
    # 2024 from data/2024/indicatoren/enschede.yaml: PC 292, HC 72, so 72 / 292 = 24,66% -> 24,7%.
    assert "Periodieke controles (PC) 292 315" in text and "Hercontroles (HC) 72 63" in text
    assert "Spontaan naleefgedrag (HC / PC) 24,7% 20,0%" in text
    # Overtreders 2025 from data/2025/indicatoren/enschede.yaml: 81 + 31 + 13 + 2 = 127, goedwillend
    # 81 / 127 = 63,78% -> 63,8%; 2024 from data/2024/indicatoren/enschede.yaml: 72 + 45 + 14 + 4 = 135.
    assert "Goedwillend 72 81 63,8%" in text and "Totaal 135 127 100,0%" in text


def test_twente_ratios_come_from_summed_counts(project):
    year_end_export(project)
    output = project / "output"
    assert build(project, output, "--twente", "--document", "jaarverslag", "--format", "md") == 0
    path = output / "2025" / "twente" / "jaarverslag-2025-twente.md"
    rows = doelen_rows(path)
    assert rows["Spontaan naleefgedrag"]["2025"] == "29,2%"
    assert rows["Opvolgend naleefgedrag"]["2025"] == "17,3%"
    per_deelnemer = next(t for t in markdown_tables(path) if t[0][:2] == ["Deelnemer", "Spontaan naleefgedrag (HC / PC)"])
    assert per_deelnemer[4] == ["Enschede", "20,0%", "14,3%"] and per_deelnemer[1] == ["Almelo", "50,0%", "20,0%"]
    assert per_deelnemer[-1] == ["Twente", "29,2%", "17,3%"]
    markdown = (output / "2025" / "twente" / "jaarverslag-2025-twente.md").read_text(encoding="utf-8")
    assert "48,0%" not in markdown


def test_no_behaald_without_a_measurement(project):
    # No periodic controls at all: spontaneous compliance cannot be measured, whatever the target.
    year_end_export(project, enschede=[("A1.17.00", 10, "60")])
    adopt_targets(project)
    output = project / "output"
    assert build(project, output, "--gemeente", "enschede", "--document", "jaarverslag", "--format", "md") == 0
    rows = doelen_rows(output / "2025" / "enschede" / "jaarverslag-2025-enschede.md")
    assert [rows["Spontaan naleefgedrag"][k] for k in ("2025", "Status")] == ["–", "geen meting"]
    for row in rows.values():
        if row["Status"] in ("behaald", "niet behaald"):
            assert row["2025"] != "–"


def test_bad_year_end_data_is_a_clear_error(project, capsys):
    (project / "data/2025/indicatoren/borne.yaml").write_text(
        "illustratief: true\novertreders: {goedwillend: 3, slordig: 1}\nklachten: {}\n"
        "energie: {controles: 2, met_overtreding: 1}\n", encoding="utf-8")
    assert build(project, project / "output", "--gemeente", "enschede", "--document", "jaarverslag") == 2
    err = capsys.readouterr().err
    assert "data/2025/indicatoren/borne.yaml, regel 2, veld 'overtreders.slordig': ongeldige waarde (waarde: 'slordig'); " \
        "verwacht: 'goedwillend', 'moet kunnen', 'calculerend' of 'bewust'" in err
