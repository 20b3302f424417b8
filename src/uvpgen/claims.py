"""The claims check: a sentence or label may not contradict the figures it is about.

Beside the cycle check (uvpgen.consistency: figures against figures across documents), this
checks words against figures, per document, once it is composed and before anything is written.

- A sentence that states a table's figure states it through `Claims.waarde` in the template: the
  template prints the value itself, and the claim records it with the table, row and column it is
  about, the direction the sentence gives it ("meer", "minder") and where the template says it.
  The table must print that value (and sign).
- A sentence that says a table has no rows ("geen lokale projecten") says so through
  `Claims.geen`: the table must then be absent or empty.
- A sentence that counts rows over tables ("Van de 7 indicatoren ...") counts through
  `Claims.aantal`: the tables must print that many body rows (those whose cell in a column
  begins, or does not begin, with a given text, when it counts a kind of row).
- A sentence that states a figure another document of the cycle prints (a gemeente's UVP
  giving its part of a Twente-wide table that only the Twente UVP prints) states it through
  `Claims.elders`; the build checks it once the whole cycle is composed (`check_elsewhere`).
- A sentence that states a figure of a table resting on illustrative data carries the mark
  "(illustratief)" in its own paragraph (the same template line), through `Claims.illustratief`.
- A sentence that gives a share ("904 uur, 17,3% van het totaal"; "6.150 uur × 12,02% = 739,23
  uur") states it through `Claims.deel`: the share, as printed, must be the part divided by the
  whole the sentence prints, rounded as printed.
- Every table: a project "Afgerond" has hours written on it, or none to write (n.v.t.); a caption
  that gives the stand at the end of a year has no value labelled with another year; an amount in
  euros is the hours beside it (`Table.money`) times the rate, to the euro, unless the document
  says why not (`Claims.afronding`, which prints the reason, and allows the rounding it names).

A contradiction is an InputError naming the template and line that printed the sentence or
placed the table, and both values.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from decimal import Decimal
from pathlib import Path

from .errors import InputError
from .formatting import euro_cents, number, number_in, round_half_up
from .tables import Table

Where = tuple[Path | None, int | None]


@dataclass(frozen=True)
class Site:
    """Where a template said something: the template and the line of its compiled code, turned
    into the template's own line only when a contradiction is reported (that mapping is slow)."""
    template: Any = None
    code_line: int = 0

    @property
    def where(self) -> Where:
        return _template_line(self.template, self.code_line)


@functools.lru_cache(maxsize=4096)  # bounded: the preview compiles new templates as they are edited
def _template_line(template: Any, code_line: int) -> Where:
    """Jinja parses a template's whole line map for every lookup: once per place is enough (the
    illustrative marks' check looks up every claim about an illustrative table on every build)."""
    if template is None:
        return None, None
    return Path(template.filename), template.get_corresponding_lineno(code_line)


def template_line() -> Site:
    """The template whose rendering called the caller, and where: Jinja keeps the template in the
    globals of its compiled code and maps a line of that code back to the template's."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            return Site(template, frame.f_lineno)
        frame = frame.f_back
    return Site()


@dataclass(frozen=True)
class Value:
    """A sentence states the figure in a table's cell: `value`, and with `direction` its sign."""
    table: str
    row: str
    column: str
    value: Decimal
    direction: str | None  # "meer" (positive), "minder" (negative), or None: the value as printed
    site: Site


@dataclass(frozen=True)
class Elsewhere:
    """A sentence states the figure in a cell of another document of the cycle (type key, slug)."""
    kind: str
    slug: str
    value: Value


@dataclass(frozen=True)
class Absent:
    """A sentence says a table has no rows."""
    table: str
    site: Site


@dataclass(frozen=True)
class Count:
    """A sentence counts the body rows of `tables` (those with the keys `rows`, if given); with
    `column`, only the rows whose cell there begins with `begins` (if given) and not with `unless`
    (if given)."""
    tables: tuple[str, ...]
    rows: frozenset[str] | None
    count: int
    column: str | None
    begins: str | None
    unless: str | None
    site: Site


@dataclass(frozen=True)
class Share:
    """A sentence says `part` is `percentage`% of `whole`, the percentage printed with `places` decimals."""
    part: Decimal
    whole: Decimal
    percentage: Decimal
    places: int
    site: Site


@dataclass(frozen=True)
class Mark:
    """A sentence marked as resting on the illustrative data of `table`."""
    table: str
    site: Site


ILLUSTRATIVE = " (illustratief)"  # the mark after a caption, or in a sentence, on illustrative data


ROUNDING = ("Elk bedrag is het aantal uren ernaast maal het uurtarief, afgerond op hele euro's{parts}; een verschil "
            "en een totaal zijn het verschil en de som van die afgeronde bedragen. Daardoor kan een bedrag enkele "
            "euro's afwijken van de uren in dezelfde regel maal het uurtarief.")


@dataclass
class Claims:
    """What the sentences of one document claim about its tables, recorded while the templates
    are rendered; `check` compares them with the tables once the document is composed."""
    values: list[Value] = field(default_factory=list)
    absent: list[Absent] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    elsewhere: list[Elsewhere] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    parts: int = 1  # the deelnemers summed into one amount: 1, or all of them for Twente
    illustrative: frozenset[str] = frozenset()  # the tables (and figures) on illustrative data
    explained: set[str] = field(default_factory=set)  # the tables whose rounding the document explains

    def waarde(self, table: str, row: str, column: str, value: Decimal | int, richting: str | None = None):
        """The value, unchanged (the template formats it), recorded as a claim about the cell."""
        if richting not in (None, "meer", "minder"):
            raise ValueError(f"richting {richting!r}: 'meer', 'minder' of geen")
        self.values.append(Value(table, row, column, Decimal(value), richting, template_line()))
        return value

    def elders(self, soort: str, deelnemer: str, table: str, row: str, column: str, value: Decimal | int):
        """The value, unchanged, recorded as a claim about a cell of another document of the cycle:
        the document of type `soort` (uvp, jaarverslag, ...) of `deelnemer` (a slug, or twente)."""
        self.elsewhere.append(Elsewhere(soort, deelnemer, Value(table, row, column, Decimal(value), None,
                                                               template_line())))
        return value

    def geen(self, table: str) -> str:
        """Record that the sentence being printed says the table has no rows."""
        self.absent.append(Absent(table, template_line()))
        return ""

    def aantal(self, tabellen: list[str], aantal: int, rijen: list[str] | None = None, kolom: str | None = None,
               begint: str | None = None, behalve: str | None = None) -> int:
        """The count, unchanged, recorded as a claim about the rows of the tables."""
        if (begint or behalve) and not kolom:
            raise ValueError("begint en behalve gaan over de cellen van een kolom: geef kolom")
        self.counts.append(Count(tuple(tabellen), None if rijen is None else frozenset(rijen), aantal, kolom, begint,
                                 behalve, template_line()))
        return aantal

    def deel(self, deel: Decimal | int, geheel: Decimal | int, aandeel: Decimal, decimalen: int = 1) -> Decimal:
        """The share (a percentage), unchanged, recorded as a claim that it is `deel` of `geheel`."""
        self.shares.append(Share(Decimal(deel), Decimal(geheel), Decimal(aandeel), decimalen, template_line()))
        return aandeel

    def illustratief(self, *tables: str) -> str:
        """The mark for a sentence about `tables`, where one of them rests on illustrative data."""
        site = template_line()
        self.marks += [Mark(table, site) for table in tables]
        return ILLUSTRATIVE if self.illustrative.intersection(tables) else ""

    def afronding(self, table: str) -> str:
        """The sentence that says why amounts of `table` may differ from hours × rate, which the
        check then allows."""
        self.explained.add(table)
        return ROUNDING.format(parts=" per deelnemer" if self.parts > 1 else "")


def check(claims: Claims, tables: dict[str, Table], placed: dict[str, Site], rate: Decimal, document: str) -> None:
    """Every claim of a composed document against its tables; the first contradiction stops the build."""
    for claim in claims.values:
        _check_value(claim, tables, document)
    _check_marks(claims, document)
    for claim in claims.absent:
        table = tables.get(claim.table)
        if table is not None and table.rows:
            _contradiction(claim.site, f"{document}: de zin zegt dat er geen regels zijn in tabel '{claim.table}', "
                                        f"maar de tabel heeft er {len(table.rows)}", None, "een zin die bij de tabel past")
    for count in claims.counts:
        _check_count(count, tables, document)
    for share in claims.shares:
        _check_share(share, document)
    for table in tables.values():
        site = placed.get(table.id, Site())
        _check_status(table, site, document)
        _check_years(table, site, document)
        _check_money(table, site, rate, claims.parts if table.id in claims.explained else None, document)


def _contradiction(site: Site, message: str, value: str | None, expected: str) -> None:
    """Stop the build; the printed figures in the message without their no-break spaces."""
    def plain(text: str) -> str:
        return text.replace("\u00a0", " ")
    path, line = site.where
    raise InputError(plain(message), path=path, line=line, value=None if value is None else plain(value),
                     expected=plain(expected))


def check_elsewhere(claims: Iterable[tuple[str, Elsewhere]], tables: Mapping[str, Mapping[str, dict[str, Table]]]) -> None:
    """Claims about other documents (`claims`: the claiming document's title and its claim), against
    the tables of every composed document of the cycle (type key -> slug -> tables by id)."""
    for document, claim in claims:
        other = tables.get(claim.kind, {}).get(claim.slug)
        if other is not None:  # a document of a type that cannot be made yet states nothing checkable
            _check_value(claim.value, other, document, f"{claim.kind}-{claim.slug}")


def _check_value(claim: Value, tables: dict[str, Table], document: str, other: str | None = None) -> None:
    table = tables.get(claim.table)
    printed = table.cell(claim.row, claim.column) if table is not None and table.has(claim.column) else None
    where = f"tabel '{claim.table}'" + (f" van {other}" if other else "")
    if printed is None:
        _contradiction(claim.site, f"{document}: de zin noemt een cijfer uit {where}, rij "
                                    f"'{claim.row}', kolom '{claim.column}', maar die staat niet in "
                                    + (other or "het document"), str(claim.value), "een cel die de tabel afdrukt")
    found = number_in(printed)
    stated = -claim.value if claim.direction == "minder" else claim.value
    places = max(-found.as_tuple().exponent, 0) if found is not None else 0
    if found is None or stated.quantize(Decimal(1).scaleb(-places)) != found \
            or (claim.direction == "meer" and found <= 0) or (claim.direction == "minder" and found >= 0):
        said = f"{claim.value} {claim.direction}" if claim.direction else str(claim.value)
        _contradiction(claim.site, f"{document}: de zin zegt {said}, maar {where} drukt in rij "
                                    f"'{claim.row}', kolom '{claim.column}' {printed} af", said,
                       f"het cijfer uit de tabel: {printed}")


def _check_marks(claims: Claims, document: str) -> None:
    """A figure of an illustrative table, stated in a sentence, has the mark in the same paragraph
    (a template writes a paragraph on one line)."""
    about = [(claim.table, claim.site) for claim in claims.values if claim.table in claims.illustrative]
    about += [(table, claim.site) for claim in claims.counts for table in claim.tables if table in claims.illustrative]
    if not about:
        return
    marked = {(mark.table, mark.site.where) for mark in claims.marks}
    for table, site in about:
        if (table, site.where) not in marked:
            _contradiction(site, f"{document}: de zin noemt een cijfer uit tabel '{table}', die op illustratieve "
                                 "gegevens rust, maar zegt dat niet", None,
                           f"het merk (illustratief) in dezelfde alinea: {{{{ bewering.illustratief('{table}') }}}}")


def _check_count(claim: Count, tables: dict[str, Table], document: str) -> None:
    missing = [name for name in claim.tables if name not in tables]
    if missing:
        _contradiction(claim.site, f"{document}: de zin telt de regels van tabel '{missing[0]}', maar die staat niet "
                                    "in het document", str(claim.count), "tabellen die het document afdrukt")
    found = 0
    for table in (tables[name] for name in claim.tables):
        for row in table.rows:
            if claim.rows is not None and row.key not in claim.rows:
                continue
            text = table.cell(row.key, claim.column) if claim.column else ""
            found += (claim.begins is None or text.startswith(claim.begins)) and \
                     (claim.unless is None or not text.startswith(claim.unless))
    if found != claim.count:
        which = "".join([" van de genoemde" if claim.rows is not None else "", f" met in kolom '{claim.column}'" if claim.column else "",
                         f" '{claim.begins} …'" if claim.begins else "",
                         f" niet '{claim.unless} …'" if claim.unless else ""])
        _contradiction(claim.site, f"{document}: de zin telt {claim.count}, maar {_names(claim.tables)} "
                                    f"{'heeft' if len(claim.tables) == 1 else 'hebben'} {found} regels{which}",
                       str(claim.count), f"het aantal regels in de tabel: {found}")


def _names(ids: tuple[str, ...]) -> str:
    quoted = [f"'{name}'" for name in ids]
    if len(quoted) == 1:
        return f"tabel {quoted[0]}"
    return f"de tabellen {', '.join(quoted[:-1])} en {quoted[-1]}"


def _check_share(claim: Share, document: str) -> None:
    """The share a reader computes from the printed part and whole, rounded as printed (half up)."""
    computed = None if claim.whole == 0 else round_half_up(100 * claim.part / claim.whole, claim.places)
    if computed != round_half_up(claim.percentage, claim.places):
        said = f"{number(claim.percentage, claim.places)}%"
        _contradiction(claim.site, f"{document}: de zin zegt dat {number(claim.part, _places(claim.part))} "
                                    f"{said} is van {number(claim.whole, _places(claim.whole))}, maar dat is "
                                    + ("een deel van 0 bestaat niet" if computed is None else f"{number(computed, claim.places)}%"),
                       said, "het deel gedeeld door het geheel, zoals de zin ze noemt")


def _places(value: Decimal) -> int:
    return max(-value.normalize().as_tuple().exponent, 0)


def _check_status(table: Table, site: Site, document: str) -> None:
    """A project marked finished has hours written on it, or none to write."""
    if not (table.has("Status") and table.has("Besteed (uren)")):
        return
    for row in table.rows:
        spent = table.cell(row.key, "Besteed (uren)")
        if table.cell(row.key, "Status") == "Afgerond" and number_in(spent) == 0:
            _contradiction(site, f"{document}, tabel '{table.id}', rij '{row.key}': status Afgerond met 0 bestede "
                                  "uren", spent, "uren die aan het project zijn geschreven, of 'n.v.t.' als er "
                                                 "geen uren op worden geschreven")


STAND = re.compile(r"\bstand eind (\d{4})\b")
LABELLED_YEAR = re.compile(r"\((\d{4})\)\s*$")


def _check_years(table: Table, site: Site, document: str) -> None:
    """A table that gives the stand at the end of a year shows no value of another year."""
    stand = STAND.search(table.caption or "")
    if not stand:
        return
    for row in table.rows:
        for column, text in zip(table.columns, table.printed(row)):
            labelled = LABELLED_YEAR.search(text)
            if labelled and labelled.group(1) != stand.group(1):
                _contradiction(site, f"{document}, tabel '{table.id}' ({table.caption}), rij '{row.key}', kolom "
                                      f"'{column.header}': een waarde van {labelled.group(1)} onder de stand eind "
                                      f"{stand.group(1)}", text,
                               f"de stand eind {stand.group(1)}, of een bijschrift dat zegt welke stand de tabel geeft")


def _check_money(table: Table, site: Site, rate: Decimal, parts: int | None, document: str) -> None:
    """Euros are hours × rate to the euro; where the document says why not (rounding per part,
    sums of rounded amounts), within the rounding it names: half a euro per rounded term."""
    rows = [*table.rows, *([table.total] if table.total else [])]
    for hours_column, euro_column in table.money:
        for row in rows:
            hours, euros = number_in(table.cell(row.key, hours_column)), number_in(table.cell(row.key, euro_column))
            if hours is None or euros is None:
                continue
            exact = hours * rate
            terms = 2 * (parts or 1) * (len(table.rows) if row is table.total else 1)  # two amounts per difference
            allowed = Decimal("0.5") if parts is None else Decimal("0.5") * terms
            if abs(euros - exact) > allowed:
                printed = table.cell(row.key, euro_column)
                _contradiction(site, f"{document}, tabel '{table.id}', rij '{row.key}': {euro_column} is {printed}, "
                                      f"maar {hours_column} × uurtarief is {number(hours, 2)} × {euro_cents(rate)} = "
                                      f"{euro_cents(exact)}", printed,
                               "uren × uurtarief op de euro, of een zin die zegt waarom niet (bewering.afronding)")
