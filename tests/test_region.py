"""All fifteen deelnemers and the Twentse UVP: every document is there, the regional overview
equals the sums over the deelnemers' own documents (read back from the published files), shares
add up, and the number of worker processes changes no byte."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, build, docx_tables, pdf_page, printed_number as dutch, snapshot
from uvpgen import consistency, figures
from uvpgen.build import compose_cycle, render_all
from uvpgen.documents import BY_KEY, Cycle, ProjectPaths
from uvpgen.render import Work

SLUGS = ["almelo", "borne", "dinkelland", "enschede", "haaksbergen", "hellendoorn", "hengelo", "hof-van-twente",
         "losser", "oldenzaal", "rijssen-holten", "tubbergen", "twenterand", "wierden", "overijssel"]


def document(folder: Path, slug: str, fmt: str) -> Path:
    return folder / slug / f"uvp-2025-{slug}.{fmt}"


def test_every_document_is_published(committed):
    folder = committed
    for slug in [*SLUGS, "twente"]:
        for fmt in ("docx", "pdf", "md"):
            assert document(folder, slug, fmt).stat().st_size > 10_000, (slug, fmt)
        info = subprocess.run(["pdfinfo", str(document(folder, slug, "pdf"))], capture_output=True, text=True, check=True)
        assert int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1)) > 30, slug


def test_progress_and_summary(tmp_path, capsys):
    assert build(ROOT, tmp_path, "--alle", "--jobs", "2", "--format", "md") == 0
    stdout = capsys.readouterr().out
    assert "64 documenten samengesteld en onderling gecontroleerd" in stdout  # the check covers the whole cycle
    assert "16 document(en) maken, 2 tegelijk" in stdout
    assert "[16/16]" in stdout and "uvp-2025-twente" in stdout
    assert "Opnieuw gemaakt: 16 document(en)" in stdout and "uvp-2025-twente (md): nieuw" in stdout


def capacity_of(folder: Path, slug: str) -> dict[str, Decimal]:
    table = next(t for t in docx_tables(document(folder, slug, "docx")) if t[0] == ["Onderdeel", "Capaciteit (uren)"])
    return {row[0]: dutch(row[1]) for row in table[1:]}


def test_twente_overview_equals_the_sums_of_the_deelnemer_documents(committed):
    folder = committed
    tables = docx_tables(document(folder, "twente", "docx"))
    overview = next(t for t in tables if t[0][:2] == ["Deelnemer", "Producten"])
    products = next(t for t in tables if t[0][:2] == ["Deelnemer", "Vergunningen"])
    own = {slug: capacity_of(folder, slug) for slug in SLUGS}
    names = [row[0] for row in overview[1:-1]]
    assert len(names) == 15 and names[3] == "Enschede" and names[-1] == "Provincie Overijssel"
    for slug, row, product_row in zip(SLUGS, overview[1:-1], products[1:-1]):
        mine = own[slug]
        assert dutch(row[2]) == mine["Aandeel Twentse projecten (6.1)"]
        assert dutch(row[3]) == mine["Aandeel diensten voor de regio (6.2)"]
        assert dutch(row[4]) == mine["Lokale projecten (6.3)"]
        assert dutch(row[5]) == mine["Totaal"]
        assert [dutch(c) for c in product_row[1:5]] == [mine["Vergunningen (4.1)"], mine["Toezicht (4.2)"],
                                                        mine["Handhaving (4.2)"], mine["Advies (4.3)"]]
    # Column totals: the Twente row is the sum over the deelnemers' own documents.
    total = overview[-1]
    assert total[0] == "Twente"
    assert dutch(total[5]) == sum(mine["Totaal"] for mine in own.values())
    assert dutch(total[1]) == sum(sum(dutch(c) for c in row[1:5]) for row in products[1:-1])
    # Row totals.
    for row in overview[1:]:
        assert dutch(row[5]) == sum(dutch(c) for c in row[1:5])


def test_shares_add_up_exactly_to_the_regional_totals(committed):
    folder = committed
    table = next(t for t in docx_tables(document(folder, "twente", "docx")) if t[0][:2] == ["Deelnemer", "Verdeelsleutel"])
    *rows, total = table[1:]
    assert total == ["Twente", "100,00%", "6.150", "11.700"]
    assert sum(dutch(r[2]) for r in rows) == 6150 and sum(dutch(r[3]) for r in rows) == 11700
    # Each share is the exact share rounded down or up: never further off than one hour.
    for row in rows:
        for column, regional in ((2, 6150), (3, 11700)):
            assert abs(dutch(row[column]) - regional * dutch(row[1]) / 100) < 1


def test_twente_product_prognosis_sums_the_deelnemers(committed):
    folder = committed
    counts: dict[str, Decimal] = {}
    for slug in SLUGS:
        for table in docx_tables(document(folder, slug, "docx")):
            if table[0][:3] == ["Code", "Product", "Aantal"]:
                for row in table[1:-1]:
                    counts[row[0]] = counts.get(row[0], Decimal(0)) + dutch(row[2])
    regional = {row[0]: dutch(row[2]) for table in docx_tables(document(folder, "twente", "docx"))
                if table[0][:3] == ["Code", "Product", "Aantal"] for row in table[1:-1]}
    assert regional == counts


def test_illustrative_data_is_said_in_the_colophon(committed):
    folder = committed
    borne = pdf_page(document(folder, "borne", "pdf"), 2)
    assert "Let op: deze gegevens in dit document zijn illustratief" in borne
    assert "de prognose, de verdeelsleutel en de lokale projecten van Borne" in borne
    overijssel = pdf_page(document(folder, "overijssel", "pdf"), 2)
    assert "de kentallen van A1.01.00, A1.40.00, A2.20.00" in overijssel
    enschede = pdf_page(document(folder, "enschede", "pdf"), 2)
    assert "verdeelsleutel" not in enschede and "de uitsplitsing naar product van de werkvoorraad Wabo" in enschede
    twente = pdf_page(document(folder, "twente", "pdf"), 2)
    assert "de prognose, de verdeelsleutel en de lokale projecten van Almelo, Borne" in twente
    assert "Enschede" not in twente.split("Let op:")[1]


def test_jobs_do_not_change_a_byte(committed):
    """Worker processes (jobs 2) give the bytes of the committed files; test_determinism
    compares documents rendered in the build's own process. Two small documents suffice: the
    workers get each document whole and return its bytes."""
    documents = Cycle(ProjectPaths(ROOT), 2025).documents(BY_KEY["monitoring-voorjaar"], ["almelo", "borne"])
    work = [Work(d.stem, d.tree, ("docx", "md")) for d in documents.values()]
    rendered = render_all(work, ProjectPaths(ROOT), jobs=2, progress=lambda *args: None)
    for slug, document in documents.items():
        files, _ = rendered[document.stem]
        for fmt, data in files.items():
            assert data == (committed / slug / f"{document.stem}.{fmt}").read_bytes(), (slug, fmt)


def test_templates_never_branch_on_a_deelnemer():
    names = {slug for slug in SLUGS} | {"Enschede", "Hengelo", "Borne", "Losser", "Overijssel"}
    for template in (ROOT / "templates").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not [name for name in names if f"'{name}'" in text or f'"{name}"' in text], template.name


def _changed(document, table_id: str, key: str, header: str, change):
    """The document's tables with one cell changed (`change`: a new text, or a number added to
    the cell and, in an additive column, to its total too): what a defect in compose would print."""
    table = document.tables[table_id]
    index = table.column(header)

    def edit(row, new):
        return dataclasses.replace(row, cells=row.cells[:index] + (new,) + row.cells[index + 1:])
    target = table.total if key == "totaal" else next(r for r in table.rows if r.key == key)
    new = change if isinstance(change, str) else target.cells[index] + change
    rows = tuple(edit(r, new) if r is target else r for r in table.rows)
    total = table.total
    if total is not None and (target is total or table.columns[index].som and not isinstance(change, str)):
        total = edit(total, new if target is total else total.cells[index] + change)
    return {**document.tables, table_id: dataclasses.replace(table, rows=rows, total=total)}


@pytest.fixture(scope="module")
def cycle_documents():
    cycle = Cycle(ProjectPaths(ROOT), 2025)
    return cycle, compose_cycle(cycle)


def test_consistency_check_catches_a_figure_that_disagrees_anywhere(cycle_documents):
    cycle, documents = cycle_documents
    slugs = [d.slug for d in cycle.data.deelnemers]

    def check(kind: str, slug: str, tables) -> None:
        per_kind = {k: {s: d.tables for s, d in per_slug.items()} for k, per_slug in documents.items()}
        per_kind[kind] = {**per_kind[kind], slug: tables}
        consistency.check_cycle(per_kind, slugs, cycle.data.tellingen)

    check("uvp", "twente", documents["uvp"]["twente"].tables)  # the real documents agree
    cases = [  # (document, table, row, column, the change, the message)
        ("uvp", "twente", "capaciteit-totaal", "enschede", "Totaal", 1, "uvp-twente, tabel 'capaciteit-totaal', rij 'enschede'"),
        ("uvp", "twente", "verdeelsleutel", "borne", "Twentse projecten (uren)", 1, "rij 'borne', kolom 'Twentse projecten"),
        ("uvp", "enschede", "prognose-toezicht", "A2.02.05", "Totaal (uren)", 1, "uvp-enschede, tabel 'capaciteit', rij 'toezicht'"),
        ("uvp", "enschede", "capaciteit", "totaal", "Capaciteit (uren)", 1, "de regels erboven tellen op tot"),
        ("monitoring-najaar", "twente", "realisatie-programma", "toezicht", "Geschreven (uren)", 1, "de som over de deelnemers"),
        ("monitoring-voorjaar", "hengelo", "realisatie-programma", "advies", "Prognose (uren)", 1, "het UVP"),
        ("monitoring-voorjaar", "twente", "deelnemer-hengelo", "advies", "Geschreven (uren)", 1, "eigen document van hengelo"),
        ("jaarverslag", "almelo", "indicatoren", "spontaan-naleefgedrag", "Streefwaarde", "minimaal 75%", "het UVP"),
        ("jaarverslag", "twente", "kosten", "advies", "Gerealiseerd (kosten)", 1, "de som over de deelnemers"),
        ("monitoring-najaar", "losser", "voortgang-toezicht", "A2.02.05", "Afgerond", -1000, "minstens"),
    ]
    for kind, slug, table_id, key, header, change, message in cases:
        with pytest.raises(consistency.ConsistencyError, match=message):
            check(kind, slug, _changed(documents[kind][slug], table_id, key, header, change))


def test_a_build_whose_regional_figures_disagree_fails_and_writes_nothing(project, monkeypatch, capsys):
    real = figures.TwenteFigures.capaciteit.fget

    def off_by_one(self):
        totals = real(self)
        return {**totals, "toezicht": totals["toezicht"] + 1}

    monkeypatch.setattr(figures.TwenteFigures, "capaciteit", property(off_by_one))
    output = project / "output"
    assert build(project, output, "--gemeente", "enschede") == 1
    assert "uvp-twente, tabel 'capaciteit-producten'" in capsys.readouterr().err
    assert snapshot(output) == {}


def test_unused_override_is_a_warning(project, capsys):
    (project / "content/2025/borne/uvp/handhavng-toelichting.md").write_text("Tekst.\n", encoding="utf-8")
    assert build(project, project / "output", "--gemeente", "borne", "--format", "md") == 0
    err = capsys.readouterr().err
    assert "handhavng-toelichting.md: wordt niet gebruikt; dit document kent geen sectie" in err


def test_a_deelnemer_without_prognose_stops_every_build(project, capsys):
    (project / "data/2025/prognose/borne.csv").unlink()
    assert build(project, project / "output", "--gemeente", "enschede") == 2
    assert "geen prognose voor gemeente Borne" in capsys.readouterr().err
