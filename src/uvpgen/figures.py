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
from fractions import Fraction

from .data import (CAPACITY_PARTS, LHSO_TYPES, NVT, PROGRAMMES, Besparing, Bron, Deelnemer, Doel, EnergieTabel,
                   Indicator, JaarverslagData, KcMeting, Meting, Product, Rechtsbescherming, Streefwaarde, Werkvoorraad,
                   YearData)
from .errors import InputError
from .exports import PeriodRealisation, Realised
from .formatting import date, round_half_up
from .names import TWENTE

ZERO = Decimal(0)


def whole(value: Decimal | int) -> Decimal:
    """Rounded to whole units (hours, euros, products) as printed."""
    return round_half_up(value)


def tenth(value: Decimal | int) -> Decimal:
    return round_half_up(value, 1)


def of(value: Decimal | int, share: Fraction) -> Decimal:
    """`value` × `share`, dividing last, so an exact half (22,5 × 4/12 = 7,5) stays exact and rounds up."""
    return Decimal(value) * share.numerator / share.denominator


def per(value: Decimal | int, share: Fraction) -> Decimal:
    """`value` / `share`: what `value` becomes when it is that share of the whole (the pace to year end)."""
    return Decimal(value) * share.denominator / share.numerator


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


def _summed(row, other, add):
    """Two rows of the same part (or the running total and a part) added field by field; the key
    stays the first row's."""
    return type(row)(row.key, *(add(getattr(row, f.name), getattr(other, f.name)) for f in fields(row)
                                if f.name != "key"))


@dataclass(frozen=True)
class BalanceRow:
    """One part of a programme: the hours and euros it needs against the formatie available to it.
    Hours available are fte x productive hours of one fte; euros are hours x rate, both whole."""
    key: str
    benodigd_uren: Decimal
    fte: Decimal
    beschikbaar_uren: Decimal
    benodigd_kosten: Decimal
    beschikbaar_kosten: Decimal

    @property
    def verschil_uren(self) -> Decimal:
        """Needed minus available: a shortage is positive, room to spare negative."""
        return self.benodigd_uren - self.beschikbaar_uren

    @property
    def verschil_kosten(self) -> Decimal:
        return self.benodigd_kosten - self.beschikbaar_kosten

    def __add__(self, other: BalanceRow) -> BalanceRow:
        return _summed(self, other, lambda a, b: a + b)


@dataclass(frozen=True)
class Balance:
    """The capacity balance of a programme, per part and in total (the sum of the parts).
    `marge`: the hours of a hundredth fte, the precision of the formatie; a smaller difference
    is rounding, not a shortage."""
    rows: tuple[BalanceRow, ...]
    marge: Decimal = ZERO

    @property
    def totaal(self) -> BalanceRow:
        total = BalanceRow("totaal", ZERO, ZERO, ZERO, ZERO, ZERO)
        for row in self.rows:
            total = total + row
        return total

    def row(self, key: str) -> BalanceRow:
        return next(r for r in self.rows if r.key == key)

    @property
    def tekorten(self) -> tuple[BalanceRow, ...]:
        """The parts that need more than is available, beyond the precision of the formatie."""
        return tuple(r for r in self.rows if r.verschil_uren >= self.marge and r.verschil_uren > 0)

    def __add__(self, other: Balance) -> Balance:
        return Balance(tuple(a + b for a, b in zip(self.rows, other.rows)), self.marge)


@dataclass(frozen=True)
class RiskRow:
    """A risk category of the bedrijvenbestand: its companies and their periodic controls,
    planned (the prognose of the category's control product) and, in the jaarverslag, done."""
    key: str
    naam: str
    frequentie: str
    bedrijven: int
    gepland: int | None  # None: no periodic control in this category
    uitgevoerd: int | None = None

    @property
    def dekking(self) -> Decimal | None:
        """Planned controls per hundred companies of the category."""
        return ratio(self.gepland, self.bedrijven) if self.gepland is not None else None

    @property
    def realisatie(self) -> Decimal | None:
        return ratio(self.uitgevoerd, self.gepland) if self.gepland is not None else None


@dataclass(frozen=True)
class EnergyShare:
    """A gemeente's contribution to the Twente-wide municipal energy table."""
    totaal: int
    uren: int

    @property
    def aandeel(self) -> Decimal | None:
        return ratio(self.uren, self.totaal)


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
    balans: Balance | None = None  # None: no formatie in capaciteit.yaml for this deelnemer
    risico: tuple[RiskRow, ...] | None = None  # None: no bedrijvenbestand for this deelnemer
    energie_aandeel: EnergyShare | None = None  # None: no contributions recorded for the municipal table
    terugblik: JaarverslagFigures | None = None  # the previous year as its jaarverslag accounts for it
    trend: Trend | None = None  # the years side by side, where there are two or more

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
    balans: Balance | None = None  # the sum of the deelnemers' balances; None if one has none
    risico: tuple[RiskRow, ...] | None = None  # summed per category; None if a deelnemer has none
    energie_bijdragen: dict[str, int] | None = None  # per gemeente (slug), the municipal energy table's hours
    terugblik: JaarverslagFigures | None = None  # the previous year of all of Twente, as its jaarverslag has it
    trend: Trend | None = None  # the years side by side, where there are two or more

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
    for regel in sorted(data.prognoses[slug], key=lambda r: r.code):
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


# The tables and figures (by id, in any document of the cycle) that rest on a kind of data: they
# carry a mark where that data is illustrative (Bron.delen).
BY_PROGRAMME = tuple(f"{prefix}-{p}" for prefix in ("prognose", "twente", "voortgang", "realisatie") for p in PROGRAMMES)
PLANNED = (*BY_PROGRAMME, "capaciteit", "capaciteit-totaal", "capaciteit-producten", "capaciteit-balans", "projecten",
           "diensten", "verdeelsleutel", "lokale-projecten", "bedrijvenbestand", "energie-gemeenten",
           "energie-bijdragen", "realisatie-programma", "signalen-programma", "signalen-product", "kosten",
           "programmas-ver-van-plan", "ver-van-plan", "grootste-afwijkingen", "opvolging", "capaciteit-jaar",
           "projecten-jaar", "diensten-jaar", "lokale-projecten-jaar", "risicocategorieen",
           "figuur-realisatie-per-programma", "figuur-uren-door-het-jaar")
REALISED = (*(f"{prefix}-{p}" for prefix in ("voortgang", "realisatie") for p in PROGRAMMES), "realisatie-programma",
            "signalen-programma", "signalen-product", "kosten", "projecten-voortgang", "programmas-ver-van-plan",
            "ver-van-plan", "grootste-afwijkingen", "opvolging", "capaciteit-jaar", "projecten-jaar",
            "risicocategorieen", "figuur-realisatie-per-programma", "figuur-uren-door-het-jaar")
MEASURED = ("indicatoren", "naleefgedrag", "naleefgedrag-deelnemers", "overtreders", "klachten", "energie",
            "energie-resultaten", "tijdigheid", "handhaving", "bezwaar-beroep", "figuur-naleefgedrag")


def indicator_table(doel: Doel) -> str:
    """The id of a goal's indicator table in the UVP."""
    return f"indicatoren-{doel.indicatoren[0].id}"


def sections(slugs: list[str]) -> tuple[str, ...]:
    """The Twente report's section per deelnemer, which repeats the deelnemer's own table."""
    return tuple(f"deelnemer-{slug}" for slug in slugs)


def programme_sources(data: YearData, slugs: list[str]) -> tuple[Bron, ...]:
    """The illustrative sources behind the planned figures of these deelnemers."""
    found = [Bron("de prognose, de verdeelsleutel en de lokale projecten", d.kortenaam, PLANNED + sections([d.slug]))
             for d in data.deelnemers if d.slug in slugs and d.illustratief]
    codes = sorted({r.code for slug in slugs for r in data.prognoses[slug]
                    if data.producten[r.code].illustratief})
    if codes:
        found.append(Bron("de kentallen van " + ", ".join(codes), "", PLANNED + sections(slugs)))
    return tuple(found)


def capacity_balance(data: YearData, slug: str, needed: dict[str, Decimal]) -> Balance | None:
    """Needed hours (the UVP's capacity per part) against the formatie available, in hours and
    euros, each whole per part; None when capaciteit.yaml has no formatie for the deelnemer."""
    formatie = data.capaciteit.formatie.get(slug)
    if formatie is None:
        return None
    rate, per_fte = data.capaciteit.uurtarief, data.capaciteit.uren_per_fte
    rows = []
    for part in CAPACITY_PARTS:
        available = whole(formatie[part] * per_fte)
        rows.append(BalanceRow(part, needed[part], formatie[part], available, whole(needed[part] * rate),
                               whole(available * rate)))
    return Balance(tuple(rows), whole(Decimal(per_fte) / 100))


def risk_rows(data: YearData, slug: str, planned: dict[str, int],
              done: dict[str, int] | None = None) -> tuple[RiskRow, ...] | None:
    """The deelnemer's companies per risk category with the periodic controls planned (and done)
    under each category's control product; None when the bedrijvenbestand has no counts for it."""
    counts = data.bedrijvenbestand.bedrijven.get(slug)
    if counts is None:
        return None
    return tuple(RiskRow(c.id, c.naam, c.frequentie, counts[c.id],
                         planned.get(c.controle, 0) if c.controle else None,
                         (done.get(c.controle, 0) if c.controle else None) if done is not None else None)
                 for c in data.bedrijvenbestand.risicocategorieen)


def summed_risk(parts: list[tuple[RiskRow, ...] | None]) -> tuple[RiskRow, ...] | None:
    """Risk rows summed per category over deelnemers; None when one of them has none."""
    if not parts or any(p is None for p in parts):
        return None

    def add(a: int | None, b: int | None) -> int | None:
        return None if a is None or b is None else a + b
    rows = list(parts[0])
    for part in parts[1:]:
        rows = [replace(r, bedrijven=r.bedrijven + o.bedrijven, gepland=add(r.gepland, o.gepland),
                        uitgevoerd=add(r.uitgevoerd, o.uitgevoerd)) for r, o in zip(rows, part)]
    return tuple(rows)


def energy_share(data: YearData, slug: str) -> EnergyShare | None:
    """The gemeente's hours in the municipal energy table (the first one with contributions)."""
    for table, figures in ((t, energy_table(t, data.capaciteit.uurtarief)) for t in data.energie.tabellen):
        if table.bijdragen is not None:
            return EnergyShare(int(figures.totaal_uren), table.bijdragen.uren.get(slug, 0))
    return None


# The werkvoorraad appendix is a per-deelnemer UVP's; the Twente UVP has none, so it does not name this source.
BACKLOG_SPLIT = Bron("de uitsplitsing naar product van de werkvoorraad Wabo in {ref}`werkvoorraad`, waarvan alleen "
                     "het totaal uit de registratie komt", "", ("werkvoorraad",))


def uvp_figures(data: YearData, slug: str) -> UvpFigures:
    deelnemer = data.deelnemer(slug)
    if slug not in data.prognoses:
        raise InputError(f"geen prognose voor {deelnemer.aanduiding}",
                         path=f"data/{data.jaar}/prognose/{slug}.csv",
                         expected="een prognosebestand per deelnemer (code;aantal;opmerking)")
    werkvoorraad = data.werkvoorraad.get(slug)
    bronnen = programme_sources(data, [slug]) + uvp_sources(data, [slug])
    if werkvoorraad and werkvoorraad.illustratief:
        bronnen += (BACKLOG_SPLIT,)
    uvp = UvpFigures(
        deelnemer=deelnemer,
        programmas=programme_tables(data, slug),
        projecten=regional_share(data, [p.capaciteit_uren for p in data.projecten], slug),
        diensten=regional_share(data, [d.capaciteit_uren for d in data.diensten], slug),
        lokale_projecten_uren=sum(p.capaciteit_uren for p in data.lokale_projecten.get(slug, [])),
        energie=tuple(energy_table(t, data.capaciteit.uurtarief) for t in data.energie.tabellen),
        werkvoorraad=backlog(werkvoorraad) if werkvoorraad else None,
        bronnen=bronnen,
        risico=risk_rows(data, slug, {r.code: r.aantal for r in data.prognoses[slug]}),
        energie_aandeel=energy_share(data, slug),
    )
    return replace(uvp, balans=capacity_balance(data, slug, uvp.capaciteit))


def uvp_sources(data: YearData, slugs: list[str]) -> tuple[Bron, ...]:
    """The illustrative sources of the capacity balance, the risk analysis, the quality criteria,
    the ambitions and the planned adoption of streefwaarden, where the UVP of `slugs` shows them."""
    found = []
    if data.capaciteit.illustratief and any(s in data.capaciteit.formatie for s in slugs):
        found.append(Bron("de beschikbare formatie per deelnemer", "", ("capaciteit-balans", "capaciteit-jaar")))
    if data.bedrijvenbestand.illustratief and any(s in data.bedrijvenbestand.bedrijven for s in slugs):
        found.append(Bron("het bedrijvenbestand naar risicocategorie", "", ("bedrijvenbestand", "risicocategorieen")))
    if data.kwaliteitscriteria.illustratief:
        found.append(Bron("de kritieke massa en de stand van de kwaliteitscriteria", "", ("kwaliteitscriteria",)))
    if data.ambitieonderwerpen and data.ambitieonderwerpen.illustratief:
        found.append(Bron("de lijst van bestuurlijke ambitieonderwerpen", "", ("ambitieonderwerpen",)))
    planned = [d for d in data.doelen if any(i.streefwaarde_gepland and i.streefwaarde_gepland.illustratief
                                             and not i.streefwaarde for i in d.indicatoren)]
    if planned:
        found.append(Bron("wie de streefwaarden vaststelt en wanneer", "",
                          ("indicatoren", *(indicator_table(d) for d in planned))))
    if any(t.bijdragen and t.bijdragen.illustratief for t in data.energie.tabellen):
        found.append(Bron("de verdeling van de gemeentelijke energie-uren over de gemeenten", "",
                          ("energie-gemeenten", "energie-bijdragen")))
    return tuple(found)


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
    balances = [uvp.balans for uvp in per_deelnemer]
    balans = None
    if all(b is not None for b in balances):
        balans = balances[0]
        for other in balances[1:]:
            balans = balans + other
    contributions = next((t.bijdragen.uren for t in data.energie.tabellen if t.bijdragen is not None), None)
    return TwenteFigures(
        deelnemers=per_deelnemer,
        programmas=programmas,
        projecten_totaal=per_deelnemer[0].projecten.totaal,
        diensten_totaal=per_deelnemer[0].diensten.totaal,
        energie=per_deelnemer[0].energie,
        bronnen=tuple(sorted({b for uvp in per_deelnemer for b in uvp.bronnen} - {BACKLOG_SPLIT})),
        balans=balans,
        risico=summed_risk([uvp.risico for uvp in per_deelnemer]),
        energie_bijdragen=({d.slug: contributions[d.slug] for d in data.deelnemers if d.slug in contributions}
                           if contributions is not None else None),
    )


TERUGBLIK = ("terugblik-programma", "terugblik-indicatoren")  # the UVP's tables from the previous jaarverslag
LOOKED_BACK = {"realisatie-programma": "terugblik-programma", "indicatoren": "terugblik-indicatoren"}  # by the jaarverslag's
TREND = ("trend-programma", "trend-indicatoren", "figuur-verloop-over-de-jaren")


@dataclass(frozen=True)
class TrendYear:
    """One year of a trend: the hours planned per programme and in total (its UVP), and once its
    jaarverslag is there the hours written and the indicators measured (id -> percentage)."""
    jaar: int
    gepland: dict[str, Decimal] | None = None  # None: a year known only by its measured indicators
    geschreven: dict[str, Decimal] | None = None
    gemeten: dict[str, Decimal | None] | None = None


@dataclass(frozen=True)
class Trend:
    """The years side by side, oldest first, and the measured indicators (id, naam) of the latest."""
    jaren: tuple[TrendYear, ...]
    indicatoren: tuple[tuple[str, str], ...]


def trend(jaarverslagen: list[JaarverslagFigures], plan: tuple[int, dict[str, Decimal]] | None) -> Trend | None:
    """The trend of the programme totals and the indicators over the years of `jaarverslagen`
    (oldest first; each also knows the indicators of the year before it) and, for a UVP, its own
    year's `plan` (year, hours per programme and total). None with fewer than two years."""
    years: dict[int, TrendYear] = {}
    for f in jaarverslagen:
        jaar = f.jaar.peildatum.year
        measured = [m for _, m in f.indicatoren if m.indicator.formule]
        if jaar - 1 not in years and any(m.vorig_jaar is not None for m in measured):
            years[jaar - 1] = TrendYear(jaar - 1, gemeten={m.indicator.id: m.vorig_jaar for m in measured})
        totals = {key: t for key, t in f.jaar.totalen.items()}
        years[jaar] = TrendYear(jaar, {k: t.prognose_uren for k, t in totals.items()},
                                {k: t.uren_besteed for k, t in totals.items()},
                                {m.indicator.id: m.waarde for m in measured})
    if plan is not None:
        years[plan[0]] = TrendYear(plan[0], plan[1])
    if len([y for y in years.values() if y.gepland is not None]) < 2:
        return None
    latest = [m for _, m in jaarverslagen[-1].indicatoren if m.indicator.formule] if jaarverslagen else []
    return Trend(tuple(years[j] for j in sorted(years)), tuple((m.indicator.id, m.indicator.naam) for m in latest))


def _illustrative_years(jaarverslagen: list[JaarverslagFigures], parts: set[str]) -> list[int]:
    return [f.jaar.peildatum.year for f in jaarverslagen if any(set(b.delen) & parts for b in f.bronnen)]


def looking_back(figures: UvpFigures | TwenteFigures, previous: list[JaarverslagFigures]) -> UvpFigures | TwenteFigures:
    """A UVP that looks back on the years before it (`previous`, oldest first): its terugblik is the
    last year exactly as that year's jaarverslag gives it (the same figures, so the two agree by
    construction), its trend every year beside its own plan; illustrative where the jaarverslagen's
    tables they come from are."""
    last = previous[-1]
    year = last.jaar.peildatum.year
    plan = {p: figures.programmas[p].totaal_uren for p in PROGRAMMES}
    own = trend(previous, (year + 1, {**plan, "totaal": sum(plan.values(), ZERO)}))
    illustrative = _illustrative_years(previous, set(LOOKED_BACK))
    bronnen = figures.bronnen
    if year in illustrative:
        bronnen += (Bron(f"de realisatie en de indicatoren van {year} (uit het jaarverslag {year})", "", TERUGBLIK),)
    if illustrative and own is not None:
        bronnen += (Bron(f"de realisatie en de indicatoren van {' en '.join(map(str, illustrative))} in het verloop "
                         "over de jaren", "", TREND),)
    return replace(figures, terugblik=last, trend=own, bronnen=tuple(sorted(set(bronnen))))


def with_trend(figures: JaarverslagFigures, previous: list[JaarverslagFigures]) -> JaarverslagFigures:
    """A jaarverslag beside the jaarverslagen of the years before it (`previous`, oldest first)."""
    own = trend([*previous, figures], None)
    if own is None:
        return figures
    illustrative = _illustrative_years([*previous, figures], set(LOOKED_BACK))
    bronnen = figures.bronnen + ((Bron(f"de realisatie en de indicatoren van {' en '.join(map(str, illustrative))} "
                                       "in het verloop over de jaren", "", TREND),) if illustrative else ())
    return replace(figures, trend=own, bronnen=tuple(sorted(set(bronnen))))


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
    def realisatie_plan(self) -> Decimal | None:
        """Realised as a percentage of the year's plan, as printed beside it in the jaarverslag:
        counts for a product, standard hours for a sum (not the whole hours of `verwacht_uren`)."""
        if self.aantal is not None:
            return ratio(self.aantal, self.prognose)
        return ratio(self.gerealiseerd_uren, self.prognose_uren)

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


def product_progress(product: Product, jaar: int, prognose: int, fraction: Fraction,
                     done: Realised | None) -> Progress:
    """One product of one deelnemer: the finest level, where every figure is rounded."""
    kental = product.kentallen[jaar]
    aantal = done.aantal if done else 0
    return _at_pace(product.naam, product.code, prognose, prognose * kental, aantal, aantal * kental,
                    whole(done.uren) if done else ZERO, fraction)


def product_total(parts: list[Progress], fraction: Fraction) -> Progress:
    """One product over several deelnemers (Twente), computed as for one deelnemer from the summed
    prognose, finished count and written hours: Verwacht is the stated share of the summed
    prognose, as the method text says, not the sum of the deelnemers' rounded shares."""
    def summed(name: str) -> Decimal:
        return sum((getattr(p, name) for p in parts), ZERO)
    return _at_pace(parts[0].naam, parts[0].code, int(summed("prognose")), summed("prognose_uren"),
                    int(summed("aantal")), summed("gerealiseerd_uren"), summed("uren_besteed"), fraction)


def _at_pace(naam: str, code: str, prognose: int, prognose_uren: Decimal, aantal: int, gerealiseerd_uren: Decimal,
             besteed: Decimal, fraction: Fraction) -> Progress:
    """A product's progress: what was expected by the peildatum (`fraction` of the year's prognose)
    and what the year end comes to at the pace so far."""
    return Progress(naam, code, prognose_uren, whole(of(prognose_uren, fraction)), gerealiseerd_uren, besteed,
                    whole(per(besteed, fraction)), prognose, tenth(of(prognose, fraction)), aantal,
                    whole(per(aantal, fraction)))


COUNTS = ("prognose", "verwacht", "aantal", "jaareinde_aantal")


def total(naam: str, parts: list[Progress]) -> Progress:
    """The sum of parts that are different products (a programme, the total): the rows printed
    above it; the counts of different products do not add up."""
    sums = {f.name: sum((getattr(p, f.name) for p in parts), ZERO) if f.name not in COUNTS else None
            for f in fields(Progress) if f.name not in ("naam", "code")}
    return Progress(naam, None, **sums)


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
class Costs:
    """Planned and written hours of a programme in euros, whole euros per deelnemer and programme;
    during the year also the euros by year end at the same pace."""
    gepland: Decimal
    besteed: Decimal
    jaareinde: Decimal = ZERO

    def __add__(self, other: Costs) -> Costs:
        return Costs(self.gepland + other.gepland, self.besteed + other.besteed, self.jaareinde + other.jaareinde)


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
    kosten: dict[str, Costs]  # per programme and "totaal": euros planned, spent, and by year end at this pace
    exports_illustratief: bool = False  # whether an export the figures come from is illustrative (not the other sources)


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
    return tuple(Bron(f"de realisatie tot en met {date(p.peildatum)} (export van het zaaksysteem)", "",
                      REALISED + sections(slugs))
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
    programmas = {programma: tuple(product_total(group, data.monitoring.fraction(code, current.peildatum))
                                   for code, group in sorted(by_code.items())
                                   if data.producten[code].programma == programma)
                  for programma in PROGRAMMES}
    totalen = {p: total(p.capitalize(), list(programmas[p])) for p in PROGRAMMES}
    totalen["totaal"] = total("Totaal", [totalen[p] for p in PROGRAMMES])
    planned: dict[str, Decimal] = {}
    for r in (r for slug in slugs for r in data.prognoses[slug]):
        planned[r.code] = planned.get(r.code, ZERO) + data.producten[r.code].kentallen[data.jaar] * r.aantal
    expected = tuple(sum((whole(of(hours, data.monitoring.fraction(code, dt.date(data.jaar, month, 1))))
                          for code, hours in planned.items()), ZERO) for month in range(1, 13))
    written = tuple((p.peildatum.month, sum((whole(r.uren) for r in p.producten if r.deelnemer in slugs), ZERO))
                    for p in periods)
    projecten = tuple(ProjectProgress(p.code, p.naam, p.capaciteit_uren, whole(current.projecten[p.code].uren),
                                      current.projecten[p.code].status) for p in data.projecten)
    return MonitoringFigures(slugs[0] if len(slugs) == 1 else TWENTE, naam, current.periode, current.peildatum, programmas, totalen,
                             signals(data, programmas, totalen), projecten, CumulativeHours(expected, written),
                             realisation_sources(data, slugs, periods),
                             _programme_costs(data, slugs, current, data.capaciteit.uurtarief),
                             any(p.illustratief for p in periods))


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


def _plus(a: Decimal | int | None, b: Decimal | int | None) -> Decimal | int | None:
    """A sum that is unknown as soon as one part is."""
    return None if a is None or b is None else a + b


@dataclass(frozen=True)
class YearCapacityRow:
    """One part of a deelnemer's programme over the year: planned (the UVP), available (the
    formatie) and written, in hours and in euros (hours x rate, whole per deelnemer and part)."""
    key: str
    gepland_uren: Decimal
    beschikbaar_uren: Decimal | None
    geschreven_uren: Decimal | None
    gepland_kosten: Decimal
    beschikbaar_kosten: Decimal | None
    geschreven_kosten: Decimal | None

    @property
    def verschil_uren(self) -> Decimal | None:
        """Written minus available: more written than available is positive."""
        return _plus(self.geschreven_uren, -self.beschikbaar_uren if self.beschikbaar_uren is not None else None)

    def __add__(self, other: YearCapacityRow) -> YearCapacityRow:
        return _summed(self, other, _plus)


@dataclass(frozen=True)
class EnergyResults:
    """The year's energy supervision: controls, what they found and what came of it, summed."""
    controles: int
    met_overtreding: int
    hercontroles: int
    handhavingstrajecten: int
    maatregelen_getroffen: int
    besparing: Besparing

    def __add__(self, other: EnergyResults) -> EnergyResults:
        saved = Besparing(**{f: getattr(self.besparing, f) + getattr(other.besparing, f)
                             for f in ("elektriciteit_mwh", "aardgas_m3", "co2_ton")})
        return EnergyResults(self.controles + other.controles, self.met_overtreding + other.met_overtreding,
                             self.hercontroles + other.hercontroles,
                             self.handhavingstrajecten + other.handhavingstrajecten,
                             self.maatregelen_getroffen + other.maatregelen_getroffen, saved)


@dataclass(frozen=True)
class Timeliness:
    key: str
    naam: str
    termijn: str
    afgehandeld: int
    binnen_termijn: int
    enkelvoud: str = ""  # one decision of this kind, as a sentence names it

    @property
    def buiten_termijn(self) -> int:
        return self.afgehandeld - self.binnen_termijn

    @property
    def percentage(self) -> Decimal | None:
        return ratio(self.binnen_termijn, self.afgehandeld)


@dataclass(frozen=True)
class ServiceYear:
    """A regional service over the year, for all of Twente: planned and written hours."""
    nr: int
    naam: str
    gepland: int
    geschreven: int


@dataclass(frozen=True)
class LocalYear:
    deelnemer: str  # kortenaam
    naam: str
    gepland: int
    geschreven: int | None  # None: no result recorded
    resultaat: str | None


@dataclass(frozen=True)
class BacklogYear:
    deelnemer: str
    product: str
    open: int  # open at the start of the year (the UVP's Bijlage 1)
    afgerond: int | None
    uren: int | None

    @property
    def resterend(self) -> int | None:
        return self.open - self.afgerond if self.afgerond is not None else None


@dataclass(frozen=True)
class PartnerYear:
    naam: str
    afspraken: tuple[str, ...]  # the focus points of the UVP
    resultaat: str | None


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
    risico: tuple[RiskRow, ...] | None = None  # periodic controls per risk category, planned and done
    handhaving: tuple[tuple[str, str, int], ...] = ()  # (key, naam, count) of sanctions from the export
    handhaving_open: int | None = None  # cases open at year end (None: not recorded for every deelnemer)
    tijdigheid: tuple[Timeliness, ...] | None = None
    rechtsbescherming: dict[str, Rechtsbescherming] | None = None  # bezwaar, beroep
    energie_resultaten: EnergyResults | None = None
    diensten: tuple[ServiceYear, ...] | None = None  # all of Twente; None: written hours not recorded
    diensten_aandeel: Share | None = None  # the deelnemer's share of the written hours (None for Twente)
    projecten_aandeel: Share | None = None
    lokaal: tuple[LocalYear, ...] = ()
    werkvoorraad: tuple[BacklogYear, ...] = ()
    capaciteit: tuple[YearCapacityRow, ...] | None = None  # per part; None: no formatie for a deelnemer
    ketenpartners: tuple[PartnerYear, ...] = ()
    kwaliteit: KcMeting | None = None
    trend: Trend | None = None  # this year beside the years before, where their jaarverslagen are there

    @property
    def capaciteit_totaal(self) -> YearCapacityRow | None:
        if self.capaciteit is None:
            return None
        total = self.capaciteit[0]
        for row in self.capaciteit[1:]:
            total = total + row
        return replace(total, key="totaal")

    @property
    def lokaal_verantwoord(self) -> bool:
        """Every planned local project and every backlog line has its result."""
        return all(item.geschreven is not None for item in self.lokaal) and \
            all(item.afgerond is not None for item in self.werkvoorraad)

    def indicator(self, key: str) -> Measured:
        return next(m for _, m in self.indicatoren if m.indicator.id == key)


def _counted(data: YearData, realised: tuple[Realised, ...], slugs: list[str], key: str) -> int:
    prefixes = tuple(code + "." for code in data.tellingen[key].codes)
    return sum(r.aantal for r in realised if r.deelnemer in slugs and (r.code + ".").startswith(prefixes))


def _costs(progress: Progress, rate: Decimal) -> Costs:
    return Costs(whole(progress.prognose_uren * rate), whole(progress.uren_besteed * rate),
                 whole(progress.uren_jaareinde * rate))


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

    kosten = year.kosten
    opvolging = tuple(FollowUp(s, _find(year, s)) for s in najaar.signalen) if najaar else ()
    complaint_kinds = tuple(dict.fromkeys(k for m in metingen + previous for k in m.klachten))
    bronnen = realisation_sources(data, slugs, periods)
    covered = [d for d in data.deelnemers if d.slug in slugs]
    bronnen += tuple(Bron(f"de gemeten indicatoren {year_}", d.kortenaam, MEASURED)
                     for year_, source in ((data.jaar, extra.metingen), (data.jaar - 1, extra.vorig_jaar))
                     for d in covered if d.slug in source and source[d.slug].illustratief)
    bronnen += tuple(Bron(f"de streefwaarde van {i.naam.lower()}", "", ("indicatoren",)) for doel in data.doelen for i in doel.indicatoren
                     if i.streefwaarde and i.streefwaarde.illustratief)
    if extra.robuustheid.illustratief:
        bronnen += (Bron("de stand en status van de robuustheids-KPI's", "", ("robuustheid",)),)
    if extra.projectresultaten.illustratief:
        bronnen += (Bron("de resultaten van de Twentse projecten", "", ("projectresultaten",)),)
    bronnen += _accountability_sources(data, extra, slugs)
    figures = JaarverslagFigures(naam, year, far, deviations, largest, tuple(measured),
                                 counts("overtreders", LHSO_TYPES), counts("klachten", complaint_kinds),
                                 (energy(metingen), energy(previous) if complete_previous else None), kosten,
                                 opvolging, tuple(sorted(set(bronnen))))
    return _accountability(figures, data, extra, slugs, periods[-1])


def _accountability_sources(data: YearData, extra: JaarverslagData, slugs: list[str]) -> tuple[Bron, ...]:
    """The illustrative sources of what the jaarverslag accounts for beyond the realisation."""
    found = uvp_sources(data, slugs)
    if extra.verantwoording.illustratief:
        found += (Bron("de geschreven uren van de diensten en lokale projecten, de werkvoorraad en de resultaten "
                       "met de ketenpartners", "", ("diensten-jaar", "lokale-projecten-jaar", "werkvoorraad-jaar",
                                                    "ketenpartners-jaar", "capaciteit-jaar")),)
    return found


def _sum_optional(values: list) -> object:
    """The sum of per-deelnemer values, or None when one of them is missing."""
    if not values or any(v is None for v in values):
        return None
    total = values[0]
    for value in values[1:]:
        total = total + value
    return total


def _accountability(figures: JaarverslagFigures, data: YearData, extra: JaarverslagData, slugs: list[str],
                    current: PeriodRealisation) -> JaarverslagFigures:
    """What the law and the province ask of a jaarverslag beyond the realisation: the risk
    categories, sanctions, timeliness, objections, energy results, regional services, local
    projects and backlog, the capacity balance, the ketenpartners and the quality criteria.
    Every count of Twente is the sum of the deelnemers' counts."""
    done: dict[str, int] = {}
    for r in current.producten:
        if r.deelnemer in slugs:
            done[r.code] = done.get(r.code, 0) + r.aantal
    risk = summed_risk([risk_rows(data, s, {r.code: r.aantal for r in data.prognoses[s]},
                                  {r.code: r.aantal for r in current.producten if r.deelnemer == s}) for s in slugs])

    def count(codes: list[str]) -> int:
        prefixes = tuple(code + "." for code in codes)
        return sum(n for code, n in done.items() if (code + ".").startswith(prefixes))
    sanctions = tuple((key, t.naam, count(t.codes)) for key, t in extra.regels.handhaving.items())
    metingen = [extra.metingen[s] for s in slugs]

    timeliness = None
    if all(m.tijdigheid is not None for m in metingen):
        timeliness = tuple(Timeliness(key, kind.naam, kind.termijn,
                                      sum(m.tijdigheid[key].afgehandeld for m in metingen if key in m.tijdigheid),
                                      sum(m.tijdigheid[key].binnen_termijn for m in metingen if key in m.tijdigheid),
                                      kind.enkelvoud)
                           for key, kind in extra.regels.tijdigheid.items())
    objections = None
    if all(m.bezwaar is not None and m.beroep is not None for m in metingen):
        objections = {kind: Rechtsbescherming(**{f: sum(getattr(getattr(m, kind), f) for m in metingen)
                                                 for f in ("ingediend", "gegrond", "ongegrond", "overig", "lopend")})
                      for kind in ("bezwaar", "beroep")}
    energy = _sum_optional([EnergyResults(m.energie.controles, m.energie.met_overtreding, m.energie.hercontroles,
                                          m.energie.handhavingstrajecten, m.energie.maatregelen_getroffen,
                                          m.energie.besparing)
                            if None not in (m.energie.hercontroles, m.energie.handhavingstrajecten,
                                            m.energie.maatregelen_getroffen, m.energie.besparing) else None
                            for m in metingen])

    written = extra.verantwoording.diensten
    with_hours = [d for d in data.diensten if d.capaciteit_uren != NVT]
    services = (tuple(ServiceYear(d.nr, d.naam, d.capaciteit_uren, written[d.nr]) for d in with_hours)
                if all(d.nr in written for d in with_hours) else None)
    percentages = {d.slug: d.verdeelsleutel[data.jaar] for d in data.deelnemers}
    single = slugs[0] if len(slugs) == 1 else None

    def share(total: int) -> Share | None:
        return Share(total, percentages[single], largest_remainder(total, percentages)[single]) if single else None
    project_hours = int(sum(p.besteed for p in figures.jaar.projecten if p.capaciteit != NVT))
    service_hours = sum(s.geschreven for s in services) if services is not None else None

    names = {d.slug: d.kortenaam for d in data.deelnemers}
    local, backlog_rows = [], []
    for slug in slugs:
        results = {r.naam: r for r in extra.verantwoording.lokale_projecten.get(slug, [])}
        for project in data.lokale_projecten.get(slug, []):
            result = results.get(project.naam)
            local.append(LocalYear(names[slug], project.naam, project.capaciteit_uren,
                                   result.uren if result else None, result.resultaat if result else None))
        if slug in data.werkvoorraad:
            lines = {r.product: r for r in extra.verantwoording.werkvoorraad.get(slug, [])}
            for row in data.werkvoorraad[slug].regels:
                line = lines.get(row.product)
                backlog_rows.append(BacklogYear(names[slug], row.product, row.aantal,
                                                line.afgerond if line else None, line.uren if line else None))

    capacity = _sum_optional([_year_capacity(data, extra, s, current, project_hours, service_hours) for s in slugs])
    partners = tuple(PartnerYear(k.naam, tuple(f.titel for f in k.focuspunten), extra.verantwoording.ketenpartners.get(k.naam))
                     for k in data.ketenpartners)
    return replace(figures, risico=risk, handhaving=sanctions,
                   handhaving_open=_sum_optional([m.handhaving_open for m in metingen]),
                   tijdigheid=timeliness, rechtsbescherming=objections, energie_resultaten=energy,
                   diensten=services, diensten_aandeel=share(service_hours) if service_hours is not None else None,
                   projecten_aandeel=share(project_hours), lokaal=tuple(local), werkvoorraad=tuple(backlog_rows),
                   capaciteit=capacity, ketenpartners=partners,
                   kwaliteit=data.kwaliteitscriteria.at(current.peildatum))


class _Rows(tuple):
    """Capacity rows of one deelnemer that add up part by part with another deelnemer's."""

    def __add__(self, other: tuple) -> _Rows:
        return _Rows(a + b for a, b in zip(self, other))


def _year_capacity(data: YearData, extra: JaarverslagData, slug: str, current: PeriodRealisation,
                   project_hours: int, service_hours: int | None) -> _Rows | None:
    """One deelnemer's parts over the year: planned from its UVP, available from its formatie,
    written from the export (programmes), its share of the written hours of the projects and
    services, and the hours of its local projects."""
    uvp = uvp_figures(data, slug)
    if uvp.balans is None:
        return None
    rate = data.capaciteit.uurtarief
    percentages = {d.slug: d.verdeelsleutel[data.jaar] for d in data.deelnemers}
    realised = {(r.deelnemer, r.code): r for r in current.producten}
    parts = _deelnemer_products(data, slug, realised, current.peildatum)
    written: dict[str, Decimal | None] = {}
    for programma in PROGRAMMES:
        written[programma] = total(programma, [p for p in parts if data.producten[p.code].programma == programma]).uren_besteed
    written["projecten"] = Decimal(largest_remainder(project_hours, percentages)[slug])
    written["diensten"] = (Decimal(largest_remainder(service_hours, percentages)[slug])
                           if service_hours is not None else None)
    results = {r.naam: r.uren for r in extra.verantwoording.lokale_projecten.get(slug, [])}
    planned_local = data.lokale_projecten.get(slug, [])
    written["lokaal"] = (Decimal(sum(results[p.naam] for p in planned_local))
                         if all(p.naam in results for p in planned_local) else None)
    rows = []
    for row in uvp.balans.rows:
        hours = written[row.key]
        rows.append(YearCapacityRow(row.key, row.benodigd_uren, row.beschikbaar_uren, hours, row.benodigd_kosten,
                                    row.beschikbaar_kosten, whole(hours * rate) if hours is not None else None))
    return _Rows(rows)


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
