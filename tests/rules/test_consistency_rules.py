"""The cross-document check of the cycle (uvpgen.consistency), as worked examples on tables made by hand.

`cycle()` builds a small cycle that agrees: two deelnemers (hengelo, overijssel) and Twente, with
the UVP, both monitoring reports and the jaarverslag, each holding only the tables the check reads,
under the real table ids, row keys and column headers. Every figure is written out below, with
the sums beside it. A test plants one disagreement (`plant`) and compares the message a reader
gets, written out in full; planting keeps every total row right unless the test is about totals,
so the rule under test is the one that fires.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from uvpgen import consistency
from uvpgen.consistency import Checker, check_cycle, check_totals, number
from uvpgen.errors import ConsistencyError
from uvpgen.tables import Column, Row, Table

H, O, T = "hengelo", "overijssel", "twente"
SLUGS = [H, O]
COUNTS = ["sancties", "controles"]  # the counts the naleefgedrag indicators are computed from
END = ". De documenten zijn niet geschreven."


# --- building tables --------------------------------------------------------------------------

def txt(header: str) -> Column:
    return Column(header)


def num(header: str, fmt: str = "aantal") -> Column:
    return Column(header, fmt)


def som(header: str, fmt: str = "aantal") -> Column:
    return Column(header, fmt, som=True)


def table(id: str, columns: list[Column], rows: dict[str, tuple], total: tuple | None = None) -> Table:
    return Table(id, None, tuple(columns), tuple(Row(key, tuple(cells)) for key, cells in rows.items()),
                 None if total is None else Row("totaal", tuple(total)))


def plant(docs: dict, kind: str, slug: str, table_id: str, key: str, header: str, value) -> dict:
    """Replace one cell (row `key`, "totaal" for the total row) of one table of one document."""
    old = docs[kind][slug][table_id]
    index = old.column(header)

    def changed(row: Row) -> Row:
        return row if row.key != key else Row(row.key, (*row.cells[:index], value, *row.cells[index + 1:]))
    docs[kind][slug][table_id] = replace(old, rows=tuple(changed(r) for r in old.rows),
                                         total=None if old.total is None else changed(old.total))
    return docs


def unsum(docs: dict, kind: str, slug: str, table_id: str, header: str) -> dict:
    """Make one column of a table not additive, so rule 1 does not check its total row."""
    old = docs[kind][slug][table_id]
    docs[kind][slug][table_id] = replace(old, columns=tuple(replace(c, som=False) if c.header == header else c
                                                            for c in old.columns))
    return docs


def add_row(docs: dict, kind: str, slug: str, table_id: str, key: str, cells: tuple) -> dict:
    old = docs[kind][slug][table_id]
    docs[kind][slug][table_id] = replace(old, rows=(*old.rows, Row(key, cells)))
    return docs


def drop_row(docs: dict, kind: str, slug: str, table_id: str, key: str) -> dict:
    old = docs[kind][slug][table_id]
    docs[kind][slug][table_id] = replace(old, rows=tuple(r for r in old.rows if r.key != key))
    return docs


# --- the cycle that agrees --------------------------------------------------------------------

PROGRAMMES = ("vergunningen", "toezicht", "handhaving", "advies")
PARTS = (*PROGRAMMES, "projecten", "diensten", "lokaal")
# Capacity (hours) per part, then the total: hengelo 250+180+50+20+120 = 620, overijssel
# 100+180+30+12 = 322, Twente the sum of both per part (942 = 620+322).
CAPACITEIT = {H: (250, 180, 0, 0, 50, 20, 120, 620), O: (100, 180, 0, 0, 30, 12, 0, 322),
              T: (350, 360, 0, 0, 80, 32, 120, 942)}
# Available hours: 240+180+50+20+100 = 590, 100+170+30+12 = 312, Twente 902.
BESCHIKBAAR = {H: (240, 180, 0, 0, 50, 20, 100, 590), O: (100, 170, 0, 0, 30, 12, 0, 312),
               T: (340, 350, 0, 0, 80, 32, 100, 902)}
# Prognose per programme (no product for handhaving and advies): code, product, aantal, kental, uren.
PROGNOSE = {
    (H, "vergunningen"): ("A1.17.00", "Omgevingsvergunning milieu", 20, D("12.5"), 250),
    (O, "vergunningen"): ("A1.17.00", "Omgevingsvergunning milieu", 8, D("12.5"), 100),
    (T, "vergunningen"): ("A1.17.00", "Omgevingsvergunning milieu", 28, D("12.5"), 350),
    (H, "toezicht"): ("A2.01.00", "Periodieke controle", 30, 6, 180),
    (O, "toezicht"): ("A2.01.00", "Periodieke controle", 30, 6, 180),
    (T, "toezicht"): ("A2.01.00", "Periodieke controle", 60, 6, 360),
}
BEDRIJVEN = {H: {"hoog": (40, 40), "laag": (200, 0)}, O: {"hoog": (24, 24), "laag": (10, 0)},
             T: {"hoog": (64, 64), "laag": (210, 0)}}  # bedrijven, periodieke controles
STREEFWAARDE = "maximaal 40% (vastgesteld door het college op 1 december 2024)"

# Monitoring per programme: Prognose, Verwacht, Afgerond, Geschreven, Jaareinde, Verschil (uren).
# hengelo: 250+180 = 430, 80+60 = 140, 62,5+36 = 98,5, 70+40,5 = 110,5, 210+120 = 330, -40-60 = -100;
# overijssel: 280, 90, 50+42 = 92, 45+41 = 86, 135+123 = 258, 35-57 = -22; Twente the sums.
MONITORING = {
    H: {"vergunningen": (250, 80, D("62.5"), 70, 210, -40), "toezicht": (180, 60, 36, D("40.5"), 120, -60),
        "totaal": (430, 140, D("98.5"), D("110.5"), 330, -100)},
    O: {"vergunningen": (100, 30, 50, 45, 135, 35), "toezicht": (180, 60, 42, 41, 123, -57),
        "totaal": (280, 90, 92, 86, 258, -22)},
    T: {"vergunningen": (350, 110, D("112.5"), 115, 345, -5), "toezicht": (360, 120, 78, D("81.5"), 243, -117),
        "totaal": (710, 230, D("190.5"), D("196.5"), 588, -122)},
}
# Product A1.17.00 by the peildatum: Prognose, Verwacht, Afgerond, Jaareinde (aantal), Geschreven (uren),
# Verschil jaareinde (uren). Twente's Prognose, Afgerond and Geschreven are the sums; its Verwacht and year
# end are computed from those sums (28 x 4/12 = 9,3, not 6,4 + 2,4 = 8,8) and are not checked as sums.
VOORTGANG = {
    "monitoring-voorjaar": {H: (20, D("6.4"), 5, 15, 70, -12), O: (8, D("2.4"), 4, 12, 45, 5),
                            T: (28, D("8.8"), 9, 27, 115, -7)},
    "monitoring-najaar": {H: (20, 12, 14, 25, 180, 5), O: (8, 5, 5, 8, 60, 0), T: (28, 17, 19, 33, 240, 5)},
}
# Jaarverslag per programme: Gepland, Afgerond, Geschreven, Verschil (uren).
# hengelo: 430, 287,5+156 = 443,5, 290+160 = 450, 40-20 = 20; overijssel: 280, 298, 300, 20; Twente the sums.
JAAR = {
    H: {"vergunningen": (250, D("287.5"), 290, 40), "toezicht": (180, 156, 160, -20),
        "totaal": (430, D("443.5"), 450, 20)},
    O: {"vergunningen": (100, 100, 101, 1), "toezicht": (180, 198, 199, 19), "totaal": (280, 298, 300, 20)},
    T: {"vergunningen": (350, D("387.5"), 391, 41), "toezicht": (360, 354, 359, -1),
        "totaal": (710, D("741.5"), 750, 40)},
}
# Product A1.17.00 over the year: Gepland, Afgerond, Verschil, Gepland (uren), Geschreven (uren), Verschil (uren).
JAAR_PRODUCT = {H: (20, 23, 3, 250, 290, 40), O: (8, 8, 0, 100, 101, 1), T: (28, 31, 3, 350, 391, 41)}
# Geschreven (uren), Gerealiseerd (kosten): 7.035+4.070 = 11.105, 4.523+4.121 = 8.644, Twente 19.749.
KOSTEN = {H: {"vergunningen": (70, 7035), "toezicht": (D("40.5"), 4070), "totaal": (D("110.5"), 11105)},
          O: {"vergunningen": (45, 4523), "toezicht": (41, 4121), "totaal": (86, 8644)},
          T: {"vergunningen": (115, 11558), "toezicht": (D("81.5"), 8191), "totaal": (D("196.5"), 19749)}}
RISICO = {H: {"hoog": (40, 40, 38), "laag": (200, 0, 0), "totaal": (240, 40, 38)},  # bedrijven, gepland, afgerond
          O: {"hoog": (24, 24, 24), "laag": (10, 0, 0), "totaal": (34, 24, 24)},
          T: {"hoog": (64, 64, 62), "laag": (210, 0, 0), "totaal": (274, 64, 62)}}
HANDHAVING = {H: (10, 3), O: (12, 2), T: (22, 5)}  # lasten onder dwangsom, open op 31 december
NALEEF = {H: ((8, 10), (25, 26), ("32,0%", "38,5%")), O: ((6, 12), (20, 33), ("30,0%", "36,4%")),
          T: ((14, 22), (45, 59), ("31,1%", "37,3%"))}  # sancties, controles (2024, 2025), sanctiegraad


def capaciteit(slug: str) -> Table:
    *parts, total = CAPACITEIT[slug]
    return table("capaciteit", [txt("Onderdeel"), som("Capaciteit (uren)")],
                 {p: (p.capitalize(), v) for p, v in zip(PARTS, parts)}, ("Totaal", total))


def balance(id: str, slug: str, headers: tuple[str, ...]) -> Table:
    """Needed (or planned) and available, in hours and in euros (hours × € 100); the jaarverslag's
    capaciteit-jaar also the hours written (here as many as were available)."""
    need, have = CAPACITEIT[slug], BESCHIKBAAR[slug]
    written = len(headers) == 5
    columns = [txt("Onderdeel"), som(headers[0]), som(headers[1]), *([som(headers[4])] if written else []),
               som(headers[2], "euro"), som(headers[3], "euro")]
    return table(id, columns, {p: (p.capitalize(), n, a, *((a,) if written else ()), n * 100, a * 100)
                               for p, n, a in zip(PARTS, need, have)},
                 ("Totaal", need[-1], have[-1], *((have[-1],) if written else ()), need[-1] * 100, have[-1] * 100))


def prognose(slug: str, programma: str) -> Table:
    code, name, aantal, kental, uren = PROGNOSE[slug, programma]
    return table(f"twente-{programma}" if slug == T else f"prognose-{programma}",
                 [txt("Code"), txt("Product"), num("Aantal"), num("Kental (uren)"), som("Totaal (uren)")],
                 {code: (code, name, aantal, kental, uren)}, (None, "Totaal benodigde capaciteit", None, None, uren))


def indicators_uvp() -> Table:
    return table("indicatoren-sanctiegraad", [txt("Indicator"), txt("Soort"), txt("Definitie"), txt("Streefwaarde")],
                 {"sanctiegraad": ("Sanctiegraad", "outcome", "Sancties per controle", STREEFWAARDE)})


def uvp(slug: str) -> dict[str, Table]:
    tables = [*([capaciteit(slug)] if slug != T else []),  # Twente's capacity is capaciteit-producten and -totaal
              prognose(slug, "vergunningen"), prognose(slug, "toezicht"),
              balance("capaciteit-balans", slug, ("Benodigd (uren)", "Beschikbaar (uren)", "Benodigd (€)",
                                                  "Beschikbaar (€)")),
              table("bedrijvenbestand", [txt("Risicocategorie"), som("Bedrijven"), som("Periodieke controles")],
                    {k: (k, *v) for k, v in BEDRIJVEN[slug].items()},
                    ("Totaal", *map(sum, zip(*BEDRIJVEN[slug].values())))),
              indicators_uvp()]
    if slug == H:
        tables.append(table("lokale-projecten", [txt("Project"), som("Capaciteit (uren)")],
                            {"Geluidskaart": ("Geluidskaart", 120)}, ("Totaal", 120)))
    if slug == T:
        tables += [
            table("capaciteit-producten", [txt("Deelnemer"), *(som(p.capitalize()) for p in PROGRAMMES)],
                  {H: ("Hengelo", 250, 180, 0, 0), O: ("Overijssel", 100, 180, 0, 0)}, ("Twente", 350, 360, 0, 0)),
            table("capaciteit-totaal", [txt("Deelnemer"), som("Twentse projecten"), som("Diensten voor de regio"),
                                        som("Lokale projecten"), som("Totaal")],
                  {H: ("Hengelo", 50, 20, 120, 620), O: ("Overijssel", 30, 12, 0, 322)}, ("Twente", 80, 32, 120, 942)),
            table("verdeelsleutel", [txt("Deelnemer"), som("Verdeelsleutel", "procent2"),
                                     som("Twentse projecten (uren)"), som("Diensten voor de regio (uren)")],
                  {H: ("Hengelo", D("62.5"), 50, 20), O: ("Overijssel", D("37.5"), 30, 12)}, ("Twente", 100, 80, 32)),
            table("projecten", [txt("Code"), som("Capaciteit (uren)")], {"OD01": ("OD01", 80)}, (None, 80)),
            table("diensten", [txt("Nr."), som("Capaciteit (uren)")], {"1": ("1", 32)}, (None, 32)),
            table("lokale-projecten", [txt("Deelnemer"), txt("Project"), som("Capaciteit (uren)")],
                  {"hengelo/Geluidskaart": ("Hengelo", "Geluidskaart", 120)}, ("Twente", None, 120)),
        ]
    return {t.id: t for t in tables}


def per_programme(id: str, headers: tuple[str, ...], figures: dict[str, tuple]) -> Table:
    rows = {p: (p.capitalize(), *figures.get(p, (0,) * len(headers))) for p in PROGRAMMES}
    columns = [txt("Programma"), *(som(h, "verschil" if h.startswith("Verschil") else "aantal") for h in headers)]
    return table(id, columns, rows, ("Totaal", *figures["totaal"]))


def kosten(slug: str) -> Table:
    return table("kosten", [txt("Programma"), som("Geschreven (uren)"), som("Gerealiseerd (kosten)", "euro")],
                 {k: (k.capitalize(), *v) for k, v in KOSTEN[slug].items() if k != "totaal"},
                 ("Totaal", *KOSTEN[slug]["totaal"]))


MONITORING_HEADERS = ("Prognose (uren)", "Verwacht (uren)", "Afgerond (uren)", "Geschreven (uren)", "Jaareinde (uren)",
                      "Verschil (uren)")
JAAR_HEADERS = ("Gepland (uren)", "Afgerond (uren)", "Geschreven (uren)", "Verschil (uren)")


def monitoring(kind: str, slug: str) -> dict[str, Table]:
    prognose_, verwacht, afgerond, jaareinde, uren, verschil = VOORTGANG[kind][slug]
    tables = [per_programme("realisatie-programma", MONITORING_HEADERS, MONITORING[slug]), kosten(slug),
              table("voortgang-vergunningen", [txt("Code"), txt("Product"), num("Prognose"), num("Verwacht", "getal1"),
                                               num("Afgerond"), num("Jaareinde (aantal)"), num("Geschreven (uren)"),
                                               num("Verschil jaareinde (uren)", "verschil")],
                    {"A1.17.00": ("A1.17.00", "Omgevingsvergunning milieu", prognose_, verwacht, afgerond, jaareinde,
                                  uren, verschil)})]
    if slug == H:  # project OD01: 30 hours by the voorjaar, 60 by the najaar
        besteed = {"monitoring-voorjaar": 30, "monitoring-najaar": 60}[kind]
        tables.append(table("projecten-voortgang", [txt("Code"), num("Capaciteit (uren)"), num("Besteed (uren)")],
                            {"OD01": ("OD01", 80, besteed)}))
    if slug == T:
        tables += [per_programme(f"deelnemer-{s}", MONITORING_HEADERS, MONITORING[s]) for s in SLUGS]
    return {t.id: t for t in tables}


def jaarverslag(slug: str) -> dict[str, Table]:
    (s24, s25), (c24, c25), (g24, g25) = NALEEF[slug]
    tables = [
        per_programme("realisatie-programma", JAAR_HEADERS, JAAR[slug]), kosten(slug),
        table("realisatie-vergunningen", [txt("Code"), txt("Product"), num("Gepland"), num("Afgerond"),
                                          num("Verschil", "verschil"), num("Gepland (uren)"), num("Geschreven (uren)"),
                                          num("Verschil (uren)", "verschil")],
              {"A1.17.00": ("A1.17.00", "Omgevingsvergunning milieu", *JAAR_PRODUCT[slug])}),
        table("indicatoren", [txt("Doel"), txt("Indicator"), txt("Definitie"), txt("Streefwaarde"),
                              num("2024", "procent"), num("2025", "procent"), txt("Status")],
              {"sanctiegraad": ("Naleving", "Sanctiegraad", "Sancties per controle", STREEFWAARDE, D("32"),
                                D("38.5"), "gehaald")}),
        balance("capaciteit-jaar", slug, ("Gepland (uren)", "Beschikbaar (uren)", "Gepland (€)", "Beschikbaar (€)",
                                          "Geschreven (uren)")),
        table("risicocategorieen", [txt("Risicocategorie"), som("Bedrijven"), som("Gepland"), som("Afgerond")],
              {k: (k, *v) for k, v in RISICO[slug].items() if k != "totaal"}, ("Totaal", *RISICO[slug]["totaal"])),
        table("handhaving", [txt("Onderdeel"), num("Aantal")],
              {"dwangsom": ("Lasten onder dwangsom", HANDHAVING[slug][0]),
               "open": ("Handhavingszaken open op 31 december", HANDHAVING[slug][1])}),
        table("naleefgedrag", [txt("Onderdeel"), num("2024"), num("2025")],
              {"sancties": ("Sancties", s24, s25), "controles": ("Controles", c24, c25),
               "sanctiegraad": ("Sanctiegraad (sancties / controles)", g24, g25)}),
    ]
    if slug == H:  # project OD01: 90 hours over the year; the local project of its UVP, 120 hours planned
        tables.append(table("projecten-jaar", [txt("Code"), num("Capaciteit (uren)"), num("Besteed (uren)")],
                            {"OD01": ("OD01", 80, 90)}))
        tables.append(table("lokale-projecten-jaar", [txt("Project"), som("Gepland (uren)"), som("Geschreven (uren)")],
                            {"Hengelo/Geluidskaart": ("Geluidskaart", 120, 130)}, ("Totaal", 120, 130)))
    if slug == T:
        tables += [per_programme(f"deelnemer-{s}", JAAR_HEADERS, JAAR[s]) for s in SLUGS]
    return {t.id: t for t in tables}


def cycle() -> dict[str, dict[str, dict[str, Table]]]:
    return {"uvp": {s: uvp(s) for s in (H, O, T)},
            "monitoring-voorjaar": {s: monitoring("monitoring-voorjaar", s) for s in (H, O, T)},
            "monitoring-najaar": {s: monitoring("monitoring-najaar", s) for s in (H, O, T)},
            "jaarverslag": {s: jaarverslag(s) for s in (H, O, T)}}


@pytest.fixture
def docs():
    return cycle()


def check(docs: dict) -> None:
    assert check_cycle(docs, SLUGS, COUNTS) is None


def message(docs: dict) -> str:
    with pytest.raises(ConsistencyError) as caught:
        check_cycle(docs, SLUGS, COUNTS)
    return str(caught.value)


# --- documents that agree ---------------------------------------------------------------------

def test_documents_that_agree_pass(docs):
    check(docs)


def test_a_cycle_of_the_uvp_alone_passes(docs):
    check({"uvp": docs["uvp"]})


def test_the_uvp_is_always_read_a_cycle_without_it_lacks_the_capacity_summary(docs):
    del docs["uvp"]
    assert message(docs) == ("uvp-hengelo, tabel 'capaciteit', rij 'vergunningen', kolom 'Capaciteit (uren)': "
                             "staat niets, maar verwacht is 0 (tabel 'prognose-vergunningen')" + END)


# --- rule 1: totals ---------------------------------------------------------------------------

def test_a_total_row_one_off_stops_the_cycle(docs):
    plant(docs, "uvp", H, "capaciteit", "totaal", "Capaciteit (uren)", 621)
    assert message(docs) == ("uvp-hengelo, tabel 'capaciteit', kolom 'Capaciteit (uren)': het totaal is 621, maar de "
                             "regels erboven tellen op tot 620" + END)


def test_a_total_of_decimals_is_compared_as_printed(docs):
    # 62,5 + 36 + 0 + 0 = 98,5 in the printed rows; the total printed 98,6
    plant(docs, "monitoring-najaar", H, "realisatie-programma", "totaal", "Afgerond (uren)", D("98.6"))
    assert message(docs) == ("monitoring-najaar-hengelo, tabel 'realisatie-programma', kolom 'Afgerond (uren)': het "
                             "totaal is 98.6, maar de regels erboven tellen op tot 98.5" + END)


def test_a_total_row_in_a_twente_document_is_checked_too(docs):
    plant(docs, "jaarverslag", T, "risicocategorieen", "totaal", "Afgerond", 61)  # 62 + 0 = 62
    assert message(docs) == ("jaarverslag-twente, tabel 'risicocategorieen', kolom 'Afgerond': het totaal is 61, maar "
                             "de regels erboven tellen op tot 62" + END)


def test_totals_add_only_the_numbers_of_additive_columns():
    t = table("t", [txt("Onderdeel"), som("Uren"), num("Kental"), som("Kosten", "euro")],
              {"a": ("A", 10, 3, D("1000")), "b": ("B", "n.v.t.", 4, 500), "c": ("C", None, 5, D("0.4"))},
              ("Totaal", 10, 99, 1500))  # "n.v.t." and "–" add nothing; Kental does not add up; € 0,4 prints € 0
    assert check_totals("x", {"t": t}) is None
    assert check_totals("x", {"u": table("u", [txt("A"), som("B")], {"a": ("A", 1)})}) is None  # no total row


def test_totals_of_an_empty_column_are_zero():
    assert check_totals("x", {"t": table("t", [txt("A"), som("B")], {"a": ("A", "n.v.t.")}, ("Totaal", 0))}) is None


def test_totals_name_the_column_and_the_first_table_that_is_off():
    good = table("goed", [txt("A"), som("B")], {"a": ("A", 1)}, ("Totaal", 1))
    bad = table("fout", [txt("A"), som("B"), som("C", "verschil")], {"a": ("A", 1, -2), "b": ("B", 2, -3)},
                ("Totaal", 3, -4))
    with pytest.raises(ConsistencyError) as caught:
        check_totals("jaarverslag-hengelo", {"goed": good, "fout": bad})
    assert str(caught.value) == ("jaarverslag-hengelo, tabel 'fout', kolom 'C': het totaal is -4, maar de regels "
                                 "erboven tellen op tot -5" + END)


def test_a_total_printed_empty_is_not_the_sum():
    t = table("t", [txt("A"), som("B")], {"a": ("A", 7)}, ("Totaal", None))
    with pytest.raises(ConsistencyError) as caught:
        check_totals("x", {"t": t})
    assert str(caught.value) == "x, tabel 't', kolom 'B': het totaal is leeg, maar de regels erboven tellen op tot 7" + END


# --- rule 2: the Twentse UVP ------------------------------------------------------------------

def test_a_uvp_summary_that_is_not_its_programme_tables_total(docs):
    plant(docs, "uvp", H, "prognose-toezicht", "A2.01.00", "Totaal (uren)", 181)
    plant(docs, "uvp", H, "prognose-toezicht", "totaal", "Totaal (uren)", 181)
    assert message(docs) == ("uvp-hengelo, tabel 'capaciteit', rij 'toezicht', kolom 'Capaciteit (uren)': staat 180, "
                             "maar verwacht is 181 (tabel 'prognose-toezicht')" + END)


def test_a_programme_without_a_prognose_table_has_no_hours(docs):
    plant(docs, "uvp", O, "capaciteit", "advies", "Capaciteit (uren)", 5)
    plant(docs, "uvp", O, "capaciteit", "totaal", "Capaciteit (uren)", 327)
    assert message(docs) == ("uvp-overijssel, tabel 'capaciteit', rij 'advies', kolom 'Capaciteit (uren)': staat 5, "
                             "maar verwacht is 0 (tabel 'prognose-advies')" + END)


def test_the_twentse_summary_is_the_twentse_programme_tables_total(docs):
    plant(docs, "uvp", T, "twente-vergunningen", "A1.17.00", "Totaal (uren)", 351)
    plant(docs, "uvp", T, "twente-vergunningen", "totaal", "Totaal (uren)", 351)
    assert message(docs) == ("uvp-twente, tabel 'capaciteit-producten', rij 'totaal', kolom 'Vergunningen': staat 350, "
                             "maar verwacht is 351 (tabel 'twente-vergunningen')" + END)


@pytest.mark.parametrize("table_id, header, key", [
    ("capaciteit-producten", "Vergunningen", H), ("capaciteit-producten", "Toezicht", O),
    ("capaciteit-totaal", "Twentse projecten", H), ("capaciteit-totaal", "Diensten voor de regio", O),
    ("capaciteit-totaal", "Lokale projecten", H), ("capaciteit-totaal", "Totaal", O),
    ("verdeelsleutel", "Twentse projecten (uren)", H), ("verdeelsleutel", "Diensten voor de regio (uren)", O),
])
def test_twente_per_deelnemer_is_the_deelnemers_uvp(docs, table_id, header, key):
    # one more for `key`, one less for the other deelnemer: Twente's total still adds up; hengelo is checked first
    other = O if key == H else H
    row, other_row = docs["uvp"][T][table_id].cell(key, header), docs["uvp"][T][table_id].cell(other, header)
    plant(docs, "uvp", T, table_id, key, header, int(row) + 1)
    plant(docs, "uvp", T, table_id, other, header, int(other_row) - 1)
    hengelo = docs["uvp"][H]["capaciteit"].cell(PART[header], "Capaciteit (uren)")
    found = int(hengelo) + (1 if key == H else -1)
    assert message(docs) == (f"uvp-twente, tabel '{table_id}', rij 'hengelo', kolom '{header}': staat {found}, "
                             f"maar verwacht is {hengelo} (het UVP van hengelo)" + END)


PART = {"Vergunningen": "vergunningen", "Toezicht": "toezicht", "Twentse projecten": "projecten",
        "Diensten voor de regio": "diensten", "Lokale projecten": "lokaal", "Totaal": "totaal",
        "Twentse projecten (uren)": "projecten", "Diensten voor de regio (uren)": "diensten"}


def test_twente_capacity_per_deelnemer_written_out(docs):
    plant(docs, "uvp", T, "capaciteit-totaal", H, "Lokale projecten", 119)
    plant(docs, "uvp", T, "capaciteit-totaal", O, "Lokale projecten", 1)
    assert message(docs) == ("uvp-twente, tabel 'capaciteit-totaal', rij 'hengelo', kolom 'Lokale projecten': staat "
                             "119, maar verwacht is 120 (het UVP van hengelo)" + END)


def test_twentse_local_projects_are_the_deelnemers(docs):
    plant(docs, "uvp", T, "lokale-projecten", "hengelo/Geluidskaart", "Capaciteit (uren)", 121)
    plant(docs, "uvp", T, "lokale-projecten", "totaal", "Capaciteit (uren)", 121)
    assert message(docs) == ("uvp-twente, tabel 'lokale-projecten', rij 'hengelo/Geluidskaart', kolom 'Capaciteit "
                             "(uren)': staat 121, maar verwacht is 120 (het UVP van hengelo)" + END)


def test_a_local_project_missing_from_twente(docs):
    drop_row(docs, "uvp", T, "lokale-projecten", "hengelo/Geluidskaart")
    plant(docs, "uvp", T, "lokale-projecten", "totaal", "Capaciteit (uren)", 0)
    assert message(docs) == ("uvp-twente, tabel 'lokale-projecten', rij 'hengelo/Geluidskaart', kolom 'Capaciteit "
                             "(uren)': staat niets, maar verwacht is 120 (het UVP van hengelo)" + END)


@pytest.mark.parametrize("header, table_id", [("Twentse projecten (uren)", "projecten"),
                                              ("Diensten voor de regio (uren)", "diensten")])
def test_the_verdeelsleutel_total_is_the_projects_and_services_total(docs, header, table_id):
    expected = {"projecten": 80, "diensten": 32}[table_id]
    key = {"projecten": "OD01", "diensten": "1"}[table_id]
    plant(docs, "uvp", T, table_id, key, "Capaciteit (uren)", expected + 1)
    plant(docs, "uvp", T, table_id, "totaal", "Capaciteit (uren)", expected + 1)
    assert message(docs) == (f"uvp-twente, tabel 'verdeelsleutel', rij 'totaal', kolom '{header}': staat {expected}, "
                             f"maar verwacht is {expected + 1} (tabel '{table_id}')" + END)


@pytest.mark.parametrize("programma", ["vergunningen", "toezicht"])
def test_the_twentse_product_counts_are_the_sums_of_the_deelnemers(docs, programma):
    code = {"vergunningen": "A1.17.00", "toezicht": "A2.01.00"}[programma]
    count = {"vergunningen": 28, "toezicht": 60}[programma]  # 20 + 8, 30 + 30
    plant(docs, "uvp", T, f"twente-{programma}", code, "Aantal", count + 1)
    assert message(docs) == (f"uvp-twente, tabel 'twente-{programma}', rij '{code}', kolom 'Aantal': staat "
                             f"{count + 1}, maar verwacht is {count} (de som over de deelnemers)" + END)


def test_a_capacity_balance_needs_what_its_uvp_plans(docs):
    plant(docs, "uvp", H, "capaciteit-balans", "toezicht", "Benodigd (uren)", 181)
    plant(docs, "uvp", H, "capaciteit-balans", "totaal", "Benodigd (uren)", 621)
    assert message(docs) == ("uvp-hengelo, tabel 'capaciteit-balans', rij 'toezicht', kolom 'Benodigd (uren)': staat "
                             "181, maar verwacht is 180 (tabel 'capaciteit')" + END)


def test_the_twentse_balance_needs_the_twentse_total(docs):
    plant(docs, "uvp", T, "capaciteit-balans", "lokaal", "Benodigd (uren)", 121)
    plant(docs, "uvp", T, "capaciteit-balans", "totaal", "Benodigd (uren)", 943)
    assert message(docs) == ("uvp-twente, tabel 'capaciteit-balans', rij 'totaal', kolom 'Benodigd (uren)': staat "
                             "943, maar verwacht is 942 (tabel 'capaciteit-totaal')" + END)


def test_the_twentse_balance_is_the_sum_of_the_deelnemers(docs):
    plant(docs, "uvp", T, "capaciteit-balans", "vergunningen", "Beschikbaar (uren)", 341)
    plant(docs, "uvp", T, "capaciteit-balans", "toezicht", "Beschikbaar (uren)", 349)
    assert message(docs) == ("uvp-twente, tabel 'capaciteit-balans', rij 'vergunningen', kolom 'Beschikbaar (uren)': "
                             "staat 341, maar verwacht is 340 (de som over de deelnemers)" + END)


def test_the_twentse_bedrijvenbestand_is_the_sum_of_the_deelnemers(docs):
    plant(docs, "uvp", T, "bedrijvenbestand", "hoog", "Bedrijven", 65)
    plant(docs, "uvp", T, "bedrijvenbestand", "laag", "Bedrijven", 209)
    assert message(docs) == ("uvp-twente, tabel 'bedrijvenbestand', rij 'hoog', kolom 'Bedrijven': staat 65, maar "
                             "verwacht is 64 (de som over de deelnemers)" + END)


def test_a_deelnemer_without_a_balance_is_not_compared(docs):
    for kind, table_id in (("uvp", "capaciteit-balans"), ("jaarverslag", "capaciteit-jaar")):
        for slug in (H, T):  # Twente's would no longer be the sum
            del docs[kind][slug][table_id]
    check(docs)


@pytest.mark.parametrize("slugs, table_id", [((H,), "indicatoren"), ((T,), "naleefgedrag"),
                                             ((H, T), "risicocategorieen")])
def test_a_jaarverslag_without_an_optional_table(docs, slugs, table_id):
    for slug in slugs:
        del docs["jaarverslag"][slug][table_id]
    check(docs)


def test_a_twente_without_a_balance_is_not_compared(docs):
    del docs["uvp"][T]["capaciteit-balans"]
    del docs["jaarverslag"][T]["capaciteit-jaar"]
    check(docs)


# --- rule 3: the reports plan with the UVP's figures --------------------------------------------

@pytest.mark.parametrize("kind, header", [("monitoring-voorjaar", "Prognose (uren)"),
                                          ("monitoring-najaar", "Prognose (uren)"),
                                          ("jaarverslag", "Gepland (uren)")])
def test_a_report_whose_planned_hours_differ_from_the_uvp(docs, kind, header):
    plant(docs, kind, H, "realisatie-programma", "advies", header, 5)
    plant(docs, kind, H, "realisatie-programma", "totaal", header, 435)
    assert message(docs) == (f"{kind}-hengelo, tabel 'realisatie-programma', rij 'advies', kolom '{header}': staat 5, "
                             "maar verwacht is 0 (het UVP)" + END)


@pytest.mark.parametrize("kind, header", [("monitoring-najaar", "Prognose (uren)"), ("jaarverslag", "Gepland (uren)")])
def test_twentse_planned_hours_are_the_twentse_uvps(docs, kind, header):
    plant(docs, kind, T, "realisatie-programma", "vergunningen", header, 351)
    plant(docs, kind, T, "realisatie-programma", "totaal", header, 711)
    assert message(docs) == (f"{kind}-twente, tabel 'realisatie-programma', rij 'vergunningen', kolom '{header}': "
                             "staat 351, maar verwacht is 350 (het UVP)" + END)


@pytest.mark.parametrize("kind, table_id, header", [("monitoring-voorjaar", "voortgang-vergunningen", "Prognose"),
                                                    ("jaarverslag", "realisatie-vergunningen", "Gepland")])
@pytest.mark.parametrize("slug, planned", [(H, 20), (T, 28)])
def test_a_report_whose_planned_product_count_differs_from_the_uvp(docs, kind, table_id, header, slug, planned):
    plant(docs, kind, slug, table_id, "A1.17.00", header, planned - 1)
    assert message(docs) == (f"{kind}-{slug}, tabel '{table_id}', rij 'A1.17.00', kolom '{header}': staat "
                             f"{planned - 1}, maar verwacht is {planned} (het UVP)" + END)


def test_a_product_the_uvp_does_not_plan_is_planned_at_zero(docs):
    row = ("A4.01.00", "Advies ruimtelijke plannen", 0, D("0"), 0, 0, 0, 0)
    add_row(docs, "monitoring-voorjaar", O, "voortgang-vergunningen", "A4.01.00", row)
    add_row(docs, "monitoring-voorjaar", T, "voortgang-vergunningen", "A4.01.00", row)
    check(docs)
    plant(docs, "monitoring-voorjaar", O, "voortgang-vergunningen", "A4.01.00", "Prognose", 1)
    assert message(docs) == ("monitoring-voorjaar-overijssel, tabel 'voortgang-vergunningen', rij 'A4.01.00', kolom "
                             "'Prognose': staat 1, maar verwacht is 0 (het UVP)" + END)


def test_a_jaarverslag_indicator_not_in_the_uvp(docs):
    add_row(docs, "jaarverslag", H, "indicatoren", "klachtgraad",
            ("Naleving", "Klachtgraad", "Klachten per controle", STREEFWAARDE, None, None, "gehaald"))
    assert message(docs) == ("jaarverslag-hengelo, tabel 'indicatoren', rij 'klachtgraad': staat een indicator, maar "
                             "verwacht is alleen indicatoren uit het UVP" + END)


@pytest.mark.parametrize("header, value", [("Indicator", "Sanctie-graad"), ("Definitie", "Sancties per bedrijf"),
                                           ("Streefwaarde", "maximaal 35%")])
def test_a_jaarverslag_indicator_as_the_uvp_names_it(docs, header, value):
    expected = {"Indicator": "Sanctiegraad", "Definitie": "Sancties per controle", "Streefwaarde": STREEFWAARDE}[header]
    plant(docs, "jaarverslag", T, "indicatoren", "sanctiegraad", header, value)
    assert message(docs) == (f"jaarverslag-twente, tabel 'indicatoren', rij 'sanctiegraad', kolom '{header}': staat "
                             f"{value}, maar verwacht is {expected} (het UVP)" + END)


@pytest.mark.parametrize("mine, theirs", [("Gepland (uren)", "Benodigd (uren)"),
                                          ("Beschikbaar (uren)", "Beschikbaar (uren)"),
                                          ("Gepland (€)", "Benodigd (€)"), ("Beschikbaar (€)", "Beschikbaar (€)")])
def test_the_jaarverslags_capacity_is_the_uvps_balance(docs, mine, theirs):
    uvp_value = docs["uvp"][O]["capaciteit-balans"].cell("toezicht", theirs)
    value = {"Gepland (uren)": 181, "Beschikbaar (uren)": 171, "Gepland (€)": 18100, "Beschikbaar (€)": 17100}[mine]
    printed = {"Gepland (uren)": "181", "Beschikbaar (uren)": "171", "Gepland (€)": "€\u00a018.100",
               "Beschikbaar (€)": "€\u00a017.100"}[mine]
    total = int(number(docs["jaarverslag"][O]["capaciteit-jaar"].cell("totaal", mine))) + 1
    plant(docs, "jaarverslag", O, "capaciteit-jaar", "toezicht", mine, value)
    plant(docs, "jaarverslag", O, "capaciteit-jaar", "totaal", mine, total if "€" not in mine else total + 99)
    assert message(docs) == (f"jaarverslag-overijssel, tabel 'capaciteit-jaar', rij 'toezicht', kolom '{mine}': staat "
                             f"{printed}, maar verwacht is {uvp_value} (het UVP)" + END)


def test_the_jaarverslags_capacity_total_is_the_uvps(docs):
    unsum(docs, "jaarverslag", H, "capaciteit-jaar", "Beschikbaar (uren)")  # so rule 1 lets the total pass
    plant(docs, "jaarverslag", H, "capaciteit-jaar", "totaal", "Beschikbaar (uren)", 591)
    assert message(docs) == ("jaarverslag-hengelo, tabel 'capaciteit-jaar', rij 'totaal', kolom 'Beschikbaar (uren)': "
                             "staat 591, maar verwacht is 590 (het UVP)" + END)


def test_twentse_capacity_written_is_the_sum_of_the_deelnemers(docs):
    plant(docs, "jaarverslag", T, "capaciteit-jaar", "vergunningen", "Geschreven (uren)", 341)
    plant(docs, "jaarverslag", T, "capaciteit-jaar", "toezicht", "Geschreven (uren)", 349)
    assert message(docs) == ("jaarverslag-twente, tabel 'capaciteit-jaar', rij 'vergunningen', kolom 'Geschreven "
                             "(uren)': staat 341, maar verwacht is 340 (de som over de deelnemers)" + END)


def test_twentse_controls_done_are_the_sum_of_the_deelnemers(docs):
    plant(docs, "jaarverslag", T, "risicocategorieen", "hoog", "Afgerond", 63)
    plant(docs, "jaarverslag", T, "risicocategorieen", "laag", "Afgerond", -1)
    assert message(docs) == ("jaarverslag-twente, tabel 'risicocategorieen', rij 'hoog', kolom 'Afgerond': staat 63, "
                             "maar verwacht is 62 (de som over de deelnemers)" + END)


@pytest.mark.parametrize("mine, theirs, key, value, expected", [("Bedrijven", "Bedrijven", "laag", 201, 200),
                                                                 ("Gepland", "Periodieke controles", "hoog", 41, 40),
                                                                 ("Gepland", "Periodieke controles", "totaal", 41, 40)])
def test_the_jaarverslags_controls_are_the_uvps_bedrijvenbestand(docs, mine, theirs, key, value, expected):
    if key == "totaal":  # the rows as the UVP's, the total (not additive here, so rule 1 lets it pass) not
        unsum(docs, "jaarverslag", H, "risicocategorieen", mine)
        plant(docs, "jaarverslag", H, "risicocategorieen", "totaal", mine, 41)
        assert message(docs) == ("jaarverslag-hengelo, tabel 'risicocategorieen', rij 'totaal', kolom 'Gepland': staat "
                                 "41, maar verwacht is 40 (het UVP)" + END)
        return
    total = {"Bedrijven": 241, "Gepland": 41}[mine]
    plant(docs, "jaarverslag", H, "risicocategorieen", key, mine, value)
    plant(docs, "jaarverslag", H, "risicocategorieen", "totaal", mine, total)
    assert message(docs) == (f"jaarverslag-hengelo, tabel 'risicocategorieen', rij '{key}', kolom '{mine}': staat "
                             f"{value}, maar verwacht is {expected} (het UVP)" + END)


# --- rule 4: the Twentse reports are the sums of the deelnemers' --------------------------------

@pytest.mark.parametrize("kind, headers", [("monitoring-voorjaar", MONITORING_HEADERS),
                                           ("monitoring-najaar", MONITORING_HEADERS), ("jaarverslag", JAAR_HEADERS)])
def test_a_twente_cell_that_is_not_the_sum_of_the_deelnemers(docs, kind, headers):
    # Twente's toezicht 81,5 hours written (40,5 + 41), printed 82,5 (and its total 197,5, or 751)
    plant(docs, kind, T, "realisatie-programma", "toezicht", "Geschreven (uren)", D("82.5") if kind != "jaarverslag" else 360)
    plant(docs, kind, T, "realisatie-programma", "totaal", "Geschreven (uren)", D("197.5") if kind != "jaarverslag" else 751)
    found, expected = ("82.5", "81.5") if kind != "jaarverslag" else ("360", "359")
    assert message(docs) == (f"{kind}-twente, tabel 'realisatie-programma', rij 'toezicht', kolom 'Geschreven (uren)': "
                             f"staat {found}, maar verwacht is {expected} (de som over de deelnemers)" + END)


def test_a_twentse_total_row_that_is_not_the_sum_of_the_deelnemers_totals(docs):
    # Twente's rows stay the sums, but hengelo's jaarverslag rows and total shift ten hours between columns
    plant(docs, "monitoring-najaar", T, "kosten", "toezicht", "Gerealiseerd (kosten)", 8192)
    plant(docs, "monitoring-najaar", T, "kosten", "vergunningen", "Gerealiseerd (kosten)", 11557)
    assert message(docs) == ("monitoring-najaar-twente, tabel 'kosten', rij 'vergunningen', kolom 'Gerealiseerd "
                             "(kosten)': staat 11557, maar verwacht is 11558 (de som over de deelnemers)" + END)


@pytest.mark.parametrize("kind, table_id, header", [
    ("jaarverslag", "realisatie-vergunningen", "Verschil"),
    ("jaarverslag", "realisatie-vergunningen", "Gepland (uren)"),
    ("jaarverslag", "realisatie-vergunningen", "Verschil (uren)"),
])
def test_twentse_product_rows_are_the_sums_of_the_deelnemers(docs, kind, table_id, header):
    cell = docs[kind][T][table_id].cell("A1.17.00", header)
    changed = number(cell) + 100
    plant(docs, kind, T, table_id, "A1.17.00", header, changed)
    assert message(docs) == (f"{kind}-twente, tabel '{table_id}', rij 'A1.17.00', kolom '{header}': staat {changed}, "
                             f"maar verwacht is {number(cell)} (de som over de deelnemers)" + END)


@pytest.mark.parametrize("header", ["Afgerond", "Geschreven (uren)"])
def test_twentse_monitoring_counts_and_hours_are_the_sums_of_the_deelnemers(docs, header):
    # One less in the voorjaar: the najaar still has more, so only the sum is wrong.
    cell = docs["monitoring-voorjaar"][T]["voortgang-vergunningen"].cell("A1.17.00", header)
    plant(docs, "monitoring-voorjaar", T, "voortgang-vergunningen", "A1.17.00", header, number(cell) - 1)
    assert message(docs) == (f"monitoring-voorjaar-twente, tabel 'voortgang-vergunningen', rij 'A1.17.00', kolom "
                             f"'{header}': staat {number(cell) - 1}, maar verwacht is {number(cell)} (de som over de "
                             "deelnemers)" + END)


def test_twentse_verwacht_follows_the_method_not_the_sum(docs):
    # 28 x 4/12 = 9,33 -> 9,3 by the Werkwijze; the deelnemers' rounded 6,4 + 2,4 = 8,8 is not required.
    plant(docs, "monitoring-voorjaar", T, "voortgang-vergunningen", "A1.17.00", "Verwacht", D("9.3"))
    assert check_cycle(docs, SLUGS, COUNTS) is None


@pytest.mark.parametrize("key, value, expected", [("dwangsom", 23, 22), ("open", 4, 5)])
def test_twentse_sanctions_are_the_sums_of_the_deelnemers(docs, key, value, expected):
    plant(docs, "jaarverslag", T, "handhaving", key, "Aantal", value)
    assert message(docs) == (f"jaarverslag-twente, tabel 'handhaving', rij '{key}', kolom 'Aantal': staat {value}, "
                             f"maar verwacht is {expected} (de som over de deelnemers)" + END)


def test_the_jaarverslag_accounts_for_the_local_projects_its_uvp_agreed(docs):
    # Hengelo's UVP agreed Geluidskaart (120 hours); a jaarverslag saying there were none contradicts it.
    del docs["jaarverslag"][H]["lokale-projecten-jaar"]
    assert message(docs) == ("jaarverslag-hengelo, tabel 'lokale-projecten-jaar': staat geen regel voor Geluidskaart, "
                             "maar verwacht is het lokale project Geluidskaart (het UVP)" + END)


def test_a_local_project_planned_with_other_hours_than_in_the_uvp(docs):
    plant(docs, "jaarverslag", H, "lokale-projecten-jaar", "Hengelo/Geluidskaart", "Gepland (uren)", 125)
    plant(docs, "jaarverslag", H, "lokale-projecten-jaar", "totaal", "Gepland (uren)", 125)
    assert message(docs) == ("jaarverslag-hengelo, tabel 'lokale-projecten-jaar', rij 'Hengelo/Geluidskaart', kolom "
                             "'Gepland (uren)': staat 125, maar verwacht is 120 (het UVP)" + END)


@pytest.mark.parametrize("table_id", ["tijdigheid", "bezwaar-beroep",
                                      "lokale-projecten-jaar", "werkvoorraad-jaar", "overtreders", "klachten",
                                      "energie-resultaten", "kosten"])
def test_every_twentse_jaarverslag_count_is_the_sum_of_the_deelnemers(docs, table_id):
    columns = [txt("Onderdeel"), som("Aantal")]
    for slug, (a, b) in ((H, (3, 4)), (O, (5, 6)), (T, (8, 11))):  # Twente: 3+5 = 8, 4+6 = 10, not 11
        docs["jaarverslag"][slug][table_id] = table(table_id, columns, {"a": ("A", a), "b": ("B", b)})
    assert message(docs) == (f"jaarverslag-twente, tabel '{table_id}', rij 'b', kolom 'Aantal': staat 11, maar "
                             "verwacht is 10 (de som over de deelnemers)" + END)


@pytest.mark.parametrize("key, header, value, expected", [("sancties", "2025", 23, 22), ("controles", "2024", 44, 45)])
def test_twentse_naleefgedrag_counts_are_the_sums_of_the_deelnemers(docs, key, header, value, expected):
    plant(docs, "jaarverslag", T, "naleefgedrag", key, header, value)
    assert message(docs) == (f"jaarverslag-twente, tabel 'naleefgedrag', rij '{key}', kolom '{header}': staat {value}, "
                             f"maar verwacht is {expected} (de som over de deelnemers)" + END)


def test_naleefgedrag_percentages_and_counts_a_deelnemer_lacks_are_not_added(docs):
    plant(docs, "jaarverslag", T, "naleefgedrag", "sanctiegraad", "2025", "75,0%")  # 38,5% + 36,4%: not a sum
    plant(docs, "jaarverslag", O, "naleefgedrag", "sancties", "2024", None)  # printed "–": Twente's 14 is not checked
    plant(docs, "jaarverslag", T, "naleefgedrag", "sancties", "2024", 99)
    check(docs)


def test_naleefgedrag_only_in_year_columns(docs):
    for slug, count in ((H, 1), (O, 2), (T, 4)):  # Onderdeel is text; "Bron" is no year: never added
        old = docs["jaarverslag"][slug]["naleefgedrag"]
        docs["jaarverslag"][slug]["naleefgedrag"] = replace(
            old, columns=(*old.columns, num("Bron")), rows=tuple(Row(r.key, (*r.cells, count)) for r in old.rows))
    check(docs)


@pytest.mark.parametrize("kind, section, headers", [("monitoring-voorjaar", "deelnemer-overijssel", MONITORING_HEADERS),
                                                    ("monitoring-najaar", "deelnemer-hengelo", MONITORING_HEADERS),
                                                    ("jaarverslag", "deelnemer-overijssel", JAAR_HEADERS)])
@pytest.mark.parametrize("index", range(4))
def test_a_twente_section_that_is_not_the_deelnemers_own_table(docs, kind, section, headers, index):
    header = headers[index]
    slug = section.removeprefix("deelnemer-")
    cell = docs[kind][T][section].cell("toezicht", header)
    plant(docs, kind, T, section, "toezicht", header, number(cell) + 1)
    plant(docs, kind, T, section, "totaal", header, number(docs[kind][T][section].cell("totaal", header)) + 1)
    printed = docs[kind][T][section].cell("toezicht", header)
    assert message(docs) == (f"{kind}-twente, tabel '{section}', rij 'toezicht', kolom '{header}': staat {printed}, "
                             f"maar verwacht is {cell} (het eigen document van {slug})" + END)


def test_a_twente_section_whose_total_is_not_the_deelnemers(docs):
    unsum(docs, "jaarverslag", T, "deelnemer-hengelo", "Afgerond (uren)")
    plant(docs, "jaarverslag", T, "deelnemer-hengelo", "totaal", "Afgerond (uren)", D("443.4"))
    assert message(docs) == ("jaarverslag-twente, tabel 'deelnemer-hengelo', rij 'totaal', kolom 'Afgerond (uren)': "
                             "staat 443,4, maar verwacht is 443,5 (het eigen document van hengelo)" + END)


def test_a_twente_section_written_out(docs):
    plant(docs, "monitoring-voorjaar", T, "deelnemer-overijssel", "toezicht", "Geschreven (uren)", 42)
    plant(docs, "monitoring-voorjaar", T, "deelnemer-overijssel", "totaal", "Geschreven (uren)", 87)
    assert message(docs) == ("monitoring-voorjaar-twente, tabel 'deelnemer-overijssel', rij 'toezicht', kolom "
                             "'Geschreven (uren)': staat 42, maar verwacht is 41 (het eigen document van overijssel)"
                             + END)


@pytest.mark.parametrize("kind, header", [("monitoring-voorjaar", "Jaareinde (uren)"),
                                          ("monitoring-najaar", "Verschil (uren)"),
                                          ("jaarverslag", "Verschil (uren)")])
def test_a_twente_section_in_the_last_additive_columns(docs, kind, header):
    cell = docs[kind][T]["deelnemer-hengelo"].cell("vergunningen", header)
    total = docs[kind][T]["deelnemer-hengelo"].cell("totaal", header)
    plant(docs, kind, T, "deelnemer-hengelo", "vergunningen", header, number(cell) + 2)
    plant(docs, kind, T, "deelnemer-hengelo", "totaal", header, number(total) + 2)
    plant(docs, kind, T, "deelnemer-hengelo", "toezicht", header, number(docs[kind][T]["deelnemer-hengelo"]
                                                                         .cell("toezicht", header)) - 2)
    plant(docs, kind, T, "deelnemer-hengelo", "totaal", header, number(total))
    printed = docs[kind][T]["deelnemer-hengelo"].cell("vergunningen", header)
    assert message(docs) == (f"{kind}-twente, tabel 'deelnemer-hengelo', rij 'vergunningen', kolom '{header}': staat "
                             f"{printed}, maar verwacht is {cell} (het eigen document van hengelo)" + END)


def test_a_deelnemer_without_its_own_table_has_no_section_to_compare(docs):
    del docs["monitoring-voorjaar"][H]["realisatie-programma"]
    plant(docs, "monitoring-voorjaar", T, "deelnemer-hengelo", "toezicht", "Geschreven (uren)", 42)
    consistency._sections(Checker(docs), "monitoring-voorjaar", "realisatie-programma", MONITORING_HEADERS, SLUGS)
    plant(docs, "monitoring-voorjaar", T, "deelnemer-overijssel", "toezicht", "Geschreven (uren)", 42)
    with pytest.raises(ConsistencyError) as caught:  # overijssel's section is still compared
        consistency._sections(Checker(docs), "monitoring-voorjaar", "realisatie-programma", MONITORING_HEADERS, SLUGS)
    assert str(caught.value) == ("monitoring-voorjaar-twente, tabel 'deelnemer-overijssel', rij 'toezicht', kolom "
                                 "'Geschreven (uren)': staat 42, maar verwacht is 41 (het eigen document van "
                                 "overijssel)" + END)


# --- rule 5: what counts from 1 January never goes down -----------------------------------------

@pytest.mark.parametrize("kind, slug, table_id, key, header, value, expected", [
    # (the report and cell planted lower, the value planted, the message's "staat ..., maar verwacht is minstens ...")
    ("monitoring-najaar", O, "voortgang-vergunningen", "A1.17.00", "Afgerond", 3,  # 4 by the voorjaar
     "product A1.17.00, kolom 'Afgerond': staat 3, maar verwacht is minstens 4 (in monitoring-voorjaar)"),
    ("jaarverslag", H, "realisatie-vergunningen", "A1.17.00", "Geschreven (uren)", 179,  # 180 by the najaar
     "product A1.17.00, kolom 'Geschreven (uren)': staat 179, maar verwacht is minstens 180 (in monitoring-najaar)"),
    ("monitoring-najaar", T, "voortgang-vergunningen", "A1.17.00", "Geschreven (uren)", 114,  # 115 by the voorjaar
     "product A1.17.00, kolom 'Geschreven (uren)': staat 114, maar verwacht is minstens 115 (in monitoring-voorjaar)"),
    ("jaarverslag", T, "realisatie-vergunningen", "A1.17.00", "Afgerond", 18,  # 19 by the najaar
     "product A1.17.00, kolom 'Afgerond': staat 18, maar verwacht is minstens 19 (in monitoring-najaar)"),
    ("monitoring-najaar", H, "voortgang-vergunningen", "A1.17.00", "Afgerond", None,  # prints "–": no number
     "product A1.17.00, kolom 'Afgerond': staat –, maar verwacht is minstens 5 (in monitoring-voorjaar)"),
    ("monitoring-najaar", H, "projecten-voortgang", "OD01", "Besteed (uren)", 29,  # 30 by the voorjaar
     "project OD01, kolom 'Besteed (uren)': staat 29, maar verwacht is minstens 30 (in monitoring-voorjaar)"),
])
def test_what_counts_from_january_never_goes_down(docs, kind, slug, table_id, key, header, value, expected):
    plant(docs, kind, slug, table_id, key, header, value)
    assert message(docs) == f"{kind}-{slug}, {expected}" + END


def test_without_a_najaar_the_jaarverslag_follows_the_voorjaar(docs):
    del docs["monitoring-najaar"]
    plant(docs, "jaarverslag", H, "realisatie-vergunningen", "A1.17.00", "Afgerond", 4)  # 5 by the voorjaar
    assert message(docs) == ("jaarverslag-hengelo, product A1.17.00, kolom 'Afgerond': staat 4, maar verwacht is "
                             "minstens 5 (in monitoring-voorjaar)" + END)


def test_a_product_missing_from_a_later_report(docs):
    drop_row(docs, "monitoring-najaar", H, "voortgang-vergunningen", "A1.17.00")
    assert message(docs) == ("monitoring-najaar-hengelo, product A1.17.00, kolom 'Afgerond': staat niets, maar "
                             "verwacht is minstens 5 (in monitoring-voorjaar)" + END)


def test_an_equal_or_zero_earlier_count_is_not_a_decrease(docs):
    plant(docs, "monitoring-najaar", H, "voortgang-vergunningen", "A1.17.00", "Afgerond", 5)  # as in the voorjaar
    plant(docs, "monitoring-najaar", H, "voortgang-vergunningen", "A1.17.00", "Geschreven (uren)", 70)
    drop_row(docs, "monitoring-voorjaar", O, "voortgang-vergunningen", "A1.17.00")
    add_row(docs, "monitoring-voorjaar", O, "voortgang-vergunningen", "A4.01.00",
            ("A4.01.00", "Advies", 0, 0, 0, 0, 0, 0))  # none finished by the voorjaar, absent later: fine
    consistency._cumulative(Checker(docs), ["monitoring-voorjaar", "monitoring-najaar", "jaarverslag"], [*SLUGS, T])


def test_project_hours_missing_from_the_jaarverslag(docs):
    drop_row(docs, "jaarverslag", H, "projecten-jaar", "OD01")
    assert message(docs) == ("jaarverslag-hengelo, project OD01, kolom 'Besteed (uren)': staat niets, maar verwacht "
                             "is minstens 60 (in monitoring-najaar)" + END)


def test_project_hours_equal_to_before_are_fine(docs):
    plant(docs, "monitoring-najaar", H, "projecten-voortgang", "OD01", "Besteed (uren)", 30)
    plant(docs, "jaarverslag", H, "projecten-jaar", "OD01", "Besteed (uren)", 30)
    check(docs)


# --- comparing cells --------------------------------------------------------------------------

def one(cell) -> dict:
    """A document 'uvp-hengelo' with one table 't' whose row 'r' has cell `cell` in column 'K'."""
    return {"uvp": {H: {"t": table("t", [txt("Rij"), num("K")], {"r": ("R", cell)})}}}


def same(found, expected: str | None) -> str | None:
    """None when Checker.same finds the cell as expected, else its message."""
    try:
        Checker(one(found)).same("uvp", H, "t", "r", "K", expected, "de bron")
    except ConsistencyError as error:
        return str(error)
    return None


@pytest.mark.parametrize("found, expected", [
    ("1.410", "1410,0"), ("1410,0", "1.410"), (1410, "1.410"), ("€\u00a01.410", "1410"), ("12,5%", "12,5"),
    ("+3", "3"), ("-0", "0"), ("0", "0,00"), ("n.v.t.", "n.v.t."), ("", ""),
])
def test_cells_compare_as_printed_numbers_or_else_as_text(found, expected):
    assert same(found, expected) is None


@pytest.mark.parametrize("found, expected, shown", [
    ("1.410", "1.411", "1.410"), ("1.41", "1.410", "1.41"), ("n.v.t.", "0", "n.v.t."), ("0", "nul", "0"),
    ("n.v.t.", "nvt", "n.v.t."), ("1410", "1 410", "1410"), ("", "0", "niets"), (None, "1", "–"),
])
def test_cells_that_differ(found, expected, shown):
    assert same(found, expected) == (f"uvp-hengelo, tabel 't', rij 'r', kolom 'K': staat {shown}, maar verwacht is "
                                     f"{expected} (de bron)" + END)


def test_a_cell_where_nothing_is_expected():
    assert same("5", None) == "uvp-hengelo, tabel 't', rij 'r', kolom 'K': staat 5, maar verwacht is niets (de bron)" + END
    assert same("", "") is None


def test_an_empty_cell_where_nothing_is_expected_agrees():
    assert same("", None) is None


def test_a_missing_table_row_or_document_is_nothing():
    checker = Checker(one("5"))
    assert checker.cell("uvp", H, "t", "r", "K") == "5"
    assert checker.cell("uvp", H, "t", "x", "K") is None
    assert checker.cell("uvp", H, "u", "r", "K") is None
    assert checker.cell("uvp", O, "t", "r", "K") is None
    assert checker.cell("jaarverslag", H, "t", "r", "K") is None
    assert checker.tables("jaarverslag", H) == {}
    checker.same("uvp", H, "u", "r", "K", None, "de bron")
    with pytest.raises(ConsistencyError) as caught:
        checker.same("uvp", O, "t", "r", "K", "0", "de bron")
    assert str(caught.value) == ("uvp-overijssel, tabel 't', rij 'r', kolom 'K': staat niets, maar verwacht is 0 "
                                 "(de bron)" + END)


def test_sums_skip_what_is_no_number_and_count_a_missing_row_as_zero():
    columns = [txt("Rij"), som("K")]
    docs = {"r": {H: {"t": table("t", columns, {"a": ("A", 2), "b": ("B", "n.v.t.")})},
                  O: {"t": table("t", columns, {"a": ("A", "3,5")})},
                  T: {"t": table("t", columns, {"a": ("A", "5,50"), "b": ("B", 0), "c": ("C", "–")})}}}
    assert Checker(docs).sums("r", "t", SLUGS) is None
    assert Checker(docs).sums("r", "u", SLUGS) is None  # Twente has no such table
    docs["r"][T]["t"] = table("t", columns, {"a": ("A", "5,50"), "b": ("B", 1)})
    with pytest.raises(ConsistencyError) as caught:
        Checker(docs).sums("r", "t", SLUGS)
    assert str(caught.value) == "r-twente, tabel 't', rij 'b', kolom 'K': staat 1, maar verwacht is 0 (de som over de deelnemers)" + END


def test_sums_in_the_given_columns_from_another_table():
    docs = {"r": {H: {"s": table("s", [txt("Rij"), num("K"), num("L")], {"a": ("A", 2, 1)})},
                  O: {"s": table("s", [txt("Rij"), num("K"), num("L")], {"a": ("A", 3, 1)})},
                  T: {"t": table("t", [txt("Rij"), num("K"), num("L")], {"a": ("A", 5, 7)}, ("Totaal", 6, 7))}}}
    Checker(docs).sums("r", "t", SLUGS)  # no additive column, no header given: nothing compared
    with pytest.raises(ConsistencyError) as caught:
        Checker(docs).sums("r", "t", SLUGS, ["K"], "r", "s")
    assert str(caught.value) == ("r-twente, tabel 't', rij 'totaal', kolom 'K': staat 6, maar verwacht is 0 (de som "
                                 "over de deelnemers)" + END)


# --- number() ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "–", "n.v.t.", "nvt", "abc", "1.41", "1 410", "12,5 uur", "€", "1,", ",5", "--1"])
def test_number_of_a_non_number_is_none(text):
    assert number(text) is None


@pytest.mark.parametrize("text, value", [("1.410", D(1410)), ("1410,0", D("1410.0")), ("-3,5", D("-3.5")),
                                         ("+12", D(12)), ("€\u00a071.034", D(71034)), ("12,02%", D("12.02")),
                                         ("0", D(0))])
def test_number_of_a_printed_number(text, value):
    assert number(text) == value
