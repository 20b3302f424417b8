"""The published documents against their sources, read here without uvpgen: every product line
of a prognose CSV is a row of its programme's table in the deelnemer's UVP (count, kental from
the PDC, hours = count × kental, the total the sum of the rows), Twente's rows are the sums of the
deelnemers' lines, and every monitoring report and jaarverslag names the peildatum of
monitoring.yaml. A dropped row, a wrong product, a peildatum a day off fail here, even when
every document agrees with every other."""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
import yaml

from conftest import ROOT, printed_number as value, printed_table

DATA = ROOT / "data"
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
PROGRAMMES = {"A1": "vergunningen", "A2": "toezicht", "A3": "handhaving", "A4": "advies"}


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@pytest.fixture(scope="module")
def sources():
    catalogue = {p["code"]: p for p in yaml.safe_load((DATA / "pdc.yaml").read_text(encoding="utf-8"))["producten"]}
    deelnemers = [d["slug"] for d in yaml.safe_load((DATA / "deelnemers.yaml").read_text(encoding="utf-8"))["deelnemers"]]
    prognoses = {}
    for slug in deelnemers:
        with open(DATA / "2025" / "prognose" / f"{slug}.csv", encoding="utf-8", newline="") as f:
            prognoses[slug] = {row["code"]: int(row["aantal"]) for row in csv.DictReader(f, delimiter=";")}
    return catalogue, prognoses


def expected_rows(catalogue: dict, counts: dict[str, int], programme: str) -> list[list[str]]:
    """Code, name, count and hours as a reader checks them against the CSV and the PDC."""
    rows = []
    for code in sorted(c for c in counts if PROGRAMMES[c[:2]] == programme):
        kental = Decimal(str(catalogue[code]["kentallen"][2025]))
        rows.append([code, catalogue[code]["naam"], Decimal(counts[code]), kental, counts[code] * kental])
    return rows


def read_rows(markdown: str, table_id: str) -> tuple[list[list], Decimal]:
    _, printed = printed_table(markdown, table_id)
    body, total = printed[:-1], printed[-1]
    assert total[:2] == ["", "Totaal benodigde capaciteit"]
    return [[r[0], r[1].replace("\\|", "|"), value(r[2]), value(r[3]), value(r[4])] for r in body], value(total[-1])


@pytest.mark.parametrize("programme", PROGRAMMES.values())
def test_every_prognose_line_is_a_row_of_its_uvp(committed, sources, programme):
    catalogue, prognoses = sources
    for slug, counts in prognoses.items():
        markdown = (committed / slug / f"uvp-2025-{slug}.md").read_text(encoding="utf-8")
        rows, total = read_rows(markdown, f"prognose-{programme}")
        expected = expected_rows(catalogue, counts, programme)
        assert rows == expected, f"{slug}: {programme}"
        assert total == sum(r[-1] for r in expected), f"{slug}: totaal {programme}"


@pytest.mark.parametrize("programme", PROGRAMMES.values())
def test_twente_rows_are_the_sums_of_the_prognose_lines(committed, sources, programme):
    catalogue, prognoses = sources
    summed: dict[str, int] = {}
    for counts in prognoses.values():
        for code, n in counts.items():
            summed[code] = summed.get(code, 0) + n
    rows, total = read_rows((committed / "twente" / "uvp-2025-twente.md").read_text(encoding="utf-8"),
                             f"twente-{programme}")
    expected = expected_rows(catalogue, summed, programme)
    assert rows == expected
    assert total == sum(r[-1] for r in expected)


@pytest.mark.parametrize("kind, periode", [("monitoring-voorjaar", "voorjaar"), ("monitoring-najaar", "najaar"),
                                           ("jaarverslag", "jaar")])
def test_every_report_names_the_peildatum_of_monitoring_yaml(committed, kind, periode):
    peildatum = yaml.safe_load((DATA / "2025" / "monitoring.yaml").read_text(encoding="utf-8"))["perioden"][periode]
    named = dutch_date(peildatum)
    dates = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") 2025\b")
    for folder in sorted(p for p in committed.iterdir() if p.is_dir()):
        markdown = (folder / f"{kind}-2025-{folder.name}.md").read_text(encoding="utf-8")
        sentence = "tot en met de peildatum van" if periode != "jaar" else "met de stand op"
        assert f"{sentence} {named}" in markdown, folder.name
        # Every caption and chart description "... tot en met <datum>" names that day, and no other.
        labelled = [line for line in markdown.splitlines() if line.startswith(("Tabel ", "![")) and "tot en met" in line]
        assert labelled or periode == "jaar", folder.name
        for line in labelled:
            found = [" ".join(m) for m in dates.findall(line.split("tot en met", 1)[1])]
            assert set(found) <= {named[:-5]} and (found or line.startswith("![")), line


@pytest.mark.parametrize("kind, periode", [("monitoring-voorjaar", "voorjaar"), ("monitoring-najaar", "najaar"),
                                           ("jaarverslag", "jaar")])
def test_every_planned_product_is_reported_with_what_was_expected(committed, sources, kind, periode):
    """Each product of a deelnemer's prognose is a row of its programme in every report, with the
    prognose of the CSV, and during the year with Verwacht = prognose × the share of the year by the
    peildatum (month / 12, or the product's seasonal profile), to one decimal, half up."""
    _, prognoses = sources
    monitoring = yaml.safe_load((DATA / "2025" / "monitoring.yaml").read_text(encoding="utf-8"))
    month = monitoring["perioden"][periode].month
    profiles = monitoring.get("seizoensprofielen", {})
    table_id, planned = ("realisatie", "Gepland") if periode == "jaar" else ("voortgang", "Prognose")
    for slug, counts in prognoses.items():
        markdown = (committed / slug / f"{kind}-2025-{slug}.md").read_text(encoding="utf-8")
        for programme in PROGRAMMES.values():
            header, printed = printed_table(markdown, f"{table_id}-{programme}")
            rows = {row[0]: dict(zip(header, row)) for row in printed}
            for code, count in counts.items():
                if PROGRAMMES[code[:2]] != programme:
                    continue
                assert code in rows, f"{kind} {slug}: {code} ontbreekt"
                assert value(rows[code][planned]) == count, (kind, slug, code)
                if periode != "jaar":
                    share = Fraction(str(profiles[code][month - 1])) if code in profiles else Fraction(month, 12)
                    exact = Fraction(count) * share  # e.g. 10 × 4/12 = 3,333.. -> 3,3; 15 × 5/12 = 6,25 -> 6,3
                    expected = Decimal(exact.numerator) / Decimal(exact.denominator)
                    assert value(rows[code]["Verwacht"]) == expected.quantize(Decimal("0.1"), ROUND_HALF_UP), (kind, slug, code)
