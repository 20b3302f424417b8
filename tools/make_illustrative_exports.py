"""Write the illustrative case-system exports of 2025: a plausible, consistent year.

Until the real exports of PowerBrowser/PowerBI are in data/2025/realisatie/, these stand in for
them (bron.yaml says `illustratief: true`, and every document built from them says so in its
colophon). They are made to hold what real exports hold: every figure counts from 1 January,
so a later period is never lower than an earlier one (uvpgen checks this when it loads them).

The numbers are deterministic (a hash of deelnemer, product and period, no random state):
each product finishes between 75% and 125% of its prognose over the year, spread over the
months as its seasonal profile (or pro rata) says, with some noise; hours written follow the
finished products times the kental, with work in progress between peildata. Enschede follows
the storyline its texts explain: toezicht starts slowly (vacancies, periodic inspections
planned late) and does not fully catch up; handhaving runs ahead (backlog of lasten onder
dwangsom, more BOA cases); more asbestos removals and fewer repair notifications.

Run: .venv/bin/python tools/make_illustrative_exports.py (overwrites the three periods' exports).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from uvpgen.documents import Cycle, ProjectPaths  # noqa: E402

FOLDER = ROOT / "data" / "2025" / "realisatie"
PERIODS = (("voorjaar", dt.date(2025, 4, 30)), ("najaar", dt.date(2025, 8, 31)), ("jaar", dt.date(2025, 12, 31)))

# Enschede's year as its texts tell it: the share of the prognose finished by year end, and how far
# behind (below 1) or ahead the first months run.
ENSCHEDE_YEAR = {"A2.02.05": Decimal("0.79"), "A2.02.04": Decimal("0.7"), "A2.08.00": Decimal("0.8"),
                 "A2.16.03": Decimal("0.78"), "A2.04.00": Decimal("0.8"), "A2.09.08": Decimal("0.77"),
                 "A2.09.10": Decimal("0.8"), "A2.03.04": Decimal("0.8"),
                 "A3.02.01": Decimal("1.45"), "A3.03.04": Decimal("1.4"), "A3.03.00": Decimal("1.35"),
                 "A3.03.02": Decimal("1.3"), "A1.35.03": Decimal("1.22"), "A1.35.05": Decimal("0.78")}
ENSCHEDE_PACE = {"A2": (Decimal("0.66"), Decimal("0.76")), "A3": (Decimal("1.25"), Decimal("1.2"))}


def noise(*parts: object) -> Decimal:
    """A deterministic number in [0, 1) for these parts."""
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return Decimal(int.from_bytes(digest[:4], "big")) / Decimal(2**32)


def between(low: str, high: str, *parts: object) -> Decimal:
    return Decimal(low) + (Decimal(high) - Decimal(low)) * noise(*parts)


def whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def product_year(data, slug: str, code: str, prognose: int) -> list[tuple[int, Decimal]]:
    """(finished, hours written) at each peildatum, cumulative and never decreasing."""
    kental = data.producten[code].kentallen[2025]
    year_share = ENSCHEDE_YEAR.get(code) if slug == "enschede" else None
    year_share = year_share or between("0.75", "1.25", slug, code, "jaar")
    finished_year = whole(prognose * year_share)
    effort = between("0.85", "1.2", slug, code, "uren")
    pace = ENSCHEDE_PACE.get(code[:2], (Decimal(1), Decimal(1))) if slug == "enschede" else (Decimal(1), Decimal(1))
    rows, finished, hours = [], 0, Decimal(0)
    for index, (periode, peildatum) in enumerate(PERIODS):
        expected = data.monitoring.fraction(code, peildatum)
        if periode != "jaar":
            expected *= pace[index] * between("0.85", "1.15", slug, code, periode)
        target = finished_year if periode == "jaar" else min(finished_year, whole(finished_year * expected))
        finished = max(finished, target)
        in_progress = Decimal(0) if periode == "jaar" else kental * between("0", "0.6", slug, code, periode, "wip")
        hours = max(hours, one_decimal(finished * kental * effort + in_progress))
        rows.append((finished, hours))
    return rows


def unplanned(data, slug: str) -> list[str]:
    """Now and then a deelnemer asks for a product that was not in its prognose."""
    planned = {r.code for r in data.prognoses[slug]}
    candidates = [code for code in sorted(data.producten) if code not in planned and not data.producten[code].illustratief]
    return [code for code in candidates if noise(slug, code, "ongepland") < Decimal("0.02")][:2]


def main() -> None:
    data = Cycle(ProjectPaths(ROOT), 2025).data
    per_period: dict[str, list[tuple[str, str, int, Decimal]]] = {p: [] for p, _ in PERIODS}
    for deelnemer in data.deelnemers:
        items = [(r.code, r.aantal) for r in data.prognoses[deelnemer.slug]]
        items += [(code, 2) for code in unplanned(data, deelnemer.slug)]
        for code, prognose in sorted(items):
            for (periode, _), (finished, hours) in zip(PERIODS, product_year(data, deelnemer.slug, code, prognose)):
                if finished or hours:
                    per_period[periode].append((deelnemer.naam, code, finished, hours))
    write_csv(FOLDER / "voorjaar" / "powerbi-export-2025-04-30.csv", per_period["voorjaar"], PERIODS[0][1], bom=False)
    write_xlsx(FOLDER / "najaar" / "zaaksysteem-export-2025-08-31.xlsx", per_period["najaar"], PERIODS[1][1])
    write_csv(FOLDER / "jaar" / "zaaksysteem-export-2025-12-31.csv", per_period["jaar"], PERIODS[2][1], bom=True)
    write_projects(data)


def write_csv(path: Path, rows, peildatum: dt.date, bom: bool) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Deelnemer", "Productcode", "Aantal afgerond", "Uren geschreven", "Peildatum"])
    for naam, code, finished, hours in rows:
        writer.writerow([naam, code, finished, str(hours).replace(".", ","), peildatum.strftime("%d-%m-%Y")])
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))


def write_xlsx(path: Path, rows, peildatum: dt.date) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Export"
    sheet.append(["Deelnemer", "Productcode", "Aantal afgerond", "Uren geschreven", "Peildatum"])
    for naam, code, finished, hours in rows:
        sheet.append([naam, code, finished, float(hours), dt.datetime.combine(peildatum, dt.time())])
    workbook.properties.created = workbook.properties.modified = dt.datetime(2025, 9, 1)
    workbook.save(path)


PROJECT_STATUS = {  # voorjaar, najaar, jaareinde (projectresultaten.yaml describes the last)
    "OD1": ("Realisatiefase", "Realisatiefase", "Afgerond"), "OD2": ("Realisatiefase",) * 3,
    "OD3": ("Realisatiefase",) * 3, "OD4": ("Initiatiefase", "Realisatiefase", "Realisatiefase"),
    "OD5": ("Realisatiefase", "Afrondingsfase", "Afgerond"), "OD6": ("Initiatiefase", "Realisatiefase", "Realisatiefase"),
    "OD7": ("Realisatiefase",) * 3, "OD8": ("Realisatiefase",) * 3,
    "OD9": ("Initiatiefase", "Initiatiefase", "Realisatiefase"), "OD10": ("Initiatiefase", "Realisatiefase", "Afgerond"),
    "OD11": ("Initiatiefase", "Initiatiefase", "Realisatiefase"), "OD12": ("Initiatiefase", "Realisatiefase", "Afgerond"),
}


def write_projects(data) -> None:
    """Project hours through the year: about a third, two thirds and the whole year's spending."""
    for index, (periode, peildatum) in enumerate(PERIODS):
        lines = ["code;uren;status;peildatum"]
        for project in data.projecten:
            capacity = project.capaciteit_uren if isinstance(project.capaciteit_uren, int) else 0
            spent = whole(capacity * between("0.8", "1.1", project.code, "jaar") * (index + 1) / 3
                          * between("0.95", "1.0", project.code, periode)) if capacity else 0
            status = PROJECT_STATUS[project.code][index]
            lines.append(f"{project.code};{spent};{status};{peildatum:%d-%m-%Y}")
        (FOLDER / periode / "projecten.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
