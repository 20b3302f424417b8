"""Illustrative is visible where it is shown: every table and figure that rests on illustrative data
carries the mark "(illustratief)" after its caption, in the Markdown, the DOCX, the PDF and the web
page; the colofon names those tables; no cover claims an adoption the data mark as illustrative.

Which tables of Enschede's UVP rest on illustrative data is worked out here from the data files'
own notes, not from uvpgen: Enschede's prognose, verdeelsleutel and kentallen are the real UVP
2025's (deelnemers.yaml, pdc.yaml), while the formatie (capaciteit.yaml), the bedrijvenbestand,
the quality criteria, the list of ambitions, who sets the naleefgedrag streefwaarden (doelen.yaml),
the split of the werkvoorraad and the municipal energy split (energie.yaml) are illustrative.
"""

from __future__ import annotations

import re

import pytest

from conftest import docx_paragraphs, pdf_text, squash

MARK = "(illustratief)"

# Enschede's UVP 2025: caption (without number) -> whether it rests on illustrative data.
ENSCHEDE = {
    "Kwaliteitscriteria: kritieke massa en deskundigheid, stand 30 juni 2024": True,
    "Bestuurlijke ambitieonderwerpen en de doelen die in 2025 worden uitgewerkt": True,
    "Indicatoren naleefgedrag": True,  # who sets its two streefwaarden, and when
    "Indicatoren ondermijning": False,
    "Indicatoren asbest": False,
    "Indicatoren financiën": False,
    "Bedrijvenbestand naar risicocategorie en geplande periodieke controles 2025": True,
    "Benodigde capaciteit 2025 voor de gemeente Enschede (uren)": False,
    "Prognose vergunningen 2025": False,
    "Prognose toezicht 2025": False,
    "Prognose handhaving 2025": False,
    "Prognose advies 2025": False,
    "Benodigde en beschikbare capaciteit 2025 voor de gemeente Enschede": True,  # the formatie
    "Twentse projecten 2025": False,
    "Diensten voor de regio Twente 2025": False,
    "Lokale projecten 2025": False,
    "Resterende werkvoorraad PDC Wabo": True,  # the split per product
    "Inzet van de gemeentelijke middelen voor energie en duurzaamheid 2025": True,
    "Toelichting op de energiewerkzaamheden": False,
    "Inzet in het kader van de SPUK THE 2025": False,
    "Wettelijke vereisten en het oordeel over dit document": False,
}


def captions(markdown: str) -> dict[str, str]:
    """Each numbered table caption of a canonical Markdown text: its words -> its number."""
    return {m.group(2): m.group(1) for m in re.finditer(r"^Tabel (\d+) (.+)$", markdown, re.M)}


def test_the_enschede_uvp_marks_exactly_its_illustrative_tables(enschede):
    found = captions(enschede["md"].read_text(encoding="utf-8"))
    expected = {caption + (" " + MARK if marked else "") for caption, marked in ENSCHEDE.items()}
    assert set(found) == expected


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_the_mark_is_seen_in_every_format(enschede, fmt):
    path = enschede["md"].with_suffix("." + fmt)
    text = {"docx": lambda: " ".join(t for _, t in docx_paragraphs(path)),
            "pdf": lambda: pdf_text(path),
            "html": lambda: squash(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))}[fmt]()
    numbers = captions(enschede["md"].read_text(encoding="utf-8"))
    for caption, marked in ENSCHEDE.items():
        printed = f"Tabel {numbers[caption + (' ' + MARK if marked else '')]} {caption}"
        assert (printed + " " + MARK in text) == marked, (fmt, caption)
        assert printed in text, (fmt, caption)


def test_the_colofon_names_the_marked_tables_and_the_cover_claims_no_adoption(enschede):
    text = enschede["md"].read_text(encoding="utf-8")
    colofon = text.split("::: colofon")[1].split(":::")[0]
    numbers = captions(text)
    number = {caption: numbers[caption + " " + MARK] for caption, marked in ENSCHEDE.items() if marked}
    assert f"- de beschikbare formatie per deelnemer (Tabel {number['Benodigde en beschikbare capaciteit 2025 voor de gemeente Enschede']})" in colofon
    assert f"- het bedrijvenbestand naar risicocategorie (Tabel {number['Bedrijvenbestand naar risicocategorie en geplande periodieke controles 2025']})" in colofon
    assert f"- wie de streefwaarden vaststelt en wanneer (Tabel {number['Indicatoren naleefgedrag']})" in colofon
    assert "- de vaststelling van dit document en de datums van toezending\n" in colofon
    cover = text.split("::: voorblad")[1].split(":::")[0]
    assert "Vastgesteld" not in cover and "· concept ·" in cover


def test_every_twente_table_on_the_deelnemers_prognose_is_marked(committed):
    """Fourteen of the fifteen deelnemers' prognoses are illustrative: every Twente table summed
    from them carries the mark; the legal appendix and the list of terms do not."""
    text = (committed / "twente/uvp-2025-twente.md").read_text(encoding="utf-8")
    found = captions(text)
    for programma in ("vergunningen", "toezicht", "handhaving", "advies"):
        assert any(c.startswith(f"Prognose {programma}") and c.endswith(MARK) for c in found), programma
    assert not any(c.startswith("Wettelijke vereisten") and c.endswith(MARK) for c in found)
    report = (committed / "twente/monitoring-voorjaar-2025-twente.md").read_text(encoding="utf-8")
    figures = re.findall(r"^Figuur \d+ (.+)$", report, re.M)
    assert figures and all(f.endswith(MARK) for f in figures)  # the exports are illustrative


# Sentences of Enschede's UVP that state figures, and whether they rest on illustrative data (the
# same data notes as ENSCHEDE): the capacity balance on the formatie, the bedrijvenbestand sentence,
# the energy sentence on the municipal energy split, the planned adoption of streefwaarden; the
# verdeelsleutel sentences rest on Enschede's real verdeelsleutel and the real projects.
SENTENCES = {
    "een tekort van 568 uur, ofwel € 63.041": True,
    "Tekorten zijn er bij vergunningen (39 uur), toezicht (392 uur) en handhaving (151 uur)": True,
    "De risicoanalyse deelt de 4.806 bedrijven in het bestand van de gemeente Enschede in naar risico": True,
    "wie die vaststelt en uiterlijk wanneer": True,
    "Precies is dat 6.150 uur × 12,02% = 739,23 uur, afgerond op hele uren": False,
}


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf", "html"])
def test_a_sentence_on_illustrative_data_carries_the_mark(enschede, fmt):
    path = enschede["md"].with_suffix("." + fmt)
    text = {"md": lambda: squash(path.read_text(encoding="utf-8")),
            "docx": lambda: " ".join(t for _, t in docx_paragraphs(path)),
            "pdf": lambda: pdf_text(path),
            "html": lambda: squash(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))}[fmt]()
    for sentence, marked in SENTENCES.items():
        assert sentence in text, (fmt, sentence)
        assert (f"{sentence} {MARK}." in text) == marked, (fmt, sentence)
