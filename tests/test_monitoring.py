"""Monitoringsrapportage from hand-made exports in each format the case system and Excel write.

The expected figures are computed by hand below (kentallen from data/pdc.yaml, the prognose of
Enschede from data/2025/prognose/enschede.csv, pro rata 4 of 12 months on 30 April unless
data/2025/monitoring.yaml gives the product a seasonal profile) and looked up in the
generated DOCX and PDF.
"""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from conftest import build, docx_tables, markdown_tables, pdf_figure_alts, pdf_text, snapshot

OTHERS = ["Almelo", "Borne", "Dinkelland", "Haaksbergen", "Hellendoorn", "Hengelo", "Hof van Twente", "Losser",
          "Oldenzaal", "Rijssen-Holten", "Tubbergen", "Twenterand", "Wierden", "Provincie Overijssel"]
HEADER = ["Deelnemer", "Productcode", "Aantal afgerond", "Uren geschreven", "Peildatum", "Omschrijving"]
ROWS = [
    # Periodieke controle standaard: prognose 394, kental 11. Expected 394 x 4/12 = 131,3.
    # Realised 80 -> 80/131,33 = 60,9%; share of the year 80/394 = 20,3% against 33,3%: -13,0 pp, a signal.
    # Year end 80 x 3 = 240; hours 968,0 x 3 = 2.904 against 394 x 11 = 4.334 planned: -1.430.
    ["Enschede", "A2.02.05", "80", "968,0", "30-04-2025", "Periodieke controles (geen beëindiging)"],
    # Melding asbest verwijderen: prognose 470, kental 3, seasonal profile 0,28 by April: expected 131,6.
    # Realised 150 -> 114,0%; +3,9 pp (no signal); year end 150/0,28 = 535,7 -> 536;
    # hours 480 / 0,28 = 1.714,3 against 1.410: +304.
    ["Enschede", "A1.35.03", "150", "480", "30-04-2025", "Asbest"],
    # Not in Enschede's prognose: always a signal, 'niet in de prognose'.
    ["Enschede", "A1.01.00", "1", "100,5", "30-04-2025", "Provinciale vergunning"],
    *[[name, "A1.17.00", "1", "6", "30-04-2025", ""] for name in OTHERS],
]


def write_csv(path, rows, encoding="utf-8", bom=False):
    text = "\r\n".join(";".join(row) for row in [HEADER, *rows]) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for name, code, count, hours, date, note in rows:
        sheet.append([name, code, int(count), float(hours.replace(",", ".")),
                      dt.datetime.strptime(date, "%d-%m-%Y"), note])
    book.save(path)


FORMATS = {
    "csv-puntkomma-decimale-komma": lambda p: write_csv(p / "export.csv", ROWS),
    "csv-met-bom": lambda p: write_csv(p / "export.csv", ROWS, bom=True),
    "csv-windows-1252": lambda p: write_csv(p / "export.csv", ROWS, encoding="cp1252"),
    "xlsx": lambda p: write_xlsx(p / "export.xlsx", ROWS),
}


def replace_exports(project, periode="voorjaar"):
    """Empty the period's export folder for hand-made exports; the later periods go too, since
    exports count from 1 January and the hand-made figures need not fit under theirs."""
    realisatie = project / "data/2025/realisatie"
    for later in ("najaar", "jaar")[("voorjaar", "najaar").index(periode):]:
        shutil.rmtree(realisatie / later)
    folder = realisatie / periode
    for path in folder.iterdir():
        if path.stem != "projecten" and path.name != "bron.yaml":
            path.unlink()
    return folder


@pytest.mark.parametrize("export_format", FORMATS)
def test_hand_made_export_figures_appear_in_docx_and_pdf(project, export_format):
    FORMATS[export_format](replace_exports(project))
    output = project / "output"
    # The formats differ only in reading: one of them goes through the (slower) DOCX and PDF, the
    # others are read in the canonical text.
    formats = "docx,pdf,md" if export_format == "csv-windows-1252" else "md"
    assert build(project, output, "--gemeente", "enschede", "--document", "monitoring", "--periode", "voorjaar",
                 "--format", formats) == 0
    stem = output / "2025" / "enschede" / "monitoring-voorjaar-2025-enschede"
    tables = docx_tables(stem.with_suffix(".docx")) if "docx" in formats else markdown_tables(stem.with_suffix(".md"))
    rows = {row[0]: row for table in tables for row in table if row and row[0].startswith("A")}
    assert rows["A2.02.05"][1:] == ["Periodieke controle standaard", "394", "131,3", "80", "60,9%", "240", "968",
                                    "-1.430"]
    assert rows["A1.35.03"][1:] == ["Melding asbest verwijderen", "470", "131,6", "150", "114,0%", "536", "480",
                                    "+304"]
    signal_products = next(t for t in tables if t[0][-2:] == ["Afwijking (procentpunt)", "Signaal"] and t[0][0] == "Code")
    signals = {row[0]: row for row in signal_products[1:]}
    assert signals["A2.02.05"][5:] == ["-13,0", "achter op schema"]
    assert signals["A1.01.00"][-1] == "niet in de prognose"
    assert "A1.35.03" not in signals
    if "pdf" not in formats:
        return
    text = pdf_text(stem.with_suffix(".pdf"))
    assert "A2.02.05 Periodieke controle standaard 394 131,3 80 60,9% 240 968 -1.430" in text
    assert "A1.35.03 Melding asbest verwijderen 470 131,6 150 114,0% 536 480 +304" in text
    assert "A1.01.00 Omgevingsvergunning milieubelastende activiteit 0 0,0 1 – niet in de prognose" in text


def test_charts_with_alt_text_in_both_formats(project):
    FORMATS["csv-puntkomma-decimale-komma"](replace_exports(project))
    output = project / "output"
    assert build(project, output, "--gemeente", "enschede", "--document", "monitoring", "--periode", "voorjaar") == 0
    folder = output / "2025" / "enschede"
    import docx
    document = docx.Document(str(folder / "monitoring-voorjaar-2025-enschede.docx"))
    pictures = document.inline_shapes
    assert len(pictures) == 2
    alts = [shape._inline.docPr.get("descr") for shape in pictures]
    assert alts[0].startswith("Staafdiagram: verwachte en gerealiseerde standaarduren per programma tot en met 30 april 2025.")
    assert "Toezicht: verwacht" in alts[0] and alts[1].startswith("Lijndiagram")
    figures = pdf_figure_alts(folder / "monitoring-voorjaar-2025-enschede.pdf")
    assert [alt.split(":")[0] for alt in figures] == ["Staafdiagram", "Lijndiagram"]


@pytest.fixture
def broken(project, capsys):
    folder = replace_exports(project)

    def run(rows, name="export.csv"):
        write_csv(folder / name, rows)
        output = project / "output"
        code = build(project, output, "--gemeente", "enschede", "--document", "monitoring", "--periode", "voorjaar")
        assert snapshot(output) == {}
        return code, capsys.readouterr().err

    return run


def test_unknown_product_code(broken):
    code, err = broken([ROWS[0], ["Enschede", "A2.02.99", "1", "1", "30-04-2025", ""], *ROWS[3:]])
    assert code == 2 and "export.csv, rij 3, veld 'code': productcode staat niet in de catalogus" in err


def test_missing_deelnemer(broken):
    code, err = broken(ROWS[:-1])
    assert code == 2 and "geen realisatie voor provincie Overijssel" in err


def test_peildatum_of_another_period(broken):
    code, err = broken([ROWS[0][:4] + ["31-08-2025", ""], *ROWS[1:]])
    assert code == 2 and "rij 2, veld 'peildatum': peildatum hoort niet bij de periode voorjaar (waarde: '31-08-2025'); verwacht: 30-04-2025" in err


def test_duplicate_row(broken):
    code, err = broken([ROWS[0], ROWS[0], *ROWS[1:]])
    assert code == 2 and "rij 3, veld 'code': dubbele regel" in err and "eerder: export.csv, rij 2" in err


def test_text_where_a_number_should_be(broken):
    code, err = broken([ROWS[0][:3] + ["veel", *ROWS[0][4:]], *ROWS[1:]])
    assert code == 2 and "rij 2, veld 'uren': geen getal (waarde: 'veel')" in err


def test_decimal_point_in_a_dutch_export(broken):
    code, err = broken([ROWS[0][:3] + ["968.5", *ROWS[0][4:]], *ROWS[1:]])
    assert code == 2 and "in een export met ';' is de komma het decimaalteken" in err


def test_a_cumulative_figure_that_goes_down_is_an_input_error(project, capsys):
    """Exports count from 1 January: a later export never has fewer finished products or hours."""
    najaar = project / "data/2025/realisatie/najaar/zaaksysteem-export-2025-08-31.xlsx"
    book = openpyxl.load_workbook(najaar)
    sheet = book.active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Enschede" and r[1].value == "A2.02.05")
    before = next(line for line in (project / "data/2025/realisatie/voorjaar/powerbi-export-2025-04-30.csv")
                  .read_text(encoding="utf-8").splitlines() if line.startswith("Enschede;A2.02.05;"))
    row[2].value = int(before.split(";")[2]) - 1
    book.save(najaar)
    output = project / "output"
    assert build(project, output, "--gemeente", "enschede", "--format", "md") == 2
    err = capsys.readouterr().err
    assert "cumulatief cijfer daalt: enschede A2.02.05 had op 30-04-2025 aantal" in err
    assert "powerbi-export-2025-04-30.csv, rij" in err and "zaaksysteem-export-2025-08-31.xlsx, rij" in err
    assert "verwacht: minstens" in err and snapshot(output) == {}
