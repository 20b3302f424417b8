"""Klein Twente: the small data set the rule tests work their examples on by hand.

Two deelnemers (the gemeente Hengelo, 62,50% of the verdeelsleutel, and the provincie
Overijssel, 37,50%), five products, three periods. Every number is chosen so a rule shows in
it: a tie and an uneven remainder in the verdeelsleutel, an amount that lies exactly on half a
euro, a deviation of exactly ten percentage points, a product just under the minimum prognose.
The tests write out the arithmetic beside each expected value; nothing here is computed.

Only the parts of YearData that figures and tables read are filled; the rest is empty.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from uvpgen.data import (Bedrijvenbestand, Besparing, Rechtsbescherming, Termijn, Termijnsoort, Capaciteit, Deelnemer, Dienst, Doel, Energie,
                         EnergieRegel, EnergieTabel, Energiecontroles, Formule, Indicator, JaarverslagData,
                         Jaarverslagregels, Kwaliteitscriteria, LokaalProject, LokaalResultaat, Meting, Monitoring,
                         PrognoseRegel, Product, Project, ProjectBijlage, Projectresultaten, Risicocategorie,
                         Robuustheid, Streefwaarde, Telling, Verantwoording, Vereisten, Werkvoorraad,
                         WerkvoorraadRegel, YearData)
from uvpgen.exports import PeriodRealisation, ProjectRealised, Realised

JAAR = 2025
PEILDATA = {"voorjaar": dt.date(2025, 4, 30), "najaar": dt.date(2025, 8, 31), "jaar": dt.date(2025, 12, 31)}
ASBEST_PROFIEL = [D("0.05"), D("0.11"), D("0.19"), D("0.28"), D("0.38"), D("0.48"), D("0.58"), D("0.69"),
                  D("0.79"), D("0.88"), D("0.95"), D("1.0")]

DEELNEMERS = [
    Deelnemer(slug="hengelo", naam="Hengelo", soort="gemeente", verdeelsleutel={JAAR: D("62.50")}, illustratief=False),
    Deelnemer(slug="overijssel", naam="Overijssel", soort="provincie", verdeelsleutel={JAAR: D("37.50")},
              illustratief=False),
]

# code: (naam, kental 2025)
PRODUCTEN = {
    "A1.17.00": ("Omgevingsvergunning milieu", D("12.5")),
    "A1.35.03": ("Melding asbest", D("1.5")),  # seasonal: ASBEST_PROFIEL
    "A2.01.00": ("Periodieke controle", D("6")),
    "A3.03.05": ("Last onder dwangsom", D("2.25")),
    "A4.01.00": ("Advies ruimtelijke plannen", D("4")),
}

PROGNOSE = {
    "hengelo": {"A1.17.00": 20, "A1.35.03": 60, "A2.01.00": 30, "A3.03.05": 10, "A4.01.00": 5},
    "overijssel": {"A1.17.00": 8, "A2.01.00": 30, "A3.03.05": 19},
}

# Realised by each peildatum (cumulative): (deelnemer, code) -> (aantal, uren geschreven)
REALISATIE = {
    "voorjaar": {
        ("hengelo", "A1.17.00"): (5, D("70")),
        ("hengelo", "A1.35.03"): (25, D("30.4")),
        ("hengelo", "A2.01.00"): (6, D("40.5")),
        ("hengelo", "A3.03.05"): (2, D("4.5")),
        ("overijssel", "A1.17.00"): (4, D("45")),
        ("overijssel", "A2.01.00"): (7, D("41")),
        ("overijssel", "A3.03.05"): (0, D("0")),
        ("overijssel", "A4.01.00"): (2, D("8")),  # no prognose: a signal "zonder prognose"
    },
    "najaar": {
        ("hengelo", "A1.17.00"): (14, D("180")),
        ("hengelo", "A1.35.03"): (44, D("70")),
        ("hengelo", "A2.01.00"): (20, D("130")),
        ("hengelo", "A3.03.05"): (6, D("14")),
        ("overijssel", "A1.17.00"): (5, D("60")),
        ("overijssel", "A2.01.00"): (20, D("118")),
        ("overijssel", "A3.03.05"): (10, D("22")),
        ("overijssel", "A4.01.00"): (3, D("12")),
    },
    "jaar": {
        ("hengelo", "A1.17.00"): (23, D("290")),
        ("hengelo", "A1.35.03"): (60, D("91")),
        ("hengelo", "A2.01.00"): (26, D("160")),
        ("hengelo", "A3.03.05"): (10, D("22.5")),
        ("hengelo", "A4.01.00"): (5, D("19")),
        ("overijssel", "A1.17.00"): (8, D("101")),
        ("overijssel", "A2.01.00"): (33, D("199")),
        ("overijssel", "A3.03.05"): (12, D("27")),
        ("overijssel", "A4.01.00"): (3, D("12")),
    },
}

PROJECT_UREN = {"voorjaar": {"OD01": D("80"), "OD02": D("10")}, "najaar": {"OD01": D("190"), "OD02": D("25")},
                "jaar": {"OD01": D("310"), "OD02": D("40")}}


def _project(code: str, naam: str, uren: int | str, financiering: str) -> Project:
    bijlage = ProjectBijlage(doel="Doel", beschrijving="Beschrijving", subdoelen=["Subdoel"], initiatoren="ODT",
                             betrokken_partijen="Deelnemers")
    return Project(code=code, naam=naam, titel=naam, samenvatting="Samenvatting", capaciteit_uren=uren,
                   financiering=financiering, status="Realisatiefase", bijlage=bijlage)


def year_data(**changes) -> YearData:
    """Klein Twente's YearData; `changes` replace whole fields (prognoses=..., monitoring=...)."""
    producten = {code: Product(code=code, naam=naam, programma={"A1": "vergunningen", "A2": "toezicht",
                                                                  "A3": "handhaving", "A4": "advies"}[code[:2]],
                               kentallen={JAAR: kental}) for code, (naam, kental) in PRODUCTEN.items()}
    fields = dict(
        jaar=JAAR,
        deelnemers=DEELNEMERS,
        producten=producten,
        prognoses={slug: [PrognoseRegel(code=code, aantal=n) for code, n in rows.items()]
                   for slug, rows in PROGNOSE.items()},
        projecten=[_project("OD01", "Bodemkwaliteit", 300, "verdeelsleutel"),
                   _project("OD02", "Stikstof", "n.v.t.", "extern")],
        diensten=[Dienst(nr=1, naam="Juridisch advies", samenvatting="Advies", capaciteit_uren=101,
                         financiering="verdeelsleutel"),
                  Dienst(nr=2, naam="Crisisdienst", samenvatting="Piket", capaciteit_uren="n.v.t.",
                         financiering="begroting")],
        lokale_projecten={"hengelo": [LokaalProject(naam="Geluidskaart", opdracht="Geluidskaart actualiseren",
                                                    capaciteit_uren=120)]},
        ketenpartners=[],
        tellingen={"besluiten": Telling(naam="Besluiten", codes=["A1.17", "A1.35"]),
                   "controles": Telling(naam="Controles", codes=["A2.01"]),
                   "sancties": Telling(naam="Sancties", codes=["A3.03.05"])},
        doelen=[Doel(thema="Veiligheid", ambitie="Veilig", onderwerp="Naleving", doelen=["Naleving verbetert"],
                     indicatoren=[Indicator(id="sanctiegraad", naam="Sanctiegraad", soort="outcome",
                                            definitie="Sancties per controle",
                                            formule=Formule(teller="sancties", noemer="controles"),
                                            streefwaarde=Streefwaarde(maximaal=D("40"), vastgesteld=dt.date(2024, 12, 1),
                                                                      door="het college"))],
                     activiteiten="Controles")],
        risicos=[],
        begrippen=[],
        energie=Energie(tabellen=[EnergieTabel(titel="Energie gemeenten", regels=[
            EnergieRegel(product="Controle energiebesparing", kental=D("8"), aantal=10),
            EnergieRegel(product="Coördinatie", uren=45),
            EnergieRegel(product="Licentie meetsysteem", kosten=1500)])]),
        werkvoorraad={"hengelo": Werkvoorraad(illustratief=False, regels=[
            WerkvoorraadRegel(product="Vergunning oud recht", aantal=7, kental=D("9.5"))])},
        documenten={},
        monitoring=Monitoring(perioden=PEILDATA, signalering={"drempel_procentpunt": 10, "minimum_prognose": 20},
                              seizoensprofielen={"A1.35.03": ASBEST_PROFIEL}),
        ambitieonderwerpen=None,
        capaciteit=Capaciteit(illustratief=False, uurtarief=D("100.50"), uren_per_fte=1300, formatie={
            "hengelo": {"vergunningen": D("0.30"), "toezicht": D("0.10"), "handhaving": D("0.02"),
                        "advies": D("0.02"), "projecten": D("0.15"), "diensten": D("0.05"), "lokaal": D("0.09")},
            "overijssel": {"vergunningen": D("0.10"), "toezicht": D("0.15"), "handhaving": D("0.03"),
                           "advies": D("0"), "projecten": D("0.09"), "diensten": D("0.03"), "lokaal": D("0")}}),
        bedrijvenbestand=Bedrijvenbestand(illustratief=False, risicocategorieen=[
            Risicocategorie(id="hoog", naam="Hoog risico", frequentie="jaarlijks", controle="A2.01.00"),
            Risicocategorie(id="laag", naam="Laag risico", frequentie="steekproef")],
            bedrijven={"hengelo": {"hoog": 40, "laag": 200}, "overijssel": {"hoog": 24, "laag": 10}}),
        kwaliteitscriteria=Kwaliteitscriteria.model_construct(illustratief=False, taakvelden=[], metingen=[]),
        vereisten=Vereisten.model_construct(),
    )
    fields.update(changes)
    return YearData.model_construct(**fields)


def period(periode: str, realisatie: dict | None = None) -> PeriodRealisation:
    """The realisation of Klein Twente by a peildatum (REALISATIE, or the given rows)."""
    rows = REALISATIE[periode] if realisatie is None else realisatie
    return PeriodRealisation(
        periode, PEILDATA[periode], False,
        tuple(Realised(slug, code, aantal, uren, f"klein, {slug} {code}")
              for (slug, code), (aantal, uren) in sorted(rows.items())),
        {code: ProjectRealised(code, uren, "Realisatiefase", f"klein, {code}")
         for code, uren in PROJECT_UREN[periode].items()})


def periods(upto: str) -> list[PeriodRealisation]:
    names = list(PEILDATA)
    return [period(p) for p in names[:names.index(upto) + 1]]


def meting(**changes) -> Meting:
    fields = dict(illustratief=False, overtreders={"goedwillend": 30, "moet kunnen": 12, "calculerend": 6, "bewust": 2},
                  klachten={"geluid": 9, "geur": 3}, energie=Energiecontroles(controles=12, met_overtreding=5))
    fields.update(changes)
    return Meting(**fields)


# What the deelnemers measured beyond the exports, for the accountability parts of the jaarverslag
# (jaarverslag_data(metingen=GEMETEN, vorig_jaar=VORIG_JAAR)); Overijssel handled no meldingen.
GEMETEN = {
    "hengelo": meting(tijdigheid={"besluiten": Termijn(afgehandeld=20, binnen_termijn=17)},
                      bezwaar=Rechtsbescherming(ingediend=4, gegrond=1, ongegrond=2, overig=0, lopend=1),
                      beroep=Rechtsbescherming(ingediend=1, gegrond=0, ongegrond=1, overig=0, lopend=0),
                      handhaving_open=3,
                      energie=Energiecontroles(controles=12, met_overtreding=5, hercontroles=4, handhavingstrajecten=1,
                                               maatregelen_getroffen=3,
                                               besparing=Besparing(elektriciteit_mwh=120, aardgas_m3=5000, co2_ton=70))),
    "overijssel": meting(klachten={"geluid": 1, "geur": 0},
                         tijdigheid={"besluiten": Termijn(afgehandeld=10, binnen_termijn=10),
                                     "meldingen": Termijn(afgehandeld=5, binnen_termijn=4)},
                         bezwaar=Rechtsbescherming(ingediend=2, gegrond=0, ongegrond=1, overig=1, lopend=0),
                         beroep=Rechtsbescherming(ingediend=0, gegrond=0, ongegrond=0, overig=0, lopend=0),
                         handhaving_open=2,
                         energie=Energiecontroles(controles=8, met_overtreding=2, hercontroles=2, handhavingstrajecten=2,
                                                  maatregelen_getroffen=2,
                                                  besparing=Besparing(elektriciteit_mwh=30, aardgas_m3=1000, co2_ton=10))),
}
VORIG_JAAR = {
    "hengelo": meting(overtreders={"goedwillend": 25, "moet kunnen": 15, "calculerend": 8, "bewust": 2},
                      klachten={"geluid": 11, "lucht": 2}, energie=Energiecontroles(controles=10, met_overtreding=6),
                      tellingen={"sancties": 8, "controles": 25}),
    "overijssel": meting(overtreders={"goedwillend": 5, "moet kunnen": 3, "calculerend": 1, "bewust": 1},
                         klachten={"geluid": 2}, energie=Energiecontroles(controles=4, met_overtreding=1),
                         tellingen={"sancties": 6, "controles": 20}),
}


def jaarverslag_data(**changes) -> JaarverslagData:
    fields = dict(
        regels=Jaarverslagregels(afwijkingen={"drempel_procent": 15, "minimum_prognose": 10, "grootste_afwijkingen": 3},
                                 handhaving={"dwangsom": Telling(naam="Lasten onder dwangsom", codes=["A3.03.05"])},
                                 tijdigheid={"besluiten": Termijnsoort(naam="Besluiten op aanvragen",
                                                                       enkelvoud="besluit op een aanvraag",
                                                                       termijn="8 weken"),
                                             "meldingen": Termijnsoort(naam="Meldingen", enkelvoud="melding", termijn="4 weken")}),
        metingen={"hengelo": meting(), "overijssel": meting(klachten={"geluid": 1, "geur": 0})},
        vorig_jaar={},
        robuustheid=Robuustheid(illustratief=False, kpis=[]),
        projectresultaten=Projectresultaten(illustratief=False, resultaten={}),
        verantwoording=Verantwoording(illustratief=False, diensten={1: 96},
                                      lokale_projecten={"hengelo": [LokaalResultaat(naam="Geluidskaart", uren=130,
                                                                                    resultaat="Vastgesteld")]}),
    )
    fields.update(changes)
    return JaarverslagData(**fields)
