"""Compute stage: pure functions from models to the numbers a document shows.

Nothing here formats or reads files. Every total, share and cost in a document comes from
here, computed from the rows it summarises, so no figure is ever typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from .data import (LHSO_TYPES, NVT, PROGRAMMES, Deelnemer, EnergieTabel, JaarverslagData, Meting, Streefwaarde,
                   Werkvoorraad, YearData)
from .errors import InputError
from .exports import PeriodRealisation, Realised
from .formatting import round_half_up


@dataclass(frozen=True)
class ProductRow:
    code: str | None  # the Wabo backlog has no codes of the current catalogue
    naam: str
    aantal: int
    kental: Decimal
    uren: Decimal


@dataclass(frozen=True)
class ProductTable:
    """Rows of aantal x kental and their total: a programme, or the Wabo backlog."""
    rows: tuple[ProductRow, ...]
    totaal_uren: Decimal
    illustratief: bool = False

    @classmethod
    def of(cls, rows: list[ProductRow], illustratief: bool = False) -> ProductTable:
        return cls(tuple(rows), sum((r.uren for r in rows), Decimal(0)), illustratief)


@dataclass(frozen=True)
class Share:
    """A deelnemer's part of a regional total by verdeelsleutel, rounded to whole hours."""
    totaal: int
    percentage: Decimal
    uren: int


@dataclass(frozen=True)
class EnergyRow:
    product: str
    kental: Decimal | None
    aantal: int | None
    uren: int | None
    kosten: int


@dataclass(frozen=True)
class EnergyTable:
    titel: str
    rows: tuple[EnergyRow, ...]
    totaal_uren: int
    totaal_kosten: int


@dataclass(frozen=True)
class UvpFigures:
    """Every number in one deelnemer's UVP."""
    deelnemer: Deelnemer
    programmas: dict[str, ProductTable]
    projecten: Share
    diensten: Share
    lokale_projecten_uren: int
    energie: tuple[EnergyTable, ...]
    werkvoorraad: ProductTable | None

    illustratieve_producten: tuple[str, ...] = ()

    @property
    def capaciteit(self) -> dict[str, Decimal]:
        """The hours ODT plans for this deelnemer by part, and their total: one row of the
        Twentse overview and the summary table of the deelnemer's own UVP."""
        parts = {name: table.totaal_uren for name, table in self.programmas.items()}
        parts.update(projecten=Decimal(self.projecten.uren), diensten=Decimal(self.diensten.uren),
                     lokaal=Decimal(self.lokale_projecten_uren))
        return {**parts, "totaal": sum(parts.values(), Decimal(0))}

    @property
    def producten_uren(self) -> Decimal:
        return sum((table.totaal_uren for table in self.programmas.values()), Decimal(0))


@dataclass(frozen=True)
class TwenteFigures:
    """Every number in the Twentse UVP: the per-deelnemer figures and what they add up to."""
    deelnemers: tuple[UvpFigures, ...]
    programmas: dict[str, ProductTable]
    projecten_totaal: int
    diensten_totaal: int
    energie: tuple[EnergyTable, ...]

    @property
    def capaciteit(self) -> dict[str, Decimal]:
        """Column totals of the overview: each part summed over all deelnemers."""
        totals: dict[str, Decimal] = {}
        for uvp in self.deelnemers:
            for name, hours in uvp.capaciteit.items():
                totals[name] = totals.get(name, Decimal(0)) + hours
        return totals

    @property
    def producten_uren(self) -> Decimal:
        return sum((uvp.producten_uren for uvp in self.deelnemers), Decimal(0))

    @property
    def verdeelsleutel_totaal(self) -> Decimal:
        return sum((uvp.projecten.percentage for uvp in self.deelnemers), Decimal(0))


def programme_tables(data: YearData, slug: str) -> dict[str, ProductTable]:
    """Per programme the product rows (sorted by code) with aantal x kental, and their total."""
    prognose = data.prognoses.get(slug, [])
    frame = pd.DataFrame(
        [{"code": r.code, "aantal": r.aantal} for r in prognose], columns=["code", "aantal"])
    frame["naam"] = [data.producten[c].naam for c in frame["code"]]
    frame["programma"] = [data.producten[c].programma for c in frame["code"]]
    frame["kental"] = [data.producten[c].kentallen[data.jaar] for c in frame["code"]]
    frame["uren"] = [Decimal(a) * k for a, k in zip(frame["aantal"], frame["kental"])]
    frame = frame.sort_values("code", kind="stable")
    tables = {}
    for programma in PROGRAMMES:
        part = frame[frame["programma"] == programma]
        tables[programma] = ProductTable.of(
            [ProductRow(r.code, r.naam, int(r.aantal), r.kental, r.uren) for r in part.itertuples()])
    return tables


def largest_remainder(total: int, percentages: dict[str, Decimal]) -> dict[str, int]:
    """Split `total` whole hours over the keys by percentage so the parts add up to `total` exactly.

    Each part is first rounded down; the hours left over go, one each, to the parts with the
    largest fractions (ties: in key order). Percentages must add up to 100.
    """
    exact = {key: Decimal(total) * pct / 100 for key, pct in percentages.items()}
    parts = {key: int(value) for key, value in exact.items()}
    left = total - sum(parts.values())
    by_fraction = sorted(exact, key=lambda key: (-(exact[key] - parts[key]), key))
    for key in by_fraction[:left]:
        parts[key] += 1
    return parts


def regional_share(data: YearData, hours: list[int | str], slug: str) -> Share:
    """The deelnemer's share of regional hours ('n.v.t.' lines are financed elsewhere)."""
    total = sum(h for h in hours if h != NVT)
    percentages = {d.slug: d.verdeelsleutel[data.jaar] for d in data.deelnemers}
    return Share(total, percentages[slug], largest_remainder(total, percentages)[slug])


def energy_table(table: EnergieTabel, uurtarief: Decimal) -> EnergyTable:
    """Hours are kental x aantal (or fixed); costs are hours x uurtarief rounded to euros (or fixed)."""
    rows = []
    for line in table.regels:
        uren = int(line.kental * line.aantal) if line.kental is not None else line.uren
        kosten = line.kosten if line.kosten is not None else int(round_half_up(uren * uurtarief))
        rows.append(EnergyRow(line.product, line.kental, line.aantal, uren, kosten))
    return EnergyTable(table.titel, tuple(rows), sum(r.uren or 0 for r in rows), sum(r.kosten for r in rows))


def backlog(werkvoorraad: Werkvoorraad) -> ProductTable:
    return ProductTable.of([ProductRow(None, r.product, r.aantal, r.kental, r.aantal * r.kental)
                            for r in werkvoorraad.regels], werkvoorraad.illustratief)


def uvp_figures(data: YearData, slug: str) -> UvpFigures:
    deelnemer = data.deelnemer(slug)
    if slug not in data.prognoses:
        raise InputError(f"geen prognose voor {deelnemer.aanduiding}",
                         path=Path("data") / str(data.jaar) / "prognose" / f"{slug}.csv",
                         expected="een prognosebestand per deelnemer (code;aantal;opmerking)")
    werkvoorraad = data.werkvoorraad.get(slug)
    programmas = programme_tables(data, slug)
    return UvpFigures(
        deelnemer=deelnemer,
        programmas=programmas,
        projecten=regional_share(data, [p.capaciteit_uren for p in data.projecten], slug),
        diensten=regional_share(data, [d.capaciteit_uren for d in data.diensten], slug),
        lokale_projecten_uren=sum(p.capaciteit_uren for p in data.lokale_projecten.get(slug, [])),
        energie=tuple(energy_table(t, data.energie.uurtarief) for t in data.energie.tabellen),
        werkvoorraad=backlog(werkvoorraad) if werkvoorraad else None,
        illustratieve_producten=tuple(row.code for table in programmas.values() for row in table.rows
                                      if data.producten[row.code].illustratief),
    )


def twente_figures(data: YearData) -> TwenteFigures:
    """The regional figures, summed from the same per-deelnemer figures the UVPs print."""
    per_deelnemer = tuple(uvp_figures(data, d.slug) for d in data.deelnemers)
    programmas = {}
    for programma in PROGRAMMES:
        counts: dict[str, int] = {}
        for uvp in per_deelnemer:
            for row in uvp.programmas[programma].rows:
                counts[row.code] = counts.get(row.code, 0) + row.aantal
        programmas[programma] = ProductTable.of([
            ProductRow(code, data.producten[code].naam, aantal, data.producten[code].kentallen[data.jaar],
                       aantal * data.producten[code].kentallen[data.jaar]) for code, aantal in sorted(counts.items())])
    return TwenteFigures(
        deelnemers=per_deelnemer,
        programmas=programmas,
        projecten_totaal=per_deelnemer[0].projecten.totaal,
        diensten_totaal=per_deelnemer[0].diensten.totaal,
        energie=per_deelnemer[0].energie,
    )


# --- monitoring ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Progress:
    """Realisation by the peildatum of one product, or summed over a programme or region.

    `verwacht` is the part of the year's prognose expected by the peildatum (pro rata, or the
    product's seasonal profile). Counts are compared in standard hours (aantal x kental), so
    a programme's products weigh by the work they take.
    """
    naam: str
    code: str | None
    prognose: int  # year's count (0 for a programme: counts of different products do not add up)
    prognose_uren: Decimal  # prognose x kental
    verwacht_uren: Decimal
    gerealiseerd_uren: Decimal  # realised count x kental
    uren_besteed: Decimal  # hours written
    aantal: int = 0
    verwacht: Decimal = Decimal(0)

    @property
    def fractie(self) -> Decimal:
        return self.verwacht_uren / self.prognose_uren if self.prognose_uren else Decimal(0)

    @property
    def realisatie(self) -> Decimal | None:
        """Realised as a percentage of what was expected by the peildatum."""
        return 100 * self.gerealiseerd_uren / self.verwacht_uren if self.verwacht_uren else None

    @property
    def afwijking_procentpunt(self) -> Decimal | None:
        """Realised share of the year's prognose minus the expected share, in percentage points."""
        if not self.prognose_uren:
            return None
        return 100 * (self.gerealiseerd_uren - self.verwacht_uren) / self.prognose_uren

    @property
    def jaareinde_aantal(self) -> Decimal | None:
        """Products finished by the end of the year if work goes on at the same pace."""
        return self.aantal / self.fractie if self.fractie and self.code else None

    @property
    def uren_jaareinde(self) -> Decimal | None:
        """Hours written by the end of the year if work goes on at the same pace."""
        return self.uren_besteed / self.fractie if self.fractie else None

    @property
    def afwijking_uren(self) -> Decimal | None:
        """Expected over-run (+) or under-run (−) at year end against the planned hours."""
        return self.uren_jaareinde - self.prognose_uren if self.uren_jaareinde is not None else None


@dataclass(frozen=True)
class Signal:
    niveau: str  # "programma" | "product"
    progress: Progress
    reden: str  # "achter" | "voor" | "zonder prognose"


@dataclass(frozen=True)
class ProjectProgress:
    code: str
    naam: str
    capaciteit: int | str
    besteed: Decimal
    status: str

    @property
    def besteed_procent(self) -> Decimal | None:
        return 100 * self.besteed / self.capaciteit if isinstance(self.capaciteit, int) and self.capaciteit else None


@dataclass(frozen=True)
class CumulativeHours:
    """Hours written through the year: planned per month end, and realised per peildatum."""
    gepland: tuple[Decimal, ...]  # twelve month ends
    gerealiseerd: tuple[tuple[int, Decimal], ...]  # (month, hours)


@dataclass(frozen=True)
class MonitoringFigures:
    naam: str  # deelnemer kortenaam, or "Twente"
    periode: str
    peildatum: dt.date
    programmas: dict[str, tuple[Progress, ...]]  # per programme its products
    totalen: dict[str, Progress]  # per programme, and "totaal"
    signalen: tuple[Signal, ...]
    projecten: tuple[ProjectProgress, ...]
    verloop: CumulativeHours
    illustratief: bool


def _progress(naam: str, code: str | None, prognose: int, kental: Decimal, fraction: Decimal, aantal: int,
              uren: Decimal) -> Progress:
    return Progress(naam, code, prognose, prognose * kental, prognose * kental * fraction, aantal * kental, uren,
                    aantal, prognose * fraction)


def _sum(naam: str, parts: list[Progress]) -> Progress:
    return Progress(naam, None, 0, sum((p.prognose_uren for p in parts), Decimal(0)),
                    sum((p.verwacht_uren for p in parts), Decimal(0)),
                    sum((p.gerealiseerd_uren for p in parts), Decimal(0)),
                    sum((p.uren_besteed for p in parts), Decimal(0)))


def product_progress(data: YearData, slugs: list[str], realised: tuple[Realised, ...],
                     peildatum: dt.date) -> dict[str, tuple[Progress, ...]]:
    """Per programme, per product: the prognose of `slugs` against what they realised."""
    prognose: dict[str, int] = {}
    for slug in slugs:
        for row in data.prognoses[slug]:
            prognose[row.code] = prognose.get(row.code, 0) + row.aantal
    done: dict[str, tuple[int, Decimal]] = {}
    for row in realised:
        if row.deelnemer in slugs:
            count, hours = done.get(row.code, (0, Decimal(0)))
            done[row.code] = (count + row.aantal, hours + row.uren)
    result = {}
    for programma in PROGRAMMES:
        rows = []
        for code in sorted(set(prognose) | set(done)):
            product = data.producten[code]
            if product.programma != programma:
                continue
            count, hours = done.get(code, (0, Decimal(0)))
            rows.append(_progress(product.naam, code, prognose.get(code, 0), product.kentallen[data.jaar],
                                  data.monitoring.fraction(code, peildatum), count, hours))
        result[programma] = tuple(rows)
    return result


def signals(data: YearData, programmas: dict[str, tuple[Progress, ...]], totalen: dict[str, Progress]) -> tuple[Signal, ...]:
    """Programmes and products whose realisation deviates beyond the threshold (monitoring.yaml)."""
    rule = data.monitoring.signalering
    found = []

    def judge(niveau: str, progress: Progress) -> None:
        if progress.prognose_uren == 0 and progress.gerealiseerd_uren > 0:
            found.append(Signal(niveau, progress, "zonder prognose"))
        elif progress.afwijking_procentpunt is not None and abs(progress.afwijking_procentpunt) > rule.drempel_procentpunt:
            found.append(Signal(niveau, progress, "achter" if progress.afwijking_procentpunt < 0 else "voor"))

    for programma in PROGRAMMES:
        judge("programma", totalen[programma])
    for programma in PROGRAMMES:
        for product in programmas[programma]:
            if product.prognose >= rule.minimum_prognose or product.prognose == 0:
                judge("product", product)
    return tuple(found)


def monitoring_figures(data: YearData, slugs: list[str], naam: str,
                       periods: list[PeriodRealisation]) -> MonitoringFigures:
    """The monitoring figures of one deelnemer (or, with all slugs, of Twente) at the last period.

    `periods` are the PeriodRealisations of the year up to and including the reported one;
    earlier ones only feed the course of the hours through the year.
    """
    current = periods[-1]
    programmas = product_progress(data, slugs, current.producten, current.peildatum)
    totalen = {p: _sum(p.capitalize(), list(programmas[p])) for p in PROGRAMMES}
    totalen["totaal"] = _sum("Totaal", [totalen[p] for p in PROGRAMMES])
    planned = [sum((data.producten[r.code].kentallen[data.jaar] * r.aantal
                    * data.monitoring.fraction(r.code, current.peildatum.replace(month=month, day=1))
                    for slug in slugs for r in data.prognoses[slug]), Decimal(0)) for month in range(1, 13)]
    realised = tuple((p.peildatum.month, sum((r.uren for r in p.producten if r.deelnemer in slugs), Decimal(0)))
                     for p in periods)
    projecten = tuple(ProjectProgress(p.code, p.naam, p.capaciteit_uren, current.projecten[p.code].uren,
                                      current.projecten[p.code].status) for p in data.projecten)
    return MonitoringFigures(naam, current.periode, current.peildatum, programmas, totalen,
                             signals(data, programmas, totalen), projecten,
                             CumulativeHours(tuple(planned), realised), current.illustratief)


# --- jaarverslag --------------------------------------------------------------------------

@dataclass(frozen=True)
class Compliance:
    """A naleefgedrag indicator: the share of `noemer` inspections that needed no follow-up
    (`teller` did). Kept as counts, so Twente adds counts up instead of averaging percentages."""
    noemer: int
    teller: int

    @property
    def waarde(self) -> Decimal | None:
        return 100 * Decimal(self.noemer - self.teller) / self.noemer if self.noemer else None


@dataclass(frozen=True)
class Indicator:
    naam: str
    definitie: str
    waarde: Decimal | None  # this year
    vorig_jaar: Decimal | None
    streefwaarde: Streefwaarde | None
    meting: str | None = None  # a measurement that is not one number (a distribution in a table)

    @property
    def status(self) -> str:
        """Never 'behaald' without a measured value."""
        if self.waarde is None and self.meting is None:
            return "geen meting"
        if self.streefwaarde is None:
            return "geen streefwaarde"
        low, high = self.streefwaarde.minimaal, self.streefwaarde.maximaal
        reached = (low is None or self.waarde >= low) and (high is None or self.waarde <= high)
        return "behaald" if reached else "niet behaald"


@dataclass(frozen=True)
class Counts:
    """Counts by category for this year and the previous year (None where not measured)."""
    rows: tuple[tuple[str, int, int | None], ...]

    @property
    def totaal(self) -> tuple[int, int | None]:
        previous = [p for _, _, p in self.rows]
        return sum(n for _, n, _ in self.rows), None if None in previous else sum(previous)

    def share(self, count: int) -> Decimal | None:
        total = self.totaal[0]
        return 100 * Decimal(count) / total if total else None


@dataclass(frozen=True)
class JaarverslagFigures:
    naam: str
    jaar: MonitoringFigures  # the year's realisation (peildatum 31 December)
    ver_van_plan: tuple[Progress, ...]
    grootste: tuple[Progress, ...]
    indicatoren: tuple[Indicator, ...]  # naleefgedrag and energy, with status
    overtreders: Counts
    klachten: Counts
    energie: tuple[Compliance, Compliance | None]
    doelen: tuple[tuple[str, str, Indicator], ...]  # (onderwerp, indicator name, measured or not) from doelen.yaml
    kosten: dict[str, tuple[Decimal, Decimal]]  # programme -> planned and realised costs
    illustratief: bool


COMPLIANCE_DEFINITIONS = {
    "spontaan naleefgedrag": "aandeel periodieke controles (PC) zonder hercontrole (HC): (PC – HC) / PC",
    "opvolgend naleefgedrag": "aandeel hercontroles (HC) zonder handhavingscontrole (HHC): (HC – HHC) / HC",
    "energiecontroles zonder overtreding": "aandeel energiecontroles zonder geconstateerde overtreding",
}
PERIODIC, RECHECK, ENFORCEMENT = "A2.02.", "A2.03.", "A2.12."


def _compliance_from_exports(realised: tuple[Realised, ...], slugs: list[str]) -> tuple[Compliance, Compliance]:
    def count(prefix: str) -> int:
        return sum(r.aantal for r in realised if r.deelnemer in slugs and r.code.startswith(prefix))
    pc, hc, hhc = count(PERIODIC), count(RECHECK), count(ENFORCEMENT)
    return Compliance(pc, hc), Compliance(hc, hhc)


def jaarverslag_figures(data: YearData, extra: JaarverslagData, slugs: list[str], naam: str,
                        periods: list[PeriodRealisation]) -> JaarverslagFigures:
    """The jaarverslag of `slugs` (one deelnemer, or all for Twente): every ratio from summed counts."""
    year = monitoring_figures(data, slugs, naam, periods)
    rule = extra.regels.afwijkingen
    products = [p for rows in year.programmas.values() for p in rows]
    far = tuple(p for p in products if p.prognose >= rule.minimum_prognose
                and abs(p.aantal - p.prognose) * 100 > rule.drempel_procent * p.prognose)
    largest = tuple(sorted(products, key=lambda p: (-abs(p.uren_besteed - p.prognose_uren), p.code))
                    [:rule.grootste_afwijkingen])

    spontaneous, follow_up = _compliance_from_exports(periods[-1].producten, slugs)
    previous = [extra.vorig_jaar[s] for s in slugs if s in extra.vorig_jaar]
    complete_previous = len(previous) == len(slugs) and all(m.naleefgedrag for m in previous)
    if complete_previous:
        pc = sum(m.naleefgedrag.periodieke_controles for m in previous)
        hc = sum(m.naleefgedrag.hercontroles for m in previous)
        hhc = sum(m.naleefgedrag.handhavingscontroles for m in previous)
        prev_spontaneous, prev_follow_up = Compliance(pc, hc), Compliance(hc, hhc)
    metingen = [extra.metingen[s] for s in slugs]
    energy = Compliance(sum(m.energie.controles for m in metingen), sum(m.energie.met_overtreding for m in metingen))
    prev_energy = (Compliance(sum(m.energie.controles for m in previous), sum(m.energie.met_overtreding for m in previous))
                   if len(previous) == len(slugs) else None)
    targets = {name: t for name, t in extra.regels.streefwaarden.items() if isinstance(t, Streefwaarde)}

    def indicator(name: str, now: Compliance, before: Compliance | None) -> Indicator:
        return Indicator(name[:1].upper() + name[1:], COMPLIANCE_DEFINITIONS[name], now.waarde,
                         before.waarde if before else None, targets.get(name))

    indicators = (indicator("spontaan naleefgedrag", spontaneous, prev_spontaneous if complete_previous else None),
                  indicator("opvolgend naleefgedrag", follow_up, prev_follow_up if complete_previous else None),
                  indicator("energiecontroles zonder overtreding", energy, prev_energy))

    def counts(field: str, keys: tuple[str, ...]) -> Counts:
        def total(source: list[Meting], key: str) -> int:
            return sum(getattr(m, field).get(key, 0) for m in source)
        return Counts(tuple((key, total(metingen, key), total(previous, key) if len(previous) == len(slugs) else None)
                            for key in keys))

    complaint_kinds = tuple(dict.fromkeys(k for m in metingen + previous for k in m.klachten))
    measured = {i.naam.lower(): i for i in indicators}
    measured["type overtreder (lhso)"] = Indicator("Type overtreder (LHSO)", "verdeling van de overtreders over de "
                                                   "vier LHSO-typen", None, None, None, "verdeling in tabel")
    goals = []
    for doel in data.doelen:
        for item in doel.indicatoren:
            found = measured.get(item.naam.lower())
            goals.append((doel.onderwerp, item.naam, found or Indicator(item.naam, item.definitie, None, None, None)))
    rate = extra.regels.uurtarief
    costs = {p: (round_half_up(year.totalen[p].prognose_uren * rate), round_half_up(year.totalen[p].uren_besteed * rate))
             for p in [*PROGRAMMES, "totaal"]}
    return JaarverslagFigures(naam, year, far, largest, indicators, counts("overtreders", LHSO_TYPES),
                              counts("klachten", complaint_kinds), (energy, prev_energy), tuple(goals), costs,
                              any(m.illustratief for m in metingen) or periods[-1].illustratief)
