"""Cross-document check of the whole policy cycle, on the composed tables, by identity.

It runs at every build, after compose and before anything is rendered or written, over every
document of the year (the UVPs, both monitoring reports and the jaarverslag, per deelnemer and
for Twente), and compares the cells as printed (table id, row key, column header):

1. every total row holds, in every additive column, the sum of the rows above it;
2. the Twentse UVP is the sum of the deelnemers' UVPs (capacity per part, products, shares,
   the capacity balance, the bedrijvenbestand), and each capacity balance needs what its UVP plans;
3. the plan in the monitoring reports and the jaarverslag is the UVP's (including the
   jaarverslag's planned and available capacity per part and its controls per risk category),
   and the jaarverslag's indicators have the UVP's name, definition and streefwaarde;
4. the Twentse reports are the sums of the deelnemers' reports (realisation, costs, and the
   jaarverslag's timeliness, sanctions, objections, energy results, local projects and
   backlog), and their sections per deelnemer are the deelnemers' own tables;
5. what counts from 1 January (products finished, hours written) never goes down from one
   report to the next;
6. across years: the terugblik of a UVP is the previous year's jaarverslag of the same deelnemer
   (or Twente), row for row, in every column they share (`check_years`).

A violation is a defect in uvpgen, not in the user's input: the build stops, naming document,
table, row, column and both values, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from .data import PROGRAMMES
from .names import TWENTE
from .errors import ConsistencyError
from .formatting import number_in as number
from .tables import Table

Tables = Mapping[str, Table]  # one document's tables by id


class Checker:
    """Collects the tables of every document (type key -> slug -> tables) and compares cells."""

    def __init__(self, documents: Mapping[str, Mapping[str, Tables]]):
        self.documents = documents

    def fail(self, where: str, found: object, expected: object) -> None:
        raise ConsistencyError(f"{where}: staat {found}, maar verwacht is {expected}. "
                               "De documenten zijn niet geschreven.")

    def tables(self, kind: str, slug: str) -> Tables:
        return self.documents.get(kind, {}).get(slug, {})

    def cell(self, kind: str, slug: str, table_id: str, key: str, header: str) -> str | None:
        table = self.tables(kind, slug).get(table_id)
        return None if table is None else table.cell(key, header)

    def same(self, kind: str, slug: str, table_id: str, key: str, header: str, expected: str | None,
             source: str) -> None:
        found = self.cell(kind, slug, table_id, key, header) or None  # an empty cell is nothing, as None is
        expected = expected or None
        numeric = found is not None and expected is not None and number(expected) is not None
        if (number(found) if numeric else found) != (number(expected) if numeric else expected):
            self.fail(f"{kind}-{slug}, tabel '{table_id}', rij '{key}', kolom '{header}'", found or "niets",
                      f"{expected or 'niets'} ({source})")

    def sums(self, kind: str, table_id: str, slugs: list[str], headers: Iterable[str] | None = None,
             source_kind: str | None = None, source_id: str | None = None) -> None:
        """Each row of Twente's table equals the sum of the same row over the deelnemers' tables,
        in `headers` (default: the table's additive columns)."""
        twente = self.tables(kind, TWENTE).get(table_id)
        if twente is None:
            return
        for header in headers if headers is not None else [column.header for column in twente.columns if column.som]:
            for row in [*twente.rows, *([twente.total] if twente.total else [])]:
                parts = [self.cell(source_kind or kind, s, source_id or table_id, row.key, header) for s in slugs]
                expected = sum((number(p) or Decimal(0) for p in parts if p), Decimal(0))
                found = number(twente.cell(row.key, header))
                if found is not None and found != expected:
                    self.fail(f"{kind}-{TWENTE}, tabel '{table_id}', rij '{row.key}', kolom '{header}'", found,
                              f"{expected} (de som over de deelnemers)")


def check_totals(name: str, tables: Tables) -> None:
    """Rule 1: in every additive column the total row is the sum of the printed rows above it."""
    for table in tables.values():
        if table.total is None:
            continue
        for index, column in enumerate(table.columns):
            if not column.som:
                continue
            cells = [column.print(row.cells[index]) for row in table.rows]
            expected = sum((number(c) for c in cells if number(c) is not None), Decimal(0))
            found = number(column.print(table.total.cells[index]))
            if found is None and any(row.cells[index] is None for row in table.rows):
                continue  # a part not yet reported: the total is not known either
            if found != expected:
                raise ConsistencyError(f"{name}, tabel '{table.id}', kolom '{column.header}': het totaal is "
                                       f"{'leeg' if found is None else found}, "
                                       f"maar de regels erboven tellen op tot {expected}. De documenten zijn niet "
                                       "geschreven.")


def check_cycle(documents: Mapping[str, Mapping[str, Tables]], slugs: list[str], counts: Iterable[str]) -> None:
    """Every rule above, over every composed document (`documents`: type key -> slug -> tables).
    `slugs` are the deelnemers, `counts` the ids of the counts the indicators are computed from."""
    for kind, per_slug in documents.items():
        for slug, tables in per_slug.items():
            check_totals(f"{kind}-{slug}", tables)
    check = Checker(documents)
    _cumulative(check, [k for k in ("monitoring-voorjaar", "monitoring-najaar", "jaarverslag") if k in documents],
                [*slugs, TWENTE])
    _twente_uvp(check, slugs)
    for kind in documents:
        if kind.startswith("monitoring-"):
            _monitoring(check, kind, slugs)
    if "jaarverslag" in documents:
        _jaarverslag(check, slugs, set(counts))


LOOKED_BACK = {"terugblik-programma": "realisatie-programma", "terugblik-indicatoren": "indicatoren"}


def check_years(documents: Mapping[str, Mapping[str, Tables]], jaarverslagen: Mapping[str, Tables], jaar: int) -> None:
    """Rule 6, across years. Each UVP of `jaar` that looks back shows the rows of the jaarverslag
    of `jaar` - 1 (`jaarverslagen`, by slug) with the same cells (a number as a number; a text
    the jaarverslag explains in a table of its own, such as a distribution, is not compared). In
    the trend of a UVP or a jaarverslag, a year's column is that year's: the hours of its
    jaarverslag's realisation per programma, its indicators as measured."""
    previous = f"jaarverslag-{jaar - 1}"
    check = Checker({**documents, previous: jaarverslagen})
    for slug, tables in documents.get("uvp", {}).items():
        for own, theirs in LOOKED_BACK.items():
            table, source = tables.get(own), check.tables(previous, slug).get(theirs)
            if table is None:
                continue
            if source is None or [r.key for r in table.rows] != [r.key for r in source.rows]:
                check.fail(f"uvp-{slug}, tabel '{own}'", [r.key for r in table.rows],
                           f"de rijen van tabel '{theirs}' van het jaarverslag {jaar - 1}: "
                           f"{[r.key for r in source.rows] if source else 'geen tabel'}")
            keys = [r.key for r in source.rows] + (["totaal"] if source.total else [])
            for column in (c for c in table.columns if source.has(c.header)):
                for key in keys:
                    expected = source.cell(key, column.header)
                    if not column.numeric or expected in (None, "–") or number(expected) is not None:
                        check.same("uvp", slug, own, key, column.header, expected, f"het jaarverslag {jaar - 1}")
    for kind in ("uvp", "jaarverslag"):
        for slug in documents.get(kind, {}):
            for year, source in ((jaar - 1, previous), (jaar, "jaarverslag")):
                _trend_year(check, kind, slug, year, source)


def _trend_year(check: Checker, kind: str, slug: str, year: int, source: str) -> None:
    """A year's columns of a document's trend tables against that year's jaarverslag (`source`)."""
    for own, theirs, columns in (("trend-programma", "realisatie-programma",
                                  {f"Gepland {year}": "Gepland (uren)", f"Geschreven {year}": "Geschreven (uren)"}),
                                 ("trend-indicatoren", "indicatoren", {str(year): str(year)})):
        table, jaarverslag = check.tables(kind, slug).get(own), check.tables(source, slug).get(theirs)
        if table is None or jaarverslag is None:
            continue
        for header, theirs_header in columns.items():
            if not table.has(header) or not jaarverslag.has(theirs_header):
                continue
            for row in [*table.rows, *([table.total] if table.total else [])]:
                expected = jaarverslag.cell(row.key, theirs_header)
                if expected is not None:  # an indicator that year did not have: no column of its own to compare
                    check.same(kind, slug, own, row.key, header, expected, f"tabel '{theirs}' van het jaarverslag {year}")


CAPACITY = {"Vergunningen": "vergunningen", "Toezicht": "toezicht", "Handhaving": "handhaving", "Advies": "advies"}


def _twente_uvp(check: Checker, slugs: list[str]) -> None:
    for slug in [*slugs, TWENTE]:  # within each UVP: the summary is the programme tables' totals
        for programma in PROGRAMMES:
            table_id = f"twente-{programma}" if slug == TWENTE else f"prognose-{programma}"
            expected = check.cell("uvp", slug, table_id, "totaal", "Totaal (uren)") or "0"
            if slug == TWENTE:
                check.same("uvp", slug, "capaciteit-producten", "totaal", programma.capitalize(), expected,
                           f"tabel '{table_id}'")
            else:
                check.same("uvp", slug, "capaciteit", programma, "Capaciteit (uren)", expected, f"tabel '{table_id}'")
    for slug in slugs:
        for header, part in CAPACITY.items():
            check.same("uvp", TWENTE, "capaciteit-producten", slug, header,
                       check.cell("uvp", slug, "capaciteit", part, "Capaciteit (uren)"), f"het UVP van {slug}")
        for header, part in (("Twentse projecten", "projecten"), ("Diensten voor de regio", "diensten"),
                             ("Lokale projecten", "lokaal"), ("Totaal", "totaal")):
            check.same("uvp", TWENTE, "capaciteit-totaal", slug, header,
                       check.cell("uvp", slug, "capaciteit", part, "Capaciteit (uren)"), f"het UVP van {slug}")
        for header, part in (("Twentse projecten (uren)", "projecten"), ("Diensten voor de regio (uren)", "diensten")):
            check.same("uvp", TWENTE, "verdeelsleutel", slug, header,
                       check.cell("uvp", slug, "capaciteit", part, "Capaciteit (uren)"), f"het UVP van {slug}")
        own = check.tables("uvp", slug).get("lokale-projecten")
        for row in own.rows if own else ():
            check.same("uvp", TWENTE, "lokale-projecten", f"{slug}/{row.key}", "Capaciteit (uren)",
                       own.cell(row.key, "Capaciteit (uren)"), f"het UVP van {slug}")
    for header, table_id in (("Twentse projecten (uren)", "projecten"), ("Diensten voor de regio (uren)", "diensten")):
        check.same("uvp", TWENTE, "verdeelsleutel", "totaal", header,
                   check.cell("uvp", TWENTE, table_id, "totaal", "Capaciteit (uren)"), f"tabel '{table_id}'")
    for programma in PROGRAMMES:
        check.sums("uvp", f"twente-{programma}", slugs, ["Aantal"], "uvp", f"prognose-{programma}")
    _balance(check, slugs)


def _balance(check: Checker, slugs: list[str]) -> None:
    """The capacity balance needs what the UVP plans; Twente's balance and bedrijvenbestand are
    the sums of the deelnemers'."""
    for slug in slugs:
        table = check.tables("uvp", slug).get("capaciteit-balans")
        for row in table.rows if table else ():
            check.same("uvp", slug, "capaciteit-balans", row.key, "Benodigd (uren)",
                       check.cell("uvp", slug, "capaciteit", row.key, "Capaciteit (uren)"), "tabel 'capaciteit'")
    if check.tables("uvp", TWENTE).get("capaciteit-balans"):
        check.same("uvp", TWENTE, "capaciteit-balans", "totaal", "Benodigd (uren)",
                   check.cell("uvp", TWENTE, "capaciteit-totaal", "totaal", "Totaal"), "tabel 'capaciteit-totaal'")
    check.sums("uvp", "capaciteit-balans", slugs)
    check.sums("uvp", "bedrijvenbestand", slugs)


def _plan(check: Checker, kind: str, slug: str, programme_table: str, planned: str, product_prefix: str,
          product_header: str) -> None:
    """The plan a report compares with is the UVP's: per programme the hours, per product the count."""
    uvp = "uvp" if slug != TWENTE else None
    for programma in PROGRAMMES:
        expected = (check.cell("uvp", slug, "capaciteit", programma, "Capaciteit (uren)") if uvp
                    else check.cell("uvp", TWENTE, "capaciteit-producten", "totaal", programma.capitalize()))
        check.same(kind, slug, programme_table, programma, planned, expected, "het UVP")
        table = check.tables(kind, slug).get(f"{product_prefix}{programma}")
        source = f"twente-{programma}" if slug == TWENTE else f"prognose-{programma}"
        for row in table.rows if table else ():
            expected = check.cell("uvp", slug, source, row.key, "Aantal") or "0"
            check.same(kind, slug, table.id, row.key, product_header, expected, "het UVP")


def _monitoring(check: Checker, kind: str, slugs: list[str]) -> None:
    check.sums(kind, "kosten", slugs)
    _monitoring_programmes(check, kind, slugs)


def _monitoring_programmes(check: Checker, kind: str, slugs: list[str]) -> None:
    """Twente's prognose, finished products and written hours are the deelnemers' summed; what was
    expected and the year end are computed from those sums, as for one deelnemer (the method text),
    so they need not equal the sum of the deelnemers' rounded figures."""
    additive = ("Prognose (uren)", "Verwacht (uren)", "Afgerond (uren)", "Geschreven (uren)", "Jaareinde (uren)",
                "Verschil (uren)")
    for slug in [*slugs, TWENTE]:
        _plan(check, kind, slug, "realisatie-programma", "Prognose (uren)", "voortgang-", "Prognose")
    check.sums(kind, "realisatie-programma", slugs, ("Prognose (uren)", "Afgerond (uren)", "Geschreven (uren)"))
    for programma in PROGRAMMES:
        check.sums(kind, f"voortgang-{programma}", slugs, ("Prognose", "Afgerond", "Geschreven (uren)"))
    _sections(check, kind, "realisatie-programma", additive, slugs)


def _sections(check: Checker, kind: str, table_id: str, headers: Iterable[str], slugs: list[str]) -> None:
    """Twente's section per deelnemer (table `deelnemer-<slug>`) shows exactly the deelnemer's own table."""
    for slug in slugs:
        own = check.tables(kind, slug).get(table_id)
        if own is None:
            continue
        for row in [*own.rows, own.total]:
            for header in headers:
                check.same(kind, TWENTE, f"deelnemer-{slug}", row.key, header, own.cell(row.key, header),
                           f"het eigen document van {slug}")


def _jaarverslag(check: Checker, slugs: list[str], counts: Iterable[str]) -> None:
    kind = "jaarverslag"
    additive = ("Gepland (uren)", "Afgerond (uren)", "Geschreven (uren)", "Verschil (uren)")
    for slug in [*slugs, TWENTE]:
        _plan(check, kind, slug, "realisatie-programma", "Gepland (uren)", "realisatie-", "Gepland")
        indicators = check.tables(kind, slug).get("indicatoren")
        uvp_tables = [t for t in check.tables("uvp", slug).values() if t.id.startswith("indicatoren-")]
        for row in indicators.rows if indicators else ():
            source = next((t for t in uvp_tables if any(r.key == row.key for r in t.rows)), None)
            if source is None:
                check.fail(f"{kind}-{slug}, tabel 'indicatoren', rij '{row.key}'", "een indicator",
                           "alleen indicatoren uit het UVP")
            for header in ("Indicator", "Definitie", "Streefwaarde"):
                check.same(kind, slug, "indicatoren", row.key, header, source.cell(row.key, header), "het UVP")
    check.sums(kind, "realisatie-programma", slugs)
    for programma in PROGRAMMES:
        check.sums(kind, f"realisatie-{programma}", slugs, ("Gepland", "Afgerond", "Verschil", "Gepland (uren)",
                                                            "Geschreven (uren)", "Verschil (uren)"))
    check.sums(kind, "kosten", slugs)
    _accountability(check, slugs)
    _local_projects(check, slugs)
    for table_id in ("overtreders", "klachten"):
        check.sums(kind, table_id, slugs)
    naleef = check.tables(kind, TWENTE).get("naleefgedrag")
    for key in [row.key for row in naleef.rows if row.key in counts] if naleef else []:  # the counts (PC, HC, HHC) add up; the percentages follow from them
        for header in _year_columns(naleef):
            parts = [check.cell(kind, s, "naleefgedrag", key, header) for s in slugs]
            if all(p and number(p) is not None for p in parts):
                expected = sum((number(p) for p in parts), Decimal(0))
                if number(naleef.cell(key, header)) != expected:
                    check.fail(f"{kind}-{TWENTE}, tabel 'naleefgedrag', rij '{key}', kolom '{header}'",
                               naleef.cell(key, header), f"{expected} (de som over de deelnemers)")
    _sections(check, kind, "realisatie-programma", additive, slugs)


def _local_projects(check: Checker, slugs: list[str]) -> None:
    """The jaarverslag accounts for exactly the local projects its UVP agreed, with the hours the
    UVP planned: a jaarverslag that says there were none, or names another, contradicts its UVP."""
    for slug in slugs:
        if not check.tables("uvp", slug):
            continue
        agreed = check.tables("uvp", slug).get("lokale-projecten")
        reported = check.tables("jaarverslag", slug).get("lokale-projecten-jaar")
        planned = {row.key: agreed.cell(row.key, "Capaciteit (uren)") for row in agreed.rows} if agreed else {}
        for row in reported.rows if reported else ():
            naam = row.key.split("/", 1)[-1]
            check.same("jaarverslag", slug, "lokale-projecten-jaar", row.key, "Gepland (uren)", planned.get(naam),
                       "het UVP")
        accounted = {row.key.split("/", 1)[-1] for row in reported.rows} if reported else set()
        for naam in sorted(set(planned) - accounted):
            check.fail(f"jaarverslag-{slug}, tabel 'lokale-projecten-jaar'", "geen regel voor " + naam,
                       f"het lokale project {naam} (het UVP)")


def _accountability(check: Checker, slugs: list[str]) -> None:
    """The jaarverslag's plan is the UVP's (capacity per part, controls per risk category), and
    every new count of Twente is the sum of the deelnemers' counts."""
    kind = "jaarverslag"
    for slug in [*slugs, TWENTE]:
        year = check.tables(kind, slug).get("capaciteit-jaar")
        for row in [*year.rows, year.total] if year else ():
            for mine, theirs in (("Gepland (uren)", "Benodigd (uren)"), ("Beschikbaar (uren)", "Beschikbaar (uren)"),
                                 ("Gepland (€)", "Benodigd (€)"), ("Beschikbaar (€)", "Beschikbaar (€)")):
                check.same(kind, slug, "capaciteit-jaar", row.key, mine,
                           check.cell("uvp", slug, "capaciteit-balans", row.key, theirs), "het UVP")
        risk = check.tables(kind, slug).get("risicocategorieen")
        for row in [*risk.rows, risk.total] if risk else ():
            for mine, theirs in (("Bedrijven", "Bedrijven"), ("Gepland", "Periodieke controles")):
                check.same(kind, slug, "risicocategorieen", row.key, mine,
                           check.cell("uvp", slug, "bedrijvenbestand", row.key, theirs), "het UVP")
    for table_id in ("capaciteit-jaar", "risicocategorieen", "tijdigheid", "bezwaar-beroep", "lokale-projecten-jaar",
                     "werkvoorraad-jaar"):
        check.sums(kind, table_id, slugs)
    for table_id in ("handhaving", "energie-resultaten"):  # not additive down the table; each row is a sum
        check.sums(kind, table_id, slugs, ("Aantal",))


def _year_columns(table: Table | None) -> list[str]:
    return [c.header for c in table.columns if c.header.isdigit()] if table else []


def _cumulative(check: Checker, kinds: list[str], slugs: list[str]) -> None:
    """Products finished and hours written count from 1 January: never lower in a later report."""
    columns = {"monitoring-voorjaar": ("Afgerond", "Geschreven (uren)"), "monitoring-najaar": ("Afgerond", "Geschreven (uren)"),
               "jaarverslag": ("Afgerond", "Geschreven (uren)")}
    prefixes = {"monitoring-voorjaar": "voortgang-", "monitoring-najaar": "voortgang-", "jaarverslag": "realisatie-"}
    for earlier, later in zip(kinds, kinds[1:]):
        for slug in slugs:
            for programma in PROGRAMMES:
                before = check.tables(earlier, slug).get(prefixes[earlier] + programma)
                for row in before.rows if before else ():
                    for old_header, new_header in zip(columns[earlier], columns[later]):
                        was = number(before.cell(row.key, old_header))
                        now = check.cell(later, slug, prefixes[later] + programma, row.key, new_header)
                        if was and ((later_value := number(now or "")) is None or later_value < was):
                            check.fail(f"{later}-{slug}, product {row.key}, kolom '{new_header}'", now or "niets",
                                       f"minstens {was} (in {earlier})")
            projects = {"monitoring-voorjaar": "projecten-voortgang", "monitoring-najaar": "projecten-voortgang",
                        "jaarverslag": "projecten-jaar"}
            before = check.tables(earlier, slug).get(projects[earlier])
            for row in before.rows if before else ():
                was = number(before.cell(row.key, "Besteed (uren)"))
                now = check.cell(later, slug, projects[later], row.key, "Besteed (uren)")
                if was and ((later_value := number(now or "")) is None or later_value < was):
                    check.fail(f"{later}-{slug}, project {row.key}, kolom 'Besteed (uren)'", now or "niets",
                               f"minstens {was} (in {earlier})")
