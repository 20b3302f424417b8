"""Property tests: the Dutch formatters and the largest-remainder shares hold for any input."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, strategies as st

from uvpgen import formatting
from uvpgen.figures import largest_remainder


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_number_round_trips_and_groups_by_three(value):
    text = formatting.number(value)
    assert int(text.replace(".", "")) == value
    groups = text.lstrip("-").split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False),
       st.integers(min_value=0, max_value=3))
def test_number_with_decimals_is_rounded_half_up(value, places):
    text = formatting.number(value, places)
    parsed = Decimal(text.replace(".", "").replace(",", "."))
    # Within half a unit would let half-to-even (Python's round) or half-down pass too: the printed
    # value is the half-up rounding, worked with decimal's own ROUND_HALF_UP.
    assert parsed == value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert ("," in text) == (places > 0)


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_percentage_and_euro(value):
    assert formatting.percentage(value).endswith("%")
    assert Decimal(formatting.percentage(value)[:-1].replace(",", ".")) == value
    assert formatting.euro(value).startswith("€\u00a0")


@given(st.integers(min_value=-10**6, max_value=10**6), st.integers(min_value=0, max_value=2))
def test_signed_has_a_sign_unless_zero(value, places):
    text = formatting.signed(value, places)
    assert text[0] in "+-" or set(text) <= {"0", ","}


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=20),
       st.integers(min_value=0, max_value=10**6))
def test_largest_remainder_always_adds_up(weights, total):
    if sum(weights) == 0:
        weights = [1] + weights[1:]
    # Percentages with two decimals that add up to exactly 100, as in deelnemers.yaml.
    raw = [Decimal(w) * 10000 / sum(weights) for w in weights]
    cents = [int(r) for r in raw]
    cents[0] += 10000 - sum(cents)
    percentages = {f"d{i}": Decimal(c) / 100 for i, c in enumerate(cents)}
    parts = largest_remainder(total, percentages)
    assert sum(parts.values()) == total
    for key, part in parts.items():
        assert abs(part - total * percentages[key] / 100) < 1
