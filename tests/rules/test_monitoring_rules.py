"""The monitoring's rules as worked examples on Klein Twente (tests/rules/small.py): what is
expected by a peildatum (pro rata or by seasonal profile), realisation against it, the signal rule
(more than the threshold; products from the minimum prognose), the pace to year end, costs and
the course of the hours, and Twente as the sum of the deelnemers' printed figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction

import pytest
import small

from uvpgen import figures
from uvpgen.data import Product
from uvpgen.exports import Realised
from uvpgen.figures import Progress


@pytest.fixture
def data():
    return small.year_data()


def report(data, slugs, periode, naam="Klein"):
    return figures.monitoring_figures(data, slugs, naam, small.periods(periode))


@pytest.fixture
def voorjaar(data):
    return report(data, ["hengelo"], "voorjaar", "Hengelo")


def product(figures_, code):
    return next(p for rows in figures_.programmas.values() for p in rows if p.code == code)


@pytest.mark.parametrize("code, peildatum, expected", [
    ("A1.17.00", dt.date(2025, 4, 30), Fraction(4, 12)),  # pro rata: four of twelve months
    ("A1.17.00", dt.date(2025, 8, 31), Fraction(8, 12)),
    ("A1.17.00", dt.date(2025, 12, 31), 1),
    ("A1.17.00", dt.date(2025, 1, 1), Fraction(1, 12)),  # the whole month of the peildatum counts
    ("A1.35.03", dt.date(2025, 4, 30), Fraction(28, 100)),  # seasonal profile: April's cumulative share
    ("A1.35.03", dt.date(2025, 8, 31), Fraction(69, 100)),  # August's
    ("A1.35.03", dt.date(2025, 12, 31), 1),
])
def test_expected_share_of_the_year_by_peildatum(data, code, peildatum, expected):
    assert Fraction(data.monitoring.fraction(code, peildatum)) == expected


def test_product_figures_at_the_voorjaar_peildatum(voorjaar):
    # A1.17.00, prognose 20 × kental 12,5, 5 done and 70 h written by 30 April (4/12 of the year):
    assert product(voorjaar, "A1.17.00") == Progress(
        "Omgevingsvergunning milieu", "A1.17.00",
        prognose_uren=D("250"),  # 20 × 12,5
        verwacht_uren=D("83"),  # 250 × 4/12 = 83,33 -> 83
        gerealiseerd_uren=D("62.5"),  # 5 × 12,5
        uren_besteed=D("70"),
        uren_jaareinde=D("210"),  # 70 / (4/12)
        prognose=20,
        verwacht=D("6.7"),  # 20 × 4/12 = 6,67 -> 6,7
        aantal=5,
        jaareinde_aantal=D("15"))  # 5 / (4/12)
    asbest = product(voorjaar, "A1.35.03")  # seasonal: 28% of the year by the end of April; 25 done, 30,4 h
    assert (asbest.verwacht_uren, asbest.verwacht) == (D("25"), D("16.8"))  # 90 × 0,28 = 25,2 -> 25; 60 × 0,28 = 16,8
    # The pace to year end starts from the hours as printed: 30,4 -> 30, 30 / 0,28 = 107,1 -> 107 (not 30,4 / 0,28 = 108,6)
    assert (asbest.uren_besteed, asbest.uren_jaareinde, asbest.jaareinde_aantal) == (D("30"), D("107"), D("89"))  # 25 / 0,28 = 89,3


def test_exact_halves_round_up_whatever_the_share(voorjaar):
    # A3.03.05: 10 × 2,25 = 22,5 standard hours; by 30 April 22,5 × 4/12 = 7,5 exactly -> half up 8. The
    # share must not be 0,3333 (then 7,4999.. rounds to 7).
    dwangsom = product(voorjaar, "A3.03.05")
    assert dwangsom.verwacht_uren == D("8")
    assert dwangsom.verwacht == D("3.3")  # 10 × 4/12 = 3,33
    # A2.01.00: 40,5 h written prints as 41 (half up; to even would give 40); 41 / (4/12) = 123.
    controle = product(voorjaar, "A2.01.00")
    assert (controle.uren_besteed, controle.uren_jaareinde) == (D("41"), D("123"))


@pytest.mark.parametrize("prognose, months, expected", [
    (3, 1, D("0.3")),  # 3 × 1/12 = 0,25 -> half up 0,3
    (9, 1, D("0.8")),  # 9 × 1/12 = 0,75 -> 0,8
    (21, 2, D("3.5")),  # 21 × 2/12 = 3,5
    (15, 5, D("6.3")),  # 15 × 5/12 = 6,25 -> 6,3
    (45, 7, D("26.3")),  # 45 × 7/12 = 26,25 -> 26,3
])
def test_expected_counts_round_half_up_to_one_decimal(data, prognose, months, expected):
    peildatum = dt.date(2025, months, 28)
    progress = figures.product_progress(data.producten["A1.17.00"], 2025, prognose,
                                        data.monitoring.fraction("A1.17.00", peildatum), None)
    assert progress.verwacht == expected


def test_realisation_is_against_what_was_expected_by_the_peildatum(voorjaar):
    vergunning = product(voorjaar, "A1.17.00")
    assert vergunning.realisatie == D("74.6")  # 5 of the 6,7 expected: 74,63% (not 5 of the year's 20: 25%)
    assert vergunning.afwijking_procentpunt == D("-8.5")  # (5 - 6,7) / 20 = -8,5 points of the year's prognose
    # A programme weighs its products by standard hours: vergunningen 62,5 + 37,5 realised of 83 + 25 expected.
    vergunningen = voorjaar.totalen["vergunningen"]
    assert (vergunningen.prognose_uren, vergunningen.verwacht_uren, vergunningen.gerealiseerd_uren) == (340, 108, 100)
    assert vergunningen.realisatie == D("92.6")  # 100 / 108 = 92,59%
    assert vergunningen.afwijking_procentpunt == D("-2.4")  # (100 - 108) / 340 = -2,35% -> -2,4
    assert vergunningen.aantal is None and vergunningen.prognose is None  # counts of different products do not add up


def test_nothing_expected_gives_no_ratio(data):
    # A prognose of 0: nothing expected, so no realisation percentage and no deviation (no division by zero).
    nothing = figures.product_progress(data.producten["A4.01.00"], 2025, 0, Fraction(4, 12), None)
    assert (nothing.prognose_uren, nothing.verwacht_uren, nothing.verwacht) == (0, 0, 0)
    assert nothing.realisatie is None and nothing.afwijking_procentpunt is None


def test_totals_are_sums_of_the_printed_parts(voorjaar):
    totaal = voorjaar.totalen["totaal"]
    # Programmes: vergunningen 340 / 108 / 100, toezicht 180 / 60 / 36, handhaving 22,5 / 8 / 4,5, advies 20 / 7 / 0
    assert (totaal.prognose_uren, totaal.verwacht_uren, totaal.gerealiseerd_uren) == (D("562.5"), 183, D("140.5"))
    # Written 70 + 30 + 41 + 5 (4,5 -> 5) + 0 = 146; by year end 210 + 107 + 123 + 15 + 0 = 455.
    assert (totaal.uren_besteed, totaal.uren_jaareinde) == (146, 455)
    assert totaal.afwijking_uren == D("-107.5")  # 455 - 562,5
    assert voorjaar.totalen["toezicht"].afwijking_uren == -57  # 123 - 180
    assert [t.naam for t in voorjaar.totalen.values()] == ["Vergunningen", "Toezicht", "Handhaving", "Advies", "Totaal"]


def signal_names(report_):
    return [(s.niveau, s.key, s.reden) for s in report_.signalen]


def test_signals_of_a_deelnemer(voorjaar):
    # Programmes (always judged): vergunningen -2,4 (no), toezicht (36 - 60) / 180 = -13,3 (achter),
    # handhaving (4,5 - 8) / 22,5 = -15,6 (achter), advies (0 - 7) / 20 = -35 (achter).
    # Products with a prognose of at least 20: A1.17.00 -8,5 (no), A1.35.03 (25 - 16,8) / 60 = +13,7 (voor),
    # A2.01.00 (6 - 10) / 30 = -13,3 (achter). A3.03.05 (10) and A4.01.00 (5) are under the minimum.
    assert signal_names(voorjaar) == [("programma", "toezicht", "achter"), ("programma", "handhaving", "achter"),
                                      ("programma", "advies", "achter"), ("product", "A1.35.03", "voor"),
                                      ("product", "A2.01.00", "achter")]


def test_signals_exactly_at_the_threshold_and_under_the_minimum(data):
    overijssel = report(data, ["overijssel"], "voorjaar")
    # toezicht: 7 × 6 = 42 realised against 60 expected of 180: -10,0 points exactly: not MORE than 10, no signal.
    # vergunningen: (50 - 33) / 100 = +17 (voor). handhaving: (0 - 14) / 42,75 = -32,7 (achter; 42,75 × 4/12 = 14,25 -> 14).
    # advies: nothing planned, 2 × 4 = 8 realised: "zonder prognose", as a programme and as the product.
    # A1.17.00 (+16,3) and A3.03.05 (-33,2) have prognoses of 8 and 19, under the minimum of 20: no product signal.
    assert signal_names(overijssel) == [("programma", "vergunningen", "voor"), ("programma", "handhaving", "achter"),
                                        ("programma", "advies", "zonder prognose"),
                                        ("product", "A4.01.00", "zonder prognose")]
    assert product(overijssel, "A2.01.00").afwijking_procentpunt == D("-10.0")


@pytest.mark.parametrize("prognose, aantal, signalled", [
    (20, 0, True),  # the minimum prognose itself is judged: (0 - 6,7) / 20 = -33,5
    (19, 0, False),  # under the minimum: not judged per product
    (30, 7, False),  # (7 - 10) / 30 = -10,0: at the threshold, not beyond it
    (30, 6, True),  # -13,3
    (30, 13, False),  # +10,0
    (30, 14, True),  # +13,3
    (0, 1, True),  # realised without a prognose
    (0, 0, False),
])
def test_product_signal_rule(data, prognose, aantal, signalled):
    done = Realised("hengelo", "A2.01.00", aantal, D(aantal * 6), "test") if aantal else None
    progress = figures.product_progress(data.producten["A2.01.00"], 2025, prognose,
                                        data.monitoring.fraction("A2.01.00", dt.date(2025, 4, 30)), done)
    programmas = {p: () for p in ("vergunningen", "handhaving", "advies")} | {"toezicht": (progress,)}
    quiet = Progress("P", None, D(0), D(0), D(0), D(0), D(0))  # a programme with nothing planned or done
    found = figures.signals(data, programmas, {p: quiet for p in programmas})
    assert [s.progress.code for s in found] == (["A2.01.00"] if signalled else [])


def test_a_deviation_is_judged_as_printed(data):
    # (13 - 9,99) / 30 = 10,03 points, printed as 10,0: the reader sees no deviation beyond 10, so no signal.
    progress = Progress("P", "A2.01.00", D(180), D(60), D(78), D(0), D(0), prognose=30, verwacht=D("9.99"), aantal=13)
    assert progress.afwijking_procentpunt == D("10.0")
    nothing = Progress("P", None, D(0), D(0), D(0), D(0), D(0))
    found = figures.signals(data, {"toezicht": (progress,), "vergunningen": (), "handhaving": (), "advies": ()},
                            {p: nothing for p in figures.PROGRAMMES})
    assert found == ()


@pytest.mark.parametrize("gerealiseerd, drempel, reden", [
    (D("0.5"), D(10), "zonder prognose"),  # half a standard hour realised without a prognose is still realised
    (D(0), D(10), None),
])
def test_realised_without_a_prognose(data, gerealiseerd, drempel, reden):
    progress = Progress("P", "A4.01.00", D(0), D(0), gerealiseerd, D(0), D(0), prognose=0, verwacht=D(0), aantal=1)
    nothing = Progress("P", None, D(0), D(0), D(0), D(0), D(0))
    found = figures.signals(data, {"advies": (progress,), "vergunningen": (), "toezicht": (), "handhaving": ()},
                            {p: nothing for p in figures.PROGRAMMES})
    assert [s.reden for s in found] == ([reden] if reden else [])


def test_a_small_deviation_beyond_a_small_threshold_is_ahead(data):
    # With a threshold of 0,5 points, +0,7 is ahead ("voor"), -0,7 behind.
    strict = small.year_data(monitoring=data.monitoring.model_copy(update={"signalering": data.monitoring.signalering.model_copy(
        update={"drempel_procentpunt": D("0.5")})}))
    for aantal, reden in ((D("10.2"), "voor"), (D("9.8"), "achter")):
        progress = Progress("P", "A2.01.00", D(180), D(60), D(60), D(0), D(0), prognose=30, verwacht=D(10), aantal=aantal)
        nothing = Progress("P", None, D(0), D(0), D(0), D(0), D(0))
        found = figures.signals(strict, {"toezicht": (progress,), "vergunningen": (), "handhaving": (), "advies": ()},
                                {p: nothing for p in figures.PROGRAMMES})
        assert [s.reden for s in found] == [reden]  # (10,2 - 10) / 30 = +0,7 points


def test_twente_computes_each_product_from_the_summed_figures(data):
    twente = report(data, ["hengelo", "overijssel"], "voorjaar", "Twente")
    vergunning = product(twente, "A1.17.00")
    # Prognose, finished and written hours are the sums: 20 + 8 = 28, 5 + 4 = 9, 70 + 45 = 115. Verwacht is
    # 4/12 of Twente's prognose, as the Werkwijze says: 28 × 4/12 = 9,33 -> 9,3 (the deelnemers' rounded
    # 6,7 + 2,7 would give 9,4), and 350 × 4/12 = 116,7 -> 117 hours (not 83 + 33 = 116).
    assert (vergunning.prognose, vergunning.verwacht, vergunning.aantal) == (28, D("9.3"), 9)
    assert (vergunning.verwacht_uren, vergunning.uren_besteed, vergunning.uren_jaareinde) == (117, 115, 345)  # 115 × 3
    assert vergunning.jaareinde_aantal == 27  # 9 × 3
    assert vergunning.realisatie == D("96.8")  # 9 / 9,3 = 96,77%
    toezicht = twente.totalen["toezicht"]
    # (36 + 42 - (60 + 60)) / (180 + 180) = -42 / 360 = -11,7: Twente signals what neither... Overijssel (-10,0) did not.
    assert toezicht.afwijking_procentpunt == D("-11.7")
    assert ("programma", "toezicht", "achter") in signal_names(twente)
    assert twente.slug == "twente" and twente.naam == "Twente"


def test_costs_are_whole_euros_per_deelnemer_and_programme_summed(data):
    # Rate € 100,50. Hengelo vergunningen at 30 April: planned 340 h -> € 34.170; written 70 + 30 = 100 h -> € 10.050;
    # by year end 210 + 107 = 317 h -> € 31.858,50 -> € 31.859.
    hengelo = report(data, ["hengelo"], "voorjaar")
    assert hengelo.kosten["vergunningen"] == figures.Costs(D(34170), D(10050), D(31859))
    # Handhaving: 22,5 h -> € 2.261,25 -> € 2.261; written 5 h -> € 502,50 -> € 503; year end 15 h -> € 1.507,50 -> € 1.508.
    assert hengelo.kosten["handhaving"] == figures.Costs(D(2261), D(503), D(1508))
    assert hengelo.kosten["totaal"] == sum((hengelo.kosten[p] for p in figures.PROGRAMMES), figures.Costs(D(0), D(0)))
    # Twente adds the deelnemers' whole euros: Overijssel handhaving 42,75 h -> € 4.296,375 -> € 4.296; written 0.
    twente = report(data, ["hengelo", "overijssel"], "voorjaar")
    assert twente.kosten["handhaving"].gepland == 6557  # 2.261 + 4.296 (not 65,25 × 100,5 = 6.557,625 -> 6.558)


def test_the_course_of_the_hours_through_the_year(data):
    najaar = report(data, ["hengelo"], "najaar")
    expected = najaar.verloop.verwacht
    assert len(expected) == 12
    # End of April: A1.17.00 250 × 4/12 = 83,3 -> 83; A1.35.03 90 × 0,28 = 25,2 -> 25; A2.01.00 180 × 4/12 = 60;
    # A3.03.05 22,5 × 4/12 = 7,5 -> 8; A4.01.00 20 × 4/12 = 6,7 -> 7: 183, the voorjaar report's Verwacht.
    assert expected[3] == 183
    # End of January: 250/12 = 20,8 -> 21; 90 × 0,05 = 4,5 -> 5; 180/12 = 15; 22,5/12 = 1,875 -> 2; 20/12 = 1,7 -> 2: 45.
    assert expected[0] == 45
    assert expected[11] == 563  # each product in whole hours: 250 + 90 + 180 + 23 (22,5 half up) + 20
    # Written at each peildatum of the year so far: 30 April 70 + 30 + 41 + 5 = 146; 31 August 180 + 70 + 130 + 14 = 394.
    assert najaar.verloop.geschreven == ((4, 146), (8, 394))


def test_project_progress_against_capacity(data):
    voorjaar = report(data, ["hengelo"], "voorjaar")
    od01, od02 = voorjaar.projecten
    assert (od01.code, od01.naam, od01.besteed, od01.besteed_procent) == ("OD01", "Bodemkwaliteit", 80, D("26.7"))  # 80 of 300 h
    assert (od02.capaciteit, od02.besteed_procent) == ("n.v.t.", None)  # external: no capacity to compare with
    assert od01.status == "Realisatiefase"


def test_unplanned_product_counts_from_zero():
    # A product realised without a prognose: nothing expected, so no realisation ratio, but the hours count.
    catalogue = Product(code="A4.01.00", naam="Advies", programma="advies", kentallen={2025: D(4)})
    progress = figures.product_progress(catalogue, 2025, 0, Fraction(1), Realised("o", "A4.01.00", 3, D("12.4"), "x"))
    assert (progress.prognose_uren, progress.gerealiseerd_uren, progress.uren_besteed, progress.realisatie) == (0, 12, 12, None)
