"""Bounded work: what one input file may cost at most (DESIGN §8), and the checks that hold it.

Every input is limited in size before it is parsed, so that no file in data/ or content/, and
no document given to `uvpgen diff` or `textconv`, can make a build hang or exhaust memory.
Going over a limit is an input error. The limits are far above what real files need.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .formatting import number
from .paths import open_file

MAX_YAML_BYTES = 1_000_000        # a data file; the largest real one (projecten.yaml) is 26 kB
MAX_YAML_DEPTH = 20               # nesting levels in a data file; real ones use 5
MAX_TABLE_BYTES = 10_000_000      # a CSV export or prognose
MAX_XLSX_BYTES = 10_000_000       # an XLSX, unpacked: the sum of its parts as its zip directory declares them
MAX_ZIP_MEMBERS = 1_000           # parts in an XLSX or DOCX
MAX_TABLE_ROWS = 20_000           # rows in a table, the header included
MAX_TABLE_COLUMNS = 100           # columns in a table
MAX_CONTENT_BYTES = 1_000_000     # a content text
MAX_REVIEW_BYTES = 10_000_000     # a document for `uvpgen diff` or `textconv` (unpacked for a DOCX); ours are < 0,3 MB
MAX_TEMPLATE_BYTES = 1_000_000    # a template (.j2); the largest real one is 17 kB
MAX_SOURCE_BYTES = 10_000_000     # any file in data/, content/ or templates/ (fonts 0,5 MB), hashed or not
MAX_OUTPUT_BYTES = 100_000_000    # a file in output/ that a build reads back or compares; ours are < 5 MB


def limit_of(path: Path) -> int:
    """The most bytes a source file may hold: its reader's limit, so that a file refused before any
    work (fingerprints.source_files) gets the same message as when it is read."""
    return {".yaml": MAX_YAML_BYTES, ".md": MAX_CONTENT_BYTES, ".csv": MAX_TABLE_BYTES, ".xlsx": MAX_XLSX_BYTES,
            ".j2": MAX_TEMPLATE_BYTES}.get(path.suffix.lower(), MAX_SOURCE_BYTES)


# Reading a document back (uvpgen.reading): what a small file could otherwise multiply. Ours need
# at most 46 pages, 2,4 MB of page content and fonts, 250 bytes of text in a line, 8.000 characters on a
# page, 17.000 structure elements
# 9 deep, 9 columns, 12.000 words and cells, 150.000 characters and 2.200.000 word pairs.
MAX_REVIEW_MARKDOWN = 500_000     # characters of a .md compared; markdown-it needs ~500 bytes of memory for each
MAX_REVIEW_PAGES = 2_000          # pages of a PDF
MAX_REVIEW_CONTENT = 6_000_000    # bytes of page content and fonts pypdf reads, over all pages: what pages share, or a form drawn again, counts each time
MAX_REVIEW_LINE = 10_000          # bytes of text a PDF draws without a new line (pypdf's work grows with its square)
MAX_REVIEW_PAGE_TEXT = 100_000    # characters of text on a page (pypdf's work grows with its square)
MAX_REVIEW_ELEMENTS = 200_000     # structure elements and marked-content references of a PDF, each visited once
MAX_REVIEW_DEPTH = 100            # nesting of a PDF's structure tree
MAX_REVIEW_COLUMNS = 50           # columns of a table row, a cell spanning columns (gridSpan) counted in each
MAX_REVIEW_ITEMS = 100_000        # words, paragraphs, headings, tables, rows and cells read from one document
MAX_REVIEW_TEXT = 2_000_000       # characters of text read from one document, text shown again (a merged cell, shared content) each time
MAX_REVIEW_COMPARED = 10_000_000  # word pairs the change report compares word by word; beyond, a changed section is one change


def size(count: int) -> str:
    """A byte count in full, so that one byte over a limit shows: '1.000.001 bytes'."""
    return f"{number(count)} bytes"


def read_bytes(path: Path, limit: int, inside: Path | None = None) -> bytes:
    """The bytes of a regular file that is no larger than `limit`. A link, in the file's place or
    in any folder on its way below `inside` (paths.open_file), a folder or a device is refused:
    it could lead outside the project, or never end (a pipe)."""
    with open_file(path, inside) as stream:
        content = stream.read(limit + 1)
        if len(content) > limit:
            raise _too_large(path, stream, len(content), limit)
    return content


def _too_large(path: Path, stream: BinaryIO, count: int, limit: int) -> InputError:
    count = max(count, os.fstat(stream.fileno()).st_size)
    return InputError(f"bestand is te groot ({size(count)})", path=path, expected=f"hoogstens {size(limit)}")


def file_hash(path: Path, limit: int, inside: Path | None = None) -> str:
    """The sha256 of a file as read_bytes would read it, read in pieces: memory stays small."""
    digest, count = hashlib.sha256(), 0
    with open_file(path, inside) as stream:
        while piece := stream.read(1 << 20):
            count += len(piece)
            if count > limit:
                raise _too_large(path, stream, count, limit)
            digest.update(piece)
    return digest.hexdigest()


class Budget:
    """The work reading one document may cost (the MAX_REVIEW_ limits), spent as it is done.

    Going over is an input error about the document, and every later `spend` raises it again: a
    library that catches errors from our callbacks (pypdf, inside a form) cannot read on."""

    def __init__(self, path: Path | str | None, task: str = "dit document te lezen") -> None:
        self.path, self.task = path, task
        self.spent: dict[str, int] = {}
        self.refused: InputError | None = None

    def spend(self, amount: int, limit: int, what: str) -> None:
        """Count `amount` more of `what` (Dutch, plural: "woorden en cellen")."""
        self.spent[what] = self.spent.get(what, 0) + amount
        self.at_most(self.spent[what], limit, what)

    def at_most(self, count: int, limit: int, what: str) -> None:
        """One count that may not pass its limit (pages, depth, columns)."""
        if self.refused is None and count > limit:
            self.refused = InputError(f"te veel werk om {self.task}: meer dan {number(limit)} {what}",
                                      path=self.path, expected="een document zoals uvpgen het maakt, ver onder deze grens")
        if self.refused is not None:
            raise self.refused


OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")  # old Office files, and encrypted new ones


def check_zip(path: Path, content: bytes, limit: int, kind: str) -> None:
    """Refuse a zip file (XLSX, DOCX), given as the bytes read from `path`, that would unpack to
    more than `limit` bytes, before any library unpacks it. Python's zipfile never inflates a part
    beyond the size the directory declares (it stops with a CRC error), so checking the directory
    is enough. Office writes no DTD in its XML: one can only be there to expand entities (a
    billion laughs), in whatever encoding it is written (`xml_problem`)."""
    expected = f"een {kind}-bestand zoals {kind} het opslaat"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            unpacked = sum(part.file_size for part in parts)
            if len(parts) > MAX_ZIP_MEMBERS or unpacked > limit:
                raise InputError(f"{kind}-bestand pakt uit tot {size(unpacked)} in {len(parts)} delen", path=path,
                                 expected=f"hoogstens {size(limit)} en {MAX_ZIP_MEMBERS} delen")
            problems = [(part.filename, problem) for part in parts
                        if (problem := xml_problem(archive.read(part))) is not None]
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        problem = ("het oude Office-formaat (.xls, .doc) of een bestand met een wachtwoord"
                   if content.startswith(OLE_SIGNATURE) else f"het is geen (gaaf) zip-archief ({err})")
        raise InputError(f"geen {kind}-bestand: {problem}", path=path, expected=expected + ", zonder wachtwoord") from None
    if problems:
        raise InputError(problems[0][1], path=path, value=problems[0][0], expected=expected)


# The first bytes of an XML document in each encoding that needs no declaration to be found
# (XML 1.0, appendix F): a byte order mark, '<' in a wide encoding without one, or '<?xm' in EBCDIC.
_XML_STARTS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
               (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"), (b"<\0\0\0", "utf-32-le"),
               (b"\0\0\0<", "utf-32-be"), (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be"), (b"\x4c\x6f\xa7\x94", "cp037"))
_DECLARED = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_READ = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be")  # what Office writes, and what is searched
_DOCTYPE = re.compile(r"<!\s*DOCTYPE", re.IGNORECASE)


def xml_problem(part: bytes) -> str | None:
    """What is wrong with a part of a zip if it is XML: a DOCTYPE, in whatever encoding it is
    written (UTF-16 hides '<!DOCTYPE' from a search for its UTF-8 bytes), or an encoding other
    than the UTF-8 and UTF-16 Office writes (a search cannot see into every one of them). A part
    that is not XML (a picture) has none."""
    encoding = next((name for start, name in _XML_STARTS if part.startswith(start)), None)
    if encoding is None:
        if not part.lstrip().startswith(b"<"):
            return None
        declared = _DECLARED.match(part)
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        known = codecs.lookup(encoding).name in _READ
    except LookupError:
        known = False
    if not known:
        return f"XML in tekenset {encoding!r}"
    try:
        text = part.decode(encoding)
    except UnicodeDecodeError:
        return f"XML die geen geldige {encoding} is"
    return "XML met een DOCTYPE (een DTD kan tekst onbegrensd laten uitdijen)" if _DOCTYPE.search(text) else None
