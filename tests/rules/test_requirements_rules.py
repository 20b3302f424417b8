"""The legal appendix judges substance (uvpgen.requirements), worked by hand on small requirements.

Each example states the document's substance (its indicators, which tables rest on illustrative
data, whether it is adopted) and the judgement a supervisor with the rule beside her would write
down: voldaan, deels or niet voldaan, with the reason.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from uvpgen.data import Formule, Indicator, Streefwaarde, StreefwaardePlan, Vereiste, Vindplaats
from uvpgen.errors import InputError
from uvpgen.requirements import Oordeel, Place, Substance, judge, verdict

ADOPTED = Streefwaarde(maximaal=D(25), vastgesteld=dt.date(2025, 6, 12), door="het algemeen bestuur")
PLAN = StreefwaardePlan(door="het PHO VTH", uiterlijk=dt.date(2025, 7, 1))
FORMULA = Formule(teller="hercontroles", noemer="controles")


def indicator(id_: str, formule: Formule | None = FORMULA, **target) -> Indicator:
    return Indicator(id=id_, naam=id_, soort="output", definitie="d", formule=formule, **target)


def substance(indicators=(), measured=None, illustrative=(), concept=True, illustrative_adoption=False) -> Substance:
    return Substance(tuple(indicators), measured, frozenset(illustrative), concept, illustrative_adoption)


def requirement(*places: Vindplaats, toets=(), gecontroleerd=("ob-tekst",)) -> Vereiste:
    return Vereiste(id="r", vereiste="Het vereiste", artikel="art. 1", waar=list(places), toets=list(toets),
                    gecontroleerd=list(gecontroleerd))


TABLE_A, TABLE_B, SECTION = Vindplaats(tabel="a"), Vindplaats(tabel="b"), Vindplaats(sectie="s")
PLACES = {"tabel:a": Place("2.1", 7, 1), "tabel:b": Place("3", 2, 0), "sectie:s": Place("4", None, 2)}


def one(vereiste: Vereiste, places=PLACES, **kwargs):
    [judged] = judge([vereiste], places, False, substance(**kwargs))
    return judged.oordeel, judged.printed


def test_every_place_there_and_nothing_illustrative_is_voldaan():
    assert one(requirement(TABLE_A, SECTION)) == (Oordeel.VOLDAAN, "voldaan")


def test_one_of_two_places_missing_is_deels_all_missing_is_niet_voldaan():
    assert one(requirement(TABLE_A, Vindplaats(tabel="x"))) == \
        (Oordeel.DEELS, "deels: ontbreekt: geen tabel 'x'")
    assert one(requirement(Vindplaats(tabel="x"), Vindplaats(sectie="y"))) == \
        (Oordeel.NIET, "niet voldaan: ontbreekt: geen tabel 'x', paragraaf 'y'")


def test_a_table_on_illustrative_data_makes_it_deels_named_by_its_number_in_order():
    # Table a is Tabel 7, table b Tabel 2: the reason names them as numbered, lowest first.
    assert one(requirement(TABLE_A), illustrative={"a"}) == \
        (Oordeel.DEELS, "deels: Tabel 7 rust op illustratieve gegevens")
    assert one(requirement(TABLE_A, TABLE_B), illustrative={"a", "b"}) == \
        (Oordeel.DEELS, "deels: Tabel 2 en 7 rusten op illustratieve gegevens")
    # An illustrative table the requirement does not cite does not count against it.
    assert one(requirement(TABLE_B), illustrative={"a"}) == (Oordeel.VOLDAAN, "voldaan")


# The Enschede case of the issue: 7 indicators, of which 2 are measured as a number; neither has an
# adopted streefwaarde, both have a body and a date to set one. A heading "Doelen" is not enough.
ENSCHEDE = [indicator("spontaan", streefwaarde_gepland=PLAN), indicator("opvolgend", streefwaarde_gepland=PLAN),
            *(indicator(f"kwalitatief-{n}", formule=None) for n in range(5))]


def test_streefwaarden_missing_is_never_voldaan():
    doelen = requirement(SECTION, toets=["streefwaarden"])
    assert one(doelen, indicators=ENSCHEDE) == (
        Oordeel.DEELS, "deels: 0 van de 2 indicatoren met een getal als uitkomst hebben een vastgestelde "
                       "streefwaarde; voor 2 staat wie die vaststelt en wanneer")
    # Without the plans nothing is there: niet voldaan.
    bare = [indicator("spontaan"), indicator("opvolgend")]
    assert one(doelen, indicators=bare) == (
        Oordeel.NIET, "niet voldaan: 0 van de 2 indicatoren met een getal als uitkomst hebben een vastgestelde "
                      "streefwaarde")
    # One adopted, one planned: deels; both adopted: voldaan.
    assert one(doelen, indicators=[indicator("spontaan", streefwaarde=ADOPTED), indicator("opvolgend")]) == (
        Oordeel.DEELS, "deels: 1 van de 2 indicatoren met een getal als uitkomst heeft een vastgestelde streefwaarde")
    assert one(doelen, indicators=[indicator("spontaan", streefwaarde=ADOPTED),
                                   indicator("opvolgend", streefwaarde=ADOPTED)]) == (Oordeel.VOLDAAN, "voldaan")
    # One such indicator, planned: said of that one.
    assert one(doelen, indicators=[indicator("spontaan", streefwaarde_gepland=PLAN)]) == (
        Oordeel.DEELS, "deels: de enige indicator met een getal als uitkomst heeft geen vastgestelde streefwaarde; er "
                       "staat wel wie die vaststelt en wanneer")


def test_measured_against_streefwaarden_in_the_jaarverslag():
    doelen = requirement(TABLE_A, toets=["gemeten"])
    both = [indicator("spontaan", streefwaarde=ADOPTED), indicator("opvolgend")]
    # Both measured, one against an adopted streefwaarde: deels.
    assert one(doelen, indicators=both, measured=frozenset({"spontaan", "opvolgend"})) == (
        Oordeel.DEELS, "deels: van de 2 indicatoren met een getal als uitkomst zijn er 2 gemeten, 1 tegen een "
                       "vastgestelde streefwaarde")
    # Nothing measured: niet voldaan, whatever the streefwaarden.
    assert one(doelen, indicators=both, measured=frozenset())[0] is Oordeel.NIET
    assert one(doelen, indicators=[indicator("spontaan", streefwaarde=ADOPTED)],
               measured=frozenset({"spontaan"})) == (Oordeel.VOLDAAN, "voldaan")


def test_adoption_is_voldaan_only_when_real():
    vaststelling = requirement(Vindplaats(element="vaststelling"), toets=["vaststelling"])
    places = {"element:vaststelling": Place("Colofon", None, 0)}
    assert one(vaststelling, places, concept=True) == (Oordeel.NIET, "niet voldaan: concept, nog niet vastgesteld")
    assert one(vaststelling, places, concept=True, illustrative_adoption=True) == \
        (Oordeel.NIET, "niet voldaan: de vaststelling in de gegevens is illustratief; dit is een concept")
    assert one(vaststelling, places, concept=False) == (Oordeel.VOLDAAN, "voldaan")


def test_a_concept_warns_about_what_is_missing_but_not_about_being_a_concept():
    vaststelling = requirement(Vindplaats(element="vaststelling"), toets=["vaststelling"])
    places = {"element:vaststelling": Place("Colofon", None, 0), **PLACES}
    judged = judge([vaststelling, requirement(Vindplaats(tabel="x"))], places, False, substance())
    assert verdict(judged, "concept", "Het document", Path("d.yaml"), "f") == (
        "Het document (concept): 'Het vereiste' (art. 1) niet voldaan: ontbreekt: geen tabel 'x'",)


def test_an_adopted_document_is_refused_for_an_unmet_requirement_or_an_unchecked_article():
    places = PLACES
    met = judge([requirement(TABLE_A)], places, False, substance(concept=False))
    assert verdict(met, "vastgesteld", "Het document", Path("d.yaml"), "f") == ()
    # 'Deels' may be adopted: the appendix says what is partial.
    partial = judge([requirement(TABLE_A)], places, False, substance(concept=False, illustrative={"a"}))
    assert verdict(partial, "vastgesteld", "Het document", Path("d.yaml"), "f") == ()
    unchecked = judge([requirement(TABLE_A, gecontroleerd=())], places, False, substance(concept=False))
    with pytest.raises(InputError, match="het artikel bij 'Het vereiste' \\(art. 1\\) is niet gecontroleerd"):
        verdict(unchecked, "vastgesteld", "Het document", Path("d.yaml"), "f")
    unmet = judge([requirement(Vindplaats(tabel="x"))], places, False, substance(concept=False))
    with pytest.raises(InputError, match="voldoet niet aan elk wettelijk vereiste: 'Het vereiste' \\(art. 1\\) "
                                         "niet voldaan: ontbreekt: geen tabel 'x'"):
        verdict(unmet, "vastgesteld", "Het document", Path("d.yaml"), "f")


def test_the_appendix_marks_an_unchecked_article():
    assert requirement(TABLE_A, gecontroleerd=()).grondslag == "art. 1 (artikel niet gecontroleerd)"
    assert requirement(TABLE_A).grondslag == "art. 1"
