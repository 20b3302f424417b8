"""The claims check (uvpgen.claims): a sentence or label may not contradict the figures it is about.

Worked examples on small hand-made tables: each states what the sentence or label says, what the
table prints, and whether a reader with a pencil would call it a contradiction. The rate is the
real one, € 110,99 an hour.
"""

from __future__ import annotations

from decimal import Decimal as D
import pytest

from uvpgen.claims import Claims, Site, check
from uvpgen.errors import InputError
from uvpgen.tables import Column, Row, Table

RATE = D("110.99")


def balance(verschil_uren=12, verschil_euro=1332) -> Table:
    # Needed 100 h = € 11.099; available 88 h = € 9.767,12 -> € 9.767; difference 12 h: 12 × 110,99 = 1.331,88.
    return Table("balans", "Balans", (Column("Onderdeel"), Column("Benodigd (uren)", "aantal"),
                                      Column("Benodigd (€)", "euro"), Column("Verschil (uren)", "verschil"),
                                      Column("Verschil (€)", "verschil")),
                 (Row("toezicht", ("Toezicht", 100, 11099, verschil_uren, verschil_euro)),), None, False,
                 (("Benodigd (uren)", "Benodigd (€)"), ("Verschil (uren)", "Verschil (€)")))


def run(claims: Claims, *tables: Table) -> None:
    check(claims, {t.id: t for t in tables}, {t.id: Site() for t in tables}, RATE, "Het document")


def test_a_sentence_that_states_the_printed_figure_passes():
    claims = Claims()
    assert claims.waarde("balans", "toezicht", "Verschil (uren)", 12, "meer") == 12  # the template prints it
    run(claims, balance())


@pytest.mark.parametrize("value, direction, said", [
    (13, "meer", "13 meer"),  # the wrong number
    (12, "minder", "12 minder"),  # the right number, the wrong direction: the table says +12
])
def test_a_sentence_that_contradicts_its_table_stops_the_build_at_its_template_line(value, direction, said):
    claims = Claims()
    claims.waarde("balans", "toezicht", "Verschil (uren)", value, direction)
    with pytest.raises(InputError) as caught:
        run(claims, balance())
    message = str(caught.value)
    assert message.startswith(f"Het document: de zin zegt {said}, maar tabel 'balans' drukt in rij 'toezicht', "
                              "kolom 'Verschil (uren)' +12 af")
    assert caught.value.path is None  # said outside a template: no file (test_claims: a template's file and line)


def test_a_sentence_about_a_figure_the_document_does_not_print():
    claims = Claims()
    claims.waarde("balans", "handhaving", "Verschil (uren)", 3)
    with pytest.raises(InputError, match="rij 'handhaving', kolom 'Verschil \\(uren\\)', maar die staat niet in het"):
        run(claims, balance())


def test_none_said_while_the_table_has_rows():
    claims = Claims()
    assert claims.geen("balans") == ""
    with pytest.raises(InputError, match="de zin zegt dat er geen regels zijn in tabel 'balans', maar de tabel heeft er 1"):
        run(claims, balance())
    run(claims)  # without the table: what the sentence says


def test_money_is_hours_times_the_rate_to_the_euro_unless_the_document_says_why():
    # 12 h × € 110,99 = € 1.331,88 -> € 1.332: the row agrees.
    run(Claims(), balance(12, 1332))
    # € 1.331 (what the difference of two rounded amounts can come to) against 1.331,88: off by € 0,88
    # without a word on why, a contradiction.
    with pytest.raises(InputError, match="Verschil \\(€\\) is -?\\+?1.331, maar Verschil \\(uren\\) × uurtarief is "
                                         "12,00 × € 110,99 = € 1.331,88"):
        run(Claims(), balance(12, 1331))
    # The document says why (rounding): within half a euro per rounded amount, allowed.
    explained = Claims()
    assert explained.afronding("balans").startswith("Elk bedrag is het aantal uren ernaast maal het uurtarief")
    run(explained, balance(12, 1331))
    # A wrong rate is not rounding: 12 × € 100 = € 1.200 is still a contradiction.
    with pytest.raises(InputError, match="Verschil \\(€\\) is \\+1.200"):
        run(explained, balance(12, 1200))


def projects(spent: object, capacity: object = 250, status: str = "Afgerond") -> Table:
    return Table("projecten-jaar", "Twentse projecten 2025",
                 (Column("Code"), Column("Capaciteit (uren)", "aantal"), Column("Besteed (uren)", "aantal"),
                  Column("Status")), (Row("OD5", ("OD5", capacity, spent, status)),))


def test_a_finished_project_has_hours_written_on_it_or_none_to_write():
    run(Claims(), projects(203))
    run(Claims(), projects("n.v.t.", "n.v.t."))  # no OD capacity, no OD hours: nothing to contradict
    run(Claims(), projects(0, status="Realisatiefase"))  # not finished yet
    with pytest.raises(InputError, match="tabel 'projecten-jaar', rij 'OD5': status Afgerond met 0 bestede uren"):
        run(Claims(), projects(0))


def stand(caption: str, value: str) -> Table:
    return Table("robuustheid", caption, (Column("KPI"), Column("Stand")), (Row("vast", ("Personeel", value)),))


def test_a_stand_at_the_end_of_a_year_shows_no_value_of_another_year():
    run(Claims(), stand("Robuustheids-KPI's, stand eind 2025", "90,0% (2025)"))
    run(Claims(), stand("Robuustheids-KPI's, laatst bekende stand", "85,3% (2024)"))
    with pytest.raises(InputError, match="kolom 'Stand': een waarde van 2024 onder de stand eind 2025"):
        run(Claims(), stand("Robuustheids-KPI's, stand eind 2025", "85,3% (2024)"))
