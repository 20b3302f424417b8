"""Figures computed from the data: totals are sums of rows, shares add up, costs follow the rate."""

import csv
from decimal import ROUND_HALF_UP, Decimal

import pytest
import yaml

from conftest import ROOT
from uvpgen import figures
from uvpgen.documents import Cycle, ProjectPaths


@pytest.fixture(scope="module")
def data():
    return Cycle(ProjectPaths(ROOT), 2025).data


def test_largest_remainder_adds_up_exactly():
    shares = {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}
    parts = figures.largest_remainder(100, shares)
    assert parts == {"a": 34, "b": 33, "c": 33} and sum(parts.values()) == 100
    parts = figures.largest_remainder(10, shares)
    assert sum(parts.values()) == 10


def test_shares_of_all_deelnemers_add_up_to_the_regional_totals(data):
    percentages = {d.slug: d.verdeelsleutel[2025] for d in data.deelnemers}
    assert sum(percentages.values()) == 100
    for total in (6150, 11700):
        assert sum(figures.largest_remainder(total, percentages).values()) == total


def test_enschede_shares_match_the_reference(data):
    uvp = figures.uvp_figures(data, "enschede")
    assert (uvp.projecten.totaal, uvp.projecten.percentage, uvp.projecten.uren) == (6150, Decimal("12.02"), 739)
    assert (uvp.diensten.totaal, uvp.diensten.uren) == (11700, 1406)


def read_yaml(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def test_programme_rows_and_totals_follow_the_prognose_and_the_pdc(data):
    """Each row is a line of the prognose CSV with the PDC's kental, read here with csv and yaml (not
    with uvpgen's loader or from the rows figures made); the total is the sum of those lines."""
    catalogue = {p["code"]: p for p in read_yaml("pdc.yaml")["producten"]}
    with open(ROOT / "data/2025/prognose/enschede.csv", encoding="utf-8", newline="") as stream:
        counts = {row["code"]: int(row["aantal"]) for row in csv.DictReader(stream, delimiter=";")}
    uvp = figures.uvp_figures(data, "enschede")
    for programme, table in uvp.programmas.items():
        expected = [(code, counts[code], Decimal(str(catalogue[code]["kentallen"][2025])))
                    for code in sorted(counts) if catalogue[code]["programma"] == programme]
        assert [(row.code, row.aantal, row.kental, row.uren) for row in table.rows] == \
            [(code, n, kental, n * kental) for code, n, kental in expected], programme
        assert table.totaal_uren == sum(n * kental for _, n, kental in expected), programme
    # The reference's totals (vergunningen: the sum of its rows, see test_uvp_document).
    assert [table.totaal_uren for table in uvp.programmas.values()] == [5369, 8972, 1191, 1155]


def worked_costs(table: dict, rate: Decimal) -> tuple[list[Decimal], Decimal]:
    """An energy table worked from energie.yaml as the comment there says: hours are kental x aantal
    or fixed, a row's costs are hours x rate rounded half up to whole euros (or fixed costs), and
    the total is the sum of the rows."""
    costs = []
    for line in table["regels"]:
        hours = line.get("uren", (line.get("kental") or 0) * (line.get("aantal") or 0))
        cost = Decimal(line["kosten"]) if "kosten" in line else (hours * rate).quantize(Decimal(1), ROUND_HALF_UP)
        costs.append(cost)
    return costs, sum(costs)


def test_energy_costs_are_hours_times_rate(data):
    municipal, spuk = figures.uvp_figures(data, "enschede").energie
    assert (municipal.totaal_uren, municipal.totaal_kosten) == (5228, 580256)
    assert municipal.rows[0].kosten == 71034  # 640 h x € 110,99 = € 71.033,60, rounded to whole euros
    assert spuk.totaal_uren == 3204
    # The reference prints € 355.612 (3.204 h x € 110,99 = € 355.611,96), which leaves out the fixed
    # € 19.346 for opleiding; worked row by row from energie.yaml the table costs € 374.957, the
    # figure test_uvp_document finds printed. Rounding the total instead of the rows would give
    # € 374.958 (€ 355.611,96 + € 19.346).
    rate = Decimal(str(read_yaml("2025/capaciteit.yaml")["uurtarief"]))
    worked = [worked_costs(table, rate) for table in read_yaml("2025/energie.yaml")["tabellen"]]
    assert [([row.kosten for row in t.rows], t.totaal_kosten) for t in (municipal, spuk)] == worked
    assert worked[1][1] == 374957
