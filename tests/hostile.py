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


# --- documents for `uvpgen textconv` and `diff` that are small but ask much work --------------

def _pdf_with_font():
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    return pdf, font


def _page(pdf, font, content, **resources):
    import pikepdf

    pdf.add_blank_page()
    page = pdf.pages[-1].obj
    page.Contents = content
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font), **resources)
    return page


def _structure(pdf, kids: list) -> None:
    """A tagged PDF: the structure tree's Document element holds `kids`."""
    import pikepdf

    document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document,
                                                    K=pikepdf.Array(kids)))
    pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=document))
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


def text_lines(count: int, text: str = "Tekst op een regel", line_break: bool = True) -> bytes:
    """Page content in marked content 0 that draws `text` `count` times, each on a new line or
    all on one."""
    move = b" 0 -14 Td " if line_break else b" "
    return (b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td " + (b"(" + text.encode() + b") Tj" + move) * count
            + b"ET EMC")


def drawing(size: int) -> bytes:
    """Page content of about `size` bytes that draws no text (transformations, as a chart has)."""
    return b"q " + b"1 0 0 1 0 0 cm " * (size // 15) + b"Q"


def pdf_pages_sharing(path: Path, pages: int, content: bytes, tounicode_bytes: int = 0) -> Path:
    """A tagged PDF of `pages` pages that all draw one content stream, in one font whose
    ToUnicode map is about `tounicode_bytes` long: small files, as pages share them."""
    import pikepdf

    pdf, font = _pdf_with_font()
    if tounicode_bytes:
        entries = b"100 beginbfchar\n" + b"<41> <0041>\n" * 100 + b"endbfchar\n"
        font.ToUnicode = pdf.make_indirect(pikepdf.Stream(
            pdf, b"begincmap 1 begincodespacerange <00> <FF> endcodespacerange\n"
                 + entries * (tounicode_bytes // len(entries)) + b"endcmap"))
    stream = pdf.make_indirect(pikepdf.Stream(pdf, content))
    first = [_page(pdf, font, stream) for _ in range(pages)][0]
    _structure(pdf, [pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P,
                                                          Pg=first, K=0))])
    pdf.save(path, compress_streams=True)
    return path


def pdf_drawing_a_form(path: Path, calls: int, form: bytes) -> Path:
    """A tagged PDF with one page that draws one form XObject `calls` times."""
    import pikepdf

    pdf, font = _pdf_with_font()
    xobject = pdf.make_indirect(pikepdf.Stream(pdf, form))
    xobject.Type, xobject.Subtype, xobject.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 600, 800]
    xobject.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page = _page(pdf, font, pdf.make_indirect(pikepdf.Stream(pdf, text_lines(1) + b" /X0 Do" * calls)),
                 XObject=pikepdf.Dictionary(X0=xobject))
    _structure(pdf, [pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P,
                                                          Pg=page, K=0))])
    pdf.save(path, compress_streams=True)
    return path


def pdf_structure(path: Path, depth: int, fanout: int, cycle: bool = False) -> Path:
    """A tagged PDF whose structure tree is `depth` levels of Div above one paragraph, each level
    holding the one below `fanout` times (2: a graph that is 2 ** depth elements as a tree); with
    `cycle`, the top element holds itself as well."""
    import pikepdf

    pdf, font = _pdf_with_font()
    page = _page(pdf, font, pdf.make_indirect(pikepdf.Stream(pdf, text_lines(1))))
    node = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, Pg=page, K=0))
    for _ in range(depth):
        node = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Div, Pg=page,
                                                    K=pikepdf.Array([node] * fanout)))
    if cycle:
        node.K = pikepdf.Array([node, *node.K])
    _structure(pdf, [node])
    pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return path


def pdf_wide_structure(path: Path, elements: int, references: int, content: bytes = text_lines(1)) -> Path:
    """A tagged PDF whose structure has `elements` paragraphs, each holding the page's marked
    content 0 `references` times."""
    import pikepdf

    pdf, font = _pdf_with_font()
    page = _page(pdf, font, pdf.make_indirect(pikepdf.Stream(pdf, content)))
    _structure(pdf, [pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, Pg=page,
                                                          K=pikepdf.Array([0] * references)))
                     for _ in range(elements)])
    pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return path


W_NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(path: Path, body: str, styles: str = "") -> Path:
    """A DOCX from python-docx's default template with this body XML, and `styles` added."""
    import io

    import docx as python_docx

    template = io.BytesIO()
    python_docx.Document().save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "word/document.xml":
                content = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NAMESPACE}>'
                           f"<w:body>{body}</w:body></w:document>").encode()
            elif part.filename == "word/styles.xml":
                content = content.replace(b"</w:styles>", styles.encode() + b"</w:styles>")
            archive.writestr(part.filename, content)
    return path


def docx_cell(text: str = "x", properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def docx_merged_column(rows: int, columns: int, text: str = "x") -> str:
    """A table whose first row's cells each start a vertical merge (vMerge) that every row continues."""
    first = "<w:tr>" + docx_cell(text, '<w:vMerge w:val="restart"/>') * columns + "</w:tr>"
    return f'<w:tbl>{first}{("<w:tr>" + docx_cell("", "<w:vMerge/>") * columns + "</w:tr>") * (rows - 1)}</w:tbl>'


def paragraph_styles(names: list[str]) -> str:
    """Paragraph styles S0, S1 … with these names."""
    return "".join(f'<w:style w:type="paragraph" w:styleId="S{index}"><w:name w:val="{name}"/></w:style>'
                   for index, name in enumerate(names))


def styled_paragraph(style: str, text: str = "woord") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
