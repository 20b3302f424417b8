"""Load stage, realisation: exports of the case system and PowerBI, read as they come.

An export is a CSV or XLSX table (read by uvpgen.tables as a person sees it in Excel), one file
per export, in data/<jaar>/realisatie/<periode>/. Everything is normalised here, once: deelnemer names to
slugs, Dutch numbers to numbers, dates to dates. Every problem names file, row and column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .data import MAX_NUMBER, YearData, read_yaml
from .errors import InputError
from .spreadsheets import read_table

COLUMN_NAMES = {  # normalised header -> field; exports name their columns in several ways
    "deelnemer": "deelnemer", "gemeente": "deelnemer", "bevoegd gezag": "deelnemer",
    "code": "code", "productcode": "code", "product code": "code",
    "aantal": "aantal", "aantal afgerond": "aantal", "aantal gerealiseerd": "aantal", "aantal gesloten": "aantal",
    "uren": "uren", "uren geschreven": "uren", "uren besteed": "uren",
    "status": "status",
    "peildatum": "peildatum",
}
PRODUCT_FIELDS = ("deelnemer", "code", "aantal", "uren", "peildatum")
PROJECT_FIELDS = ("code", "uren", "status", "peildatum")
PROJECT_STATUSES = ("Initiatiefase", "Realisatiefase", "Afrondingsfase", "Afgerond", "Gestopt")
PROJECT_ENDED = ("Afgerond", "Gestopt")  # the statuses of a project that no longer runs


@dataclass(frozen=True)
class Realised:
    """What a deelnemer's product realised by the peildatum."""
    deelnemer: str
    code: str
    aantal: int
    uren: Decimal
    source: str  # "file, rij n": where it came from, for messages


@dataclass(frozen=True)
class ProjectRealised:
    code: str
    uren: Decimal
    status: str
    source: str  # "file, rij n"


@dataclass(frozen=True)
class PeriodRealisation:
    periode: str
    peildatum: dt.date
    illustratief: bool
    producten: tuple[Realised, ...]
    projecten: dict[str, ProjectRealised]


# --- reading one file ---------------------------------------------------------------------

DUTCH_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$")
POINT_NUMBER = re.compile(r"^\d+(\.\d+)?$")


# --- values ----------------------------------------------------------------------------

def _number(value: object, path: Path, row: int, field: str, dutch: bool) -> Decimal:
    if isinstance(value, bool):
        raise InputError("geen getal", path=path, row=row, field=field, value=value)
    if isinstance(value, (int, float)):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        pattern, example = (DUTCH_NUMBER, "12 of 1.234,5") if dutch else (POINT_NUMBER, "12 of 1234.5")
        if not pattern.match(digits):
            hint = " (in een export met ';' is de komma het decimaalteken)" if dutch and POINT_NUMBER.match(digits) else ""
            raise InputError(f"geen getal{hint}", path=path, row=row, field=field, value=value,
                             expected=f"een getal, zoals {example}")
        if dutch:
            digits = digits.replace(".", "").replace(",", ".")
        try:
            number = Decimal(sign + digits)
        except InvalidOperation:
            raise InputError("geen getal", path=path, row=row, field=field, value=value,
                             expected=f"een getal, zoals {example}") from None
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        raise InputError("ongeldig of onwaarschijnlijk groot getal", path=path, row=row, field=field, value=value,
                         expected="een getal onder de 10 miljoen")
    if number < 0:
        raise InputError("negatief getal", path=path, row=row, field=field, value=value, expected="0 of meer")
    return abs(number)  # -0 is 0


def _count(value: object, path: Path, row: int, dutch: bool) -> int:
    number = _number(value, path, row, "aantal", dutch)
    if number != number.to_integral_value():
        raise InputError("een aantal producten is een geheel getal", path=path, row=row, field="aantal",
                         value=value, expected="een geheel aantal, zoals 12")
    return int(number)


def _date(value: object, path: Path, row: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InputError("onleesbare datum", path=path, row=row, field="peildatum", value=value,
                     expected="een datum als 30-04-2025")


def _check_peildatum(date: dt.date, peildatum: dt.date, periode: str, path: Path, row: int) -> None:
    """Every row of an export has the period's peildatum; a row of another year's export says so."""
    if date != peildatum:
        other_year = f"een export van {date.year}, niet van {peildatum.year}: " if date.year != peildatum.year else ""
        raise InputError(f"{other_year}peildatum hoort niet bij de periode {periode}", path=path, row=row,
                         field="peildatum", value=date.strftime("%d-%m-%Y"), expected=peildatum.strftime("%d-%m-%Y"))


def _deelnemer_lookup(data: YearData) -> dict[str, str]:
    names = {}
    for d in data.deelnemers:
        for name in (d.slug, d.naam, d.aanduiding, d.kortenaam):
            names[name.lower()] = d.slug
    return names


# --- a period -----------------------------------------------------------------------------

def load_period(data_dir: Path, data: YearData, periode: str) -> PeriodRealisation:
    """All exports of one period, normalised and checked (see the module docstring)."""
    folder = data_dir / str(data.jaar) / "realisatie" / periode
    peildatum = period_date(data_dir, data, periode)
    files = _export_files(folder)
    if not files:
        raise InputError(f"geen exports voor {periode}", path=folder, expected="CSV- of XLSX-exports met de realisatie")
    illustratief = _illustrative(folder / "bron.yaml")
    names = _deelnemer_lookup(data)
    seen: dict[tuple[str, str], str] = {}
    rows: list[Realised] = []
    for path in files:
        table = read_table(path, PRODUCT_FIELDS, names=COLUMN_NAMES)
        for row, record in table.rows:
            name = str(record["deelnemer"]).strip()
            slug = names.get(name.lower())
            if slug is None:
                nearest = difflib.get_close_matches(name.lower(), list(names), n=1)
                raise InputError("onbekende deelnemer", path=path, row=row, field="deelnemer", value=name,
                                 expected=(f"bijvoorbeeld '{nearest[0]}'; " if nearest else "")
                                 + "een naam of slug uit data/deelnemers.yaml")
            code = str(record["code"]).strip()
            if code not in data.producten:
                nearest = difflib.get_close_matches(code, list(data.producten), n=1)
                raise InputError("productcode staat niet in de catalogus data/pdc.yaml", path=path, row=row,
                                 field="code", value=code, expected=f"een code uit de PDC{f', bijv. {nearest[0]}' if nearest else ''}")
            _check_peildatum(_date(record["peildatum"], path, row), peildatum, periode, path, row)
            where = f"{path.name}, rij {row}"
            if (slug, code) in seen:
                raise InputError("dubbele regel: deze deelnemer en dit product staan al in de export", path=path,
                                 row=row, field="code", value=f"{name} {code}", expected=f"één regel (eerder: {seen[slug, code]})")
            seen[slug, code] = where
            rows.append(Realised(slug, code, _count(record["aantal"], path, row, table.dutch),
                                 _number(record["uren"], path, row, "uren", table.dutch), where))
    missing = [d.aanduiding for d in data.deelnemers if not any(r.deelnemer == d.slug for r in rows)]
    if missing:
        raise InputError(f"geen realisatie voor {', '.join(missing)}", path=folder,
                         expected="voor elke deelnemer regels in de exports van deze periode")
    return PeriodRealisation(periode, peildatum, illustratief, tuple(rows), _load_projects(folder, data, periode, peildatum))


def period_date(data_dir: Path, data: YearData, periode: str) -> dt.date:
    """The peildatum of a period, which monitoring.yaml must know."""
    found = data.monitoring.perioden.get(periode)
    if found is None:
        raise InputError(f"onbekende periode '{periode}'", path=data_dir / str(data.jaar) / "monitoring.yaml",
                         field="perioden", expected="voorjaar, najaar of jaar met een peildatum")
    return found


def _export_files(folder: Path) -> list[Path]:
    """The product exports of a period. A spreadsheet uvpgen cannot read is refused, not skipped;
    hidden files and Excel's lock files (~$export.xlsx, while it is open) are not exports."""
    files = []
    for path in sorted(folder.glob("*")):
        if path.name.startswith((".", "~$")) or path.is_dir():
            continue
        if path.suffix.lower() not in (".csv", ".xlsx", ".yaml", ".md"):
            raise InputError("een soort bestand dat uvpgen niet leest", path=path, value=path.suffix,
                             expected="exports als .csv of .xlsx (sla .xls, .xlsm of .ods in Excel op als "
                                      "'Excel-werkmap (*.xlsx)')")
        if path.suffix.lower() in (".csv", ".xlsx") and path.stem != "projecten":
            files.append(path)
    return files


def _illustrative(path: Path) -> bool:
    if not path.is_file():
        return False
    data, _ = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("illustratief"), bool):
        raise InputError("verkeerde vorm", path=path, field="illustratief", expected="illustratief: true of false")
    return data["illustratief"]


def _load_projects(folder: Path, data: YearData, periode: str, peildatum: dt.date) -> dict[str, ProjectRealised]:
    candidates = [folder / "projecten.csv", folder / "projecten.xlsx"]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise InputError("projectexport ontbreekt", path=candidates[0],
                         expected="per project code, uren, status en peildatum")
    table = read_table(path, PROJECT_FIELDS, names=COLUMN_NAMES)
    known = {p.code for p in data.projecten}
    projects: dict[str, ProjectRealised] = {}
    for row, record in table.rows:
        code, status = str(record["code"]).strip(), str(record["status"]).strip()
        if code not in known:
            raise InputError("onbekend project", path=path, row=row, field="code", value=code,
                             expected="een code uit data/<jaar>/projecten.yaml")
        if code in projects:
            raise InputError("dubbel project", path=path, row=row, field="code", value=code)
        if status not in PROJECT_STATUSES:
            raise InputError("onbekende status", path=path, row=row, field="status", value=status,
                             expected=", ".join(PROJECT_STATUSES))
        _check_peildatum(_date(record["peildatum"], path, row), peildatum, periode, path, row)
        projects[code] = ProjectRealised(code, _number(record["uren"], path, row, "uren", table.dutch), status,
                                         f"{path.name}, rij {row}")
    missing = sorted(known - set(projects))
    if missing:
        raise InputError(f"projecten ontbreken: {', '.join(missing)}", path=path,
                         expected="een regel voor elk project uit data/<jaar>/projecten.yaml")
    return projects


def check_cumulative(periods: list[PeriodRealisation]) -> None:
    """Exports count from 1 January: for every deelnemer and product (finished products, hours
    written) and every project (hours), a later period is never lower than an earlier one."""
    for earlier, later in zip(periods, periods[1:]):
        now = {(r.deelnemer, r.code): r for r in later.producten}
        for row in earlier.producten:
            after = now.get((row.deelnemer, row.code))
            for field in ("aantal", "uren"):
                before_value, after_value = getattr(row, field), getattr(after, field) if after else 0
                if after_value < before_value:
                    raise InputError(
                        f"cumulatief cijfer daalt: {row.deelnemer} {row.code} had op {earlier.peildatum:%d-%m-%Y} "
                        f"{field} {before_value} ({row.source}), op {later.peildatum:%d-%m-%Y} "
                        f"{after_value} ({after.source if after else 'geen regel in de export'})",
                        field=field, value=after_value,
                        expected=f"minstens {before_value}: de exports tellen vanaf 1 januari")
        for code, project in earlier.projecten.items():
            after_hours = later.projecten[code].uren
            if after_hours < project.uren:
                raise InputError(
                    f"cumulatief cijfer daalt: project {code} had op {earlier.peildatum:%d-%m-%Y} {project.uren} uur "
                    f"({project.source}), op {later.peildatum:%d-%m-%Y} {after_hours} uur "
                    f"({later.projecten[code].source})", field="uren", value=after_hours,
                    expected=f"minstens {project.uren}: de exports tellen vanaf 1 januari")
