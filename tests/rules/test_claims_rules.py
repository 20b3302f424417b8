"""The claims check (uvpgen.claims): a sentence or label may not contradict the figures it is about.

Worked examples on small hand-made tables: each states what the sentence or label says, what the
table prints, and whether a reader with a pencil would call it a contradiction. The rate is the
real one, € 110,99 an hour.
"""

from __future__ import annotations

from decimal import Decimal as D
import pytest

from uvpgen.claims import Claims, Site, check, check_elsewhere
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


def indicators(rows: dict[str, str], table_id: str) -> Table:
    return Table(table_id, "Indicatoren", (Column("Indicator"), Column("Streefwaarde")),
                 tuple(Row(key, (key, target)) for key, target in rows.items()))


NALEEF = indicators({"spontaan": "minimaal 80%",
                     "opvolgend": "nog niet vastgesteld; vast te stellen door het PHO VTH, uiterlijk 1 juli 2025",
                     "lhso": "nog niet vastgesteld"}, "indicatoren-spontaan")
ASBEST = indicators({"asbest": "nog niet vastgesteld"}, "indicatoren-asbest")
BOTH = ["indicatoren-spontaan", "indicatoren-asbest"]


def test_a_count_of_rows_over_tables():
    # "Van de 4 indicatoren": 3 + 1 body rows.
    claims = Claims()
    assert claims.aantal(BOTH, 4) == 4
    run(claims, NALEEF, ASBEST)
    # Counting one table's rows as the whole (a template that forgot the second table).
    wrong = Claims()
    wrong.aantal(BOTH, 3)
    with pytest.raises(InputError, match="de zin telt 3, maar de tabellen 'indicatoren-spontaan' en "
                                         "'indicatoren-asbest' hebben 4 regels"):
        run(wrong, NALEEF, ASBEST)


def test_a_count_of_a_kind_of_row_among_named_rows():
    # The measured indicators are spontaan and opvolgend. With an adopted target: spontaan (1);
    # with a planned one: opvolgend (1). lhso and asbest also read "nog niet vastgesteld" but are
    # not among the rows counted.
    measured = ["spontaan", "opvolgend"]
    claims = Claims()
    claims.aantal(BOTH, 1, measured, "Streefwaarde", behalve="nog niet vastgesteld")
    claims.aantal(BOTH, 1, measured, "Streefwaarde", "nog niet vastgesteld; vast te stellen door")
    run(claims, NALEEF, ASBEST)
    # "Geen van de gemeten indicatoren heeft een vastgestelde streefwaarde" while spontaan has one.
    wrong = Claims()
    wrong.aantal(BOTH, 0, measured, "Streefwaarde", behalve="nog niet vastgesteld")
    with pytest.raises(InputError, match="de zin telt 0, maar .* hebben 1 regels van de genoemde met in kolom "
                                         "'Streefwaarde' niet 'nog niet vastgesteld …'"):
        run(wrong, NALEEF, ASBEST)


def test_a_count_of_a_table_the_document_does_not_print():
    claims = Claims()
    claims.aantal(BOTH, 4)
    with pytest.raises(InputError, match="de zin telt de regels van tabel 'indicatoren-asbest', maar die staat niet"):
        run(claims, NALEEF)


@pytest.mark.parametrize("part, whole, share, places, holds", [
    (904, 5228, D("17.3"), 1, True),      # 904 / 5.228 = 17,29...% -> 17,3%
    (904, 5228, D("17.2"), 1, False),     # rounded down: not what a reader computes
    (904, 4000, D("17.3"), 1, False),     # the share of another whole: 22,6%
    (D("739.23"), 6150, D("12.02"), 2, True),  # the verdeelsleutel: 6.150 × 12,02% = 739,23
    (D("739.23"), 6150, D("12.0"), 1, True),   # the same, printed with one decimal
    (37, 40, D("92.5"), 1, True),         # 37 / 40 = 92,5% exactly
    (5, 0, D("0"), 1, False),             # a share of nothing
])
def test_a_share_is_the_part_divided_by_the_whole_rounded_as_printed(part, whole, share, places, holds):
    claims = Claims()
    assert claims.deel(part, whole, share, places) == share
    if holds:
        run(claims)
    else:
        with pytest.raises(InputError, match="de zin zegt dat .* is van .*, maar dat is"):
            run(claims)


def test_a_figure_of_another_document_of_the_cycle():
    # Enschede's UVP says it brings 904 of the energy hours; only the Twente UVP prints the parts.
    bijdragen = Table("energie-bijdragen", "Bijdragen", (Column("Gemeente"), Column("Uren", "aantal", som=True)),
                      (Row("almelo", ("Almelo", 572)), Row("enschede", ("Enschede", 904))))
    twente = {"uvp": {"twente": {"energie-bijdragen": bijdragen}}}
    claims = Claims()
    assert claims.elders("uvp", "twente", "energie-bijdragen", "enschede", "Uren", 904) == 904
    check_elsewhere([("UVP Enschede", claim) for claim in claims.elsewhere], twente)
    # Not checkable while the other document is not composed (the check runs over the whole cycle).
    check_elsewhere([("UVP Enschede", claim) for claim in claims.elsewhere], {})
    # Almelo's row for Enschede's sentence.
    wrong = Claims()
    wrong.elders("uvp", "twente", "energie-bijdragen", "almelo", "Uren", 904)
    with pytest.raises(InputError, match="UVP Enschede: de zin zegt 904, maar tabel 'energie-bijdragen' van "
                                         "uvp-twente drukt in rij 'almelo', kolom 'Uren' 572 af"):
        check_elsewhere([("UVP Enschede", claim) for claim in wrong.elsewhere], twente)
    # A row the other document does not print.
    missing = Claims()
    missing.elders("uvp", "twente", "energie-bijdragen", "oldenzaal", "Uren", 310)
    with pytest.raises(InputError, match="rij 'oldenzaal', kolom 'Uren', maar die staat niet in uvp-twente"):
        check_elsewhere([("UVP Enschede", claim) for claim in missing.elsewhere], twente)


def test_a_figure_of_an_illustrative_table_is_marked_in_its_own_paragraph(tmp_path):
    """A template writes a paragraph on one line: the mark must be called on the line of the claim."""
    import jinja2
    (tmp_path / "zin.md.j2").write_text(
        '{{ b.waarde("balans", "toezicht", "Verschil (uren)", 12, "meer") }} uur meer nodig{{ b.illustratief("balans") }}.\n'
        'Een tweede alinea{{ b.illustratief("balans") }}.\n'
        '{{ b.waarde("balans", "toezicht", "Verschil (uren)", 12, "meer") }} uur meer nodig.\n', encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))

    def rendered(illustrative: frozenset[str]) -> tuple[Claims, str]:
        claims = Claims(illustrative=illustrative)
        return claims, env.get_template("zin.md.j2").render(b=claims)
    claims, text = rendered(frozenset({"balans"}))
    assert text.split("\n")[:2] == ["12 uur meer nodig (illustratief).", "Een tweede alinea (illustratief)."]
    # The third line states the figure without the mark; a mark in another paragraph does not count.
    with pytest.raises(InputError) as caught:
        run(claims, balance())
    assert caught.value.line == 3 and caught.value.path.name == "zin.md.j2"
    assert "de zin noemt een cijfer uit tabel 'balans', die op illustratieve gegevens rust, maar zegt dat niet" \
        in str(caught.value)
    # On real data the mark prints nothing and nothing is asked of the sentence.
    claims, text = rendered(frozenset())
    assert text.split("\n")[0] == "12 uur meer nodig."
    run(claims, balance())
