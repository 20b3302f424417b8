"""Legally complete documents (issue 16), read back from the Markdown of a full build.

Every element data/vereisten.yaml requires of a document type is in every document of every
deelnemer and of Twente, and its appendix "Verantwoording wettelijke vereisten" lists each
requirement with a section that exists; removing the data behind a requirement makes the build
warn while the document is a concept and fail once it is adopted, naming the requirement and its
article; the capacity balance adds up (needed − available = gap, per part and in total; Twente is
the sum of the deelnemers); the adoption is on the cover, in the colophon and in the running header.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build, printed_number as number, printed_table as table, snapshot
from uvpgen.data import load_year
from uvpgen.documents import TYPES, running_title

VEREISTEN = yaml.safe_load((ROOT / "data/vereisten.yaml").read_text(encoding="utf-8"))["documenten"]
KINDS = {"uvp": "uvp", "monitoring-voorjaar": "monitoring", "monitoring-najaar": "monitoring", "jaarverslag": "jaarverslag"}


def run(root: Path, output: Path, *args: str) -> tuple[int, str]:
    """Build in this process; the exit code and what went to stderr."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = build(root, output, *args)
    return code, err.getvalue()


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> tuple[Path, str]:
    """Every document of 2025 as Markdown, built once from the repository's sources."""
    output = tmp_path_factory.mktemp("legal")
    code, err = run(ROOT, output, "--format", "md")
    assert code == 0, err
    return output / "2025", err


def documents(folder: Path):
    for path in sorted(folder.glob("*/*.md")):
        kind = next(k for k in KINDS if path.name.startswith(f"{k}-2025-"))
        yield kind, path.parent.name, path.read_text(encoding="utf-8")


def by_key(text: str, table_id: str, key_column: int = 0) -> dict[str, dict[str, str]]:
    header, rows = table(text, table_id)
    return {row[key_column]: dict(zip(header, row)) for row in rows}


def sections(text: str) -> set[str]:
    """The numbers of the document's headings ("4", "4.4", "Bijlage 3"), and its colophon."""
    found = {m.group(1) for m in re.finditer(r"^#{1,2} ((?:Bijlage )?\d+(?:\.\d+)?) ", text, re.M)}
    return found | ({"Colofon"} if "::: colofon" in text else set())


def test_the_committed_data_meets_every_requirement(cycle):
    folder, err = cycle
    assert "ontbreekt" not in err and "vereiste" not in err


def test_every_declared_element_is_in_every_document_and_the_appendix_lists_it(cycle):
    folder, _ = cycle
    seen = 0
    for kind, slug, text in documents(folder):
        twente = slug == "twente"
        wanted = [v for v in VEREISTEN[KINDS[kind]]
                  if v.get("geldt_voor", "alle") in ("alle", "twente" if twente else "deelnemers")]
        header, rows = table(text, "verantwoording")
        assert header == ["Vereiste", "Grondslag", "Paragraaf", "Tabel"]
        assert [row[0] for row in rows] == [v["vereiste"] for v in wanted], f"{kind}-{slug}"
        present = sections(text)
        for vereiste, row in zip(wanted, rows):
            assert row[1].startswith(vereiste["artikel"]), f"{kind}-{slug}: {row}"
            listed = row[2].split(", ")
            assert listed and all(s in present for s in listed), f"{kind}-{slug}: {row[2]} is geen paragraaf"
            for number_ in filter(None, row[3].split(", ")):
                assert re.search(rf"^Tabel {number_} ", text, re.M), f"{kind}-{slug}: tabel {number_}"
            places = vereiste.get("twente") if twente and vereiste.get("twente") is not None else vereiste["waar"]
            for place in places:
                if "tabel" in place:
                    assert re.search(r"^\{#" + re.escape(place["tabel"]) + r"[ }]", text, re.M), \
                        f"{kind}-{slug} mist tabel {place['tabel']} ({vereiste['id']})"
        # The appendix comes last, or just before the begrippenlijst.
        appendix = re.search(r"^# Bijlage (\d+) Verantwoording wettelijke vereisten$", text, re.M)
        assert appendix and not re.search(r"^# Bijlage \d+ ", text[appendix.end():], re.M)
        seen += 1
    assert seen == 64


def test_the_capacity_balance_adds_up_and_twente_is_the_sum(cycle):
    folder, _ = cycle
    parts = ["vergunningen", "toezicht", "handhaving", "advies", "projecten", "diensten", "lokaal"]
    totals: dict[tuple[int, str], float] = {}
    uvps = {slug: text for kind, slug, text in documents(folder) if kind == "uvp"}
    for slug, text in uvps.items():
        header, rows = table(text, "capaciteit-balans")
        assert len(rows) == len(parts) + 1 and rows[-1][0] == "Totaal"
        for row in rows:
            cells = dict(zip(header, row))
            assert number(cells["Benodigd (uren)"]) - number(cells["Beschikbaar (uren)"]) == number(cells["Verschil (uren)"])
            assert number(cells["Benodigd (€)"]) - number(cells["Beschikbaar (€)"]) == number(cells["Verschil (€)"])
        for column in range(1, len(header)):
            assert sum(number(row[column]) for row in rows[:-1]) == number(rows[-1][column]), f"{slug}: {header[column]}"
        if slug != "twente":
            needed = by_key(text, "capaciteit")
            assert [number(r[1]) for r in rows[:-1]] == [number(v["Capaciteit (uren)"]) for v in needed.values()][:-1]
            for i, row in enumerate(rows):
                for column in range(1, len(header)):
                    totals[(i, header[column])] = totals.get((i, header[column]), 0) + number(row[column])
    _, twente = table(uvps["twente"], "capaciteit-balans")
    header = table(uvps["twente"], "capaciteit-balans")[0]
    for i, row in enumerate(twente):
        for column in range(1, len(header)):
            assert number(row[column]) == totals[(i, header[column])], f"Twente, {row[0]}, {header[column]}"
    # The jaarverslag plans what the UVP planned and has the same formatie available.
    for kind, slug, text in documents(folder):
        if kind == "jaarverslag":
            year = by_key(text, "capaciteit-jaar")
            plan = by_key(uvps[slug], "capaciteit-balans")
            for label, row in year.items():
                assert row["Gepland (uren)"] == plan[label]["Benodigd (uren)"]
                assert row["Beschikbaar (€)"] == plan[label]["Beschikbaar (€)"]


def test_adoption_on_cover_colophon_and_running_header(cycle):
    folder, _ = cycle
    uvp = (folder / "enschede/uvp-2025-enschede.md").read_text(encoding="utf-8")
    cover = uvp.split(":::")[1]
    assert "Versie 1.0 · vastgesteld · 21 november 2024" in cover
    assert "Vastgesteld door het college van burgemeester en wethouders van Enschede op 17 december 2024" in cover
    assert ("Ter kennisneming gezonden aan de gemeenteraad op 7 januari 2025; aan de provincie Overijssel als "
            "interbestuurlijk toezichthouder op 7 januari 2025.") in uvp
    report = (folder / "enschede/jaarverslag-2025-enschede.md").read_text(encoding="utf-8")
    assert "Concept, ter vaststelling door het college van burgemeester en wethouders" in report.split(":::")[1]
    overijssel = (folder / "overijssel/jaarverslag-2025-overijssel.md").read_text(encoding="utf-8")
    assert "Na vaststelling door Gedeputeerde Staten gaat het ter kennisneming naar Provinciale Staten." in overijssel
    data = load_year(ROOT / "data", 2025, tuple(kind.key for kind in TYPES))
    assert running_title(data.documenten["uvp"], 2025, "enschede", "gemeente Enschede") == \
        "Uitvoeringsprogramma VTHA 2025 · gemeente Enschede"
    assert running_title(data.documenten["jaarverslag"], 2025, "enschede", "gemeente Enschede") == \
        "Concept · Jaarverslag VTHA 2025 · gemeente Enschede"


def drop(path: Path, pattern: str) -> None:
    """Remove the lines of a data file that match: the data behind one requirement."""
    text = path.read_text(encoding="utf-8")
    kept = "\n".join(line for line in text.split("\n") if not re.match(pattern, line))
    assert kept != text, pattern
    path.write_text(kept, encoding="utf-8")


ADOPT_JAARVERSLAG = """  vaststelling:
    enschede:
      status: vastgesteld
      datum: 2026-04-14
      door: het college van burgemeester en wethouders van Enschede
      raad: 2026-04-21
      provincie: 2026-04-21
"""


def test_missing_data_warns_for_a_concept_and_stops_an_adopted_document(project):
    drop(project / "data/2025/indicatoren/enschede.yaml", r"^(tijdigheid:|  (aanvragen|meldingen|handhavingsverzoeken):)")
    output = project / "output"
    code, err = run(project, output, "--alle", "--document", "jaarverslag", "--format", "md")
    assert code == 0, err
    requirement = ("'Tijdigheid, het deel van de besluiten en meldingen dat binnen de wettelijke termijn is "
                   "afgehandeld' (art. 13.10 Omgevingsbesluit; art. 16.64 Omgevingswet en art. 4:13 Awb (termijnen)) "
                   "ontbreekt: geen tabel 'tijdigheid'")
    for who in ("gemeente Enschede", "regio Twente"):  # Twente is the sum of the deelnemers: it misses it too
        assert f"waarschuwing: Jaarverslag VTHA 2025 {who} (concept): {requirement}" in err
    assert "gemeente Hengelo (concept)" not in err
    text = (output / "2025/enschede/jaarverslag-2025-enschede.md").read_text(encoding="utf-8")
    rows = by_key(text, "verantwoording")
    assert rows[next(k for k in rows if k.startswith("Tijdigheid"))]["Paragraaf"] == "ontbreekt"
    assert f"In deze conceptversie ontbreekt nog 1 van de {len(VEREISTEN['jaarverslag'])} onderdelen" in text

    before = snapshot(output)
    document = project / "data/2025/document.yaml"
    text = document.read_text(encoding="utf-8")
    assert text.rstrip().split("\n\n")[-1].startswith("jaarverslag:")  # the last block: adopt it by appending
    document.write_text(text.rstrip("\n") + "\n" + ADOPT_JAARVERSLAG, encoding="utf-8")
    code, err = run(project, output, "--gemeente", "enschede", "--document", "jaarverslag", "--format", "md")
    assert code == 2
    assert ("data/2025/document.yaml, veld 'jaarverslag.vaststelling.enschede.status': Jaarverslag VTHA 2025 "
            f"gemeente Enschede is vastgesteld, maar mist een wettelijk vereiste: {requirement}") in err
    assert "Er is niets geschreven" in err
    assert snapshot(output) == before


def test_an_adopted_uvp_needs_its_capacity_balance_and_its_dispatch(project):
    capaciteit = project / "data/2025/capaciteit.yaml"
    original = capaciteit.read_text(encoding="utf-8")
    drop(capaciteit, r"^  enschede: ")
    code, err = run(project, project / "output", "--gemeente", "enschede", "--format", "md")
    assert code == 2
    assert ("Uitvoeringsprogramma VTHA 2025 gemeente Enschede is vastgesteld, maar mist een wettelijk vereiste: "
            "'Benodigde en beschikbare capaciteit (formatie, uren, euro's) per programma, en het verschil' "
            "(art. 13.9 Omgevingsbesluit (voorheen art. 7.4 en 7.5 Bor)) ontbreekt: geen tabel 'capaciteit-balans'") in err
    capaciteit.write_text(original, encoding="utf-8")
    drop(project / "data/2025/document.yaml", r"^      raad: 2025-01-07")
    code, err = run(project, project / "output", "--gemeente", "enschede", "--format", "md")
    assert code == 2
    assert ("'Vaststelling door het bevoegd gezag en toezending aan de raad en de provincie' (art. 13.8 en 13.11 "
            "Omgevingsbesluit (voorheen art. 7.3 en 7.7 Bor)) ontbreekt: geen onderdeel 'vaststelling'") in err


def test_a_concept_says_so_on_every_page(committed):
    from docx import Document as Docx

    from conftest import pdf_pages

    stem = committed / "borne/monitoring-voorjaar-2025-borne"
    header = "Concept · Monitoringsrapportage voorjaar 2025 · gemeente Borne"
    pages = pdf_pages(stem.with_suffix(".pdf"))
    assert "Concept, ter vaststelling door het college van burgemeester en wethouders" in pages[0]
    assert all(header in page for page in pages[1:])
    assert header in {p.text for section in Docx(str(stem.with_suffix(".docx"))).sections for p in section.header.paragraphs}
