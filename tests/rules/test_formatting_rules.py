"""Dutch formats as the documents print them: thousands with a dot, decimals with a comma,
rounding half up (as people and spreadsheets round, not to even), signs on differences, the
euro sign bound to its amount. Each expected text is written out by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from uvpgen import formatting


@pytest.mark.parametrize("value, places, expected", [
    (0, 0, "0"), (7, 0, "7"), (999, 0, "999"), (1000, 0, "1.000"), (1410, 0, "1.410"), (580256, 0, "580.256"),
    (1234567, 0, "1.234.567"), (-4334, 0, "-4.334"), (-999, 0, "-999"),
    (739.5, 0, "740"), (2.5, 0, "3"), (3.5, 0, "4"), (0.5, 0, "1"),  # half up, not to even (2,5 -> 2)
    (-2.5, 0, "-3"),  # half away from zero: -2,5 reads as 2,5 less
    (2.49, 0, "2"), (12.02, 2, "12,02"), (1406.34, 1, "1.406,3"), (1406.35, 1, "1.406,4"), (0.05, 1, "0,1"),
    (7, 1, "7,0"), (1234.5, 2, "1.234,50"), (Decimal("7.4999"), 0, "7"),
])
def test_number(value, places, expected):
    assert formatting.number(value, places) == expected


@pytest.mark.parametrize("value, places, expected", [
    (Decimal("2.5"), 0, Decimal("3")), (Decimal("-2.5"), 0, Decimal("-3")), (Decimal("0.25"), 1, Decimal("0.3")),
    (Decimal("0.35"), 1, Decimal("0.4")), (Decimal("1.005"), 2, Decimal("1.01")), (2.675, 2, Decimal("2.68")),  # 2.675 as typed
])
def test_round_half_up(value, places, expected):
    assert formatting.round_half_up(value, places) == expected


@pytest.mark.parametrize("value, places, expected", [
    (12, 0, "+12"), (-3.5, 1, "-3,5"), (0, 0, "0"), (0.04, 1, "0,0"), (-0.04, 1, "0,0"),  # nothing left: no sign
    (-0.4, 0, "0"), (0.4, 1, "+0,4"), (-0.4, 1, "-0,4"), (0.5, 0, "+1"), (-0.5, 0, "-1"), (1500, 0, "+1.500"), (-1500, 0, "-1.500"),
])
def test_signed_differences(value, places, expected):
    assert formatting.signed(value, places) == expected


def test_differences_are_whole_unless_asked():
    assert (formatting.signed(12), formatting.signed(Decimal("-3.5")), formatting.signed(Decimal("0.4"))) == ("+12", "-4", "0")


@pytest.mark.parametrize("value, expected", [
    (Decimal("6"), "6"), (Decimal("6.00"), "6"), (Decimal("2.5"), "2,5"), (Decimal("2.25"), "2,25"),
    (Decimal("1410"), "1.410"), (Decimal("0.125"), "0,13"), (Decimal("12.50"), "12,5"), (Decimal("1234.5"), "1.234,5"),
    (0, "0"), (Decimal("10.10"), "10,1"), (Decimal("2.001"), "2"), (Decimal("-2.5"), "-2,5"),
])
def test_quantity_drops_needless_decimals(value, expected):
    assert formatting.quantity(value) == expected


@pytest.mark.parametrize("value, expected", [
    (Decimal("467.4"), "467,4"), (Decimal("739.2300"), "739,23"), (Decimal("1200"), "1.200"), (5, "5"),
    (Decimal("0.125"), "0,125"),
])
def test_exact_keeps_every_decimal(value, expected):
    assert formatting.exact(value) == expected


def test_percentages_euros_and_dates():
    assert formatting.percentage(Decimal("12.02")) == "12,02%"
    assert formatting.percentage(Decimal("12.5")) == "12,50%"  # two places unless asked
    assert formatting.percentage(Decimal("12.025")) == "12,03%"
    assert formatting.percentage(Decimal("74.6"), 1) == "74,6%"
    assert formatting.percentage(Decimal("99.5"), 0) == "100%"
    assert formatting.euro(71034) == "€\u00a071.034"  # a no-break space: the sign never wraps alone
    assert formatting.euro(Decimal("4522.5")) == "€\u00a04.523"
    assert formatting.euro_cents(Decimal("110.99")) == "€\u00a0110,99"
    assert formatting.euro_cents(Decimal("100.5")) == "€\u00a0100,50"
    assert formatting.date(dt.date(2024, 11, 21)) == "21 november 2024"
    assert formatting.date(dt.date(2025, 1, 1)) == "1 januari 2025"
    assert formatting.date(dt.date(2025, 12, 31)) == "31 december 2025"
    assert formatting.date(dt.date(2025, 4, 30)) == "30 april 2025"


@pytest.mark.parametrize("text, printed", [
    ("1.410", True), ("0", True), ("+12,5%", True), ("-3", True), ("€\u00a071.034", True), ("€ 110,99", True),
    ("12,02%", True), ("1410", True), ("1.41", False), ("12.5", False), ("abc", False), ("A1.17.00", False),
    ("", False), ("1.410 uur", False), ("2025", True), ("–", False),
])
def test_is_printed_number(text, printed):
    assert formatting.is_printed_number(text) is printed


@pytest.mark.parametrize("text, value", [
    ("1.410", Decimal("1410")), ("12,02%", Decimal("12.02")), ("€\u00a071.034", Decimal("71034")),
    ("-3,5", Decimal("-3.5")), ("+12", Decimal("12")), ("1.234.567,8", Decimal("1234567.8")), ("", Decimal(0)),
])
def test_parse_reads_back_what_was_printed(text, value):
    assert formatting.parse(text) == value
