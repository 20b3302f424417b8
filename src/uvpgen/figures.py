"""Compute stage: pure functions from models to the numbers a document shows.

Nothing here formats or reads files. Every total, share and cost in a document comes from
here, computed from the rows it summarises, so no figure is ever typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from .data import NVT, PROGRAMMES, Deelnemer, EnergieTabel, Werkvoorraad, YearData
from .errors import InputError
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
