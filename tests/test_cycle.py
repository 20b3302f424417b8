"""The policy cycle read with a pencil: every committed document of every type, read back from
its canonical Markdown (and its DOCX), checked against itself and against the others.

- rule 1: every total is the sum of the rows printed above it; ratios and differences hold
  in every row, the total row included;
- rule 2: every sum in the text holds at the precision printed;
- rule 3: the same fact has the same value in every document (the plan, the indicators);
- rule 4: what counts from 1 January never goes down from one report to the next;
- rule 7: Twente is the sum of the deelnemers, in every document type.
CI's `build.py --check` proves the committed output/ is what the sources produce.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pytest
import yaml

from conftest import ROOT, docx_tables, printed_number as parse
from uvpgen.formatting import is_printed_number
from uvpgen.markdown import parser

OUTPUT = ROOT / "output" / "2025"
# In the order of data/deelnemers.yaml, the order of every table per deelnemer
SLUGS = [d["slug"] for d in yaml.safe_load((ROOT / "data/deelnemers.yaml").read_text(encoding="utf-8"))["deelnemers"]]
KINDS = ["uvp", "monitoring-voorjaar", "monitoring-najaar", "jaarverslag"]
DOCUMENTS = [(kind, slug) for kind in KINDS for slug in [*SLUGS, "twente"]]
PROGRAMMES = ["Vergunningen", "Toezicht", "Handhaving", "Advies"]


class Table:
    """A table as printed: its caption (without number), header and rows of cell texts."""

    def __init__(self, caption: str, classes: str, rows: list[list[str]]):
        self.caption, self.classes = caption, classes
        self.header, self.rows = rows[0], rows[1:]

    @property
    def has_total(self) -> bool:
        return "totaal" in self.classes.split()

    @property
    def body(self) -> list[list[str]]:
        return self.rows[:-1] if self.has_total else self.rows

    def column(self, header: str) -> int:
        return self.header.index(header)

    def row(self, first: str) -> list[str]:
        matches = [r for r in self.rows if r[0] == first]
        assert len(matches) == 1, (self.caption, first)
        return matches[0]

    def by(self, key: str, header: str) -> dict[str, str]:
        return {r[self.column(key)]: r[self.column(header)] for r in self.body}


@cache
def markdown(kind: str, slug: str) -> str:
    return (OUTPUT / slug / f"{kind}-2025-{slug}.md").read_text(encoding="utf-8")


@cache
def tables(kind: str, slug: str) -> dict[str, Table]:
    """The tables of a document by caption (without 'Tabel N')."""
    found, caption, classes, rows = {}, None, "", None
    for token in parser().parse(markdown(kind, slug)):
        if token.type == "paragraph_open" and "bijschrift" in str(token.attrs.get("class", "")):
            caption = "?"
        elif token.type == "inline" and caption == "?":
            caption = re.sub(r"^Tabel \d+ ", "", token.content)
        elif token.type == "table_open":
            classes, rows = str(token.attrs.get("class", "")), []
        elif token.type == "tr_open" and rows is not None:
            rows.append([])
        elif token.type == "inline" and rows is not None:
            rows[-1].append(token.content.replace("\\|", "|"))
        elif token.type == "table_close":
            found[caption or f"tabel {len(found)}"] = Table(caption or "", classes, rows)
            caption, rows = None, None
    return found


def table(kind: str, slug: str, starts: str) -> Table:
    matches = [t for caption, t in tables(kind, slug).items() if caption.startswith(starts)]
    assert len(matches) == 1, (kind, slug, starts, list(tables(kind, slug)))
    return matches[0]


def half_up(value: Decimal, places: int) -> Decimal:
    """Commercial rounding (0,5 away from zero), as a controller with a calculator rounds."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def value(text: str) -> Decimal:
    assert is_printed_number(text), text
    return parse(text)


def numbers(cells: list[str]) -> Decimal:
    return sum((parse(c) for c in cells if is_printed_number(c)), Decimal(0))


# --- rule 1 and 2 within each document ----------------------------------------------------

@pytest.mark.parametrize("kind,slug", DOCUMENTS)
def test_every_total_is_the_sum_of_the_rows_above_it(kind, slug):
    checked = 0
    for caption, t in tables(kind, slug).items():
        if not t.has_total:
            continue
        total = t.rows[-1]
        for index, cell in enumerate(total):
            if index == 0 or not is_printed_number(cell) or cell.endswith("%") and "Verdeelsleutel" not in t.header[index]:
                continue
            assert value(cell) == numbers([r[index] for r in t.body]), (caption, t.header[index])
            checked += 1
    assert checked >= {"uvp": 8, "jaarverslag": 10}.get(kind, 6)


@pytest.mark.parametrize("kind,slug", DOCUMENTS)
def test_ratios_and_differences_hold_in_every_row_as_printed(kind, slug):
    """A controller recomputes each row from the numbers printed in it (half-up rounding)."""
    for caption, t in tables(kind, slug).items():
        h = t.header
        for row in t.rows:
            cell = dict(zip(h, row))
            if "Totaal (uren)" in h and "Kental (uren)" in h and is_printed_number(cell["Aantal"]):
                assert value(cell["Totaal (uren)"]) == value(cell["Aantal"]) * value(cell["Kental (uren)"]), caption
            if "Realisatie" in h and cell["Realisatie"] != "–":
                done, base = next((cell[a], cell[b]) for a, b in (("Afgerond (uren)", "Verwacht (uren)"),
                                                                  ("Afgerond (uren)", "Gepland (uren)"),
                                                                  ("Afgerond", "Verwacht"), ("Afgerond", "Gepland"))
                                  if a in cell and b in cell)
                assert value(cell["Realisatie"]) == half_up(100 * value(done) / value(base), 1), (caption, row)
            if "Jaareinde (uren)" in h:
                assert value(cell["Verschil (uren)"]) == value(cell["Jaareinde (uren)"]) - value(cell["Prognose (uren)"])
            if "Geschreven (uren)" in h and "Gepland (uren)" in h and "Verschil (uren)" in h:
                assert value(cell["Verschil (uren)"]) == value(cell["Geschreven (uren)"]) - value(cell["Gepland (uren)"])


@pytest.mark.parametrize("slug", [*SLUGS, "twente"])
def test_every_share_in_the_text_holds_at_the_precision_printed(slug):
    text = markdown("uvp", slug)
    shares = re.findall(r"is het aandeel van de (.+?) in (.+?) ([\d.]+) uur\. Precies is dat ([\d.]+) uur × ([\d,]+)% "
                        r"= ([\d.,]+) uur(.*?)\.\n", text)
    assert len(shares) == (0 if slug == "twente" else 2)
    for _, _, share, total, pct, exact, remark in shares:
        assert value(total) * value(pct) / 100 == value(exact)
        rounded = half_up(value(exact), 0)
        if value(share) != rounded:
            assert "zodat de aandelen van alle deelnemers samen precies" in remark
        else:
            assert remark.removesuffix(" (illustratief)") == ", afgerond op hele uren"  # the mark: issue 23


# --- rule 3: one source per fact -----------------------------------------------------------

@pytest.mark.parametrize("slug", [*SLUGS, "twente"])
def test_reports_plan_with_the_uvps_figures(slug):
    if slug == "twente":
        capacity = table("uvp", slug, "Producten per programma en deelnemer").row("Twente")
        planned = dict(zip(table("uvp", slug, "Producten per programma en deelnemer").header, capacity))
        prognose = {p: planned[p] for p in PROGRAMMES}
        products = {p: table("uvp", slug, f"Prognose {p.lower()} Twente").by("Code", "Aantal") for p in PROGRAMMES}
    else:
        own = table("uvp", slug, "Benodigde capaciteit")
        prognose = {p: own.row(next(r[0] for r in own.rows if r[0].startswith(p)))[1] for p in PROGRAMMES}
        products = {p: table("uvp", slug, f"Prognose {p.lower()} 2025").by("Code", "Aantal")
                    if any(c.startswith(f"Prognose {p.lower()} 2025") for c in tables("uvp", slug)) else {}
                    for p in PROGRAMMES}
    for kind, programme_caption, planned_header, product_caption, count_header in (
            ("monitoring-voorjaar", "Realisatie per programma", "Prognose (uren)", "Realisatie {} tot en met", "Prognose"),
            ("monitoring-najaar", "Realisatie per programma", "Prognose (uren)", "Realisatie {} tot en met", "Prognose"),
            ("jaarverslag", "Realisatie per programma", "Gepland (uren)", "Realisatie {} 2025", "Gepland")):
        report = table(kind, slug, programme_caption)
        for programme in PROGRAMMES:
            assert dict(zip(report.header, report.row(programme)))[planned_header] == prognose[programme], (kind, programme)
            captions = [c for c in tables(kind, slug) if c.startswith(product_caption.format(programme.lower()))]
            for caption in captions:
                for code, count in tables(kind, slug)[caption].by("Code", count_header).items():
                    assert products[programme].get(code, "0") == count, (kind, code)


@pytest.mark.parametrize("slug", [*SLUGS, "twente"])
def test_the_jaarverslag_reports_on_the_uvps_own_indicators(slug):
    uvp = {r[0]: r for t in tables("uvp", slug).values() if t.header[:2] == ["Indicator", "Soort"] for r in t.rows}
    report = table("jaarverslag", slug, "Indicatoren van de doelen")
    assert len(report.rows) == len(uvp) == 7
    for row in report.rows:
        cell = dict(zip(report.header, row))
        name, definition, target = uvp[cell["Indicator"]][0], uvp[cell["Indicator"]][2], uvp[cell["Indicator"]][3]
        assert (cell["Indicator"], cell["Definitie"], cell["Streefwaarde"]) == (name, definition, target)
        assert cell["Status"] != "behaald" or cell["Streefwaarde"] != "nog niet vastgesteld"


# --- rule 4: cumulative ---------------------------------------------------------------------

@pytest.mark.parametrize("slug", [*SLUGS, "twente"])
def test_what_counts_from_january_never_goes_down(slug):
    series = []
    for kind, caption, finished, hours in (("monitoring-voorjaar", "Realisatie {} tot en met", "Afgerond",
                                            "Geschreven (uren)"),
                                           ("monitoring-najaar", "Realisatie {} tot en met", "Afgerond",
                                            "Geschreven (uren)"),
                                           ("jaarverslag", "Realisatie {} 2025", "Afgerond", "Geschreven (uren)")):
        per_code = {}
        for programme in PROGRAMMES:
            for c, t in tables(kind, slug).items():
                if c.startswith(caption.format(programme.lower())):
                    per_code |= {r[0]: (value(r[t.column(finished)]), value(r[t.column(hours)])) for r in t.body}
        projects = next(t for c, t in tables(kind, slug).items() if c.startswith("Twentse projecten"))
        per_code |= {r[0]: (Decimal(0), Decimal(0) if r[projects.column("Besteed (uren)")] == "n.v.t."
                            else value(r[projects.column("Besteed (uren)")])) for r in projects.body}
        series.append(per_code)
    for earlier, later in zip(series, series[1:]):
        for code, (count, hours) in earlier.items():
            assert code in later, (slug, code)
            assert later[code][0] >= count and later[code][1] >= hours, (slug, code, earlier[code], later[code])


# --- rule 7: Twente is the sum of the deelnemers ----------------------------------------------

def test_the_twentse_uvp_is_the_sum_of_the_deelnemers_uvps():
    overview = table("uvp", "twente", "Totale benodigde capaciteit per deelnemer")
    for slug, row in zip(SLUGS, overview.body):
        own = table("uvp", slug, "Benodigde capaciteit")
        assert value(row[-1]) == value(own.rows[-1][1]), slug
    for programme in PROGRAMMES:
        twente = table("uvp", "twente", f"Prognose {programme.lower()} Twente").by("Code", "Aantal")
        summed: dict[str, Decimal] = {}
        for slug in SLUGS:
            for c, t in tables("uvp", slug).items():
                if c.startswith(f"Prognose {programme.lower()} 2025"):
                    for code, count in t.by("Code", "Aantal").items():
                        summed[code] = summed.get(code, Decimal(0)) + value(count)
        assert {code: value(count) for code, count in twente.items()} == summed


@pytest.mark.parametrize("kind", ["monitoring-voorjaar", "monitoring-najaar", "jaarverslag"])
def test_the_twentse_reports_are_the_sums_of_the_deelnemers_reports(kind):
    twente = table(kind, "twente", "Realisatie per programma")
    # What was planned, finished and written adds up; what was expected and the year end are computed
    # from those sums, as the Werkwijze says (test_method checks them row by row).
    for header in twente.header[1:]:
        if kind != "jaarverslag" and header not in ("Prognose (uren)", "Afgerond (uren)", "Geschreven (uren)"):
            continue
        if "Realisatie" in header:
            continue
        for row in twente.rows:
            own = [dict(zip(twente.header, table(kind, slug, "Realisatie per programma").row(row[0])))[header]
                   for slug in SLUGS]
            assert value(dict(zip(twente.header, row))[header]) == numbers(own), (kind, row[0], header)
    for slug in SLUGS:  # Twente's section per deelnemer is the deelnemer's own table
        name = re.sub(r"^Realisatie (.+?) (tot en met|2025).*", r"\1", next(
            c for c in tables(kind, slug) if c.startswith("Realisatie per programma")))
        own = table(kind, slug, "Realisatie per programma").rows
        section = [t for c, t in tables(kind, "twente").items() if c.startswith("Realisatie ")
                   and not c.startswith(("Realisatie per", *(f"Realisatie {p.lower()}" for p in PROGRAMMES)))
                   and t.rows == own]
        assert len(section) == 1, (kind, slug, name)
    if kind == "jaarverslag":
        for caption in ("Uren en kosten per programma", "Overtreders naar type", "Klachten naar aard"):
            twente_table = table(kind, "twente", caption)
            for row in twente_table.rows:
                for index, header in enumerate(twente_table.header[1:], 1):
                    if row[index].endswith("%") or not is_printed_number(row[index]):
                        continue
                    own = [table(kind, slug, caption).row(row[0])[index] for slug in SLUGS]
                    assert value(row[index]) == numbers(own), (caption, row[0], header)


# --- the DOCX shows the same tables -----------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("slug", ["enschede", "twente"])
def test_the_docx_prints_the_same_tables_as_the_markdown(kind, slug):
    in_docx = docx_tables(OUTPUT / slug / f"{kind}-2025-{slug}.docx")
    in_markdown = [[t.header, *t.rows] for t in tables(kind, slug).values()]
    assert [[[" ".join(c.split()) for c in row] for row in t] for t in in_markdown] == in_docx


def test_no_body_sentence_claims_a_source_the_colophon_calls_illustrative():
    for kind, slug in DOCUMENTS:
        text = markdown(kind, slug)
        colophon, body = text.split("::: inhoud", 1)
        if "realisatie tot en met" in colophon:
            assert not re.search(r"(alle|de) cijfers komen uit het zaaksysteem(?![^.]*illustratie)", body, re.I), (kind, slug)
            assert "komen uit de exports van het zaaksysteem" not in body or "illustratieve exports" in body
