"""Tables as data: every table a document prints, with its identity, typed columns and keyed rows.

The builders below turn figures into tables; compose places them in the document as nodes
(`Table.block`) and keeps them, so the cross-document check (uvpgen.consistency) compares
tables by identity — table id, row key, column — instead of reading Markdown back.

A column that adds up (`som`) has, in the total row, the sum of the rows above it: the figures
are kept at printed precision and the total rows are sums of the same parts (uvpgen.figures),
and uvpgen.consistency checks it on the printed cells of every table of every document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal

from . import formatting
from .data import (NVT, PROGRAMMES, Ambitieonderwerpen, Begrip, Dienst, Doel, EnergieWerkzaamheid, Indicator, KcMeting,
                   Kwaliteitscriteria, LokaalProject, Project, RobuustheidKpi)
from .document import Cell, TableBlock, TableRow, Text
from .figures import (Balance, Costs, Counts, Deviation, EnergyTable, FollowUp, JaarverslagFigures, Measured,
                      MonitoringFigures, ProductTable, Progress, ProjectProgress, RiskRow, Signal, Trend,
                      TwenteFigures, UvpFigures, indicator_table, ratio)

Value = Decimal | int | str | None

PRINTERS = {  # column format -> how a number prints: one format per kind of number, in every document
    "aantal": formatting.quantity,  # counts and hours: whole numbers, or up to two decimals
    "getal1": lambda v: formatting.number(v, 1),  # an expected count: 131,3
    # Formatie and kritieke massa: two decimals, as the formatie is recorded (0,39 fte); with one,
    # the hours beside it (0,39 x 1.300 = 507) could not be checked with a pencil.
    "fte": lambda v: formatting.number(v, 2),
    "euro": formatting.euro,  # every amount in euros carries its sign: € 71.034
    "euroverschil": formatting.euro_signed,  # +€ 1.234
    "procent": lambda v: formatting.percentage(v, 1),  # every share and percentage: 92,0%
    "procent2": formatting.percentage,  # only the verdeelsleutel, as adopted: 12,02%
    "verschil": formatting.signed,
    "procentpunt": lambda v: formatting.signed(v, 1),
}


@dataclass(frozen=True)
class Column:
    header: str
    format: str = "tekst"  # "tekst" or a key of PRINTERS
    som: bool = False  # additive: the total row holds the sum of the rows above it

    @property
    def numeric(self) -> bool:
        return self.format != "tekst"

    def print(self, value: Value) -> str:
        if value is None:
            return "–" if self.numeric else ""
        if isinstance(value, str):
            return " ".join(value.split())
        return PRINTERS[self.format](value)


@dataclass(frozen=True)
class Row:
    key: str  # identity within the table: product or project code, deelnemer, programme, indicator id
    cells: tuple[Value, ...]


@dataclass(frozen=True)
class Table:
    id: str  # identity within the document, e.g. "prognose-toezicht"
    caption: str | None  # without its number ("Prognose toezicht 2025"); None for a list such as the begrippen
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    wide: bool = False  # many columns: smaller type
    money: tuple[tuple[str, str], ...] = ()  # (hours column, euro column): euros are hours × the rate (uvpgen.claims)

    def printed(self, row: Row) -> list[str]:
        """The row's cells as printed; in the total row a cell without value stays empty."""
        return [column.print(value) if value is not None or row is not self.total else ""
                for column, value in zip(self.columns, row.cells)]

    def column(self, header: str) -> int:
        return self._columns[header]

    def has(self, header: str) -> bool:
        return header in self._columns

    def cell(self, key: str, header: str) -> str | None:
        """A cell as printed, by identity: row key ("totaal" for the total row) and column header;
        None where the table has no such row."""
        row = self._printed.get(key)
        return None if row is None else row[self._columns[header]]

    @cached_property
    def _columns(self) -> dict[str, int]:
        return {column.header: index for index, column in enumerate(self.columns)}

    @cached_property
    def _printed(self) -> dict[str, list[str]]:
        rows = {row.key: self.printed(row) for row in self.rows}
        return rows | ({"totaal": self.printed(self.total)} if self.total else {})

    def block(self, number: int | None) -> TableBlock:
        """The table as the document holds it: its printed cells by row identity, after its
        numbered caption."""
        def cells(texts: list[str]) -> tuple[Cell, ...]:
            return tuple(Cell((Text(text),) if text else ()) for text in texts)
        return TableBlock(self.id, number, None if self.caption is None else (Text(self.caption),),
                          cells([column.header for column in self.columns]),
                          tuple(column.numeric for column in self.columns),
                          tuple(TableRow(key, cells(printed)) for key, printed in self._printed.items()),
                          self.total is not None, self.wide)


def _table(id: str, caption: str | None, columns: Iterable[Column], rows: Iterable[Row],
           total: Row | None = None, wide: bool = False, money: tuple[tuple[str, str], ...] = ()) -> Table:
    return Table(id, caption, tuple(columns), tuple(rows), total, wide, money)


# --- UVP ----------------------------------------------------------------------------------

# Each part with the paragraph it is worked out in, by reference: compose prints its number.
CAPACITY_PARTS = (("vergunningen", "Vergunningen ({ref-nummer}`programma-vergunningen`)"),
                  ("toezicht", "Toezicht ({ref-nummer}`programma-toezicht-handhaving`)"),
                  ("handhaving", "Handhaving ({ref-nummer}`programma-toezicht-handhaving`)"),
                  ("advies", "Advies ({ref-nummer}`programma-advies`)"),
                  ("projecten", "Aandeel Twentse projecten ({ref-nummer}`twentse-projecten`)"),
                  ("diensten", "Aandeel diensten voor de regio ({ref-nummer}`diensten-voor-de-regio-twente`)"),
                  ("lokaal", "Lokale projecten ({ref-nummer}`lokale-projecten`)"))


def capaciteit(f: UvpFigures, caption: str) -> Table:
    parts = f.capaciteit
    return _table("capaciteit", caption, [Column("Onderdeel"), Column("Capaciteit (uren)", "aantal", som=True)],
                  [Row(key, (label, parts[key])) for key, label in CAPACITY_PARTS],
                  Row("totaal", ("Totaal", parts["totaal"])))


def producten(id: str, caption: str, t: ProductTable) -> Table:
    return _table(id, caption, [Column("Code"), Column("Product"), Column("Aantal", "aantal"),
                                Column("Kental (uren)", "aantal"), Column("Totaal (uren)", "aantal", som=True)],
                  [Row(r.code, (r.code, r.naam, r.aantal, r.kental, r.uren)) for r in t.rows],
                  Row("totaal", (None, "Totaal benodigde capaciteit", None, None, t.totaal_uren)))


def _financing(p: Project) -> str:
    kind = "Verdeelsleutel" if p.financiering == "verdeelsleutel" else "Extern gefinancierd"
    return f"{kind} ({p.financiering_toelichting})" if p.financiering_toelichting else kind


def projecten(caption: str, items: list[Project], totaal: int) -> Table:
    return _table("projecten", caption, [Column("Code"), Column("Project"), Column("Doel"),
                                         Column("Capaciteit (uren)", "aantal", som=True), Column("Financiering"),
                                         Column("Status")],
                  [Row(p.code, (p.code, p.naam, p.samenvatting, p.capaciteit_uren, _financing(p), p.status))
                   for p in items],
                  Row("totaal", (None, "Totaal", None, totaal, None, None)))


def diensten(caption: str, items: list[Dienst], totaal: int) -> Table:
    return _table("diensten", caption, [Column("Nr."), Column("Dienst"), Column("Samenvatting"),
                                        Column("Capaciteit (uren)", "aantal", som=True), Column("Financiering")],
                  [Row(str(d.nr), (str(d.nr), d.naam, d.samenvatting, d.capaciteit_uren,
                                   "Begroting" if d.financiering == "begroting" else "Verdeelsleutel"))
                   for d in items],
                  Row("totaal", (None, "Totaal", None, totaal, None)))


def lokale_projecten(caption: str, items: list[LokaalProject], totaal: int) -> Table:
    return _table("lokale-projecten", caption, [Column("Project"), Column("Opdracht"),
                                                Column("Capaciteit (uren)", "aantal", som=True)],
                  [Row(p.naam, (p.naam, p.opdracht, p.capaciteit_uren)) for p in items],
                  Row("totaal", ("Totaal", None, totaal)))


def werkvoorraad(caption: str, t: ProductTable) -> Table:
    return _table("werkvoorraad", caption, [Column("Product"), Column("Aantal", "aantal"),
                                            Column("Kental (uren)", "aantal"), Column("Totaal (uren)", "aantal", som=True)],
                  [Row(r.naam, (r.naam, r.aantal, r.kental, r.uren)) for r in t.rows],
                  Row("totaal", ("Totaal werkvoorraad", None, None, t.totaal_uren)))


def energie(id: str, caption: str, t: EnergyTable) -> Table:
    return _table(id, caption, [Column("Product"), Column("Kental (uren)", "aantal"), Column("Aantal", "aantal"),
                                Column("Totaal (uren)", "aantal", som=True), Column("Kosten", "euro", som=True)],
                  [Row(r.product, (r.product, NVT if r.kental is None else r.kental, NVT if r.aantal is None else r.aantal,
                                   NVT if r.uren is None else r.uren, r.kosten)) for r in t.rows],
                  Row("totaal", ("Totaal", None, None, t.totaal_uren, t.totaal_kosten)))


STREEFWAARDE_OPEN = "nog niet vastgesteld"  # how a Streefwaarde cell begins without an adopted target
STREEFWAARDE_GEPLAND = STREEFWAARDE_OPEN + "; vast te stellen door"  # ... and with a plan to adopt one


def streefwaarde(indicator: Indicator) -> str:
    """The target as every document prints it, with who adopted it and when (or, not adopted yet,
    who will and by when)."""
    target = indicator.streefwaarde
    if target is None:
        plan = indicator.streefwaarde_gepland
        return (f"{STREEFWAARDE_GEPLAND} {plan.door}, uiterlijk {formatting.date(plan.uiterlijk)}"
                if plan else STREEFWAARDE_OPEN)
    if target.minimaal is not None and target.maximaal is not None:
        value = f"{formatting.percentage(target.minimaal, 0)}–{formatting.percentage(target.maximaal, 0)}"
    elif target.minimaal is not None:
        value = f"minimaal {formatting.percentage(target.minimaal, 0)}"
    else:
        value = f"maximaal {formatting.percentage(target.maximaal, 0)}"
    return f"{value} (vastgesteld door {target.door} op {formatting.date(target.vastgesteld)})"


def indicatoren(caption: str, doel: Doel) -> Table:
    return _table(indicator_table(doel), caption,
                  [Column("Indicator"), Column("Soort"), Column("Definitie"), Column("Streefwaarde")],
                  [Row(i.id, (i.naam, i.soort, i.definitie, streefwaarde(i))) for i in doel.indicatoren])


def ambitieonderwerpen(caption: str, ambities: Ambitieonderwerpen, doelen: list[Doel]) -> Table:
    """The adopted ambition subjects, and which of them this year's goals work out (and how they are accounted for)."""
    by_subject = {d.onderwerp: d for d in doelen}

    def worked_out(subject: str) -> str:
        doel = by_subject.get(subject)
        if doel is None:
            return "nee"
        kinds = sorted({part for i in doel.indicatoren for part in i.soort.split(" en ")}, key=["output", "outcome"].index)
        count = len(doel.indicatoren)
        return f"ja: {count} {'indicator' if count == 1 else 'indicatoren'} ({' en '.join(kinds)})"
    return _table("ambitieonderwerpen", caption, [Column("Thema"), Column("Ambitieonderwerp"), Column("Uitgewerkt dit jaar")],
                  [Row(a.onderwerp, (a.thema, a.onderwerp, worked_out(a.onderwerp))) for a in ambities.onderwerpen])


def bedrijvenbestand(caption: str, rows: tuple[RiskRow, ...]) -> Table:
    """Companies per risk category against the periodic controls the prognose plans for them."""
    return _table("bedrijvenbestand", caption,
                  [Column("Risicocategorie"), Column("Controlefrequentie"), Column("Bedrijven", "aantal", som=True),
                   Column("Periodieke controles", "aantal", som=True), Column("Dekking", "procent")],
                  [Row(r.key, (r.naam, r.frequentie, r.bedrijven, r.gepland, r.dekking)) for r in rows],
                  Row("totaal", ("Totaal", None, sum(r.bedrijven for r in rows),
                                 sum(r.gepland or 0 for r in rows), None)))


def risicocategorieen(caption: str, rows: tuple[RiskRow, ...]) -> Table:
    """The jaarverslag's periodic controls per risk category: planned and done."""
    planned = sum(r.gepland or 0 for r in rows)
    done = sum(r.uitgevoerd or 0 for r in rows)
    return _table("risicocategorieen", caption,
                  [Column("Risicocategorie"), Column("Bedrijven", "aantal", som=True),
                   Column("Gepland", "aantal", som=True), Column("Afgerond", "aantal", som=True),
                   Column("Realisatie", "procent")],
                  [Row(r.key, (r.naam, r.bedrijven, r.gepland, r.uitgevoerd, r.realisatie)) for r in rows],
                  Row("totaal", ("Totaal", sum(r.bedrijven for r in rows), planned, done, ratio(done, planned))))


BALANCE_PARTS = {"vergunningen": "Vergunningen", "toezicht": "Toezicht", "handhaving": "Handhaving",
                 "advies": "Advies", "projecten": "Aandeel Twentse projecten",
                 "diensten": "Aandeel diensten voor de regio", "lokaal": "Lokale projecten"}


def _per_part(id: str, caption: str, spec: tuple[tuple[str, str, str], ...], rows: Iterable, total: object,
              money: tuple[tuple[str, str], ...]) -> Table:
    """A table with a row per part of the programme and a total row: each column (header, format,
    the attribute of the row it shows) adds up."""
    def cells(label: str, row: object) -> tuple[Value, ...]:
        return (label, *(getattr(row, attribute) for _, _, attribute in spec))
    return _table(id, caption, [Column("Onderdeel"), *(Column(header, fmt, som=True) for header, fmt, _ in spec)],
                  [Row(r.key, cells(BALANCE_PARTS[r.key], r)) for r in rows], Row("totaal", cells("Totaal", total)),
                  wide=True, money=money)


def capaciteit_balans(caption: str, balans: Balance) -> Table:
    """Needed against available, per part and in total: hours, formatie and euros, and the difference
    (needed − available: a shortage is positive)."""
    return _per_part("capaciteit-balans", caption,
                     (("Benodigd (uren)", "aantal", "benodigd_uren"), ("Formatie (fte)", "fte", "fte"),
                      ("Beschikbaar (uren)", "aantal", "beschikbaar_uren"), ("Verschil (uren)", "verschil", "verschil_uren"),
                      ("Benodigd (€)", "euro", "benodigd_kosten"), ("Beschikbaar (€)", "euro", "beschikbaar_kosten"),
                      ("Verschil (€)", "euroverschil", "verschil_kosten")), balans.rows, balans.totaal,
                     (("Benodigd (uren)", "Benodigd (€)"), ("Beschikbaar (uren)", "Beschikbaar (€)"),
                      ("Verschil (uren)", "Verschil (€)")))


def kwaliteitscriteria(caption: str, criteria: Kwaliteitscriteria, meting: KcMeting) -> Table:
    """Per taakveld the kritieke massa of the criteria against the formatie present, and expertise."""
    return _table("kwaliteitscriteria", caption,
                  [Column("Taakveld"), Column("Kritieke massa (fte)", "fte"), Column("Aanwezig (fte)", "fte"),
                   Column("Deskundig", "procent"), Column("Oordeel")],
                  [Row(t.id, (t.naam, t.kritieke_massa, meting.fte[t.id], Decimal(meting.deskundig[t.id]),
                              "voldoet" if meting.fte[t.id] >= t.kritieke_massa else "onder de kritieke massa"))
                   for t in criteria.taakvelden])


def energie_werkzaamheden(caption: str, items: list[EnergieWerkzaamheid]) -> Table:
    return _table("energie-werkzaamheden", caption, [Column("Werkzaamheid"), Column("Omschrijving")],
                  [Row(w.werkzaamheid, (w.werkzaamheid, w.omschrijving)) for w in items])


def energie_bijdragen(caption: str, f: TwenteFigures) -> Table:
    """Each gemeente's hours in the municipal energy table: together that table's total."""
    hours = f.energie_bijdragen
    total = sum(hours.values())
    return _table("energie-bijdragen", caption,
                  [Column("Gemeente"), Column("Uren", "aantal", som=True), Column("Aandeel", "procent")],
                  [Row(d.deelnemer.slug, (d.deelnemer.kortenaam, hours[d.deelnemer.slug],
                                          ratio(hours[d.deelnemer.slug], total)))
                   for d in f.deelnemers if d.deelnemer.slug in hours],
                  Row("totaal", ("Totaal", total, Decimal(100) if total else None)))


def begrippen(items: list[Begrip]) -> Table:
    return _table("begrippen", None, [Column("Begrip"), Column("Betekenis")],
                  [Row(b.term, (b.term, b.betekenis)) for b in items])


# --- Twentse UVP --------------------------------------------------------------------------

def capaciteit_producten(caption: str, f: TwenteFigures) -> Table:
    names = ("vergunningen", "toezicht", "handhaving", "advies")
    return _table("capaciteit-producten", caption,
                  [Column("Deelnemer"), *(Column(n.capitalize(), "aantal", som=True) for n in names),
                   Column("Totaal producten", "aantal", som=True)],
                  [Row(d.deelnemer.slug, (d.deelnemer.kortenaam, *(d.capaciteit[n] for n in names), d.producten_uren))
                   for d in f.deelnemers],
                  Row("totaal", ("Twente", *(f.capaciteit[n] for n in names), f.producten_uren)))


def capaciteit_totaal(caption: str, f: TwenteFigures) -> Table:
    parts = ("projecten", "diensten", "lokaal", "totaal")
    return _table("capaciteit-totaal", caption,
                  [Column("Deelnemer"), Column("Producten", "aantal", som=True),
                   Column("Twentse projecten", "aantal", som=True), Column("Diensten voor de regio", "aantal", som=True),
                   Column("Lokale projecten", "aantal", som=True), Column("Totaal", "aantal", som=True)],
                  [Row(d.deelnemer.slug, (d.deelnemer.kortenaam, d.producten_uren, *(d.capaciteit[p] for p in parts)))
                   for d in f.deelnemers],
                  Row("totaal", ("Twente", f.producten_uren, *(f.capaciteit[p] for p in parts))))


def verdeelsleutel(caption: str, f: TwenteFigures) -> Table:
    return _table("verdeelsleutel", caption,
                  [Column("Deelnemer"), Column("Verdeelsleutel", "procent2", som=True),
                   Column("Twentse projecten (uren)", "aantal", som=True),
                   Column("Diensten voor de regio (uren)", "aantal", som=True)],
                  [Row(d.deelnemer.slug, (d.deelnemer.kortenaam, d.projecten.percentage, d.projecten.uren, d.diensten.uren))
                   for d in f.deelnemers],
                  Row("totaal", ("Twente", f.verdeelsleutel_totaal, f.capaciteit["projecten"], f.capaciteit["diensten"])))


def lokale_projecten_twente(caption: str, f: TwenteFigures, per_deelnemer: dict[str, list[LokaalProject]]) -> Table:
    return _table("lokale-projecten", caption,
                  [Column("Deelnemer"), Column("Project"), Column("Opdracht"), Column("Capaciteit (uren)", "aantal", som=True)],
                  [Row(f"{d.deelnemer.slug}/{p.naam}", (d.deelnemer.kortenaam, p.naam, p.opdracht, p.capaciteit_uren))
                   for d in f.deelnemers for p in per_deelnemer.get(d.deelnemer.slug, [])],
                  Row("totaal", ("Twente", None, None, f.capaciteit["lokaal"])))


# --- monitoring ---------------------------------------------------------------------------

SIGNAL_WORDS = {"achter": "achter op schema", "voor": "voor op schema", "zonder prognose": "niet in de prognose"}


def signalen_programma(caption: str, items: list[Signal]) -> Table:
    return _table("signalen-programma", caption,
                  [Column("Programma"), Column("Prognose (uren)", "aantal"), Column("Verwacht (uren)", "aantal"),
                   Column("Afgerond (uren)", "aantal"), Column("Afwijking (procentpunt)", "procentpunt"), Column("Signaal")],
                  [Row(s.key, (s.progress.naam, s.progress.prognose_uren, s.progress.verwacht_uren,
                               s.progress.gerealiseerd_uren, s.progress.afwijking_procentpunt, SIGNAL_WORDS[s.reden]))
                   for s in items])


def signalen_product(caption: str, items: list[Signal]) -> Table:
    return _table("signalen-product", caption,
                  [Column("Code"), Column("Product"), Column("Prognose", "aantal"), Column("Verwacht", "getal1"),
                   Column("Afgerond", "aantal"), Column("Afwijking (procentpunt)", "procentpunt"), Column("Signaal")],
                  [Row(s.key, (s.progress.code, s.progress.naam, s.progress.prognose, s.progress.verwacht,
                               s.progress.aantal, s.progress.afwijking_procentpunt, SIGNAL_WORDS[s.reden]))
                   for s in items], wide=True)


def realisatie_programma(id: str, caption: str, f: MonitoringFigures) -> Table:
    """Per programme: planned, expected and finished standard hours, hours written and the projection."""
    def cells(t: Progress) -> tuple[Value, ...]:
        return (t.naam, t.prognose_uren, t.verwacht_uren, t.gerealiseerd_uren, t.realisatie, t.uren_besteed,
                t.uren_jaareinde, t.afwijking_uren)
    programmes = [(key, t) for key, t in f.totalen.items() if key != "totaal"]
    return _table(id, caption,
                  [Column("Programma"), Column("Prognose (uren)", "aantal", som=True),
                   Column("Verwacht (uren)", "aantal", som=True), Column("Afgerond (uren)", "aantal", som=True),
                   Column("Realisatie", "procent"), Column("Geschreven (uren)", "aantal", som=True),
                   Column("Jaareinde (uren)", "aantal", som=True), Column("Verschil (uren)", "verschil", som=True)],
                  [Row(key, cells(t)) for key, t in programmes], Row("totaal", cells(f.totalen["totaal"])), wide=True)


def voortgang(id: str, caption: str, rows: tuple[Progress, ...]) -> Table:
    """Each product's count (prognose, expected, finished, by year end) and its hours: the hours
    written, and the year end at that pace against the planned hours; the headers say which is which."""
    return _table(id, caption,
                  [Column("Code"), Column("Product"), Column("Prognose", "aantal"), Column("Verwacht", "getal1"),
                   Column("Afgerond", "aantal"), Column("Realisatie", "procent"), Column("Jaareinde (aantal)", "aantal"),
                   Column("Geschreven (uren)", "aantal"), Column("Verschil jaareinde (uren)", "verschil")],
                  [Row(r.code, (r.code, r.naam, r.prognose, r.verwacht, r.aantal, r.realisatie, r.jaareinde_aantal,
                                r.uren_besteed, r.afwijking_uren)) for r in rows], wide=True)


def projecten_voortgang(caption: str, items: tuple[ProjectProgress, ...]) -> Table:
    return _table("projecten-voortgang", caption,
                  [Column("Code"), Column("Project"), Column("Capaciteit (uren)", "aantal"),
                   Column("Besteed (uren)", "aantal"), Column("Besteed", "procent"), Column("Status")],
                  [Row(p.code, (p.code, p.naam, p.capaciteit, spent(p), p.besteed_procent, p.status)) for p in items])


def spent(project: ProjectProgress) -> Value:
    """The hours written on a project; 'n.v.t.' for a project without OD capacity that none were
    written on (a finished project with '0' would read as one nobody worked on)."""
    return NVT if project.capaciteit == NVT and not project.besteed else project.besteed


# --- jaarverslag --------------------------------------------------------------------------

def jaar_programma(id: str, caption: str, f: MonitoringFigures) -> Table:
    def cells(t: Progress) -> tuple[Value, ...]:
        return (t.naam, t.prognose_uren, t.gerealiseerd_uren, t.realisatie_plan, t.uren_besteed, t.verschil_uren)
    return _table(id, caption,
                  [Column("Programma"), Column("Gepland (uren)", "aantal", som=True),
                   Column("Afgerond (uren)", "aantal", som=True), Column("Realisatie", "procent"),
                   Column("Geschreven (uren)", "aantal", som=True), Column("Verschil (uren)", "verschil", som=True)],
                  [Row(key, cells(t)) for key, t in f.totalen.items() if key != "totaal"],
                  Row("totaal", cells(f.totalen["totaal"])))


def jaar_producten(id: str, caption: str, rows: tuple[Progress, ...]) -> Table:
    return _table(id, caption,
                  [Column("Code"), Column("Product"), Column("Gepland", "aantal"), Column("Afgerond", "aantal"),
                   Column("Realisatie", "procent"), Column("Verschil", "verschil"), Column("Gepland (uren)", "aantal"),
                   Column("Geschreven (uren)", "aantal"), Column("Verschil (uren)", "verschil")],
                  [Row(r.code, (r.code, r.naam, r.prognose, r.aantal, r.realisatie_plan, r.aantal - r.prognose,
                                r.prognose_uren, r.uren_besteed, r.verschil_uren)) for r in rows], wide=True)


def ver_van_plan(caption: str, rows: tuple[Progress, ...]) -> Table:
    return _table("ver-van-plan", caption,
                  [Column("Code"), Column("Product"), Column("Prognose", "aantal"), Column("Afgerond", "aantal"),
                   Column("Verschil", "verschil"), Column("Verschil (%)", "procentpunt")],
                  [Row(p.code, (p.code, p.naam, p.prognose, p.aantal, p.aantal - p.prognose,
                                formatting.round_half_up(100 * Decimal(p.aantal - p.prognose) / p.prognose, 1)))
                   for p in rows])


def programmas_ver_van_plan(caption: str, deviations: tuple[Deviation, ...]) -> Table:
    rows = [d.progress for d in deviations if d.progress.code is None]
    return _table("programmas-ver-van-plan", caption,
                  [Column("Programma"), Column("Gepland (uren)", "aantal"), Column("Afgerond (uren)", "aantal"),
                   Column("Verschil (uren)", "verschil"), Column("Verschil (%)", "procentpunt")],
                  [Row(p.naam.lower(), (p.naam, p.prognose_uren, p.gerealiseerd_uren, p.gerealiseerd_uren - p.prognose_uren,
                                        formatting.round_half_up(100 * (p.gerealiseerd_uren - p.prognose_uren)
                                                                 / p.prognose_uren, 1))) for p in rows])


def indicatoren_jaar(caption: str, f: JaarverslagFigures, jaar: int, id: str = "indicatoren",
                     verdeling: str = "verdeling, zie hieronder") -> Table:
    """The indicators of the UVP's goals (name, definition and streefwaarde exactly as the UVP
    prints them) with what was measured: a percentage, or a distribution in its own table."""
    def measured(m: Measured, value: Decimal | None) -> Value:
        return verdeling if m.indicator.verdeling else value
    return _table(id, caption,
                  [Column("Doel"), Column("Indicator"), Column("Definitie"), Column("Streefwaarde"),
                   Column(str(jaar - 1), "procent"), Column(str(jaar), "procent"), Column("Status")],
                  [Row(m.indicator.id, (onderwerp, m.indicator.naam, m.indicator.definitie, streefwaarde(m.indicator),
                                        measured(m, m.vorig_jaar), measured(m, m.waarde), m.status))
                   for onderwerp, m in f.indicatoren], wide=True)


def trend_programma(caption: str, trend: Trend) -> Table:
    """The programme totals over the years: the hours planned (each year's UVP) and, where its
    jaarverslag is there, written."""
    columns, values = [Column("Programma")], []
    for year in (y for y in trend.jaren if y.gepland is not None):
        columns.append(Column(f"Gepland {year.jaar}", "aantal", som=True))
        values.append(year.gepland)
        if year.geschreven is not None:
            columns.append(Column(f"Geschreven {year.jaar}", "aantal", som=True))
            values.append(year.geschreven)

    def cells(key: str, label: str) -> tuple[Value, ...]:
        return (label, *(hours[key] for hours in values))
    return _table("trend-programma", caption, columns, [Row(p, cells(p, p.capitalize())) for p in PROGRAMMES],
                  Row("totaal", cells("totaal", "Totaal")), wide=len(columns) > 6)


def trend_indicatoren(caption: str, trend: Trend) -> Table:
    """The measured indicators over the years, each year as its jaarverslag measured it."""
    years = [y for y in trend.jaren if y.gemeten is not None]
    return _table("trend-indicatoren", caption, [Column("Indicator"), *(Column(str(y.jaar), "procent") for y in years)],
                  [Row(key, (naam, *(y.gemeten.get(key) for y in years))) for key, naam in trend.indicatoren])


def naleefgedrag(caption: str, f: JaarverslagFigures, tellingen: dict, jaar: int) -> Table:
    """The counts the naleefgedrag indicators are computed from, and the indicators themselves."""
    measured = [m for _, m in f.indicatoren if m.indicator.formule]
    counts: dict[str, tuple[int | None, int | None]] = {}
    for m in measured:
        formula = m.indicator.formule
        counts[formula.noemer] = (m.vorig_noemer, m.noemer)
        counts[formula.teller] = (m.vorig_teller, m.teller)
    order = [key for key in tellingen if key in counts]
    return _table("naleefgedrag", caption, [Column("Onderdeel"), Column(str(jaar - 1), "aantal"), Column(str(jaar), "aantal")],
                  [Row(key, (f"{tellingen[key].naam.capitalize()} ({key})", *counts[key])) for key in order]
                  + [Row(m.indicator.id, (f"{m.indicator.naam} ({m.indicator.formule.teller} / {m.indicator.formule.noemer})",
                                          _percentage(m.vorig_jaar), _percentage(m.waarde))) for m in measured])


def _percentage(value: Decimal | None) -> str | None:
    """A percentage in a column of counts: printed with its sign, so it is not read as a count."""
    return None if value is None else formatting.percentage(value, 1)


def telling(id: str, caption: str, c: Counts, kop: str, jaar: int) -> Table:
    previous, now = c.totaal[1], c.totaal[0]
    return _table(id, caption,
                  [Column(kop), Column(str(jaar - 1), "aantal", som=True), Column(str(jaar), "aantal", som=True),
                   Column(f"Aandeel {jaar}", "procent")],
                  [Row(name, (name.capitalize(), before, count, c.share(count))) for name, count, before in c.rows],
                  Row("totaal", ("Totaal", previous, now, Decimal(100) if now else None)))


def energiecontroles(caption: str, f: JaarverslagFigures, jaar: int) -> Table:
    (controls, found), previous = f.energie

    def share(pair: tuple[int, int] | None) -> str | None:
        return _percentage(ratio(pair[0] - pair[1], pair[0])) if pair else None
    return _table("energie", caption, [Column("Onderdeel"), Column(str(jaar - 1), "aantal"), Column(str(jaar), "aantal")],
                  [Row("controles", ("Energiecontroles", previous[0] if previous else None, controls)),
                   Row("met-overtreding", ("Met overtreding", previous[1] if previous else None, found)),
                   Row("zonder-overtreding", ("Aandeel zonder overtreding", share(previous), share(f.energie[0])))])


def projecten_jaar(caption: str, f: JaarverslagFigures) -> Table:
    return _table("projecten-jaar", caption,
                  [Column("Code"), Column("Project"), Column("Capaciteit (uren)", "aantal"), Column("Besteed (uren)", "aantal"),
                   Column("Status")],
                  [Row(p.code, (p.code, p.naam, p.capaciteit, spent(p), p.status)) for p in f.jaar.projecten])


def projectresultaten(caption: str, f: JaarverslagFigures, resultaten: dict[str, str]) -> Table:
    """What each Twentse project delivered: text, so a table of its own under the figures, where
    a row of three to five lines does not stretch the rows of numbers."""
    return _table("projectresultaten", caption, [Column("Code"), Column("Project"), Column("Resultaat")],
                  [Row(p.code, (p.code, p.naam, resultaten[p.code])) for p in f.jaar.projecten])


def kosten(caption: str, f: JaarverslagFigures) -> Table:
    def cells(t: Progress, c: Costs) -> tuple[Value, ...]:
        return (t.naam, t.prognose_uren, t.uren_besteed, t.verschil_uren, c.gepland, c.besteed)
    return _table("kosten", caption,
                  [Column("Programma"), Column("Gepland (uren)", "aantal", som=True),
                   Column("Geschreven (uren)", "aantal", som=True), Column("Verschil (uren)", "verschil", som=True),
                   Column("Gepland (kosten)", "euro", som=True), Column("Gerealiseerd (kosten)", "euro", som=True)],
                  [Row(key, cells(t, f.kosten[key])) for key, t in f.jaar.totalen.items() if key != "totaal"],
                  Row("totaal", cells(f.jaar.totalen["totaal"], f.kosten["totaal"])),
                  money=(("Gepland (uren)", "Gepland (kosten)"), ("Geschreven (uren)", "Gerealiseerd (kosten)")))


def kosten_periode(caption: str, f: MonitoringFigures) -> Table:
    """The monitoring's euros: planned for the year, spent by the peildatum and by year end at this pace."""
    def cells(t: Progress, c: Costs) -> tuple[Value, ...]:
        return (t.naam, t.uren_besteed, c.gepland, c.besteed, c.jaareinde, c.jaareinde - c.gepland)
    return _table("kosten", caption,
                  [Column("Programma"), Column("Geschreven (uren)", "aantal", som=True),
                   Column("Gepland (kosten)", "euro", som=True), Column("Besteed (kosten)", "euro", som=True),
                   Column("Jaareinde (kosten)", "euro", som=True), Column("Verschil (€)", "euroverschil", som=True)],
                  [Row(key, cells(t, f.kosten[key])) for key, t in f.totalen.items() if key != "totaal"],
                  Row("totaal", cells(f.totalen["totaal"], f.kosten["totaal"])), wide=True,
                  money=(("Geschreven (uren)", "Besteed (kosten)"),))


def capaciteit_jaar(caption: str, f: JaarverslagFigures) -> Table:
    """Every part of the programme over the year: planned, available and written, in hours and euros."""
    return _per_part("capaciteit-jaar", caption,
                     (("Gepland (uren)", "aantal", "gepland_uren"), ("Beschikbaar (uren)", "aantal", "beschikbaar_uren"),
                      ("Geschreven (uren)", "aantal", "geschreven_uren"),
                      ("Geschreven – beschikbaar (uren)", "verschil", "verschil_uren"),
                      ("Gepland (€)", "euro", "gepland_kosten"), ("Beschikbaar (€)", "euro", "beschikbaar_kosten"),
                      ("Gerealiseerd (€)", "euro", "geschreven_kosten")), f.capaciteit, f.capaciteit_totaal,
                     (("Gepland (uren)", "Gepland (€)"), ("Beschikbaar (uren)", "Beschikbaar (€)"),
                      ("Geschreven (uren)", "Gerealiseerd (€)")))


def handhaving(caption: str, f: JaarverslagFigures) -> Table:
    """Sanctions counted from the year's export, and the cases open at year end."""
    rows = [Row(key, (naam[:1].upper() + naam[1:], count)) for key, naam, count in f.handhaving]
    if f.handhaving_open is not None:
        rows.append(Row("open", ("Handhavingszaken open op 31 december", f.handhaving_open)))
    return _table("handhaving", caption, [Column("Onderdeel"), Column("Aantal", "aantal")], rows)


def tijdigheid(caption: str, f: JaarverslagFigures) -> Table:
    items = f.tijdigheid
    handled = sum(t.afgehandeld for t in items)
    within = sum(t.binnen_termijn for t in items)
    return _table("tijdigheid", caption,
                  [Column("Soort besluit"), Column("Wettelijke termijn"), Column("Afgehandeld", "aantal", som=True),
                   Column("Binnen de termijn", "aantal", som=True), Column("Buiten de termijn", "aantal", som=True),
                   Column("Tijdig", "procent")],
                  [Row(t.key, (t.naam, t.termijn, t.afgehandeld, t.binnen_termijn, t.buiten_termijn, t.percentage))
                   for t in items],
                  Row("totaal", ("Totaal", None, handled, within, handled - within, ratio(within, handled))), wide=True)


def bezwaar_beroep(caption: str, f: JaarverslagFigures) -> Table:
    fields = ("ingediend", "gegrond", "ongegrond", "overig", "lopend")
    found = f.rechtsbescherming
    return _table("bezwaar-beroep", caption,
                  [Column("Procedure"), Column("Ingediend", "aantal", som=True), Column("Gegrond", "aantal", som=True),
                   Column("Ongegrond", "aantal", som=True),
                   Column("Niet-ontvankelijk of ingetrokken", "aantal", som=True),
                   Column("Lopend op 31 december", "aantal", som=True)],
                  [Row(kind, (kind.capitalize(), *(getattr(found[kind], k) for k in fields))) for kind in ("bezwaar", "beroep")],
                  Row("totaal", ("Totaal", *(sum(getattr(found[kind], k) for kind in found) for k in fields))))


def energie_resultaten(caption: str, f: JaarverslagFigures) -> Table:
    e = f.energie_resultaten
    return _table("energie-resultaten", caption, [Column("Onderdeel"), Column("Aantal", "aantal")],
                  [Row("controles", ("Energiecontroles", e.controles)),
                   Row("met-overtreding", ("Met overtreding", e.met_overtreding)),
                   Row("hercontroles", ("Hercontroles", e.hercontroles)),
                   Row("handhavingstrajecten", ("Handhavingstrajecten (last onder dwangsom)", e.handhavingstrajecten)),
                   Row("maatregelen", ("Bedrijven die de maatregelen alsnog namen", e.maatregelen_getroffen)),
                   Row("elektriciteit", ("Geschatte besparing elektriciteit (MWh per jaar)", e.besparing.elektriciteit_mwh)),
                   Row("aardgas", ("Geschatte besparing aardgas (m³ per jaar)", e.besparing.aardgas_m3)),
                   Row("co2", ("Geschatte vermindering CO₂-uitstoot (ton per jaar)", e.besparing.co2_ton))])


def diensten_jaar(caption: str, f: JaarverslagFigures) -> Table:
    items = f.diensten
    return _table("diensten-jaar", caption,
                  [Column("Nr."), Column("Dienst"), Column("Gepland (uren)", "aantal", som=True),
                   Column("Geschreven (uren)", "aantal", som=True), Column("Verschil (uren)", "verschil", som=True)],
                  [Row(str(d.nr), (str(d.nr), d.naam, d.gepland, d.geschreven, d.geschreven - d.gepland)) for d in items],
                  Row("totaal", (None, "Totaal", sum(d.gepland for d in items), sum(d.geschreven for d in items),
                                 sum(d.geschreven - d.gepland for d in items))))


def lokale_projecten_jaar(caption: str, f: JaarverslagFigures, per_deelnemer: bool) -> Table:
    items = f.lokaal
    first = [Column("Deelnemer")] if per_deelnemer else []
    return _table("lokale-projecten-jaar", caption,
                  [*first, Column("Project"), Column("Gepland (uren)", "aantal", som=True),
                   Column("Geschreven (uren)", "aantal", som=True), Column("Resultaat")],
                  [Row(f"{p.deelnemer}/{p.naam}", (*((p.deelnemer,) if per_deelnemer else ()), p.naam, p.gepland,
                                                    p.geschreven, p.resultaat or "nog niet verantwoord"))
                   for p in items],
                  Row("totaal", (*((None,) if per_deelnemer else ()), "Totaal", sum(p.gepland for p in items),
                                 sum(p.geschreven or 0 for p in items), None)), wide=per_deelnemer)


def werkvoorraad_jaar(caption: str, f: JaarverslagFigures, per_deelnemer: bool) -> Table:
    items = f.werkvoorraad
    first = [Column("Deelnemer")] if per_deelnemer else []
    return _table("werkvoorraad-jaar", caption,
                  [*first, Column("Product"), Column("Open op 1 januari", "aantal", som=True),
                   Column("Afgerond", "aantal", som=True), Column("Nog open", "aantal", som=True),
                   Column("Geschreven (uren)", "aantal", som=True)],
                  [Row(f"{b.deelnemer}/{b.product}", (*((b.deelnemer,) if per_deelnemer else ()), b.product, b.open,
                                                       b.afgerond, b.resterend, b.uren)) for b in items],
                  Row("totaal", (*((None,) if per_deelnemer else ()), "Totaal", sum(b.open for b in items),
                                 sum(b.afgerond or 0 for b in items), sum(b.resterend or 0 for b in items),
                                 sum(b.uren or 0 for b in items))))


def ketenpartners_jaar(caption: str, f: JaarverslagFigures) -> Table:
    return _table("ketenpartners-jaar", caption,
                  [Column("Ketenpartner"), Column("Afspraken voor het jaar"), Column("Wat ervan is gekomen")],
                  [Row(k.naam, (k.naam, "; ".join(k.afspraken) or "structurele samenwerking",
                                k.resultaat or "nog niet verantwoord")) for k in f.ketenpartners])


def verantwoording(caption: str, rows: list[tuple[str, str, str, str, str, str]]) -> Table:
    """The appendix listing each requirement, its legal basis, where the document meets it and
    the judgement: voldaan, deels or niet voldaan, with the reason."""
    return _table("verantwoording", caption,
                  [Column("Vereiste"), Column("Grondslag"), Column("Paragraaf"), Column("Tabel"), Column("Oordeel")],
                  [Row(key, (vereiste, grondslag, paragraaf, tabel, oordeel))
                   for key, vereiste, grondslag, paragraaf, tabel, oordeel in rows], wide=True)


def robuustheid(caption: str, kpis: list[RobuustheidKpi]) -> Table:
    return _table("robuustheid", caption,
                  [Column("KPI"), Column("Norm"), Column("Doel"), Column("Uiterste datum"), Column("Laatst bekende stand"),
                   Column("Status")],
                  [Row(k.kpi, (k.kpi, k.norm, k.doel, k.deadline, k.stand, k.status)) for k in kpis], wide=True)


def grootste_afwijkingen(caption: str, rows: tuple[Progress, ...]) -> Table:
    return _table("grootste-afwijkingen", caption,
                  [Column("Code"), Column("Product"), Column("Gepland (uren)", "aantal"),
                   Column("Geschreven (uren)", "aantal"), Column("Verschil (uren)", "verschil")],
                  [Row(p.code, (p.code, p.naam, p.prognose_uren, p.uren_besteed, p.verschil_uren)) for p in rows])


def opvolging(caption: str, items: tuple[FollowUp, ...]) -> Table:
    """The signals of the najaar report next to the year's outcome: what was foreseen, what came."""
    return _table("opvolging", caption,
                  [Column("Signaal"), Column("Najaar"), Column("Verwacht jaareinde (uren)", "aantal"),
                   Column("Geschreven (uren)", "aantal"), Column("Gepland (uren)", "aantal"), Column("Verschil (uren)", "verschil")],
                  [Row(item.signal.key, (_signal_name(item.signal), SIGNAL_WORDS[item.signal.reden],
                                         item.signal.progress.uren_jaareinde, item.jaar.uren_besteed,
                                         item.jaar.prognose_uren, item.jaar.verschil_uren)) for item in items],
                  wide=True)


def _signal_name(signal: Signal) -> str:
    return f"{signal.progress.code} {signal.progress.naam}" if signal.progress.code else f"Programma {signal.progress.naam.lower()}"


def naleefgedrag_deelnemers(caption: str, deelnemers: tuple[JaarverslagFigures, ...], f: JaarverslagFigures) -> Table:
    measured = [m for _, m in f.indicatoren if m.indicator.formule]
    return _table("naleefgedrag-deelnemers", caption,
                  [Column("Deelnemer"), *(Column(f"{m.indicator.naam} ({m.indicator.formule.teller} / "
                                                 f"{m.indicator.formule.noemer})", "procent") for m in measured)],
                  [Row(d.naam, (d.naam, *(d.indicator(m.indicator.id).waarde for m in measured))) for d in deelnemers]
                  + [Row("twente", ("Twente", *(m.waarde for m in measured)))])
