"""Compute stage: pure functions from models to the numbers a document shows.

Nothing here formats or reads files. Every total, share and cost in a document comes from
here, computed from the rows it summarises, so no figure is ever typed.

Every figure is kept at the precision the documents print it, at the finest level it is
computed (one product of one deelnemer): hours written, expected and projected hours and
euros in whole units, expected counts to one decimal, standard hours exactly. A programme, a
total row or Twente is the sum of those parts. So every printed total is the sum of the
printed rows above it, and Twente is the sum of what the deelnemers' own documents print.
Ratios and differences are computed from those printed values (`Progress.realisatie`...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from .data import (LHSO_TYPES, NVT, PROGRAMMES, TWENTE, Bron, Deelnemer, EnergieTabel, Indicator, JaarverslagData,
                   Meting, Product, Streefwaarde, Werkvoorraad, YearData)
from .errors import InputError
from .exports import PeriodRealisation, Realised
from .formatting import date, round_half_up

ZERO = Decimal(0)


def whole(value: Decimal | int) -> Decimal:
    """Rounded to whole units (hours, euros, products) as printed."""
    return round_half_up(value)


def tenth(value: Decimal | int) -> Decimal:
    return round_half_up(value, 1)


def ratio(part: Decimal | int | None, whole_: Decimal | int | None) -> Decimal | None:
    """A percentage to one decimal, as printed; None where the base is zero or missing."""
    if part is None or not whole_:
        return None
    return tenth(100 * Decimal(part) / Decimal(whole_))


# --- UVP ----------------------------------------------------------------------------------

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

    @classmethod
    def of(cls, rows: list[ProductRow]) -> ProductTable:
        return cls(tuple(rows), sum((r.uren for r in rows), ZERO))


@dataclass(frozen=True)
class Share:
    """A deelnemer's part of a regional total by verdeelsleutel, in whole hours. `exact` is
    totaal × percentage; `uren` may differ from its rounding by one hour, because the shares of
    all deelnemers are made to add up to the total (largest remainder)."""
    totaal: int
    percentage: Decimal
    uren: int

    @property
    def exact(self) -> Decimal:
        return self.totaal * self.percentage / 100

    @property
    def moved(self) -> bool:
        """Whether the share differs from plain rounding of `exact` (so the text must say why)."""
        return whole(self.exact) != self.uren


@dataclass(frozen=True)
class EnergyRow:
    product: str
    kental: Decimal | None
    aantal: int | None
    uren: Decimal | None
    kosten: Decimal


@dataclass(frozen=True)
class EnergyTable:
    titel: str
    rows: tuple[EnergyRow, ...]
    totaal_uren: Decimal
    totaal_kosten: Decimal


@dataclass(frozen=True)
class UvpFigures:
    """Every number in one deelnemer's UVP, and the illustrative sources they come from."""
    deelnemer: Deelnemer
    programmas: dict[str, ProductTable]
    projecten: Share
    diensten: Share
    lokale_projecten_uren: int
    energie: tuple[EnergyTable, ...]
    werkvoorraad: ProductTable | None
    bronnen: tuple[Bron, ...]

    @property
    def capaciteit(self) -> dict[str, Decimal]:
        """The hours ODT plans for this deelnemer by part, and their total: one row of the
        Twentse overview and the summary table of the deelnemer's own UVP."""
        parts = {name: table.totaal_uren for name, table in self.programmas.items()}
        parts.update(projecten=Decimal(self.projecten.uren), diensten=Decimal(self.diensten.uren),
                     lokaal=Decimal(self.lokale_projecten_uren))
        return {**parts, "totaal": sum(parts.values(), ZERO)}

    @property
    def producten_uren(self) -> Decimal:
        return sum((table.totaal_uren for table in self.programmas.values()), ZERO)


@dataclass(frozen=True)
class TwenteFigures:
    """Every number in the Twentse UVP: the per-deelnemer figures and what they add up to."""
    deelnemers: tuple[UvpFigures, ...]
    programmas: dict[str, ProductTable]
    projecten_totaal: int
    diensten_totaal: int
    energie: tuple[EnergyTable, ...]
    bronnen: tuple[Bron, ...]

    @property
    def capaciteit(self) -> dict[str, Decimal]:
        """Column totals of the overview: each part summed over all deelnemers."""
        totals: dict[str, Decimal] = {}
        for uvp in self.deelnemers:
            for name, hours in uvp.capaciteit.items():
                totals[name] = totals.get(name, ZERO) + hours
        return totals

    @property
    def producten_uren(self) -> Decimal:
        return sum((uvp.producten_uren for uvp in self.deelnemers), ZERO)

    @property
    def verdeelsleutel_totaal(self) -> Decimal:
        return sum((uvp.projecten.percentage for uvp in self.deelnemers), ZERO)


def programme_tables(data: YearData, slug: str) -> dict[str, ProductTable]:
    """Per programme the product rows (sorted by code) with aantal x kental, and their total."""
    rows: dict[str, list[ProductRow]] = {programma: [] for programma in PROGRAMMES}
    for regel in sorted(data.prognoses.get(slug, []), key=lambda r: r.code):
        product = data.producten[regel.code]
        kental = product.kentallen[data.jaar]
        rows[product.programma].append(ProductRow(regel.code, product.naam, regel.aantal, kental, regel.aantal * kental))
    return {programma: ProductTable.of(part) for programma, part in rows.items()}


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
        uren = line.kental * line.aantal if line.kental is not None else line.uren
        kosten = Decimal(line.kosten) if line.kosten is not None else whole(uren * uurtarief)
        rows.append(EnergyRow(line.product, line.kental, line.aantal, uren, kosten))
    return EnergyTable(table.titel, tuple(rows), sum((r.uren or ZERO for r in rows), ZERO),
                       sum((r.kosten for r in rows), ZERO))


def backlog(werkvoorraad: Werkvoorraad) -> ProductTable:
    return ProductTable.of([ProductRow(None, r.product, r.aantal, r.kental, r.aantal * r.kental)
                            for r in werkvoorraad.regels])


def programme_sources(data: YearData, slugs: list[str]) -> tuple[Bron, ...]:
    """The illustrative sources behind the planned figures of these deelnemers."""
    found = [Bron("de prognose, de verdeelsleutel en de lokale projecten", d.kortenaam)
             for d in data.deelnemers if d.slug in slugs and d.illustratief]
    codes = sorted({r.code for slug in slugs for r in data.prognoses.get(slug, [])
                    if data.producten[r.code].illustratief})
    if codes:
        found.append(Bron("de kentallen van " + ", ".join(codes)))
    return tuple(found)


def uvp_figures(data: YearData, slug: str) -> UvpFigures:
    deelnemer = data.deelnemer(slug)
    if slug not in data.prognoses:
        raise InputError(f"geen prognose voor {deelnemer.aanduiding}",
                         path=f"data/{data.jaar}/prognose/{slug}.csv",
                         expected="een prognosebestand per deelnemer (code;aantal;opmerking)")
    werkvoorraad = data.werkvoorraad.get(slug)
    bronnen = programme_sources(data, [slug])
    if werkvoorraad and werkvoorraad.illustratief:
        bronnen += (Bron("de uitsplitsing naar product van de werkvoorraad Wabo in Bijlage 1 (alleen het totaal "
                         "komt uit de registratie)"),)
    return UvpFigures(
        deelnemer=deelnemer,
        programmas=programme_tables(data, slug),
        projecten=regional_share(data, [p.capaciteit_uren for p in data.projecten], slug),
        diensten=regional_share(data, [d.capaciteit_uren for d in data.diensten], slug),
        lokale_projecten_uren=sum(p.capaciteit_uren for p in data.lokale_projecten.get(slug, [])),
        energie=tuple(energy_table(t, data.energie.uurtarief) for t in data.energie.tabellen),
        werkvoorraad=backlog(werkvoorraad) if werkvoorraad else None,
        bronnen=bronnen,
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
        bronnen=tuple(sorted({b for uvp in per_deelnemer for b in uvp.bronnen})),
    )


# --- monitoring ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Progress:
    """Realisation by the peildatum of one product of one deelnemer, or a sum of such parts
    (a product over Twente, a programme, the total), each figure at its printed precision.

    Standard hours (aantal x kental) weigh a programme's products by the work they take. The
    counts are None for a sum over different products: those do not add up.
    """
    naam: str
    code: str | None
    prognose_uren: Decimal  # prognose x kental, exactly
    verwacht_uren: Decimal  # the part of prognose_uren expected by the peildatum, whole hours
    gerealiseerd_uren: Decimal  # finished products x kental, exactly
    uren_besteed: Decimal  # hours written, whole hours
    uren_jaareinde: Decimal  # hours written by year end at the same pace, whole hours
    prognose: int | None = None  # the year's count
    verwacht: Decimal | None = None  # count expected by the peildatum, one decimal
    aantal: int | None = None  # count finished
    jaareinde_aantal: Decimal | None = None  # count finished by year end at the same pace, whole

    @property
    def realisatie(self) -> Decimal | None:
        """Realised as a percentage of what was expected by the peildatum: counts for a product,
        standard hours for a sum of products."""
        if self.aantal is not None:
            return ratio(self.aantal, self.verwacht)
        return ratio(self.gerealiseerd_uren, self.verwacht_uren)

    @property
    def afwijking_procentpunt(self) -> Decimal | None:
        """Realised share of the year's prognose minus the expected share, in percentage points."""
        if self.aantal is not None:
            return tenth(100 * (self.aantal - self.verwacht) / self.prognose) if self.prognose else None
        return tenth(100 * (self.gerealiseerd_uren - self.verwacht_uren) / self.prognose_uren) \
            if self.prognose_uren else None

    @property
    def afwijking_uren(self) -> Decimal:
        """Expected over-run (+) or under-run (−) at year end against the planned hours."""
        return self.uren_jaareinde - self.prognose_uren

    @property
    def verschil_uren(self) -> Decimal:
        """Hours written minus planned hours (the year's outcome, in the jaarverslag)."""
        return self.uren_besteed - self.prognose_uren


def product_progress(product: Product, jaar: int, prognose: int, fraction: Decimal,
                     done: Realised | None) -> Progress:
    """One product of one deelnemer: the finest level, where every figure is rounded."""
    kental = product.kentallen[jaar]
    aantal = done.aantal if done else 0
    besteed = whole(done.uren) if done else ZERO
    return Progress(product.naam, product.code, prognose * kental, whole(prognose * kental * fraction),
                    aantal * kental, besteed, whole(besteed / fraction), prognose, tenth(prognose * fraction),
                    aantal, whole(aantal / fraction))


COUNTS = ("prognose", "verwacht", "aantal", "jaareinde_aantal")


def total(naam: str, parts: list[Progress], code: str | None = None) -> Progress:
    """The sum of parts; with a `code`, parts of the same product, whose counts add up too."""
    sums = {f.name: sum((getattr(p, f.name) for p in parts), ZERO) if code or f.name not in COUNTS else None
            for f in fields(Progress) if f.name not in ("naam", "code")}
    if code:
        sums["prognose"], sums["aantal"] = int(sums["prognose"]), int(sums["aantal"])
    return Progress(naam, code, **sums)


@dataclass(frozen=True)
class Signal:
    niveau: str  # "programma" | "product"
    progress: Progress
    reden: str  # "achter" | "voor" | "zonder prognose"

    @property
    def key(self) -> str:
        """The signal's identity, as a writer names it to explain it: a product code or a programme."""
        return self.progress.code or self.progress.naam.lower()


@dataclass(frozen=True)
class ProjectProgress:
    code: str
    naam: str
    capaciteit: int | str
    besteed: Decimal
    status: str

    @property
    def besteed_procent(self) -> Decimal | None:
        return ratio(self.besteed, self.capaciteit) if isinstance(self.capaciteit, int) else None


@dataclass(frozen=True)
class CumulativeHours:
    """Hours through the year: expected at each month end, and written at each peildatum."""
    verwacht: tuple[Decimal, ...]  # twelve month ends
    geschreven: tuple[tuple[int, Decimal], ...]  # (month, hours)


@dataclass(frozen=True)
class MonitoringFigures:
    slug: str  # the deelnemer's, or "twente"
    naam: str  # deelnemer kortenaam, or "Twente"
    periode: str
    peildatum: dt.date
    programmas: dict[str, tuple[Progress, ...]]  # per programme its products
    totalen: dict[str, Progress]  # per programme, and "totaal"
    signalen: tuple[Signal, ...]
    projecten: tuple[ProjectProgress, ...]
    verloop: CumulativeHours
    bronnen: tuple[Bron, ...]


def _deelnemer_products(data: YearData, slug: str, realised: dict[tuple[str, str], Realised],
                        peildatum: dt.date) -> list[Progress]:
    prognose = {r.code: r.aantal for r in data.prognoses[slug]}
    codes = sorted(set(prognose) | {code for s, code in realised if s == slug})
    return [product_progress(data.producten[code], data.jaar, prognose.get(code, 0),
                             data.monitoring.fraction(code, peildatum), realised.get((slug, code)))
            for code in codes]


def signals(data: YearData, programmas: dict[str, tuple[Progress, ...]], totalen: dict[str, Progress]) -> tuple[Signal, ...]:
    """Programmes and products whose realisation deviates beyond the threshold (monitoring.yaml),
    judged on the deviation as printed."""
    rule = data.monitoring.signalering
    found = []

    def judge(niveau: str, progress: Progress) -> None:
        deviation = progress.afwijking_procentpunt
        if progress.prognose_uren == 0 and progress.gerealiseerd_uren > 0:
            found.append(Signal(niveau, progress, "zonder prognose"))
        elif deviation is not None and abs(deviation) > rule.drempel_procentpunt:
            found.append(Signal(niveau, progress, "achter" if deviation < 0 else "voor"))

    for programma in PROGRAMMES:
        judge("programma", totalen[programma])
    for programma in PROGRAMMES:
        for product in programmas[programma]:
            if product.prognose >= rule.minimum_prognose or product.prognose == 0:
                judge("product", product)
    return tuple(found)


def realisation_sources(data: YearData, slugs: list[str], periods: list[PeriodRealisation]) -> tuple[Bron, ...]:
    """The illustrative exports and planned figures a report on `slugs` compares."""
    return tuple(Bron(f"de realisatie tot en met {date(p.peildatum)} (export van het zaaksysteem)")
                 for p in periods if p.illustratief) + programme_sources(data, slugs)


def monitoring_figures(data: YearData, slugs: list[str], naam: str,
                       periods: list[PeriodRealisation]) -> MonitoringFigures:
    """The monitoring figures of one deelnemer (or, with all slugs, of Twente) at the last period.

    `periods` are the PeriodRealisations of the year up to and including the reported one;
    earlier ones only feed the course of the hours through the year.
    """
    current = periods[-1]
    realised = {(r.deelnemer, r.code): r for r in current.producten}
    parts = [p for slug in slugs for p in _deelnemer_products(data, slug, realised, current.peildatum)]
    by_code: dict[str, list[Progress]] = {}
    for part in parts:
        by_code.setdefault(part.code, []).append(part)
    programmas = {programma: tuple(total(group[0].naam, group, code) for code, group in sorted(by_code.items())
                                   if data.producten[code].programma == programma)
                  for programma in PROGRAMMES}
    totalen = {p: total(p.capitalize(), list(programmas[p])) for p in PROGRAMMES}
    totalen["totaal"] = total("Totaal", [totalen[p] for p in PROGRAMMES])
    expected = tuple(sum((whole(data.producten[r.code].kentallen[data.jaar] * r.aantal
                                * data.monitoring.fraction(r.code, dt.date(data.jaar, month, 1)))
                          for slug in slugs for r in data.prognoses[slug]), ZERO) for month in range(1, 13))
    written = tuple((p.peildatum.month, sum((whole(r.uren) for r in p.producten if r.deelnemer in slugs), ZERO))
                    for p in periods)
    projecten = tuple(ProjectProgress(p.code, p.naam, p.capaciteit_uren, whole(current.projecten[p.code].uren),
                                      current.projecten[p.code].status) for p in data.projecten)
    return MonitoringFigures(slugs[0] if len(slugs) == 1 else TWENTE, naam, current.periode, current.peildatum, programmas, totalen,
                             signals(data, programmas, totalen), projecten, CumulativeHours(expected, written),
                             realisation_sources(data, slugs, periods))


# --- jaarverslag --------------------------------------------------------------------------

@dataclass(frozen=True)
class Measured:
    """An indicator of doelen.yaml with what was measured: teller / noemer from summed counts
    (so Twente adds counts up instead of averaging percentages), this year and the year before."""
    indicator: Indicator
    teller: int | None = None
    noemer: int | None = None
    vorig_teller: int | None = None
    vorig_noemer: int | None = None

    @property
    def waarde(self) -> Decimal | None:
        return ratio(self.teller, self.noemer)

    @property
    def vorig_jaar(self) -> Decimal | None:
        return ratio(self.vorig_teller, self.vorig_noemer)

    @property
    def gemeten(self) -> bool:
        return self.waarde is not None or self.indicator.verdeling is not None

    @property
    def status(self) -> str:
        """Never 'behaald' without a measured value and an adopted streefwaarde."""
        target: Streefwaarde | None = self.indicator.streefwaarde
        if not self.gemeten:
            return "geen meting"
        if target is None:
            return "geen streefwaarde"
        reached = ((target.minimaal is None or self.waarde >= target.minimaal)
                   and (target.maximaal is None or self.waarde <= target.maximaal))
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
        return ratio(count, self.totaal[0])


@dataclass(frozen=True)
class Costs:
    """Planned and written hours of a programme in euros, whole euros per deelnemer and programme."""
    gepland: Decimal
    besteed: Decimal

    def __add__(self, other: Costs) -> Costs:
        return Costs(self.gepland + other.gepland, self.besteed + other.besteed)


@dataclass(frozen=True)
class Deviation:
    """A programme (standard hours) or product (count) whose year deviates from the plan by
    more than the rule in jaarverslag.yaml."""
    progress: Progress
    richting: str  # "hoger" | "lager"

    @property
    def key(self) -> str:
        """As a writer names it to explain it: "A1.35.03 hoger", "toezicht lager"."""
        return f"{self.progress.code or self.progress.naam.lower()} {self.richting}"

    @property
    def titel(self) -> str:
        what = (f"{self.progress.code} {self.progress.naam}" if self.progress.code
                else f"Programma {self.progress.naam.lower()}")
        return f"{what}: {'meer' if self.richting == 'hoger' else 'minder'} dan gepland"


@dataclass(frozen=True)
class FollowUp:
    """A signal of the last interim report and where it ended at year end."""
    signal: Signal
    jaar: Progress


@dataclass(frozen=True)
class JaarverslagFigures:
    naam: str
    jaar: MonitoringFigures  # the year's realisation (peildatum 31 December)
    ver_van_plan: tuple[Progress, ...]
    afwijkingen: tuple[Deviation, ...]  # the programmes and products far from plan, for explanations
    grootste: tuple[Progress, ...]
    indicatoren: tuple[tuple[str, Measured], ...]  # (doel onderwerp, measured) in the order of doelen.yaml
    overtreders: Counts
    klachten: Counts
    energie: tuple[tuple[int, int], tuple[int, int] | None]  # (controles, met overtreding) this year, last year
    kosten: dict[str, Costs]  # per programme and "totaal"
    opvolging: tuple[FollowUp, ...]  # the signals of the najaar report, followed to year end
    bronnen: tuple[Bron, ...]

    def indicator(self, key: str) -> Measured:
        return next(m for _, m in self.indicatoren if m.indicator.id == key)


def _counted(data: YearData, realised: tuple[Realised, ...], slugs: list[str], key: str) -> int:
    prefixes = tuple(code + "." for code in data.tellingen[key].codes)
    return sum(r.aantal for r in realised if r.deelnemer in slugs and (r.code + ".").startswith(prefixes))


def _costs(progress: Progress, rate: Decimal) -> Costs:
    return Costs(whole(progress.prognose_uren * rate), whole(progress.uren_besteed * rate))


def jaarverslag_figures(data: YearData, extra: JaarverslagData, slugs: list[str], naam: str,
                        periods: list[PeriodRealisation],
                        najaar: MonitoringFigures | None = None) -> JaarverslagFigures:
    """The jaarverslag of `slugs` (one deelnemer, or all for Twente): every ratio from summed
    counts, costs as the sum of each deelnemer's programme costs. `najaar` is the najaar
    report of the same deelnemers, whose signals the jaarverslag follows up."""
    year = monitoring_figures(data, slugs, naam, periods)
    rule = extra.regels.afwijkingen
    products = [p for rows in year.programmas.values() for p in rows]
    far = tuple(p for p in products if p.prognose >= rule.minimum_prognose
                and abs(p.aantal - p.prognose) * 100 > rule.drempel_procent * p.prognose)
    largest = tuple(sorted(products, key=lambda p: (-abs(p.verschil_uren), p.code))[:rule.grootste_afwijkingen])
    programmes = [year.totalen[p] for p in PROGRAMMES]
    deviations = tuple(Deviation(p, "hoger" if p.gerealiseerd_uren > p.prognose_uren else "lager")
                       for p in programmes if p.prognose_uren
                       and abs(p.gerealiseerd_uren - p.prognose_uren) * 100 > rule.drempel_procent * p.prognose_uren)
    deviations += tuple(Deviation(p, "hoger" if p.aantal > p.prognose else "lager") for p in far)

    metingen = [extra.metingen[s] for s in slugs]
    previous = [extra.vorig_jaar[s] for s in slugs if s in extra.vorig_jaar]
    complete_previous = len(previous) == len(slugs)
    realised = periods[-1].producten

    def before(key: str) -> int | None:
        if not complete_previous or not all(key in m.tellingen for m in previous):
            return None
        return sum(m.tellingen[key] for m in previous)

    measured = []
    for doel in data.doelen:
        for indicator in doel.indicatoren:
            formula = indicator.formule
            measured.append((doel.onderwerp, Measured(indicator) if formula is None else Measured(
                indicator, _counted(data, realised, slugs, formula.teller), _counted(data, realised, slugs, formula.noemer),
                before(formula.teller), before(formula.noemer))))

    def counts(field: str, keys: tuple[str, ...]) -> Counts:
        def summed(source: list[Meting], key: str) -> int:
            return sum(getattr(m, field).get(key, 0) for m in source)
        return Counts(tuple((key, summed(metingen, key), summed(previous, key) if complete_previous else None)
                            for key in keys))

    def energy(source: list[Meting]) -> tuple[int, int]:
        return sum(m.energie.controles for m in source), sum(m.energie.met_overtreding for m in source)

    kosten = _programme_costs(data, slugs, periods[-1], extra.regels.uurtarief)
    opvolging = tuple(FollowUp(s, _find(year, s)) for s in najaar.signalen) if najaar else ()
    complaint_kinds = tuple(dict.fromkeys(k for m in metingen + previous for k in m.klachten))
    bronnen = realisation_sources(data, slugs, periods)
    covered = [d for d in data.deelnemers if d.slug in slugs]
    bronnen += tuple(Bron(f"de gemeten indicatoren {year_}", d.kortenaam)
                     for year_, source in ((data.jaar, extra.metingen), (data.jaar - 1, extra.vorig_jaar))
                     for d in covered if d.slug in source and source[d.slug].illustratief)
    bronnen += tuple(Bron(f"de streefwaarde van {i.naam.lower()}") for doel in data.doelen for i in doel.indicatoren
                     if i.streefwaarde and i.streefwaarde.illustratief)
    if extra.robuustheid.illustratief:
        bronnen += (Bron("de stand en status van de robuustheids-KPI's"),)
    if extra.projectresultaten.illustratief:
        bronnen += (Bron("de resultaten van de Twentse projecten"),)
    return JaarverslagFigures(naam, year, far, deviations, largest, tuple(measured), counts("overtreders", LHSO_TYPES),
                              counts("klachten", complaint_kinds),
                              (energy(metingen), energy(previous) if complete_previous else None), kosten,
                              opvolging, tuple(sorted(set(bronnen))))


def _programme_costs(data: YearData, slugs: list[str], current: PeriodRealisation,
                     rate: Decimal) -> dict[str, Costs]:
    """Costs per programme: hours x rate in whole euros for each deelnemer, summed; the total
    is the sum of the programmes."""
    realised = {(r.deelnemer, r.code): r for r in current.producten}
    costs = {p: Costs(ZERO, ZERO) for p in PROGRAMMES}
    for slug in slugs:
        parts = _deelnemer_products(data, slug, realised, current.peildatum)
        for programma in PROGRAMMES:
            own = total(programma, [p for p in parts if data.producten[p.code].programma == programma])
            costs[programma] += _costs(own, rate)
    costs["totaal"] = sum((costs[p] for p in PROGRAMMES), Costs(ZERO, ZERO))
    return costs


def _find(year: MonitoringFigures, signal: Signal) -> Progress:
    if signal.niveau == "programma":
        return next(t for key, t in year.totalen.items() if t.naam == signal.progress.naam)
    found = [p for rows in year.programmas.values() for p in rows if p.code == signal.progress.code]
    return found[0] if found else replace(signal.progress, aantal=0)
