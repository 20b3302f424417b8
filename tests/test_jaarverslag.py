"""Jaarverslag: indicators computed by hand for a small year-end export, found in DOCX and PDF;
regional ratios from summed counts (not averaged percentages); no "behaald" without a measurement."""

from __future__ import annotations

from conftest import ROOT, build, docx_tables, pdf_text

OTHERS = ["Almelo", "Borne", "Dinkelland", "Haaksbergen", "Hellendoorn", "Hengelo", "Hof van Twente", "Losser",
          "Oldenzaal", "Rijssen-Holten", "Tubbergen", "Twenterand", "Wierden", "Provincie Overijssel"]
# Enschede: periodieke controles (A2.02.*) 300 + 5 + 10 = 315, hercontroles (A2.03.04) 63,
# handhavingscontroles (A2.12.00) 9.
#   spontaan naleefgedrag  = (315 - 63) / 315 = 80,0%   (streefwaarde minimaal 75%: behaald)
#   opvolgend naleefgedrag = (63 - 9) / 63    = 85,7%   (streefwaarde minimaal 85%: behaald)
# Every other deelnemer: PC 10, HC 5, HHC 1, so 50,0% and 80,0% each.
# Twente from summed counts: PC 315 + 14 x 10 = 455, HC 63 + 14 x 5 = 133, HHC 9 + 14 x 1 = 23:
#   spontaan  = (455 - 133) / 455 = 70,8%   (the average of the fifteen percentages would be 52,0%)
#   opvolgend = (133 - 23) / 133  = 82,7%   (average: 80,4%)
ENSCHEDE = [("A2.02.05", 300, "3300"), ("A2.02.03", 5, "175"), ("A2.02.04", 10, "220"), ("A2.03.04", 63, "630"),
            ("A2.12.00", 9, "90")]
OTHER = [("A2.02.05", 10, "110"), ("A2.03.04", 5, "50"), ("A2.12.00", 1, "10")]


def year_end_export(project, enschede=ENSCHEDE):
    folder = project / "data/2025/realisatie/jaar"
    for path in folder.glob("*export*"):
        path.unlink()
    rows = ["Deelnemer;Productcode;Aantal afgerond;Uren geschreven;Peildatum"]
    rows += [f"Enschede;{code};{count};{hours};31-12-2025" for code, count, hours in enschede]
    rows += [f"{name};{code};{count};{hours};31-12-2025" for name in OTHERS for code, count, hours in OTHER]
    (folder / "export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def doelen_rows(path):
    table = next(t for t in docx_tables(path) if t[0][:2] == ["Doel", "Indicator"])
    return {row[1]: row for row in table[1:]}


def test_indicators_computed_by_hand_appear_in_docx_and_pdf(project):
    year_end_export(project)
    output = project / "output"
    assert build(project, output, "--gemeente", "enschede", "--document", "jaarverslag") == 0
    folder = output / "2025" / "enschede"
    rows = doelen_rows(folder / "jaarverslag-2025-enschede.docx")
    assert rows["Spontaan naleefgedrag"][2:] == ["80,0%", "minimaal 75%", "behaald"]
    assert rows["Opvolgend naleefgedrag"][2:] == ["85,7%", "minimaal 85%", "behaald"]
    assert rows["Gedragssturing"][2:] == ["–", "geen", "geen meting"]
    text = pdf_text(folder / "jaarverslag-2025-enschede.pdf")
    assert "Spontaan naleefgedrag 80,0% minimaal 75% behaald" in text
    assert "Opvolgend naleefgedrag 85,7% minimaal 85% behaald" in text
    # Counts from data/2025/indicatoren/enschede.yaml: 81 + 31 + 13 + 2 = 127 overtreders.
    assert "Goedwillend 72 81 63,8%" in text and "Totaal 135 127 100,0%" in text


def test_twente_ratios_come_from_summed_counts(project):
    year_end_export(project)
    output = project / "output"
    assert build(project, output, "--twente", "--document", "jaarverslag", "--format", "docx,md") == 0
    path = output / "2025" / "twente" / "jaarverslag-2025-twente.docx"
    rows = doelen_rows(path)
    assert rows["Spontaan naleefgedrag"][2] == "70,8%"
    assert rows["Opvolgend naleefgedrag"][2] == "82,7%"
    per_deelnemer = next(t for t in docx_tables(path) if t[0][:2] == ["Deelnemer", "Spontaan naleefgedrag"])
    assert per_deelnemer[4][:3] == ["Enschede", "80,0%", "85,7%"] and per_deelnemer[1][:3] == ["Almelo", "50,0%", "80,0%"]
    assert per_deelnemer[-1][:3] == ["Twente", "70,8%", "82,7%"]
    markdown = (output / "2025" / "twente" / "jaarverslag-2025-twente.md").read_text(encoding="utf-8")
    assert "52,0%" not in markdown


def test_no_behaald_without_a_measurement(project):
    # No periodic controls at all: spontaneous compliance cannot be measured, whatever the target.
    year_end_export(project, enschede=[("A1.17.00", 10, "60")])
    output = project / "output"
    assert build(project, output, "--gemeente", "enschede", "--document", "jaarverslag", "--format", "docx") == 0
    rows = doelen_rows(output / "2025" / "enschede" / "jaarverslag-2025-enschede.docx")
    assert rows["Spontaan naleefgedrag"][2:] == ["–", "minimaal 75%", "geen meting"]
    for row in rows.values():
        if row[4] in ("behaald", "niet behaald"):
            assert row[2] != "–"


def test_jaarverslag_rebuild_is_byte_identical(published):
    """Built in this session equals the committed output/ (built in another process, earlier)."""
    stem = next(stem for stem in published if stem.name == "jaarverslag-2025-enschede")
    for fmt in ("md", "docx", "pdf"):
        built = stem.with_suffix(f".{fmt}")
        assert built.read_bytes() == (ROOT / "output/2025/enschede" / built.name).read_bytes(), fmt


def test_bad_year_end_data_is_a_clear_error(project, capsys):
    (project / "data/2025/indicatoren/borne.yaml").write_text(
        "illustratief: true\novertreders: {goedwillend: 3, slordig: 1}\nklachten: {}\n"
        "energie: {controles: 2, met_overtreding: 1}\n", encoding="utf-8")
    assert build(project, project / "output", "--gemeente", "enschede", "--document", "jaarverslag") == 2
    err = capsys.readouterr().err
    assert "data/2025/indicatoren/borne.yaml, regel 2, veld 'overtreders.slordig': ongeldige waarde (waarde: 'slordig'); " \
        "verwacht: 'goedwillend', 'moet kunnen', 'calculerend' of 'bewust'" in err
