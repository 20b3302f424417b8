"""Dutch number, percentage, money and date formats as printed in the documents: 1.410, 12,02%, € 71.034."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def round_half_up(value: Decimal | int | float, places: int = 0) -> Decimal:
    """Commercial rounding (0,5 up), as people and spreadsheets round; Python's round() rounds half to even."""
    return Decimal(str(value)).quantize(Decimal(10) ** -places, rounding=ROUND_HALF_UP)


def number(value: Decimal | int | float, places: int = 0) -> str:
    """1410 -> '1.410'; number(12.5, 1) -> '12,5'. Thousands with a dot, decimals with a comma."""
    rounded = round_half_up(value, places)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):.{places}f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = ".".join([whole, *groups])
    return sign + (f"{text},{fraction}" if places else text)


def signed(value: Decimal | int | float, places: int = 0) -> str:
    """A difference with its sign: '+12', '-3,5', and '0' when it rounds to nothing (number()
    never prints '-0': a negative that rounds to zero is zero)."""
    text = number(value, places)
    return text if text.startswith("-") or round_half_up(value, places) == 0 else "+" + text


def quantity(value: Decimal | int | float) -> str:
    """A count or kental: whole numbers without decimals, otherwise up to two decimals ('2,5')."""
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return number(value)
    return number(value, 2).rstrip("0").rstrip(",")


def exact(value: Decimal | int) -> str:
    """A number with every decimal it has, unrounded: 467.4 -> '467,4', 739.2300 -> '739,23'."""
    value = Decimal(value).normalize()
    return number(value, max(0, -value.as_tuple().exponent))


def percentage(value: Decimal | int | float, places: int = 2) -> str:
    """12.02 -> '12,02%'."""
    return number(value, places) + "%"


def euro(value: Decimal | int | float) -> str:
    """71034 -> '€ 71.034' (whole euros, with a no-break space so the sign never wraps alone)."""
    return "€\u00a0" + number(value)


def euro_signed(value: Decimal | int | float) -> str:
    """A difference in whole euros with its sign: '+€ 1.234', '-€ 56', '€ 0'."""
    text = signed(value)
    return "€\u00a0" + text if text == "0" else text[0] + "€\u00a0" + text[1:]


def euro_cents(value: Decimal | int | float) -> str:
    """110.99 -> '€ 110,99' (a rate)."""
    return "€\u00a0" + number(value, 2)


def date(value: dt.date) -> str:
    """2024-11-21 -> '21 november 2024'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


PRINTED_NUMBER = re.compile(r"^[+-]?(€\s?)?\d{1,3}(\.\d{3})*(,\d+)?%?$|^[+-]?(€\s?)?\d+(,\d+)?%?$")


def is_printed_number(text: str) -> bool:
    """Whether a table cell is a number as this module prints it ('1.410', '+12,5%', '€ 71.034')."""
    return bool(PRINTED_NUMBER.match(text))  # \s matches the no-break space after €


def number_in(text: str | None) -> Decimal | None:
    """The number a cell prints, or None where it prints text ('n.v.t.', '–') or nothing."""
    return parse(text) if text is not None and is_printed_number(text) else None


def parse(text: str) -> Decimal:
    """The inverse of the printers above: '1.410' -> 1410, '12,02%' -> 12.02, '€ 71.034' -> 71034."""
    cleaned = re.sub(r"[€%\s]", "", text)  # \s: the no-break space after € too
    return Decimal(cleaned.replace(".", "").replace(",", ".") or 0)
