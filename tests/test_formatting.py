"""Dutch formats as they appear in the documents."""

import datetime as dt
from decimal import Decimal

import pytest

from uvpgen import formatting


@pytest.mark.parametrize("value, places, expected", [
    (0, 0, "0"), (7, 0, "7"), (999, 0, "999"), (1410, 0, "1.410"), (580256, 0, "580.256"),
    (1234567, 0, "1.234.567"), (-4334, 0, "-4.334"), (739.5, 0, "740"), (2.5, 0, "3"),  # half up, not to even
    (12.02, 2, "12,02"), (1406.34, 1, "1.406,3"),
])
def test_number(value, places, expected):
    assert formatting.number(value, places) == expected


def test_quantity_drops_needless_decimals():
    assert formatting.quantity(Decimal("6")) == "6"
    assert formatting.quantity(Decimal("6.00")) == "6"
    assert formatting.quantity(Decimal("2.5")) == "2,5"
    assert formatting.quantity(Decimal("1410")) == "1.410"


def test_percentage_euro_and_date():
    assert formatting.percentage(Decimal("12.02")) == "12,02%"
    assert formatting.euro(71034) == "€\u00a071.034"
    assert formatting.date(dt.date(2024, 11, 21)) == "21 november 2024"
