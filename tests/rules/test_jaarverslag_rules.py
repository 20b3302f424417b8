"""The jaarverslag's rules as worked examples on Klein Twente (tests/rules/small.py): deviations
beyond the rule of jaarverslag.yaml (more than the threshold, from the minimum prognose), the
largest deviations, indicators as counts over counts and their status words, costs, shares of
written hours, the capacity over the year, and Twente as the sum of the deelnemers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import small

from uvpgen import figures
from uvpgen.data import Streefwaarde, WerkvoorraadResultaat
from uvpgen.figures import Counts, Measured, Timeliness


def jaarverslag(data, slugs, naam="Klein", extra=None):
    najaar = figures.monitoring_figures(data, slugs, naam, small.periods("najaar"))
    return figures.jaarverslag_figures(data, extra or small.jaarverslag_data(), slugs, naam, small.periods("jaar"), najaar)


@pytest.fixture
def data():
    return small.year_data()


@pytest.fixture
def hengelo(data):
    return jaarverslag(data, ["hengelo"], "Hengelo")


@pytest.fixture
def overijssel(data):
    return jaarverslag(data, ["overijssel"], "Overijssel")


@pytest.fixture
def twente(data):
    return jaarverslag(data, ["hengelo", "overijssel"], "Twente")


def test_deviations_beyond_the_rule(hengelo, overijssel):
    # Rule: more than 15% of the prognose, for products with a prognose of at least 10.
    # Hengelo: A1.17.00 23 of 20 is exactly 15% (3 × 100 = 300 = 15 × 20): not MORE, no deviation. Its
    # programmes: vergunningen 23 × 12,5 + 60 × 1,5 = 377,5 of 340 (11,0%), toezicht 156 of 180 (13,3%): none.
    assert hengelo.afwijkingen == () and hengelo.ver_van_plan == ()
    # Overijssel: handhaving 12 × 2,25 = 27 of 19 × 2,25 = 42,75 standard hours (36,8% lower), and its product
    # A3.03.05, 12 of 19 (36,8%). A4.01.00 (3 without a prognose) is under the minimum of 10.
    assert [d.key for d in overijssel.afwijkingen] == ["handhaving lager", "A3.03.05 lager"]
    assert [d.titel for d in overijssel.afwijkingen] == ["Programma handhaving: minder dan gepland",
                                                          "A3.03.05 Last onder dwangsom: minder dan gepland"]
    assert [p.code for p in overijssel.ver_van_plan] == ["A3.03.05"]


@pytest.mark.parametrize("drempel, far", [(D("14.9"), ["A1.17.00"]), (D("15"), [])])
def test_the_deviation_threshold_is_more_than(data, drempel, far):
    rule = small.jaarverslag_data().regels
    extra = small.jaarverslag_data(regels=rule.model_copy(update={"afwijkingen": rule.afwijkingen.model_copy(
        update={"drempel_procent": drempel})}))
    assert [p.code for p in jaarverslag(data, ["hengelo"], extra=extra).ver_van_plan] == far  # 23 of 20: 15%


def test_a_product_from_the_minimum_prognose_is_judged(data):
    rule = small.jaarverslag_data().regels
    extra = small.jaarverslag_data(regels=rule.model_copy(update={"afwijkingen": rule.afwijkingen.model_copy(
        update={"minimum_prognose": 20})}))
    # With a minimum of 20, Overijssel's A3.03.05 (prognose 19) is no longer judged; its programme still is.
    assert [d.key for d in jaarverslag(data, ["overijssel"], extra=extra).afwijkingen] == ["handhaving lager"]


def test_a_higher_realisation_is_hoger():
    more = figures.Deviation(figures.Progress("Toezicht", None, D(100), D(100), D(130), D(0), D(0)), "hoger")
    assert (more.key, more.titel) == ("toezicht hoger", "Programma toezicht: meer dan gepland")


def test_largest_deviations_in_hours(hengelo):
    # Written minus planned: A1.17.00 290 - 250 = +40; A2.01.00 160 - 180 = -20; A1.35.03 91 - 90 = +1 and
    # A4.01.00 19 - 20 = -1 tie on 1 (the code decides: A1.35.03); A3.03.05 23 (22,5 half up) - 22,5 = +0,5.
    assert [(p.code, p.verschil_uren) for p in hengelo.grootste] == [("A1.17.00", 40), ("A2.01.00", -20),
                                                                    ("A1.35.03", 1)]


def test_indicators_are_counts_over_counts(hengelo, overijssel, twente):
    # Sanctiegraad: sancties (A3.03.05 done) over controles (A2.01.* done).
    assert hengelo.indicator("sanctiegraad").waarde == D("38.5")  # 10 / 26 = 38,46%
    assert overijssel.indicator("sanctiegraad").waarde == D("36.4")  # 12 / 33 = 36,36%
    # Twente adds the counts (22 / 59 = 37,29%), it does not average the percentages ((38,5 + 36,4) / 2 = 37,45).
    measured = twente.indicator("sanctiegraad")
    assert (measured.teller, measured.noemer, measured.waarde) == (22, 59, D("37.3"))
    assert measured.vorig_jaar is None  # no measurement of 2024 in Klein Twente
    assert hengelo.indicator("sanctiegraad").status == "behaald"  # 38,5 under the maximum of 40


def target(**bounds) -> Streefwaarde:
    return Streefwaarde(vastgesteld=dt.date(2024, 12, 1), door="het college", **bounds)


@pytest.mark.parametrize("teller, noemer, streefwaarde, status", [
    (2, 5, target(maximaal=D(40)), "behaald"),  # 40,0 at the maximum itself
    (201, 500, target(maximaal=D(40)), "niet behaald"),  # 40,2
    (4, 5, target(minimaal=D(80)), "behaald"),  # 80,0 at the minimum itself
    (399, 500, target(minimaal=D(80)), "niet behaald"),  # 79,8
    (1, 2, target(minimaal=D(40), maximaal=D(60)), "behaald"),  # 50,0 in the band
    (7, 10, target(minimaal=D(40), maximaal=D(60)), "niet behaald"),  # 70,0 above it
    (1, 2, None, "geen streefwaarde"),  # measured, but nothing adopted to reach
    (None, None, target(maximaal=D(40)), "geen meting"),
    (3, 0, target(maximaal=D(40)), "geen meting"),  # nothing to divide by: no value
])
def test_indicator_status_words(data, teller, noemer, streefwaarde, status):
    indicator = data.doelen[0].indicatoren[0].model_copy(update={"streefwaarde": streefwaarde})
    assert Measured(indicator, teller, noemer).status == status


def test_counts_and_their_shares(hengelo, twente):
    # Hengelo's offenders: 30 + 12 + 6 + 2 = 50; "moet kunnen" is 12 of 50 = 24,0%.
    assert hengelo.overtreders.totaal == (50, None)  # no 2024 measurement: no previous total
    assert hengelo.overtreders.share(12) == D("24.0")
    # Complaints: Twente geluid 9 + 1 = 10, geur 3 + 0 = 3, of 13: 76,9% and 23,1%.
    assert twente.klachten.rows == (("geluid", 10, None), ("geur", 3, None))
    assert (twente.klachten.share(10), twente.klachten.share(3)) == (D("76.9"), D("23.1"))
    assert Counts((("a", 0, 0),)).share(0) is None  # nothing counted: no share
    assert Counts((("a", 1, 2), ("b", 3, 4))).totaal == (4, 6)
    # Energy controls: (controles, met overtreding); Twente 12 + 12 and 5 + 5.
    assert hengelo.energie == ((12, 5), None) and twente.energie == ((24, 10), None)


def test_timeliness_within_the_term():
    handled = Timeliness("besluiten", "Besluiten", "8 weken", 20, 17)
    assert (handled.buiten_termijn, handled.percentage) == (3, D("85.0"))  # 17 of 20 in time, 3 late
    assert Timeliness("b", "B", "t", 3, 2).percentage == D("66.7")  # 2 / 3 = 66,67%: over what was handled
    assert Timeliness("b", "B", "t", 0, 0).percentage is None


def test_year_costs_whole_euros_per_deelnemer_and_programme(hengelo, twente):
    # Rate € 100,50; at year end the pace to year end is what was written.
    assert hengelo.kosten["vergunningen"] == figures.Costs(D(34170), D(38291), D(38291))  # 381 h × 100,5 = 38.290,5 -> 38.291
    assert hengelo.kosten["advies"] == figures.Costs(D(2010), D(1910), D(1910))  # 19 h × 100,5 = 1.909,5 -> 1.910
    assert hengelo.kosten["totaal"].gepland == 56531  # 34.170 + 18.090 + 2.261 + 2.010
    assert hengelo.kosten["totaal"].besteed == 58593  # 38.291 + 16.080 + 2.312 + 1.910
    # Twente: Hengelo's € 38.291 + Overijssel's 101 h -> € 10.150,5 -> € 10.151 = € 48.442 (not 482 × 100,5 = 48.441).
    assert twente.kosten["vergunningen"].besteed == 48442


def test_sanctions_counted_from_the_export(hengelo, twente):
    assert hengelo.handhaving == (("dwangsom", "Lasten onder dwangsom", 10),)  # A3.03.05 done by Hengelo
    assert twente.handhaving == (("dwangsom", "Lasten onder dwangsom", 22),)  # 10 + 12


def test_shares_of_the_written_hours(hengelo, overijssel, twente):
    # Services: 96 h written (all of Twente); 62,5% = 60 and 37,5% = 36 exactly.
    assert [(s.nr, s.gepland, s.geschreven) for s in twente.diensten] == [(1, 101, 96)]  # nr 2 is n.v.t.
    assert (hengelo.diensten_aandeel.uren, overijssel.diensten_aandeel.uren) == (60, 36)
    # Projects: OD01 310 h written (OD02 is external): 193,75 and 116,25 -> 193 + 116, one left: Hengelo (0,75).
    assert (hengelo.projecten_aandeel.totaal, hengelo.projecten_aandeel.uren, overijssel.projecten_aandeel.uren) == (310, 194, 116)
    assert twente.projecten_aandeel is None and twente.diensten_aandeel is None  # Twente has the whole


def test_capacity_over_the_year(hengelo, twente):
    rows = {r.key: (r.gepland_uren, r.beschikbaar_uren, r.geschreven_uren, r.geschreven_kosten, r.verschil_uren)
            for r in hengelo.capaciteit}
    assert rows == {
        "vergunningen": (340, 390, 381, 38291, -9),  # written 290 + 91; 381 - 390 available
        "toezicht": (180, 130, 160, 16080, 30),
        "handhaving": (D("22.5"), 26, 23, 2312, -3),  # 22,5 written prints as 23; 23 × 100,5 = 2.311,5 -> 2.312
        "advies": (20, 26, 19, 1910, -7),
        "projecten": (188, 195, 194, 19497, -1),  # its share of OD01's 310 h
        "diensten": (63, 65, 60, 6030, -5),  # its share of the 96 service hours
        "lokaal": (120, 117, 130, 13065, 13),  # Geluidskaart, 130 h written
    }
    total = hengelo.capaciteit_totaal
    assert (total.key, total.gepland_uren, total.geschreven_uren) == ("totaal", D("933.5"), 967)  # 381+160+23+19+194+60+130
    assert twente.capaciteit_totaal.geschreven_uren == 967 + 101 + 199 + 27 + 12 + 116 + 36 + 0  # + Overijssel's written hours


def test_local_projects_and_backlog_accounted(data, hengelo):
    assert [(l.deelnemer, l.naam, l.gepland, l.geschreven, l.resultaat) for l in hengelo.lokaal] == [
        ("Hengelo", "Geluidskaart", 120, 130, "Vastgesteld")]
    assert [(b.product, b.open, b.afgerond, b.resterend) for b in hengelo.werkvoorraad] == [
        ("Vergunning oud recht", 7, None, None)]
    assert not hengelo.lokaal_verantwoord  # the backlog has no result
    verantwoording = small.jaarverslag_data().verantwoording.model_copy(update={"werkvoorraad": {"hengelo": [
        WerkvoorraadResultaat(product="Vergunning oud recht", afgerond=5, uren=40)]}})
    done = jaarverslag(data, ["hengelo"], extra=small.jaarverslag_data(verantwoording=verantwoording))
    assert [(b.afgerond, b.uren, b.resterend) for b in done.werkvoorraad] == [(5, 40, 2)]  # 7 open - 5 done
    assert done.lokaal_verantwoord


def test_risk_categories_planned_and_done(hengelo, twente):
    assert (hengelo.risico[0].gepland, hengelo.risico[0].uitgevoerd, hengelo.risico[0].realisatie) == (30, 26, D("86.7"))
    assert (twente.risico[0].gepland, twente.risico[0].uitgevoerd, twente.risico[0].realisatie) == (60, 59, D("98.3"))
    assert hengelo.risico[1].uitgevoerd is None  # no periodic control in the category


def test_signals_of_the_najaar_report_followed_to_year_end(hengelo):
    # Hengelo on 31 August (8/12): only advies is behind, 0 of 13 expected hours (20 × 8/12 = 13,3 -> 13):
    # -65 points. At year end advies realised 5 × 4 = 20 of its 20 planned hours.
    assert [(f.signal.key, f.signal.reden, f.jaar.gerealiseerd_uren, f.jaar.prognose_uren) for f in hengelo.opvolging] == [
        ("advies", "achter", 20, 20)]


@pytest.fixture
def measured():
    return small.jaarverslag_data(metingen=small.GEMETEN, vorig_jaar=small.VORIG_JAAR)


def test_timeliness_objections_and_open_cases_are_summed(data, measured):
    hengelo = jaarverslag(data, ["hengelo"], extra=measured)
    assert [(t.key, t.naam, t.termijn, t.afgehandeld, t.binnen_termijn, t.percentage) for t in hengelo.tijdigheid] == [
        ("besluiten", "Besluiten op aanvragen", "8 weken", 20, 17, D("85.0")),  # 17 of 20
        ("meldingen", "Meldingen", "4 weken", 0, 0, None)]  # Hengelo handled none: no percentage
    twente = jaarverslag(data, ["hengelo", "overijssel"], extra=measured)
    # Besluiten 20 + 10 = 30 handled, 17 + 10 = 27 in time: 90,0%; meldingen only Overijssel's 4 of 5: 80,0%.
    assert [(t.afgehandeld, t.binnen_termijn, t.buiten_termijn, t.percentage) for t in twente.tijdigheid] == [
        (30, 27, 3, D("90.0")), (5, 4, 1, D("80.0"))]
    bezwaar, beroep = twente.rechtsbescherming["bezwaar"], twente.rechtsbescherming["beroep"]
    assert (bezwaar.ingediend, bezwaar.gegrond, bezwaar.ongegrond, bezwaar.overig, bezwaar.lopend) == (6, 1, 3, 1, 1)
    assert (beroep.ingediend, beroep.gegrond, beroep.ongegrond, beroep.overig, beroep.lopend) == (1, 0, 1, 0, 0)
    assert (hengelo.handhaving_open, twente.handhaving_open) == (3, 5)  # 3 + 2


def test_unmeasured_accountability_is_unknown_not_zero(data, measured):
    # Overijssel measured nothing beyond the exports: Twente's sums would be Hengelo's alone, so they are unknown.
    partly = measured.model_copy(update={"metingen": {"hengelo": small.GEMETEN["hengelo"], "overijssel": small.meting()}})
    twente = jaarverslag(data, ["hengelo", "overijssel"], extra=partly)
    assert (twente.tijdigheid, twente.rechtsbescherming, twente.handhaving_open, twente.energie_resultaten) == (
        None, None, None, None)
    assert jaarverslag(data, ["hengelo"], extra=partly).handhaving_open == 3


def test_energy_results_are_summed(data, measured):
    twente = jaarverslag(data, ["hengelo", "overijssel"], extra=measured).energie_resultaten
    assert (twente.controles, twente.met_overtreding, twente.hercontroles, twente.handhavingstrajecten,
            twente.maatregelen_getroffen) == (20, 7, 6, 3, 5)  # 12 + 8, 5 + 2, 4 + 2, 1 + 2, 3 + 2
    assert (twente.besparing.elektriciteit_mwh, twente.besparing.aardgas_m3, twente.besparing.co2_ton) == (150, 6000, 80)


def test_the_year_before_beside_this_year(data, measured):
    hengelo = jaarverslag(data, ["hengelo"], extra=measured)
    # Sanctiegraad 2024 from the counts recorded for 2024: 8 / 25 = 32,0%; this year 10 / 26 = 38,5%.
    sanctiegraad = hengelo.indicator("sanctiegraad")
    assert (sanctiegraad.vorig_teller, sanctiegraad.vorig_noemer, sanctiegraad.vorig_jaar) == (8, 25, D("32.0"))
    assert hengelo.overtreders.totaal == (50, 50)  # 30 + 12 + 6 + 2 and 25 + 15 + 8 + 2
    assert hengelo.energie == ((12, 5), (10, 6))
    twente = jaarverslag(data, ["hengelo", "overijssel"], extra=measured)
    assert twente.indicator("sanctiegraad").vorig_jaar == D("31.1")  # (8 + 6) / (25 + 20) = 31,11%
    # Every kind of complaint of either year, in the order first met: this year's, then last year's new ones.
    assert twente.klachten.rows == (("geluid", 10, 13), ("geur", 3, 0), ("lucht", 0, 2))
    assert twente.energie == ((20, 7), (14, 7))
    # A year before measured for one deelnemer only: Twente has no previous year.
    one = measured.model_copy(update={"vorig_jaar": {"hengelo": small.VORIG_JAAR["hengelo"]}})
    twente = jaarverslag(data, ["hengelo", "overijssel"], extra=one)
    assert twente.indicator("sanctiegraad").vorig_jaar is None and twente.overtreders.totaal == (100, None)  # 50 + 50 this year
    assert twente.energie[1] is None


def test_follow_up_of_a_product_signal_missing_at_year_end(data):
    # A product signalled in the najaar report that has no line at year end counts 0 done, not the najaar count.
    najaar = figures.monitoring_figures(data, ["overijssel"], "O", small.periods("najaar"))
    year_rows = {k: v for k, v in small.REALISATIE["jaar"].items() if k != ("overijssel", "A4.01.00")}
    periods = small.periods("najaar") + [small.period("jaar", year_rows)]
    result = figures.jaarverslag_figures(data, small.jaarverslag_data(), ["overijssel"], "O", periods, najaar)
    follow = {f.signal.key: f.jaar for f in result.opvolging}
    # Najaar: A4.01.00 realised 3 without a prognose (a signal); at year end it has no line.
    assert follow["A4.01.00"].aantal == 0 and follow["A4.01.00"].code == "A4.01.00"
    # A programme signal is followed by the programme's total: handhaving (10 × 2,25 = 22,5 of 19 × 2,25 × 8/12 = 28,5 -> 29).
    assert follow["handhaving"].naam == "Handhaving" and follow["handhaving"].gerealiseerd_uren == 27  # 12 × 2,25


@pytest.mark.parametrize("drempel, keys", [
    # Overijssel: toezicht 33 × 6 = 198 of 180 hours and A2.01.00 33 of 30 are both exactly 10% higher.
    (D("10"), ["handhaving lager", "A3.03.05 lager"]),  # exactly at the threshold: not more than it
    (D("9.9"), ["toezicht hoger", "handhaving lager", "A2.01.00 hoger", "A3.03.05 lager"]),
])
def test_deviations_exactly_at_the_threshold(data, drempel, keys):
    rule = small.jaarverslag_data().regels
    extra = small.jaarverslag_data(regels=rule.model_copy(update={"afwijkingen": rule.afwijkingen.model_copy(
        update={"drempel_procent": drempel})}))
    assert [d.key for d in jaarverslag(data, ["overijssel"], extra=extra).afwijkingen] == keys


def test_the_minimum_prognose_itself_is_judged(data):
    rule = small.jaarverslag_data().regels
    extra = small.jaarverslag_data(regels=rule.model_copy(update={"afwijkingen": rule.afwijkingen.model_copy(
        update={"minimum_prognose": 19})}))
    # A3.03.05 has a prognose of 19: at the minimum, so judged (12 of 19 is 36,8% lower).
    assert [p.code for p in jaarverslag(data, ["overijssel"], extra=extra).ver_van_plan] == ["A3.03.05"]


def test_names_and_follow_up_without_a_najaar_report(data, hengelo):
    assert (hengelo.naam, hengelo.jaar.naam) == ("Hengelo", "Hengelo")
    assert [(s.nr, s.naam) for s in hengelo.diensten] == [(1, "Juridisch advies")]
    assert [b.deelnemer for b in hengelo.werkvoorraad] == ["Hengelo"]
    alone = figures.jaarverslag_figures(data, small.jaarverslag_data(), ["hengelo"], "Hengelo", small.periods("jaar"))
    assert alone.opvolging == ()


def test_a_product_signal_followed_to_its_year_figure(data, overijssel):
    # Overijssel's najaar report signals A4.01.00 (3 done without a prognose); at year end 3 are done.
    follow = {f.signal.key: f.jaar for f in overijssel.opvolging}
    assert (follow["A4.01.00"].aantal, follow["A4.01.00"].gerealiseerd_uren) == (3, 12)


def test_capacity_unknown_where_hours_are_not_recorded(data):
    # No hours of the services and no result of the local project recorded: those parts are unknown, not 0.
    verantwoording = small.jaarverslag_data().verantwoording.model_copy(update={"diensten": {}, "lokale_projecten": {}})
    rows = {r.key: r for r in jaarverslag(data, ["hengelo"], extra=small.jaarverslag_data(verantwoording=verantwoording)).capaciteit}
    assert (rows["diensten"].geschreven_uren, rows["diensten"].geschreven_kosten, rows["diensten"].verschil_uren) == (None, None, None)
    assert (rows["lokaal"].geschreven_uren, rows["lokaal"].geschreven_kosten) == (None, None)
    assert rows["toezicht"].geschreven_uren == 160  # the exports still tell the programmes
