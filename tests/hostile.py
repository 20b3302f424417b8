"""Makers of hostile inputs for the bad-input corpus (tests/bad_inputs/<case>/make.py): files too
large, too odd or too dangerous to commit, written into the project copy while the test runs."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

VOORJAAR = Path("data/2025/realisatie/voorjaar")
EXPORT_HEADER = ["Deelnemer", "Productcode", "Aantal afgerond", "Uren geschreven", "Peildatum"]


def export_rows(project: Path) -> list[list]:
    """A small, valid voorjaar export: one row per deelnemer, header first."""
    deelnemers = yaml.safe_load((project / "data/deelnemers.yaml").read_text(encoding="utf-8"))["deelnemers"]
    return [EXPORT_HEADER] + [[d["naam"], "A1.17.00", 1, 6, "30-04-2025"] for d in deelnemers]


def replace_voorjaar_export(project: Path) -> Path:
    """Remove the voorjaar CSV export; return the folder, for the export a case writes instead."""
    for path in (project / VOORJAAR).glob("powerbi-export-*.csv"):
        path.unlink()
    return project / VOORJAAR


@dataclass
class Sheet:
    """One worksheet: rows of str, int or float cells ('#DEEL/0!' style strings become error cells)."""
    name: str
    rows: list[list]
    state: str = "visible"
    head: str = ""  # XML before <sheetData>: <cols>, or a <dimension> instead of the true one
    tail: str = ""  # XML after </sheetData>: <mergeCells>
    hidden_rows: tuple[int, ...] = ()
    row_heights: tuple[tuple[int, str], ...] = ()  # (row, ht): a height Excel sets as customHeight
    prologue: str = ""  # before the root element: a DOCTYPE
    encoding: str = "utf-8"  # Python's codec for the part: "utf-16" (with a byte order mark), "utf-16-be", "utf-32"


def column(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("#") and value.endswith(("!", "?", "A")):
        return f'<c r="{ref}" t="e"><v>{escape(value)}</v></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet_xml(sheet: Sheet) -> str:
    rows = []
    for number, cells in enumerate(sheet.rows, start=1):
        hidden = ' hidden="1"' if number in sheet.hidden_rows else ""
        hidden += "".join(f' ht="{height}" customHeight="1"' for row, height in sheet.row_heights if row == number)
        body = "".join(_cell(f"{column(i)}{number}", value) for i, value in enumerate(cells, start=1))
        rows.append(f'<row r="{number}"{hidden}>{body}</row>')
    width = max((len(cells) for cells in sheet.rows), default=1)
    dimension = "" if "<dimension" in sheet.head else f'<dimension ref="A1:{column(width)}{max(len(sheet.rows), 1)}"/>'
    declared = sheet.encoding.upper().removesuffix("-LE").removesuffix("-BE")
    return (f'<?xml version="1.0" encoding="{declared}"?>{sheet.prologue}'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{dimension}{sheet.head}<sheetData>{"".join(rows)}</sheetData>{sheet.tail}</worksheet>')


def xlsx(path: Path, *sheets: Sheet, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal XLSX that Excel and openpyxl open; `extra` adds or replaces parts."""
    ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                               'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                               'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                               '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                               'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                               + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                                         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                                         for i in range(1, len(sheets) + 1)) + "</Types>",
        "_rels/.rels": f'<Relationships {ns}><Relationship Id="rId1" Type="{rel}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                           f'xmlns:r="{rel}"><sheets>'
                           + "".join(f'<sheet name="{escape(s.name)}" sheetId="{i}" state="{s.state}" r:id="rId{i}"/>'
                                     for i, s in enumerate(sheets, start=1)) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f"<Relationships {ns}>"
                                      + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" '
                                                f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
                                      + "</Relationships>",
    }
    parts.update({f"xl/worksheets/sheet{i}.xml": sheet_xml(s).encode(s.encoding) for i, s in enumerate(sheets, start=1)})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**parts, **(extra or {})}.items():
            archive.writestr(name, content)
    return path


def zip_bomb(path: Path, unpacked: int, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """A small zip whose one part unpacks to `unpacked` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, b" " * unpacked)
    return path


def understate_size(path: Path, member: str, declared: int) -> None:
    """Make the zip directory claim `member` unpacks to `declared` bytes (it unpacks to more)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    start = 0
    while True:
        start = data.index(b"PK\x01\x02", start)
        name_length = int.from_bytes(data[start + 28:start + 30], "little")
        if data[start + 46:start + 46 + name_length] == name:
            data[start + 24:start + 28] = declared.to_bytes(4, "little")
            break
        start += 4
    path.write_bytes(bytes(data))


def git_repository(project: Path) -> None:
    """The project copy as a git repository with one commit, tagged v1.0."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                       check=True, capture_output=True)
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "versie 1.0")
    git("tag", "v1.0")


def _next_year(text: str, pattern: str) -> str:
    """Every date `pattern` finds, a year on."""
    return re.sub(pattern, lambda m: re.sub(r"20\d\d", lambda y: str(int(y.group()) + 1), m.group()), text)


def copy_year(project: Path, dates: bool = False, exports: bool = False) -> None:
    """A new year as a writer starts one by hand: data/2025 and content/2025 copied to 2026, and
    the 2026 verdeelsleutel and kentallen the build asks for. `dates`: the dates of document.yaml,
    monitoring.yaml and doelen.yaml a year on; `exports`: the exports' peildata too (CSV and XLSX)."""
    import openpyxl  # here: it costs a fifth of a second, and few cases need it

    shutil.copytree(project / "data/2025", project / "data/2026")
    shutil.copytree(project / "content/2025", project / "content/2026")
    for name, key in (("deelnemers", "verdeelsleutel"), ("pdc", "kentallen")):
        path = project / f"data/{name}.yaml"
        path.write_text(re.sub(rf"{key}: \{{2025: ([0-9.]+)\}}", rf"{key}: {{2025: \1, 2026: \1}}",
                               path.read_text(encoding="utf-8")), encoding="utf-8")
    for name in ("document", "monitoring", "doelen") if dates else ():
        path = project / f"data/2026/{name}.yaml"
        path.write_text(_next_year(path.read_text(encoding="utf-8"), r"\b20\d\d-\d\d-\d\d\b"), encoding="utf-8")
    for path in (project / "data/2026/realisatie").glob("*/*.*") if exports else ():
        if path.suffix == ".csv":
            path.write_bytes(_next_year(path.read_bytes().decode("utf-8"), r"-2025\b").encode("utf-8"))
        elif path.suffix == ".xlsx":
            workbook = openpyxl.load_workbook(path)
            for cell in (cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row):
                if isinstance(cell.value, datetime.datetime):
                    cell.value = cell.value.replace(year=cell.value.year + 1)
                elif isinstance(cell.value, str):
                    cell.value = _next_year(cell.value, r"-2025\b")
            workbook.save(path)
