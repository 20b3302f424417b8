"""The UVP's rules as worked examples on Klein Twente (tests/rules/small.py): hours are aantal ×
kental, regional hours are split by the verdeelsleutel so the shares add up, euros are hours ×
rate in whole euros half up, the capacity balance needs against what the formatie gives, and
Twente is the sum of the deelnemers. Every expected value is worked out by hand beside it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
import small

from uvpgen import figures
from uvpgen.data import EnergieBijdragen, EnergieTabel
from uvpgen.figures import Balance, BalanceRow, EnergyShare, RiskRow, Share


@pytest.fixture
def data():
    return small.year_data()


@pytest.fixture
def hengelo(data):
    return figures.uvp_figures(data, "hengelo")


@pytest.fixture
def overijssel(data):
    return figures.uvp_figures(data, "overijssel")


@pytest.fixture
def twente(data):
    return figures.twente_figures(data)


def test_programme_rows_are_aantal_times_kental_sorted_by_code(hengelo):
    rows = [(r.code, r.aantal, r.kental, r.uren) for r in hengelo.programmas["vergunningen"].rows]
    assert rows == [("A1.17.00", 20, D("12.5"), D("250")),  # 20 × 12,5
                    ("A1.35.03", 60, D("1.5"), D("90"))]  # 60 × 1,5
    assert hengelo.programmas["vergunningen"].totaal_uren == 340  # 250 + 90
    assert hengelo.programmas["handhaving"].totaal_uren == D("22.5")  # 10 × 2,25, not rounded: standard hours are exact
    assert hengelo.producten_uren == D("562.5")  # 340 + 180 (30 × 6) + 22,5 + 20 (5 × 4)


def test_a_programme_without_products_is_an_empty_table(overijssel):
    assert overijssel.programmas["advies"].rows == () and overijssel.programmas["advies"].totaal_uren == 0


@pytest.mark.parametrize("total, expected", [
    # 300 project hours: 62,5% = 187,5 and 37,5% = 112,5; both round down (187 + 112 = 299), the hour
    # left goes to the largest remainder: a tie (0,5 and 0,5), broken by key order -> hengelo.
    (300, {"hengelo": 188, "overijssel": 112}),
    # 101 service hours: 63,125 and 37,875 -> 63 + 37 = 100; the hour left goes to overijssel (0,875 > 0,125).
    (101, {"hengelo": 63, "overijssel": 38}),
    (0, {"hengelo": 0, "overijssel": 0}),
    (8, {"hengelo": 5, "overijssel": 3}),  # 5 and 3 exactly: nothing left over
])
def test_verdeelsleutel_shares_by_largest_remainder(total, expected):
    assert figures.largest_remainder(total, {"hengelo": D("62.50"), "overijssel": D("37.50")}) == expected


def test_largest_remainder_gives_each_left_hour_to_a_different_key():
    # 10 hours at 33,34 / 33,33 / 33,33: 3,334 / 3,333 / 3,333 -> 3 + 3 + 3 = 9, one left: to a (0,334).
    assert figures.largest_remainder(10, {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}) == {"a": 4, "b": 3, "c": 3}
    # 100 hours at 33,34 / 33,33 / 33,33: 33,34 / 33,33 / 33,33 -> 33 + 33 + 33, one left: a (0,34).
    assert figures.largest_remainder(100, {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}) == {"a": 34, "b": 33, "c": 33}
    # 2 hours at 40 / 30 / 30: 0,8 / 0,6 / 0,6 -> 0 + 0 + 0, two left: a (0,8), then b (0,6, before c by key).
    assert figures.largest_remainder(2, {"c": D("30"), "b": D("30"), "a": D("40")}) == {"a": 1, "b": 1, "c": 0}


def test_regional_shares_leave_out_hours_financed_elsewhere(hengelo, overijssel):
    # Projects: OD01 300 h on the verdeelsleutel, OD02 "n.v.t." (extern): the total is 300.
    assert hengelo.projecten == Share(300, D("62.50"), 188)
    assert overijssel.projecten == Share(300, D("37.50"), 112)
    # Services: nr 1 101 h, nr 2 "n.v.t." (begroting): the total is 101.
    assert hengelo.diensten == Share(101, D("62.50"), 63)
    assert overijssel.diensten == Share(101, D("37.50"), 38)


def test_a_share_says_when_it_is_not_the_plain_rounding(hengelo, overijssel):
    assert hengelo.projecten.exact == D("187.5")  # 300 × 62,5 / 100
    assert not hengelo.projecten.moved  # 187,5 rounds half up to 188: what it got
    assert overijssel.projecten.moved  # 112,5 rounds half up to 113, it got 112 (the tie went to hengelo)
    assert not overijssel.diensten.moved  # 37,875 rounds to 38: what it got


def test_capacity_per_part_and_total(hengelo, overijssel):
    assert hengelo.capaciteit == {"vergunningen": 340, "toezicht": 180, "handhaving": D("22.5"), "advies": 20,
                                  "projecten": 188, "diensten": 63, "lokaal": 120,  # Geluidskaart, 120 h
                                  "totaal": D("933.5")}  # 340 + 180 + 22,5 + 20 + 188 + 63 + 120
    # Overijssel: 8 × 12,5 = 100; 30 × 6 = 180; 19 × 2,25 = 42,75; no advies, no local projects.
    assert overijssel.capaciteit == {"vergunningen": 100, "toezicht": 180, "handhaving": D("42.75"), "advies": 0,
                                     "projecten": 112, "diensten": 38, "lokaal": 0, "totaal": D("472.75")}


def test_twente_is_the_sum_of_the_deelnemers(twente):
    assert twente.capaciteit == {"vergunningen": 440, "toezicht": 360, "handhaving": D("65.25"), "advies": 20,
                                 "projecten": 300, "diensten": 101, "lokaal": 120,  # 188 + 112, 63 + 38
                                 "totaal": D("1406.25")}  # 933,5 + 472,75
    rows = [(r.code, r.naam, r.aantal, r.kental, r.uren) for r in twente.programmas["vergunningen"].rows]
    # A1.17.00: 20 + 8 = 28 products, 28 × 12,5 = 350 h; A1.35.03 only Hengelo's 60 × 1,5.
    assert rows == [("A1.17.00", "Omgevingsvergunning milieu", 28, D("12.5"), D("350")),
                    ("A1.35.03", "Melding asbest", 60, D("1.5"), D("90"))]
    assert [(r.code, r.aantal) for r in twente.programmas["handhaving"].rows] == [("A3.03.05", 29)]  # 10 + 19
    assert twente.producten_uren == D("885.25")  # 562,5 + 100 + 180 + 42,75
    assert (twente.projecten_totaal, twente.diensten_totaal, twente.verdeelsleutel_totaal) == (300, 101, 100)


def test_energy_hours_times_rate_in_whole_euros_half_up(hengelo):
    table, = hengelo.energie
    assert table.titel == "Energie gemeenten"
    assert [(r.product, r.kental, r.aantal, r.uren, r.kosten) for r in table.rows] == [
        ("Controle energiebesparing", 8, 10, 80, 8040),  # 8 × 10 = 80 h; 80 × € 100,50 = € 8.040
        ("Coördinatie", None, None, 45, 4523),  # fixed 45 h; 45 × € 100,50 = € 4.522,50 -> half up € 4.523 (not 4.522)
        ("Licentie meetsysteem", None, None, None, 1500),  # a fixed cost without hours
    ]
    assert (table.totaal_uren, table.totaal_kosten) == (125, 14063)  # 80 + 45; 8.040 + 4.523 + 1.500


def test_energy_share_of_a_gemeente():
    # 30 of the table's 125 hours: 24,0%.
    assert EnergyShare(125, 30).aandeel == D("24.0")
    # 1 of 3 hours: 33,333..% -> 33,3; 2 of 3: 66,666..% -> 66,7.
    assert (EnergyShare(3, 1).aandeel, EnergyShare(3, 2).aandeel) == (D("33.3"), D("66.7"))
    assert EnergyShare(0, 0).aandeel is None


def test_energy_share_comes_from_the_table_with_contributions(data):
    tables = [*data.energie.tabellen, EnergieTabel(titel="Gemeenten", regels=data.energie.tabellen[0].regels,
                                                   bijdragen=EnergieBijdragen(illustratief=False,
                                                                              uren={"hengelo": 100, "overijssel": 25}))]
    with_contributions = small.year_data(energie=data.energie.model_copy(update={"tabellen": tables}))
    # The second table's hours are 125 (80 + 45); Hengelo contributes 100 of them: 80,0%.
    assert figures.uvp_figures(with_contributions, "hengelo").energie_aandeel == EnergyShare(125, 100)
    assert figures.twente_figures(with_contributions).energie_bijdragen == {"hengelo": 100, "overijssel": 25}
    # A gemeente the table has no contribution of puts 0 hours in.
    none_from_overijssel = tables[1].model_copy(update={"bijdragen": tables[1].bijdragen.model_copy(update={"uren": {"hengelo": 125}})})
    only_hengelo = small.year_data(energie=data.energie.model_copy(update={"tabellen": [tables[0], none_from_overijssel]}))
    assert figures.uvp_figures(only_hengelo, "overijssel").energie_aandeel == EnergyShare(125, 0)
    assert figures.uvp_figures(data, "hengelo").energie_aandeel is None


def test_capacity_balance_needs_against_formatie(hengelo):
    # Rate € 100,50, 1.300 productive hours per fte; available = fte × 1.300 whole, euros = hours × rate whole.
    rows = {r.key: (r.benodigd_uren, r.fte, r.beschikbaar_uren, r.benodigd_kosten, r.beschikbaar_kosten, r.verschil_uren)
            for r in hengelo.balans.rows}
    assert rows == {
        "vergunningen": (340, D("0.30"), 390, 34170, 39195, -50),  # 0,30 × 1.300 = 390; 340 × 100,5; 390 × 100,5
        "toezicht": (180, D("0.10"), 130, 18090, 13065, 50),  # 180 - 130 = 50: a shortage
        "handhaving": (D("22.5"), D("0.02"), 26, 2261, 2613, D("-3.5")),  # 22,5 × 100,5 = 2.261,25 -> 2.261
        "advies": (20, D("0.02"), 26, 2010, 2613, -6),
        "projecten": (188, D("0.15"), 195, 18894, 19598, -7),  # 195 × 100,5 = 19.597,5 -> half up 19.598
        "diensten": (63, D("0.05"), 65, 6332, 6533, -2),  # 63 × 100,5 = 6.331,5 -> 6.332; 65 × 100,5 = 6.532,5 -> 6.533
        "lokaal": (120, D("0.09"), 117, 12060, 11759, 3),  # 0,09 × 1.300 = 117; 117 × 100,5 = 11.758,5 -> 11.759
    }
    total = hengelo.balans.totaal
    assert (total.benodigd_uren, total.fte, total.beschikbaar_uren) == (D("933.5"), D("0.73"), 949)
    assert (total.benodigd_kosten, total.beschikbaar_kosten) == (93817, 95376)  # sums of the rows above
    assert total.verschil_uren == D("-15.5") and total.verschil_kosten == -1559
    assert hengelo.balans.marge == 13  # a hundredth fte: 1.300 / 100
    other = small.year_data(capaciteit=small.year_data().capaciteit.model_copy(update={"uren_per_fte": 1550}))
    assert figures.uvp_figures(other, "hengelo").balans.marge == 16  # 1.550 / 100 = 15,5, half up
    # Toezicht is 50 h short; lokaal's 3 h are less than a hundredth fte: rounding of the formatie.
    assert [r.key for r in hengelo.balans.tekorten] == ["toezicht"]


@pytest.mark.parametrize("verschil, marge, shortage", [
    (13, 13, True),  # exactly a hundredth fte short: a shortage (at least the marge)
    (12, 13, False),  # less than a hundredth fte: rounding
    (1, 0, True),
    (0, 0, False),  # nothing short is no shortage, even without a marge
    (-20, 13, False),
])
def test_a_shortage_is_at_least_the_marge(verschil, marge, shortage):
    row = BalanceRow("toezicht", D(100 + verschil), D("0.1"), D(100), D(0), D(0))
    assert bool(Balance((row,), D(marge)).tekorten) is shortage


def test_twente_balance_is_the_sum_of_the_deelnemers(hengelo, overijssel, twente):
    toezicht = twente.balans.row("toezicht")
    # Hengelo 180 needed, 130 available; Overijssel 180 needed, 0,15 × 1.300 = 195 available.
    assert (toezicht.benodigd_uren, toezicht.fte, toezicht.beschikbaar_uren) == (360, D("0.25"), 325)
    assert toezicht.benodigd_kosten == 36180  # 18.090 + 18.090
    assert [r.key for r in twente.balans.tekorten] == ["toezicht"]  # 360 - 325 = 35 >= 13


def test_no_balance_without_formatie(data):
    without = small.year_data(capaciteit=data.capaciteit.model_copy(update={"formatie": {"hengelo": data.capaciteit.formatie["hengelo"]}}))
    assert figures.uvp_figures(without, "overijssel").balans is None
    assert figures.uvp_figures(without, "hengelo").balans is not None
    assert figures.twente_figures(without).balans is None  # Twente's balance needs every deelnemer's


def test_risk_categories_planned_controls_and_coverage(hengelo, twente):
    # Category "hoog" is controlled by A2.01.00 (Hengelo's prognose 30) over 40 companies: 75,0 per hundred.
    assert hengelo.risico == (RiskRow("hoog", "Hoog risico", "jaarlijks", 40, 30),
                              RiskRow("laag", "Laag risico", "steekproef", 200, None))
    assert hengelo.risico[0].dekking == D("75.0") and hengelo.risico[1].dekking is None
    # Twente: 40 + 24 = 64 companies, 30 + 30 = 60 controls: 93,75 -> half up 93,8.
    assert (twente.risico[0].bedrijven, twente.risico[0].gepland, twente.risico[0].dekking) == (64, 60, D("93.8"))
    assert (twente.risico[1].bedrijven, twente.risico[1].gepland) == (210, None)


def test_a_category_whose_control_is_not_planned_has_none_planned(data):
    prognoses = {**data.prognoses, "hengelo": [r for r in data.prognoses["hengelo"] if r.code != "A2.01.00"]}
    hoog = figures.uvp_figures(small.year_data(prognoses=prognoses), "hengelo").risico[0]
    assert (hoog.gepland, hoog.dekking) == (0, D("0.0"))  # a periodic control with nothing planned: 0, not unknown
    done = figures.risk_rows(data, "hengelo", {}, {})
    assert (done[0].gepland, done[0].uitgevoerd, done[1].uitgevoerd) == (0, 0, None)


def test_summed_risk_is_unknown_where_a_part_is():
    a = (RiskRow("hoog", "Hoog", "jaarlijks", 10, 5, 4),)
    b = (RiskRow("hoog", "Hoog", "jaarlijks", 20, None, None),)
    assert figures.summed_risk([a, b]) == (RiskRow("hoog", "Hoog", "jaarlijks", 30, None, None),)
    assert figures.summed_risk([b, a]) == (RiskRow("hoog", "Hoog", "jaarlijks", 30, None, None),)
    assert figures.summed_risk([a, a, a]) == (RiskRow("hoog", "Hoog", "jaarlijks", 30, 15, 12),)
    assert figures.summed_risk([a, None]) is None and figures.summed_risk([]) is None


def test_a_deelnemer_without_prognose_is_named(data):
    from uvpgen.errors import InputError

    prognoses = {"hengelo": data.prognoses["hengelo"]}
    with pytest.raises(InputError) as raised:
        figures.uvp_figures(small.year_data(prognoses=prognoses), "overijssel")
    assert str(raised.value) == ("data/2025/prognose/overijssel.csv: geen prognose voor provincie Overijssel; "
                                 "verwacht: een prognosebestand per deelnemer (code;aantal;opmerking)")


def test_risk_realisation_is_done_over_planned():
    row = RiskRow("hoog", "Hoog", "jaarlijks", 64, 60, 59)
    assert row.realisatie == D("98.3")  # 59 / 60 = 98,33..% (over planned, not over the 64 companies: 92,2)
    assert RiskRow("laag", "Laag", "steekproef", 10, None, None).realisatie is None


def test_backlog_rows(hengelo):
    assert [(r.naam, r.aantal, r.kental, r.uren) for r in hengelo.werkvoorraad.rows] == [
        ("Vergunning oud recht", 7, D("9.5"), D("66.5"))]  # 7 × 9,5
    assert hengelo.werkvoorraad.totaal_uren == D("66.5")


def test_illustrative_sources_are_named(data):
    assert figures.uvp_figures(data, "hengelo").bronnen == ()  # nothing in Klein Twente is illustrative
    deelnemers = [data.deelnemers[0].model_copy(update={"illustratief": True}), data.deelnemers[1]]
    bronnen = figures.uvp_figures(small.year_data(deelnemers=deelnemers), "hengelo").bronnen
    assert [(b.wat, b.van) for b in bronnen] == [("de prognose, de verdeelsleutel en de lokale projecten", "Hengelo")]
