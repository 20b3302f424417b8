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
        assert header == ["Vereiste", "Grondslag", "Paragraaf", "Tabel", "Oordeel"]
        assert [row[0] for row in rows] == [v["vereiste"] for v in wanted], f"{kind}-{slug}"
        present = sections(text)
        for vereiste, row in zip(wanted, rows):
            assert row[1].startswith(vereiste["artikel"]), f"{kind}-{slug}: {row}"
            listed = row[2].split(", ")
            assert listed and all(s in present for s in listed), f"{kind}-{slug}: {row[2]} is geen paragraaf"
            assert re.match(r"^(voldaan|deels: .+|niet voldaan: .+)$", row[4]), f"{kind}-{slug}: {row}"
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


def test_an_illustrative_adoption_leaves_the_document_a_concept(cycle):
    """document.yaml adopts Enschede's UVP on 17 December 2024, marked illustratief: the cover may
    not claim that adoption; it says concept, and the colophon says why."""
    folder, _ = cycle
    uvp = (folder / "enschede/uvp-2025-enschede.md").read_text(encoding="utf-8")
    cover = uvp.split(":::")[1]
    assert "Versie 1.0 · concept · 21 november 2024" in cover
    assert "Concept, ter vaststelling door het college van burgemeester en wethouders\n" in cover
    assert "Vastgesteld" not in cover and "vastgesteld ·" not in cover
    assert ("Status: concept. Dit document is nog niet vastgesteld. De gegevens noemen een vaststelling door het "
            "college van burgemeester en wethouders van Enschede op 17 december 2024 en een toezending op 7 januari "
            "2025, maar die zijn illustratief.") in uvp
    report = (folder / "enschede/jaarverslag-2025-enschede.md").read_text(encoding="utf-8")
    assert "Concept, ter vaststelling door het college van burgemeester en wethouders" in report.split(":::")[1]
    assert "De gegevens noemen" not in report
    overijssel = (folder / "overijssel/jaarverslag-2025-overijssel.md").read_text(encoding="utf-8")
    assert "Na vaststelling door Gedeputeerde Staten gaat het ter kennisneming naar Provinciale Staten." in overijssel
    data = load_year(ROOT / "data", 2025, {kind.key: kind.reports for kind in TYPES})
    assert running_title(data.documenten["uvp"], 2025, "enschede", "gemeente Enschede") == \
        "Concept · Uitvoeringsprogramma VTHA 2025 · gemeente Enschede"
    real = data.documenten["uvp"].model_copy(update={"vaststelling": {"enschede": data.documenten["uvp"].vaststelling[
        "enschede"].model_copy(update={"illustratief": False})}})
    assert running_title(real, 2025, "enschede", "gemeente Enschede") == \
        "Uitvoeringsprogramma VTHA 2025 · gemeente Enschede"


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
                   "afgehandeld' (art. 16.64 Omgevingswet en art. 4:13 Awb (termijnen)) "
                   "niet voldaan: ontbreekt: geen tabel 'tijdigheid'")
    for who in ("gemeente Enschede", "regio Twente"):  # Twente is the sum of the deelnemers: it misses it too
        assert f"waarschuwing: Jaarverslag VTHA 2025 {who} (concept): {requirement}" in err
    assert "gemeente Hengelo (concept)" not in err
    text = (output / "2025/enschede/jaarverslag-2025-enschede.md").read_text(encoding="utf-8")
    rows = by_key(text, "verantwoording")
    row = rows[next(k for k in rows if k.startswith("Tijdigheid"))]
    assert (row["Paragraaf"], row["Oordeel"]) == ("–", "niet voldaan: ontbreekt: geen tabel 'tijdigheid'")
    assert f"Van de {len(VEREISTEN['jaarverslag'])} vereisten zijn er " in text and " en 2 niet voldaan;" in text

    before = snapshot(output)
    document = project / "data/2025/document.yaml"
    text = document.read_text(encoding="utf-8")
    assert text.rstrip().split("\n\n")[-1].startswith("jaarverslag:")  # the last block: adopt it by appending
    document.write_text(text.rstrip("\n") + "\n" + ADOPT_JAARVERSLAG, encoding="utf-8")
    code, err = run(project, output, "--gemeente", "enschede", "--document", "jaarverslag", "--format", "md")
    assert code == 2
    assert ("data/2025/document.yaml, veld 'jaarverslag.vaststelling.enschede.status': Jaarverslag VTHA 2025 "
            f"gemeente Enschede is vastgesteld, maar voldoet niet aan elk wettelijk vereiste: {requirement}") in err
    assert "Er is niets geschreven" in err
    assert snapshot(output) == before


def really_adopted(project: Path) -> None:
    """Make the illustrative adoption of Enschede's UVP in document.yaml a real one."""
    drop(project / "data/2025/document.yaml", r"^      illustratief: true")


def verify_energy_articles(project: Path) -> None:
    """Record the energy requirements' articles as checked, as a lawyer would once she has."""
    path = project / "data/2025/../vereisten.yaml"
    text = path.read_text(encoding="utf-8")
    checked = text.replace("artikel: energiebesparingsplicht (Wet milieubeheer); SPUK THE\n",
                           "artikel: energiebesparingsplicht (Wet milieubeheer); SPUK THE\n      gecontroleerd: [ob-tekst]\n")
    assert checked != text
    path.write_text(checked, encoding="utf-8")


def test_an_adopted_uvp_needs_its_capacity_balance_and_its_dispatch(project):
    really_adopted(project)
    verify_energy_articles(project)
    capaciteit = project / "data/2025/capaciteit.yaml"
    original = capaciteit.read_text(encoding="utf-8")
    drop(capaciteit, r"^  enschede: ")
    code, err = run(project, project / "output", "--gemeente", "enschede", "--format", "md")
    assert code == 2
    assert ("Uitvoeringsprogramma VTHA 2025 gemeente Enschede is vastgesteld, maar voldoet niet aan elk wettelijk "
            "vereiste: 'Benodigde en beschikbare capaciteit (formatie, uren, euro's) per programma, en het verschil' "
            "(art. 13.10 Omgevingsbesluit (voorheen art. 7.5 Bor)) niet voldaan: ontbreekt: geen tabel "
            "'capaciteit-balans'") in err
    capaciteit.write_text(original, encoding="utf-8")
    drop(project / "data/2025/document.yaml", r"^      raad: 2025-01-07")
    code, err = run(project, project / "output", "--gemeente", "enschede", "--format", "md")
    assert code == 2
    assert ("'Vaststelling door het bevoegd gezag en toezending aan de raad en de provincie' (geen artikel in het "
            "Omgevingsbesluit (voorheen art. 7.3 lid 4 Bor)) niet voldaan: ontbreekt: geen onderdeel 'vaststelling'") in err


def test_an_adopted_document_needs_every_article_checked_and_no_requirement_unmet(project):
    """Really adopted, Enschede's UVP is refused while the energy articles are unchecked; once they
    are, it is built and says on its cover that it was adopted, with the streefwaarden 'deels' (2
    of 7 have a body and a date). Without those plans no indicator has either: 'niet voldaan', refused."""
    really_adopted(project)
    output = project / "output"
    code, err = run(project, output, "--gemeente", "enschede", "--format", "md")
    assert code == 2 and snapshot(output) == {}
    assert ("het artikel bij 'Energietoezicht, met de grenzen van de informatie- en onderzoeksplicht, de "
            "EU-ETS-bedrijven en het aandeel van de deelnemer' (energiebesparingsplicht (Wet milieubeheer); SPUK THE) "
            "is niet gecontroleerd") in err
    verify_energy_articles(project)
    code, err = run(project, output, "--gemeente", "enschede", "--format", "md")
    assert code == 0, err
    text = (output / "2025/enschede/uvp-2025-enschede.md").read_text(encoding="utf-8")
    assert "Vastgesteld door het college van burgemeester en wethouders van Enschede op 17 december 2024" in text
    row = by_key(text, "verantwoording")["Meetbare doelen met indicatoren en streefwaarden, of wie de streefwaarden "
                                         "vaststelt en wanneer"]
    assert row["Oordeel"] == ("deels: 0 van de 2 indicatoren met een getal als uitkomst hebben een vastgestelde "
                              "streefwaarde; voor 2 staat wie die vaststelt en wanneer")
    drop(project / "data/2025/doelen.yaml", r"^        streefwaarde_gepland: ")
    code, err = run(project, output, "--gemeente", "enschede", "--format", "md")
    assert code == 2
    assert ("'Meetbare doelen met indicatoren en streefwaarden, of wie de streefwaarden vaststelt en wanneer' (art. "
            "13.5 lid 1 en 13.6 lid 1 onder b Omgevingsbesluit (voorheen art. 7.2 Bor)) niet voldaan: ontbreekt: geen "
            "onderdeel 'streefwaarden'; 0 van de 2 indicatoren met een getal als uitkomst hebben een vastgestelde "
            "streefwaarde") in err


def test_a_concept_says_so_on_every_page(committed):
    from docx import Document as Docx

    from conftest import pdf_pages

    stem = committed / "borne/monitoring-voorjaar-2025-borne"
    header = "Concept · Monitoringsrapportage voorjaar 2025 · gemeente Borne"
    pages = pdf_pages(stem.with_suffix(".pdf"))
    assert "Concept, ter vaststelling door het college van burgemeester en wethouders" in pages[0]
    assert all(header in page for page in pages[1:])
    assert header in {p.text for section in Docx(str(stem.with_suffix(".docx"))).sections for p in section.header.paragraphs}
