"""Load stage, spreadsheets: a CSV or XLSX file read as a person sees it in Excel, within limits.

The prognoses and the case system's exports are tables. What is read is what a person sees:
- CSV: UTF-8 (with or without BOM) or Windows-1252, as Excel saves it; separated by ';' (numbers
  with a decimal comma), a tab or ',' (a decimal point); Excel's `sep=;` first line is allowed.
  Other encodings (DOS code page 850, UTF-16) are refused, not guessed.
- XLSX: the one visible sheet whose first row has the expected columns. Hidden sheets are never
  read; hidden rows or columns holding data (hidden too: a row lower than 3 points, a column
  narrower than one character, as Excel shows them), merged cells, formulas without a saved value
  and error values (#DEEL/0!) are refused.
- Row numbers are the spreadsheet's: the header is row 1, and empty rows count but are skipped.
A value is a stripped string (CSV) or what the cell holds (XLSX: str, int, float, datetime).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .characters import check_value
from .errors import InputError, clip
from .formatting import number
from .limits import MAX_TABLE_BYTES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_XLSX_BYTES, check_zip, read_bytes

if TYPE_CHECKING:
    import openpyxl


def column_letter(number: int) -> str:
    """A spreadsheet column as people name it: 1 -> A, 27 -> AA. (openpyxl is imported only to read
    a workbook: it costs a fifth of a second, and most builds read none.)"""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters

CP1252_SAVE = "in Excel: Opslaan als 'CSV UTF-8' of 'CSV (gescheiden door lijstscheidingsteken)'"
# Windows-1252 punctuation that code page 850 text shows where its accented letters were: 'Enschede‚'
DOS_MOJIBAKE = re.compile(r"[^\W\d_][‚„†‡ˆ‰‹“”•˜›¡¢¤¥]")
UTF8_MOJIBAKE = re.compile(r"Ã[\u00a0-\u00bf]")  # UTF-8 é read as Windows-1252: 'Ã©'


@dataclass(frozen=True)
class Table:
    """The non-empty rows of a table: (row number, {field: value}) with a value for every
    required field; and whether numbers written as text use a decimal comma."""
    rows: tuple[tuple[int, dict[str, Any]], ...]
    dutch: bool


def read_table(path: Path, required: tuple[str, ...], optional: tuple[str, ...] = (),
               names: dict[str, str] | None = None) -> Table:
    """The table in a .csv or .xlsx file. `names` maps column headers (lower case, single spaces)
    to fields; by default a column is named after its field."""
    names = names or {field: field for field in required + optional}
    read = _read_xlsx if path.suffix.lower() == ".xlsx" else _read_csv
    table = read(path, required, names)
    if not table.rows:
        raise InputError("het bestand bevat alleen een kopregel", path=path, expected="minstens één regel met gegevens")
    return table


def _normal(header: Any) -> str:
    return re.sub(r"[\s_]+", " ", str(header or "")).strip().lower()


def _columns(path: Path, header: list[Any], required: tuple[str, ...], names: dict[str, str],
             where: str = "") -> dict[str, int]:
    """Field -> column index; a field in two columns is an error (which one would count?)."""
    if len(header) > MAX_TABLE_COLUMNS:
        raise InputError(f"de kopregel{where} heeft {len(header)} kolommen", path=path, row=1,
                         expected=f"hoogstens {MAX_TABLE_COLUMNS} kolommen")
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        field = names.get(_normal(cell))
        if field in columns:
            raise InputError(f"kolom '{field}' staat twee keer in de kopregel{where} "
                             f"(kolom {column_letter(columns[field] + 1)} en {column_letter(index + 1)})",
                             path=path, row=1, value=str(cell), expected="elke kolom één keer")
        if field:
            columns[field] = index
    missing = [field for field in required if field not in columns]
    if missing:
        found = ", ".join(str(cell) for cell in header if cell is not None)
        hint = " Is het scheidingsteken een puntkomma?" if len(header) == 1 and not where else ""
        raise InputError(f"kolom(men) ontbreken{where}: {', '.join(missing)}.{hint}", path=path, row=1,
                         value=clip(found), expected="kolommen " + ", ".join(required))
    return columns


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _empty_cell(path: Path, row: int, field: str, hint: str = "") -> InputError:
    return InputError("lege cel", path=path, row=row, field=field, expected=f"een waarde{hint}")


# --- CSV ------------------------------------------------------------------------------------

def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 or Windows-1252 text; every other encoding is named and refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:2].count(b"\x00") == 1:
        raise InputError("het bestand is in UTF-16 opgeslagen (in Excel: 'Unicode-tekst')", path=path,
                         expected=f"UTF-8 of Windows-1252 ({CP1252_SAVE})")
    if raw.startswith(b"PK\x03\x04"):
        raise InputError("dit is een Excel-werkmap (XLSX) met de naam .csv", path=path,
                         expected="een CSV-bestand, of dezelfde werkmap met de naam .xlsx")
    if b"\x00" in raw:
        raise InputError("het bestand bevat NUL-tekens: het is geen tekst", path=path,
                         line=raw[:raw.index(b"\x00")].count(b"\n") + 1, expected="een CSV-bestand (tekst)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if raw.startswith(codecs.BOM_UTF8):
            raise InputError("het bestand begint als UTF-8 maar bevat tekens die geen UTF-8 zijn", path=path,
                             line=raw[:err.start].count(b"\n") + 1,
                             expected=f"één tekenset: UTF-8 of Windows-1252 ({CP1252_SAVE})") from None
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as err:  # five bytes Windows-1252 does not use, and DOS uses for ü, É, ...
        text, problem = raw[:err.start].decode("cp1252"), raw[err.start:err.start + 1]
        raise InputError(f"teken dat in Windows-1252 niet bestaat (byte {problem.hex().upper()}); het bestand "
                         "is waarschijnlijk in een DOS-codetabel (850) opgeslagen", path=path,
                         line=text.count("\n") + 1, expected=f"UTF-8 of Windows-1252 ({CP1252_SAVE})") from None
    for pattern, what in ((UTF8_MOJIBAKE, "deels UTF-8 en deels Windows-1252"),
                          (DOS_MOJIBAKE, "waarschijnlijk in een DOS-codetabel (850)")):
        match = pattern.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            word = re.search(r"\S*$", text[:match.end()]).group() + re.match(r"\S*", text[match.end():]).group()
            raise InputError(f"het bestand is {what} opgeslagen", path=path, line=line, value=clip(word),
                             expected=f"één tekenset: UTF-8 of Windows-1252 ({CP1252_SAVE})")
    return text


CSV_PROBLEMS = {  # the csv module's words -> ours
    "unexpected end of data": 'een aanhalingsteken (") wordt niet gesloten',
    "expected after": 'tekst na een afsluitend aanhalingsteken (")',
    "field larger than field limit": f"een cel is langer dan {number(csv.field_size_limit())} tekens",
}


def _records(path: Path, text: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    """The records with their row numbers; a cell spanning lines (a quote that is not closed
    swallows the rows after it) is an error, not one long cell."""
    row = 0
    try:
        for row, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True), start=1):
            if any("\n" in cell or "\r" in cell for cell in cells):
                raise csv.Error("unexpected end of data")
            yield row, cells
    except csv.Error as err:
        problem = next((ours for words, ours in CSV_PROBLEMS.items() if words in str(err)), str(err))
        raise InputError(f"onleesbare CSV: {problem}", path=path, row=row + 1,
                         expected="één regel per rij, een tekst met aanhalingstekens ook afgesloten") from None


def _read_csv(path: Path, required: tuple[str, ...], names: dict[str, str]) -> Table:
    text = _decode(path, read_bytes(path, MAX_TABLE_BYTES))
    if not text.strip():
        raise InputError("het bestand is leeg", path=path, expected="een kopregel en regels met gegevens")
    first, _, rest = text.partition("\n")
    declared = re.fullmatch(r"sep=(.)\r?", first)  # Excel's own first line, not shown as a row
    text = rest if declared else text
    header_line = text.partition("\n")[0]
    separator = declared.group(1) if declared else ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    records = _records(path, text, separator)
    _, header = next(records)
    columns = _columns(path, header, required, names)
    rows = []
    for row, cells in records:
        if row > MAX_TABLE_ROWS:
            raise InputError("te veel rijen", path=path, row=row, expected=f"hoogstens {number(MAX_TABLE_ROWS)} rijen")
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            raise InputError(f"de rij heeft {len(cells)} velden, de kopregel {len(header)}", path=path, row=row,
                             expected=f"evenveel velden als de kopregel (staat er een '{separator}' in een getal of tekst?)")
        if all(not cell.strip() for cell in cells):
            continue
        values = {}
        for field, index in columns.items():
            value = cells[index] if index < len(cells) else ""
            check_value(value, path=path, row=row, field=field)
            values[field] = value.strip()
        for field in required:
            if not values[field]:
                raise _empty_cell(path, row, field)
        rows.append((row, values))
    return Table(tuple(rows), dutch=separator != ",")


# --- XLSX -----------------------------------------------------------------------------------

def _workbook(path: Path, content: bytes, data_only: bool, read_only: bool = False) -> openpyxl.Workbook:
    """The workbook in `content`, the bytes read (once, checked) from `path`."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            return openpyxl.load_workbook(io.BytesIO(content), data_only=data_only, read_only=read_only)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise InputError(f"onleesbaar Excel-bestand ({type(err).__name__}: {err})", path=path,
                         expected="een .xlsx-bestand zoals Excel het opslaat") from None


def _check_extent(path: Path, sheet, rows: int | None, columns: int | None) -> None:
    if (rows or 0) > MAX_TABLE_ROWS or (columns or 0) > MAX_TABLE_COLUMNS:
        raise InputError(f"werkblad '{sheet.title}' loopt tot cel {column_letter(columns or 1)}{rows or 1}",
                         path=path, expected=f"hoogstens {number(MAX_TABLE_ROWS)} rijen en {MAX_TABLE_COLUMNS} kolommen "
                                             "(verwijder lege rijen en kolommen met opmaak)")


def _check_declared_extents(path: Path, content: bytes) -> None:
    """The size each sheet declares (<dimension ref="A1:XFD1048576"/>), before any sheet is read:
    a reader that trusts it makes every row that long (8 GB for a million rows of 16.384 cells)."""
    workbook = _workbook(path, content, data_only=True, read_only=True)  # reads no more of a sheet than its dimension
    try:
        for sheet in workbook.worksheets:
            _check_extent(path, sheet, sheet.max_row, sheet.max_column)
    finally:
        workbook.close()


def _header(sheet) -> list[Any]:
    return list(next(sheet.iter_rows(max_row=1, values_only=True), ()))


def _choose_sheet(path: Path, workbook: openpyxl.Workbook, required: tuple[str, ...], names: dict[str, str]):
    """The one visible sheet whose first row has every required column."""
    def complete(sheet) -> bool:
        return set(required) <= {names.get(_normal(cell)) for cell in _header(sheet)}

    visible = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
    chosen = [sheet for sheet in visible if complete(sheet)]
    if len(chosen) > 1:
        raise InputError("meer dan één zichtbaar werkblad heeft de kolommen " + ", ".join(required), path=path,
                         value=", ".join(sheet.title for sheet in chosen),
                         expected="precies één zichtbaar werkblad met de gegevens (verwijder of verberg de andere)")
    if chosen:
        return chosen[0]
    hidden = [sheet.title for sheet in workbook.worksheets if sheet.sheet_state != "visible" and complete(sheet)]
    if hidden:
        raise InputError("de gegevens staan op een verborgen werkblad", path=path, value=hidden[0],
                         expected="de gegevens op een zichtbaar werkblad (maak het zichtbaar in Excel)")
    if len(visible) != 1:
        raise InputError("geen zichtbaar werkblad met de kolommen " + ", ".join(required) + " in rij 1", path=path,
                         value=", ".join(sheet.title for sheet in visible),
                         expected="één zichtbaar werkblad met een kopregel in rij 1")
    sheet = visible[0]
    merged = [str(cells) for cells in sheet.merged_cells.ranges if cells.min_row == 1]
    where = f" op werkblad '{sheet.title}'" + (f" (samengevoegde cellen {', '.join(merged)})" if merged else "")
    _columns(path, _header(sheet), required, names, where)  # raises: the columns are not all there


def _read_xlsx(path: Path, required: tuple[str, ...], names: dict[str, str]) -> Table:
    content = read_bytes(path, MAX_XLSX_BYTES)
    check_zip(path, content, MAX_XLSX_BYTES, "Excel")
    _check_declared_extents(path, content)
    sheet = _choose_sheet(path, _workbook(path, content, data_only=True), required, names)
    _check_extent(path, sheet, sheet.max_row, sheet.max_column)  # the cells it has, whatever it declared
    columns = _columns(path, _header(sheet), required, names)
    _refuse_what_is_not_shown(path, sheet, set(columns.values()))
    rows = []
    for row, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        if all(_blank(cell.value) for cell in cells):
            continue
        hidden = _hidden_row(sheet, row)
        if hidden:
            raise InputError(hidden, path=path, row=row,
                             expected="alleen zichtbare rijen (zet het filter uit, maak de rij zichtbaar of verwijder haar)")
        values = {}
        for field, index in columns.items():
            cell = cells[index]
            if cell.data_type == "e":
                raise InputError(f"Excel-fout in cel {cell.coordinate}", path=path, row=row, field=field,
                                 value=cell.value, expected="een waarde (herstel de formule in Excel)")
            if _blank(cell.value) and field in required:
                formula = _formula(path, content, sheet.title, cell.coordinate)
                if formula is not None:
                    raise InputError(f"formule zonder opgeslagen waarde in cel {cell.coordinate}", path=path,
                                     row=row, field=field, value=formula,
                                     expected="een waarde: open het bestand in Excel en sla het op, of plak de waarden")
                raise _empty_cell(path, row, field, " (samengevoegde cellen? vul elke rij)")
            if isinstance(cell.value, str):
                check_value(cell.value, path=path, row=row, field=field)
            values[field] = cell.value.strip() if isinstance(cell.value, str) else cell.value
        rows.append((row, values))
    return Table(tuple(rows), dutch=True)


def _refuse_what_is_not_shown(path: Path, sheet, columns: set[int]) -> None:
    """Hidden or merged cells in the columns read (hidden rows: where the rows are read)."""
    for cells in sheet.merged_cells.ranges:
        if any(cells.min_col <= index + 1 <= cells.max_col for index in columns):
            raise InputError(f"samengevoegde cellen {cells.coord} op werkblad '{sheet.title}'", path=path,
                             row=cells.min_row, expected="één waarde per cel (maak de samenvoeging ongedaan)")
    for index in sorted(columns):
        hidden = _hidden_column(sheet, index + 1)
        if hidden:
            raise InputError(hidden, path=path,
                             expected="alleen zichtbare kolommen (maak de kolom zichtbaar of verwijder hem)")


MIN_ROW_HEIGHT = 3  # points: a lower row shows nothing a person can read (Excel's default is 15)
MIN_COLUMN_WIDTH = 1  # characters


def _hidden_row(sheet, row: int) -> str | None:
    """Why Excel does not show a row, or None: hidden (a filter), or too low to read, by its own
    height or, without one, the sheet's (zeroHeight: every row without a height of its own)."""
    dimension = sheet.row_dimensions.get(row)
    where = f"rij {row} is verborgen op werkblad '{sheet.title}'"
    if dimension is not None and dimension.hidden:
        return where + " (een filter?)"
    own = dimension.ht if dimension is not None else None
    height = own if own is not None else 0 if sheet.sheet_format.zeroHeight else sheet.sheet_format.defaultRowHeight
    if height is not None and height < MIN_ROW_HEIGHT:
        return where + f": ze is {_decimal(height)} punt hoog"
    return None


def _hidden_column(sheet, column: int) -> str | None:
    """Why Excel does not show a column (1 is A), or None: hidden, or too narrow to read."""
    dimension = next((d for d in sheet.column_dimensions.values()
                      if d.min is not None and d.min <= column <= d.max), None)
    where = f"kolom {column_letter(column)} is verborgen op werkblad '{sheet.title}'"
    if dimension is not None and dimension.hidden:
        return where
    width = dimension.width if dimension is not None else sheet.sheet_format.defaultColWidth
    if width is not None and width < MIN_COLUMN_WIDTH:
        return where + f": ze is {_decimal(width)} tekens breed"
    return None


def _decimal(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _formula(path: Path, content: bytes, title: str, coordinate: str) -> str | None:
    """The formula in a cell that has no saved value (the file read again, only on this error path)."""
    cell = _workbook(path, content, data_only=False)[title][coordinate]
    return str(cell.value) if cell.data_type == "f" else None
