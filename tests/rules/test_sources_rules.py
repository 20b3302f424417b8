"""Which sources a document names as illustrative in its colofon: exactly those its figures come
from, for the deelnemers it covers. Klein Twente with illustrative parts, each expected Bron
written out as the colofon prints it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
import small

from uvpgen import figures
from uvpgen.data import (Ambitieonderwerpen, Bron, EnergieBijdragen, Indicator, Robuustheid, Projectresultaten,
                         StreefwaardePlan)

P = "de prognose, de verdeelsleutel en de lokale projecten"


@pytest.fixture
def data():
    plain = small.year_data()
    doel = plain.doelen[0]
    planned = Indicator(id="hercontroles", naam="Hercontroles", soort="output", definitie="Hercontroles per overtreding",
                        streefwaarde_gepland=StreefwaardePlan(door="het college", uiterlijk=dt.date(2025, 6, 1),
                                                              illustratief=True))
    table = plain.energie.tabellen[0]
    return small.year_data(
        deelnemers=[plain.deelnemers[0].model_copy(update={"illustratief": True}), plain.deelnemers[1]],
        producten={code: p.model_copy(update={"illustratief": code in ("A1.17.00", "A2.01.00")})
                   for code, p in plain.producten.items()},
        capaciteit=plain.capaciteit.model_copy(update={"illustratief": True,
                                                       "formatie": {"hengelo": plain.capaciteit.formatie["hengelo"]}}),
        bedrijvenbestand=plain.bedrijvenbestand.model_copy(update={
            "illustratief": True, "bedrijven": {"overijssel": plain.bedrijvenbestand.bedrijven["overijssel"]}}),
        kwaliteitscriteria=plain.kwaliteitscriteria.model_copy(update={"illustratief": True}),
        ambitieonderwerpen=Ambitieonderwerpen(illustratief=True, onderwerpen=[]),
        doelen=[doel.model_copy(update={"indicatoren": [*doel.indicatoren, planned]})],
        energie=plain.energie.model_copy(update={"tabellen": [table.model_copy(update={
            "bijdragen": EnergieBijdragen(illustratief=True, uren={"hengelo": 80, "overijssel": 45})})]}),
        werkvoorraad={"hengelo": plain.werkvoorraad["hengelo"].model_copy(update={"illustratief": True})},
    )


UVP_BOTH = [Bron("de kritieke massa en de stand van de kwaliteitscriteria"),
            Bron("de lijst van bestuurlijke ambitieonderwerpen"),
            Bron("wie de streefwaarden vaststelt en wanneer"),
            Bron("de verdeling van de gemeentelijke energie-uren over de gemeenten")]


def test_the_uvp_names_its_own_illustrative_sources(data):
    assert list(figures.uvp_figures(data, "hengelo").bronnen) == [
        Bron(P, "Hengelo"),  # Hengelo's own prognose is illustrative, Overijssel's is not
        Bron("de kentallen van A1.17.00, A2.01.00"),  # the illustrative kentallen among its products
        Bron("de beschikbare formatie per deelnemer"),  # only Hengelo has a formatie
        *UVP_BOTH,
        # the reference is resolved by compose, to the number of the werkvoorraad appendix in the UVP at hand
        Bron("de uitsplitsing naar product van de werkvoorraad Wabo in {ref}`werkvoorraad`, waarvan alleen het totaal "
             "uit de registratie komt"),
    ]
    assert list(figures.uvp_figures(data, "overijssel").bronnen) == [
        Bron("de kentallen van A1.17.00, A2.01.00"),
        Bron("het bedrijvenbestand naar risicocategorie"),  # only Overijssel's companies are counted
        *UVP_BOTH,
    ]


def test_twente_names_every_deelnemers_sources_once(data):
    bronnen = figures.twente_figures(data).bronnen
    assert bronnen == tuple(sorted({*figures.uvp_figures(data, "hengelo").bronnen,
                                    *figures.uvp_figures(data, "overijssel").bronnen} - {figures.BACKLOG_SPLIT}))
    # Hengelo's 8 and Overijssel's bedrijvenbestand, the shared ones once; not the werkvoorraad split, because
    # the Twente UVP has no werkvoorraad appendix
    assert len(bronnen) == 8


def test_an_adopted_streefwaarde_needs_no_plan(data):
    doel = data.doelen[0]
    adopted = doel.indicatoren[1].model_copy(update={"streefwaarde": doel.indicatoren[0].streefwaarde})
    changed = small.year_data(**{**data.__dict__, "doelen": [doel.model_copy(update={"indicatoren": [doel.indicatoren[0], adopted]})]})
    assert Bron("wie de streefwaarden vaststelt en wanneer") not in figures.uvp_figures(changed, "hengelo").bronnen


def test_the_reports_name_illustrative_exports_and_measurements(data):
    periods = [replace(p, illustratief=p.periode != "voorjaar") for p in small.periods("jaar")]
    najaar = figures.monitoring_figures(data, ["hengelo"], "Hengelo", periods[:2])
    assert list(najaar.bronnen) == [Bron("de realisatie tot en met 31 augustus 2025 (export van het zaaksysteem)"),
                                    Bron(P, "Hengelo"), Bron("de kentallen van A1.17.00, A2.01.00")]
    streefwaarde = data.doelen[0].indicatoren[0].streefwaarde.model_copy(update={"illustratief": True})
    doel = data.doelen[0]
    data = small.year_data(**{**data.__dict__, "doelen": [doel.model_copy(update={"indicatoren": [
        doel.indicatoren[0].model_copy(update={"streefwaarde": streefwaarde}), doel.indicatoren[1]]})]})
    extra = small.jaarverslag_data(
        metingen={"hengelo": small.meting(illustratief=True), "overijssel": small.meting()},
        vorig_jaar={"hengelo": small.meting(illustratief=True)},
        robuustheid=Robuustheid(illustratief=True, kpis=[]),
        projectresultaten=Projectresultaten(illustratief=True, resultaten={}),
        verantwoording=small.jaarverslag_data().verantwoording.model_copy(update={"illustratief": True}))
    jaar = figures.jaarverslag_figures(data, extra, ["hengelo"], "Hengelo", periods, najaar)
    assert list(jaar.bronnen) == sorted([
        Bron("de realisatie tot en met 31 augustus 2025 (export van het zaaksysteem)"),
        Bron("de realisatie tot en met 31 december 2025 (export van het zaaksysteem)"),
        Bron(P, "Hengelo"), Bron("de kentallen van A1.17.00, A2.01.00"),
        Bron("de gemeten indicatoren 2025", "Hengelo"), Bron("de gemeten indicatoren 2024", "Hengelo"),
        Bron("de streefwaarde van sanctiegraad"),
        Bron("de stand en status van de robuustheids-KPI's"), Bron("de resultaten van de Twentse projecten"),
        Bron("de beschikbare formatie per deelnemer"), *UVP_BOTH,
        Bron("de geschreven uren van de diensten en lokale projecten, de werkvoorraad en de resultaten met de ketenpartners"),
    ])
    # Overijssel's own report names neither Hengelo's prognose nor Hengelo's measurements.
    other = figures.jaarverslag_figures(data, extra, ["overijssel"], "Overijssel", periods,
                                        figures.monitoring_figures(data, ["overijssel"], "O", periods[:2]))
    assert not [b for b in other.bronnen if b.van == "Hengelo"]
