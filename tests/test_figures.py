"""Figures computed from the data: totals are sums of rows, shares add up, costs follow the rate."""

from decimal import Decimal

import pytest

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


def test_programme_totals_are_row_sums(data):
    uvp = figures.uvp_figures(data, "enschede")
    for table in uvp.programmas.values():
        assert table.totaal_uren == sum(row.aantal * row.kental for row in table.rows)
        assert [row.code for row in table.rows] == sorted(row.code for row in table.rows)


def test_energy_costs_are_hours_times_rate(data):
    municipal, spuk = figures.uvp_figures(data, "enschede").energie
    assert (municipal.totaal_uren, municipal.totaal_kosten) == (5228, 580256)
    assert municipal.rows[0].kosten == 71034  # 640 h x € 110,99 = € 71.033,60, rounded to whole euros
    assert spuk.totaal_uren == 3204
    assert spuk.totaal_kosten == sum(row.kosten for row in spuk.rows) == 374957
